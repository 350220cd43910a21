package golden

import (
	"os"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	r := &recorder{TB: t}
	Check(r, path, "a\n", false)
	if !r.failed {
		t.Error("a missing golden file passed")
	}
	r = &recorder{TB: t}
	Check(r, path, "a\n", true)
	if data, err := os.ReadFile(path); r.failed || err != nil || string(data) != "a\n" {
		t.Errorf("update: failed %t, file %q, %v", r.failed, data, err)
	}
	r = &recorder{TB: t}
	Check(r, path, "b\n", false)
	if !r.failed {
		t.Error("a different output passed")
	}
	r = &recorder{TB: t}
	Check(r, path, "a\n", false)
	if r.failed {
		t.Error("the same output failed")
	}
}
