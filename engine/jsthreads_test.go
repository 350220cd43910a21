package engine

import (
	"errors"
	"testing"
)

func TestRefuseJS(t *testing.T) {
	test := loadTest(t, `name: MixedMP
threads:
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
  T1:
    js: |
      const a = new Int32Array(memory.buffer);
      let r0 = Atomics.load(a, 0);
`)
	_, err := Compile(test, Options{})
	var u *UnsupportedError
	if !errors.As(err, &u) {
		t.Fatalf("Compile: got %v, want an *UnsupportedError", err)
	}
	if want := "test MixedMP: unsupported: JS thread T1: only node, deno and bun run JS threads (engine/mixed.go)"; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}
