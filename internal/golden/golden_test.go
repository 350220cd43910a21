package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                           {}
func (r *recorder) Errorf(format string, args ...any) { r.failed = true }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = true }
func (r *recorder) Fatal(args ...any)                 { r.failed = true }

func TestCheck(t *testing.T) {
	defer func(v bool) { *update = v }(*update)
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	r := &recorder{TB: t}
	*update = false
	Check(r, path, "a\n")
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	r = &recorder{TB: t}
	*update = true
	Check(r, path, "a\n")
	if data, err := os.ReadFile(path); r.failed || err != nil || string(data) != "a\n" {
		t.Errorf("update: failed %t, file %q, %v", r.failed, data, err)
	}
	r = &recorder{TB: t}
	*update = false
	Check(r, path, "b\n")
	if !r.failed {
		t.Error("a different output passed")
	}
	r = &recorder{TB: t}
	*update = false
	Check(r, path, "a\n")
	if r.failed {
		t.Error("the same output failed")
	}
}

// TestFiles checks that Files gives each matching file, and only those,
// to a subtest named after it, with its contents.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"a.txt": "A", "b.txt": "B", "c.other": "C"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]string{}
	Files(t, filepath.Join(dir, "*.txt"), 2, func(t *testing.T, path string, data []byte) {
		if want := filepath.Base(path); !strings.HasSuffix(t.Name(), "/"+want) {
			t.Errorf("subtest %s for %s", t.Name(), want)
		}
		got[filepath.Base(path)] = string(data)
	})
	if len(got) != 2 || got["a.txt"] != "A" || got["b.txt"] != "B" {
		t.Errorf("Files gave %v, want a.txt: A and b.txt: B", got)
	}
}
