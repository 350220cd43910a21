// Package litmustest loads litmus tests for Go tests, failing the Go test
// on an error, as net/http/httptest serves them HTTP: Load reads the files
// that glob patterns match, Parse the YAML a test holds in its source,
// Catalog the bundled catalogue.
package litmustest

import (
	"errors"
	"path/filepath"
	"testing"

	"wmm/catalog"
	"wmm/litmus"
)

// Load returns the litmus tests of every file that the patterns match
// (filepath.Glob patterns, relative to the package's directory), in the
// order of the patterns and, for each, of the file names. It fails t when
// a pattern matches no file or a file does not load.
func Load(t testing.TB, patterns ...string) []*litmus.Test {
	t.Helper()
	tests, err := load(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return tests
}

// load is Load's work, with its error.
func load(patterns []string) ([]*litmus.Test, error) {
	var tests []*litmus.Test
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err == nil && len(files) == 0 {
			err = errors.New("no file matches " + pattern)
		}
		for _, f := range files {
			var tt []*litmus.Test
			if tt, err = litmus.LoadFile(f); err != nil {
				break
			}
			tests = append(tests, tt...)
		}
		if err != nil {
			return nil, err
		}
	}
	return tests, nil
}

// Parse returns the litmus tests of src, YAML as the file name would hold
// it, and fails t when it does not load.
func Parse(t testing.TB, name, src string) []*litmus.Test {
	t.Helper()
	tests, err := litmus.Load(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tests
}

// Catalog returns the entries of the bundled catalogue (catalog.Load), or
// those catalog.Select picks when names (of tests or families) are given.
// It fails t on an error.
func Catalog(t testing.TB, names ...string) []catalog.Entry {
	t.Helper()
	entries, err := catalog.Load()
	if err == nil && len(names) > 0 {
		entries, err = catalog.Select(entries, names...)
	}
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// Tests returns the tests of entries, in order.
func Tests(entries []catalog.Entry) []*litmus.Test {
	tests := make([]*litmus.Test, len(entries))
	for i, e := range entries {
		tests[i] = e.Test
	}
	return tests
}
