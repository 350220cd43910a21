package litmustest

import (
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.failed = true }
func (r *recorder) Fatal(args ...any)                 { r.failed = true }

// TestLoad checks that Load reads every file the patterns match, in
// order, and fails on a pattern that matches nothing.
func TestLoad(t *testing.T) {
	tests := Load(t, "../../catalog/sb.yaml", "../../catalog/mp.y*ml")
	if len(tests) < 2 || tests[0].Name != "SB" || tests[len(tests)-1].Name[:2] != "MP" {
		t.Errorf("Load gave %d tests, first %s: want SB's family, then MP's", len(tests), tests[0].Name)
	}
	r := &recorder{TB: t}
	if Load(r, "no/such/*.yaml"); !r.failed {
		t.Error("a pattern without files passed")
	}
}

// TestParse checks that Parse returns the tests of its source and fails
// on a test that does not load.
func TestParse(t *testing.T) {
	tests := Parse(t, "t.yaml", "name: T\nthreads:\n  T0: (nop)\n")
	if len(tests) != 1 || tests[0].Name != "T" {
		t.Errorf("Parse gave %d tests, want T", len(tests))
	}
	r := &recorder{TB: t}
	if Parse(r, "t.yaml", "name: T\n"); !r.failed {
		t.Error("a test without threads passed")
	}
}
