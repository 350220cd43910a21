package engine

import (
	"errors"
	"strings"
	"testing"

	"wmm/litmus"
)

// TestRefuseMemoryControl checks that a test using memory.discard or
// memory.protect, or several memories, is refused as unsupported, naming the instruction,
// rather than compiled.
func TestRefuseMemoryControl(t *testing.T) {
	for feature, code := range map[string]string{
		"discard":      "(memory.discard (i32.const 0) (i32.const 4))",
		"protect":      "(memory.protect read (i32.const 0) (i32.const 4))",
		"multi-memory": "(i32.store 1 (i32.const 0) (i32.const 4))",
	} {
		src := "name: d\nfeatures: [" + feature + "]\nthreads:\n  T0: |\n    " + code + "\n"
		want := "memory." + feature
		if feature == "multi-memory" {
			src = "name: d\nfeatures: [" + feature + "]\nmemories: (memory 1) (memory 1)\nthreads:\n  T0: |\n    " + code + "\n"
			want = "several memories"
		}
		tests, err := litmus.Load("d.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Compile(tests[0], Options{})
		var u *UnsupportedError
		if !errors.As(err, &u) || !strings.Contains(u.Reason, want) {
			t.Errorf("Compile: %v, want an UnsupportedError naming %s", err, want)
		}
	}
}
