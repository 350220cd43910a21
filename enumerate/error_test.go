package enumerate_test

import (
	"errors"
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
)

// TestTooManyPathsError checks the error of a path limit (issue 14): it
// keeps its identity (errors.Is finds ErrTooManyPaths), it is a
// litmus.Error at the test's position, and the position is not repeated
// in its message.
func TestTooManyPathsError(t *testing.T) {
	src := "name: Many\nthreads:\n  T0: |\n    (local $r i32)\n    (local.set $r (i32.load (i32.const 0)))\n  T1: |\n    (i32.store (i32.const 0) (i32.const 1))\n"
	tests, err := litmus.Load("many.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = enumerate.Run(tests[0], axioms.Wasm(), enumerate.Options{MaxPaths: 1})
	if !errors.Is(err, enumerate.ErrTooManyPaths) {
		t.Fatalf("error %v is not ErrTooManyPaths", err)
	}
	var le *litmus.Error
	if !errors.As(err, &le) || le.Pos != tests[0].Pos {
		t.Errorf("error %v is not a litmus.Error at %s", err, tests[0].Pos)
	}
	want := "many.yaml:1:1: test Many: too many paths: thread T0 has more than 1 paths"
	if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Count(msg, "many.yaml") != 1 {
		t.Errorf("error %q, want it to start with %q and name the file once", msg, want)
	}
}
