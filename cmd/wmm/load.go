package main

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"wmm/catalog"
	"wmm/litmus"
	_ "wmm/wast" // litmus.LoadFile reads threads-proposal .wast scripts
)

// expandPaths replaces each directory in paths by the .yaml, .yml and
// .wast files it holds (not those of its subdirectories), sorted by name.
func expandPaths(paths []string) ([]string, error) {
	var out []string
	var errs litmus.ErrorList
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs.Add(litmus.Pos{File: p}, unwrapPathError(err).Error())
			continue
		}
		var files []string
		for _, e := range entries {
			if name := e.Name(); !e.IsDir() && isTestFile(name) {
				files = append(files, filepath.Join(p, name))
			}
		}
		if len(files) == 0 {
			errs.Add(litmus.Pos{File: p}, "no .yaml, .yml or .wast files in directory")
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, errs.Err()
}

// isTestFile reports whether a file in a directory holds litmus tests: a
// YAML file or a threads-proposal .wast script.
func isTestFile(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".wast")
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// A loadedFile is one litmus file with the tests that loaded from it.
type loadedFile struct {
	path  string
	tests []*litmus.Test
	err   error // the file's errors, an ErrorList, or nil
}

// loadFiles loads every file (directories expanded). The returned error,
// an ErrorList, collects the errors of every file; the tests that loaded
// are returned all the same.
func loadFiles(paths []string) ([]loadedFile, error) {
	paths, err := expandPaths(paths)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	var files []loadedFile
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[filepath.Clean(p)] {
			continue
		}
		seen[filepath.Clean(p)] = true
		tests, err := litmus.LoadFile(p)
		errs.Wrap(litmus.Pos{}, err)
		files = append(files, loadedFile{path: p, tests: tests, err: err})
	}
	return files, errs.Err()
}

// uniqueTests returns the tests of files, leaving out (with an error) each
// test whose name an earlier test has: names are unique in a run.
func uniqueTests(files []loadedFile) ([]*litmus.Test, error) {
	var tests []*litmus.Test
	var errs litmus.ErrorList
	first := map[string]litmus.Pos{}
	for _, f := range files {
		for _, t := range f.tests {
			if pos, dup := first[t.Name]; dup {
				errs.Addf(t.Pos, "duplicate test name %s (first in %s)", t.Name, pos)
				continue
			}
			first[t.Name] = t.Pos
			tests = append(tests, t)
		}
	}
	return tests, errs.Err()
}

// loadTests loads the tests a command runs: the files and directories in
// args, or, with fromCatalog, the bundled catalogue, of which args select
// tests or families (all when args is empty). The error, an ErrorList,
// collects every loading error; the tests that loaded are returned all the
// same.
func loadTests(args []string, fromCatalog bool) ([]*litmus.Test, error) {
	if fromCatalog {
		entries, err := catalog.Load()
		if err != nil {
			return nil, err
		}
		if len(args) > 0 {
			entries, err = catalog.Select(entries, args...)
		}
		tests := make([]*litmus.Test, len(entries))
		for i, e := range entries {
			tests[i] = e.Test
		}
		return tests, err
	}
	files, err := loadFiles(args)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	tests, err := uniqueTests(files)
	errs.Wrap(litmus.Pos{}, err)
	return tests, errs.Err()
}
