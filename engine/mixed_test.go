package engine

import (
	"strings"
	"testing"
)

func TestJSSource(t *testing.T) {
	test := loadTest(t, `name: S
threads:
  T0:
    js: |
      const a = new Int32Array(memory.buffer);
      let r0 = Atomics.load(a, 1), r1;
      if (r0) { let x = 1; r1 = x; }
`)
	got := jsSource(test.Threads[0].JS)
	for _, want := range []string{
		"let a, r0, r1;",
		"a = (new Int32Array(memory.buffer));",
		"r0 = (Atomics.load(a, 1)), r1 = undefined;",
		"if (r0) { let x = 1; r1 = x; }",
		"return [wmmStatus, [wmmEnc(r0), wmmEnc(r1)]];",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("jsSource lacks %q:\n%s", want, got)
		}
	}
}

// TestMixed runs tests with JS threads on node, deno and bun (each
// skipped when it is not there, see engines): the outcomes are named like
// the model's, an uncaught exception is T:trap=1 with the registers it
// left, an endless Atomics.wait is T:stuck=1, a Wasm thread's locals come
// back with their types, and the result names the runtime that ran it.
func TestMixed(t *testing.T) {
	var runtimes []JS
	for _, r := range engines(t) {
		if j, ok := r.(JS); ok {
			runtimes = append(runtimes, j)
		}
	}
	for _, tc := range []struct {
		name, yaml string
		want       map[string]bool // every outcome seen must be one of these
	}{
		{"mp", `name: MPmixed
threads:
  T0: |
    (i32.store (i32.const 0) (i32.const 42))
    (i32.atomic.store (i32.const 4) (i32.const 1))
  T1:
    js: |
      const a = new Int32Array(memory.buffer);
      let r0 = Atomics.load(a, 1);
      let r1 = a[0];
`, map[string]bool{"T1:r0=0; T1:r1=0": true, "T1:r0=0; T1:r1=42": true, "T1:r0=1; T1:r1=42": true}},
		{"throw", `name: Throw
threads:
  T0:
    js: |
      const a = new Int32Array(memory.buffer);
      let r = 5;
      Atomics.load(a, 99999);
      r = 6;
  T1: |
    (local $x i64)
    (local.set $x (i64.const -2))
`, map[string]bool{"T0:r=5; T1:x=18446744073709551614; T0:trap=1": true}},
		{"memory API", `name: MemAPI
features: [js-memory-api]
memory: {pages: 1, max: 1}
threads:
  T0:
    js: |
      memory.store16(0, 0x1ff80);
      let a = memory.load16_u(0), b = memory.load8_s(0);
      let r = 0;
      try { memory.store8(65536, 1); } catch (e) { r = e instanceof RangeError ? 1 : 2; }
`, map[string]bool{"T0:a=65408; T0:b=18446744073709551488; T0:r=1": true}},
		{"stuck", `name: Stuck
threads:
  T0:
    js: |
      const a = new Int32Array(memory.buffer);
      let r = Atomics.wait(a, 0, 0);
  T1: |
    (i32.atomic.store (i32.const 4) (i32.const 1))
`, map[string]bool{"T0:r=9223372036854775808; T0:stuck=1": true}},
	} {
		for _, r := range runtimes {
			t.Run(r.Runtime+"/"+tc.name, func(t *testing.T) {
				n := 200
				if tc.name == "stuck" {
					n = 2
				}
				res, err := Run(t.Context(), loadTest(t, tc.yaml), r, Options{Iterations: n})
				if err != nil {
					t.Fatal(err)
				}
				if res.Iterations != n {
					t.Errorf("%d iterations, want %d", res.Iterations, n)
				}
				if res.Engine != r.Runtime || !strings.HasPrefix(res.Version, r.Runtime+" ") {
					t.Errorf("engine %q, version %q: want %s's", res.Engine, res.Version, r.Runtime)
				}
				for _, c := range res.Histogram {
					if !tc.want[c.Outcome.String()] {
						t.Errorf("unexpected outcome %s (%d times)", c.Outcome, c.N)
					}
				}
			})
		}
	}
}
