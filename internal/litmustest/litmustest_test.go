package litmustest

import (
	"strings"
	"testing"
)

// TestLoad checks that Load reads every file the patterns match, in
// order, and that a pattern matching nothing or a file that does not
// load is an error.
func TestLoad(t *testing.T) {
	tests := Load(t, "../../catalog/sb.yaml", "../../catalog/mp.y*ml")
	if len(tests) < 2 || tests[0].Name != "SB" || !strings.HasPrefix(tests[len(tests)-1].Name, "MP") {
		t.Errorf("Load gave %d tests, first %s: want SB's family, then MP's", len(tests), tests[0].Name)
	}
	for _, tc := range []struct{ pattern, want string }{
		{"no/such/*.yaml", "no file matches no/such/*.yaml"},
		{"[", "syntax error in pattern"},
		{"litmustest.go", "litmustest.go"}, // not a litmus test: LoadFile's error
	} {
		if _, err := load([]string{"../../catalog/sb.yaml", tc.pattern}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load(%s) = %v, want an error with %q", tc.pattern, err, tc.want)
		}
	}
}

// TestParse checks that Parse returns the tests of its source.
func TestParse(t *testing.T) {
	tests := Parse(t, "t.yaml", "name: T\nthreads:\n  T0: (nop)\n")
	if len(tests) != 1 || tests[0].Name != "T" {
		t.Errorf("Parse gave %d tests, want T", len(tests))
	}
}

// TestCatalog checks that Catalog gives the whole catalogue, or what
// Select picks, and Tests their tests in the same order.
func TestCatalog(t *testing.T) {
	all := Catalog(t)
	entries := Catalog(t, "SB+sc", "mp")
	tests := Tests(entries)
	if len(all) < 100 || len(tests) < 2 || len(tests) != len(entries) {
		t.Fatalf("Catalog gave %d entries, %d with names, Tests %d tests", len(all), len(entries), len(tests))
	}
	sb := false
	for i, e := range entries {
		if tests[i] != e.Test || (e.Test.Name != "SB+sc" && e.Family != "mp") {
			t.Errorf("entry %d: %s of family %s, test %s", i, e.Test.Name, e.Family, tests[i].Name)
		}
		sb = sb || e.Test.Name == "SB+sc"
	}
	if !sb {
		t.Error("no SB+sc")
	}
}
