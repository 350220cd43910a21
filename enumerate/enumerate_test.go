package enumerate_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
)

// expectKeys returns the model keys a test states expectations for.
func expectKeys(tt *litmus.Test) []string {
	var keys []string
	for k := range tt.Expect {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestVerdicts runs every test of testdata under every model (with
// variants) it states an expectation for. The expectations come from
// MODEL.md's reasoning; each test's doc says why.
func TestVerdicts(t *testing.T) {
	for _, tt := range litmustest.Load(t, "testdata/*.yaml") {
		for _, key := range expectKeys(tt) {
			t.Run(tt.Name+"/"+key, func(t *testing.T) {
				m, err := axioms.Lookup(key)
				if err != nil {
					t.Fatal(err)
				}
				r, err := enumerate.Run(tt, m, enumerate.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Outcomes) == 0 {
					t.Fatalf("no allowed outcome: every program has at least one execution")
				}
				if r.Stats.Mismatches != 0 {
					t.Errorf("%d executions passed the tot search but failed the complete predicate", r.Stats.Mismatches)
				}
				v := tt.Judge(m.Name(), r.Outcomes)
				if !v.OK {
					t.Errorf("expected %s, observed %s; outcomes:\n%s", v.Expect.Word, v.Observation, r)
				}
				for _, o := range r.Outcomes {
					if r.Witness(o) == nil {
						t.Errorf("no witness for outcome %s", o)
					}
				}
			})
		}
	}
}

// TestOutcomeSets checks complete outcome sets where MODEL.md lists them
// or its reasoning gives them.
func TestOutcomeSets(t *testing.T) {
	want := map[string][]string{
		// EXAMPLES G1: trap at the first store (grow failed or not yet
		// seen), the first store succeeds and the second traps, or both
		// succeed; a store never succeeds without the grow.
		"Grow+oob+stores": {
			"T0:ok=0; T1:g=1; T0:trap=1",
			"T0:ok=0; T1:g=4294967295; T0:trap=1",
			"T0:ok=1; T1:g=1; T0:trap=1",
			"T0:ok=2; T1:g=1; T0:trap=0",
		},
		// EXAMPLES W1: not-equal with no waiter to wake, or woken by the
		// notify; never blocked.
		"Wait+notify+scflag": {
			"T0:n=0; T1:w=1",
			"T0:n=1; T1:w=0",
		},
		// EXAMPLES H1: exactly one fetch-add reads 0.
		"RMW+add+add": {
			"T0:a=0; T1:b=1",
			"T0:a=1; T1:b=0",
		},
		// EXAMPLES F8: all eight combinations of byte values.
		"Mixed+store16+load8x3": {
			"T0:r1=0; T0:r2=0; T0:r3=0", "T0:r1=0; T0:r2=0; T0:r3=1",
			"T0:r1=0; T0:r2=1; T0:r3=0", "T0:r1=0; T0:r2=1; T0:r3=1",
			"T0:r1=1; T0:r2=0; T0:r3=0", "T0:r1=1; T0:r2=0; T0:r3=1",
			"T0:r1=1; T0:r2=1; T0:r3=0", "T0:r1=1; T0:r2=1; T0:r3=1",
		},
		// EXAMPLES W5: a lone finite wait times out.
		"Wait+timeout": {"T0:w=2"},
	}
	for _, tt := range litmustest.Load(t, "testdata/*.yaml") {
		w, ok := want[tt.Name]
		if !ok {
			continue
		}
		delete(want, tt.Name)
		r, err := enumerate.Run(tt, axioms.Wasm(), enumerate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range r.Outcomes {
			got = append(got, o.String())
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s: outcomes (-want +got):\n%s", tt.Name, diff)
		}
	}
	for name := range want {
		t.Errorf("test %s not found in testdata", name)
	}
}
