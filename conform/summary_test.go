package conform

import (
	"errors"
	"strings"
	"testing"

	"wmm/engine"
	"wmm/litmus"
)

// TestSummaryErr checks that a run that shows nothing is an error: no
// test given, every test skipped, a test of zero iterations (with the
// engine's note), and that a run with iterations is not.
func TestSummaryErr(t *testing.T) {
	tt := &litmus.Test{Name: "T", Pos: litmus.Pos{File: "t.yaml", Line: 1, Col: 1}}
	var none Summary
	if err := none.Err(); !errors.Is(err, ErrNoTest) || !strings.Contains(err.Error(), "no test was given or selected") {
		t.Errorf("no test: %v", err)
	}
	var skipped Summary
	skipped.Skip(tt, "too big")
	if err := skipped.Err(); !errors.Is(err, ErrNoTest) || !strings.Contains(err.Error(), "all skipped") {
		t.Errorf("all skipped: %v", err)
	}
	var empty Summary
	empty.Add(&engine.Result{Test: tt, Notes: []string{"time budget of 1ns ran out after 0 of 10 iterations"}}, nil)
	want := "t.yaml:1:1: test T ran zero iterations: time budget of 1ns ran out after 0 of 10 iterations"
	if err := empty.Err(); err == nil || err.Error() != want {
		t.Errorf("zero iterations: %v, want %s", err, want)
	}
	var ran Summary
	ran.Add(&engine.Result{Test: tt, Iterations: 10}, nil)
	if err := ran.Err(); err != nil {
		t.Errorf("a run of 10 iterations: %v", err)
	}
}

// TestCoverageOfNothing checks that the coverage of an empty allowed set
// is undefined, not 100%.
func TestCoverageOfNothing(t *testing.T) {
	if cov, ok := (&Comparison{}).Coverage(); ok {
		t.Errorf("coverage of no allowed outcome: %v, want undefined", cov)
	}
}
