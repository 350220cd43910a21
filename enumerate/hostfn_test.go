package enumerate

import (
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/internal/litmustest"
)

// TestReferenceHostFn checks that every test of the hostfn family (host
// functions, LITMUS.md "Host functions") is small enough for the
// reference enumerator under wasm, js and sc, and that the fast search
// agrees with it there (TestReferenceAgrees covers them too, but would
// skip a test silently if it grew too big).
func TestReferenceHostFn(t *testing.T) {
	for _, tt := range litmustest.Load(t, "../catalog/hostfn.yaml") {
		for _, key := range []string{"wasm", "js", "sc"} {
			if !compareWithReference(t, tt, axioms.MustLookup(key), *referenceBudget, 20000) {
				t.Errorf("%s/%s: too big for the reference", tt.Name, key)
			}
		}
	}
}

// TestHostFnRecursionBound checks that the unroll bound covers recursion
// through host functions: down(n) enters the Wasm function n+1 times, so
// with unroll 2 down(2) completes and down(3) is cut, and the cut run is
// counted, not reported as an outcome.
func TestHostFnRecursionBound(t *testing.T) {
	src := `name: Rec
functions:
  down: |
    (import "env" "up" (func $up (param i32) (result i32)))
    (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $up (i32.sub (local.get $n) (i32.const 1))))))
  up:
    js: |
      function up(n) { return down(n); }
threads:
  T0:
    js: |
      let r = down(N);
unroll: 2
`
	for _, tc := range []struct {
		n       string
		outcome int
		cut     uint64
	}{{"2", 1, 0}, {"3", 0, 1}} {
		tests := litmustest.Parse(t, "rec.yaml", strings.Replace(src, "down(N)", "down("+tc.n+")", 1))
		res, err := Run(tests[0], axioms.MustLookup("wasm"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Outcomes) != tc.outcome || res.Stats.Cut != CountOf(tc.cut) {
			t.Errorf("down(%s): %d outcomes, %d cut; want %d, %d", tc.n, len(res.Outcomes), res.Stats.Cut, tc.outcome, tc.cut)
		}
	}
}
