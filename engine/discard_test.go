package engine

import (
	"errors"
	"strings"
	"testing"

	"wmm/litmus"
)

// TestRefuseDiscard checks that a test using memory.discard is refused as
// unsupported rather than compiled.
func TestRefuseDiscard(t *testing.T) {
	src := "name: d\nfeatures: [discard]\nthreads:\n  T0: |\n    (memory.discard (i32.const 0) (i32.const 4))\n"
	tests, err := litmus.Load("d.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(tests[0], Options{})
	var u *UnsupportedError
	if !errors.As(err, &u) || !strings.Contains(u.Reason, "memory.discard") {
		t.Fatalf("Compile: %v, want an UnsupportedError naming memory.discard", err)
	}
}
