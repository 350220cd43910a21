package litmus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// A File is one litmus file with the tests that loaded from it.
type File struct {
	Path  string
	Tests []*Test
	Err   error // the file's errors, an ErrorList, or nil
}

// LoadPaths loads every file of paths, each once; a directory stands for
// the test files in it (not in its subdirectories: .yaml, .yml and the
// registered formats), sorted by name. The error, an ErrorList, collects
// the errors of every file; the files are returned all the same.
func LoadPaths(paths []string) ([]File, error) {
	return Options{}.LoadPaths(paths)
}

// LoadPaths loads every file of paths as the function LoadPaths does,
// YAML files with the options o.
func (o Options) LoadPaths(paths []string) ([]File, error) {
	paths, err := expandPaths(paths)
	var errs ErrorList
	errs.Wrap(Pos{}, err)
	var files []File
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[filepath.Clean(p)] {
			continue
		}
		seen[filepath.Clean(p)] = true
		tests, err := o.LoadFile(p)
		errs.Wrap(Pos{}, err)
		files = append(files, File{Path: p, Tests: tests, Err: err})
	}
	return files, errs.Err()
}

// expandPaths replaces each directory in paths by the test files it holds.
func expandPaths(paths []string) ([]string, error) {
	var out []string
	var errs ErrorList
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, &Error{Pos: Pos{File: p}, Err: PathErr(err)})
			continue
		}
		var files []string
		for _, e := range entries {
			if name := e.Name(); !e.IsDir() && slices.Contains(testFileExts(), filepath.Ext(name)) {
				files = append(files, filepath.Join(p, name))
			}
		}
		if len(files) == 0 {
			exts := testFileExts()
			errs.Addf(Pos{File: p}, "no %s or %s files in directory", strings.Join(exts[:len(exts)-1], ", "), exts[len(exts)-1])
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, errs.Err()
}

// testFileExts returns the extensions of test files: .yaml, .yml, then the
// registered formats' in order.
func testFileExts() []string {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	var more []string
	for ext := range formats {
		more = append(more, ext)
	}
	sort.Strings(more)
	return append([]string{".yaml", ".yml"}, more...)
}

// PathErr returns the error inside a *fs.PathError (whose message repeats
// the path that a position gives already), or err itself.
func PathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Unique returns the tests of files, leaving out, with an error, each test
// whose name an earlier test has: names are unique in a run.
func Unique(files []File) ([]*Test, error) {
	var tests []*Test
	var errs ErrorList
	first := map[string]Pos{}
	for _, f := range files {
		for _, t := range f.Tests {
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
