package axioms_test

import (
	"testing"

	"wmm/internal/litmustest"
)

// TestDataRace checks the race definition of Fig. 17 on programs whose
// answer is known: plain message passing races on the data; with the flag
// SC and the data read only when the flag is seen it does not; mixed-size
// SC accesses race (they cannot synchronise); so does a plain read that
// may run while an SC store of its location does; the paper's Fig. 18 is
// race-free.
func TestDataRace(t *testing.T) {
	tests := []struct {
		name, threads string
		racy          bool
	}{
		{"MP plain", `
  T0: |
    (i32.store (i32.const 0) (i32.const 1))
    (i32.store (i32.const 4) (i32.const 1))
  T1: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (i32.load (i32.const 4)))
    (local.set $r1 (i32.load (i32.const 0)))
`, true},
		{"MP guarded", `
  T0: |
    (i32.store (i32.const 0) (i32.const 1))
    (i32.atomic.store (i32.const 4) (i32.const 1))
  T1: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (i32.atomic.load (i32.const 4)))
    (if (local.get $r0) (then (local.set $r1 (i32.load (i32.const 0)))))
`, false},
		{"SC mixed sizes", `
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.atomic.load16_u (i32.const 0)))
`, true},
		{"plain read of an SC store", `
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.load (i32.const 0)))
`, true},
		{"Fig. 18", `
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
    (i32.atomic.store (i32.const 4) (i32.const 1))
  T1: |
    (local $r0 i32) (local $r1 i32) (local $r2 i32)
    (i32.atomic.store (i32.const 0) (i32.const 2))
    (local.set $r0 (i32.atomic.load (i32.const 4)))
    (if (i32.eq (local.get $r0) (i32.const 1)) (then
      (local.set $r1 (i32.load (i32.const 0)))
      (local.set $r2 (i32.load (i32.const 0)))))
`, false},
	}
	for _, tc := range tests {
		for _, name := range []string{"wasm", "js", "js2017"} {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				tests := litmustest.Parse(t, "race.yaml", "name: R\nthreads:"+tc.threads)
				r, err := enumerateRun(tests[0], mustLookup(t, name))
				if err != nil {
					t.Fatal(err)
				}
				if got := r.race != ""; got != tc.racy {
					t.Errorf("racy = %v (%s), want %v", got, r.race, tc.racy)
				}
			})
		}
	}
}

// TestSCHasNoRaces checks that the sc model calls nothing a race.
func TestSCHasNoRaces(t *testing.T) {
	tests := litmustest.Parse(t, "race.yaml", `name: R
threads:
  T0: |
    (i32.store (i32.const 0) (i32.const 1))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.load (i32.const 0)))
`)
	r, err := enumerateRun(tests[0], mustLookup(t, "sc"))
	if err != nil {
		t.Fatal(err)
	}
	if r.race != "" || r.nonSC != nil {
		t.Errorf("sc: race %q, non-SC execution %v", r.race, r.nonSC)
	}
}
