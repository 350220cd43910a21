package litmus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLoadPaths checks the loading of files and directories: a directory
// stands for its test files in name order, a file named twice is loaded
// once, an empty directory and a missing file are errors (the latter
// keeping its identity), and Unique drops a second test of the same name.
func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	test := func(name string) []byte {
		return []byte("name: " + name + "\nthreads:\n  T0: nop\n")
	}
	for name, data := range map[string][]byte{"b.yaml": test("B"), "a.yml": test("A"), "notes.txt": []byte("x"), "c.yaml": test("A")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.yaml")
	files, err := LoadPaths([]string{dir, filepath.Join(dir, "b.yaml"), empty, missing})
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Base(f.Path))
	}
	if d := cmp.Diff([]string{"a.yml", "b.yaml", "c.yaml", "missing.yaml"}, paths); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v: errors.Is(err, fs.ErrNotExist) is false", err)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Pos.File != empty || list[0].Msg != "no .yaml or .yml files in directory" {
		t.Errorf("errors %v, want the empty directory's and the missing file's", err)
	}
	tests, err := Unique(files)
	if len(tests) != 2 || tests[0].Name != "A" || tests[1].Name != "B" || err == nil {
		t.Errorf("Unique: %d tests, error %v; want A and B, and an error for the second A", len(tests), err)
	}
}
