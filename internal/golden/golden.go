// Package golden compares test output with golden files under testdata/.
// It defines the -update flag of every test binary that imports it:
// go test ./PKG -update rewrites the package's golden files.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag.
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Check compares got with the file at path. With -update it first writes
// got there (creating the directory), so the comparison passes and the
// file shows the change under version control.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, d)
	}
}

// Files runs f as a subtest for each file that pattern matches, named
// after the file's base name, with the file's contents. It fails the test
// when fewer than min files match.
func Files(t *testing.T, pattern string, min int, f func(t *testing.T, path string, data []byte)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) < min {
		t.Fatalf("expected at least %d files %s, found %d (%v)", min, pattern, len(files), err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f(t, file, data)
		})
	}
}
