package engine

import (
	"errors"
	"testing"
)

const hostTest = `name: Host
functions:
  conv:
    js: |
      function conv(x, y) {
        const a = new Int32Array(memory.buffer);
        a[0] = x + 4294967296 + 5;
        return y + 1n;
      }
  fail:
    js: |
      function fail() { return new DataView(memory.buffer).getInt32(65536); }
  mid: |
    (import "env" "fail" (func $fail (result i32)))
    (param $p i32) (result i32)
    (drop (call $fail))
    (local.get $p)
  load: |
    (param $p i32) (result i32)
    (i32.load (local.get $p))
threads:
  T0: |
    (import "env" "conv" (func $conv (param i32 i64) (result i64)))
    (local $y i64)
    (local.set $y (call $conv (i32.const -1) (i64.const 1099511627776)))
  T1:
    js: |
      let r = 0, s = 0;
      try { mid(1); } catch (e) { r = e instanceof RangeError ? 1 : 2; }
      try { load(65536); } catch (e) { s = e.name === "RuntimeError" ? 1 : 2; }
      let v = load(0);
  T2: |
    (import "env" "fail" (func $fail (result i32)))
    (drop (call $fail))
`

// TestRefuseHost checks that the harness (wazero, wasmtime) refuses a
// test with JS host functions rather than running it wrongly.
func TestRefuseHost(t *testing.T) {
	_, err := Compile(loadTest(t, `name: Host
functions:
  conv:
    js: |
      function conv(x) { return x; }
threads:
  T0: |
    (import "env" "conv" (func $conv (param i32) (result i32)))
    (drop (call $conv (i32.const 1)))
`), Options{})
	var u *UnsupportedError
	if !errors.As(err, &u) {
		t.Fatalf("Compile: got %v, want an *UnsupportedError", err)
	}
	if want := "test Host: unsupported: JS host function conv: only the JS runners (node, deno, bun) run host functions (engine/mixed.go)"; err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
}

// TestMixedNodeHost runs host functions on node (skipped without it):
// ToJSValue and ToWebAssemblyValue conversions both ways, a JS exception
// through a Wasm frame caught in JS as the same RangeError, a Wasm trap
// caught as a RuntimeError, a JS function called from Wasm on the Wasm
// thread's memory, and an uncaught JS exception ending a Wasm thread as a
// trap. T1's load(0) races T0's store through conv: 0 or 4, the model's
// two outcomes.
func TestMixedNodeHost(t *testing.T) {
	r, err := Lookup("node")
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	res, err := Run(t.Context(), loadTest(t, hostTest), r, Options{Iterations: 50})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"T0:y=1099511627777; T1:r=1; T1:s=1; T1:v=0; T2:trap=1": true,
		"T0:y=1099511627777; T1:r=1; T1:s=1; T1:v=4; T2:trap=1": true,
	}
	if res.Iterations != 50 {
		t.Errorf("%d iterations, want 50", res.Iterations)
	}
	for _, c := range res.Histogram {
		if !want[c.Outcome.String()] {
			t.Errorf("unexpected outcome %s (%d times)", c.Outcome, c.N)
		}
	}
}
