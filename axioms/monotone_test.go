package axioms_test

import (
	"testing"

	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/model"
)

// TestSCIncluded checks, on every test of the catalogue, that each model
// allows every outcome sc allows: sequential consistency is the strongest
// model, and every interleaving is an execution of the others. (The
// property tests check the same on generated programs.)
func TestSCIncluded(t *testing.T) {
	sc := mustLookup(t, "sc")
	compared := 0
	for _, tt := range litmustest.Load(t, "../catalog/*.yaml") {
		want, err := enumerate.Run(tt, sc, enumerate.Options{})
		if err != nil {
			t.Fatalf("%s under sc: %v", tt.Name, err)
		}
		for _, name := range []string{"wasm", "js", "js2017"} {
			m := mustLookup(t, name)
			got, err := enumerate.Run(tt, m, enumerate.Options{})
			if err != nil {
				t.Fatalf("%s under %s: %v", tt.Name, name, err)
			}
			if missing := missingOutcomes(want, got); len(missing) > 0 {
				t.Errorf("%s: %s forbids sc outcomes %v", tt.Name, name, missing)
			}
			compared++
		}
	}
	t.Logf("sc ⊆ wasm, js, js2017 on %d test/model pairs", compared)
}

// missingOutcomes returns the outcomes of want that got lacks, compared
// over the union of the two runs' names (a status name one run lacks is 0
// there).
func missingOutcomes(want, got *enumerate.Result) []model.Outcome {
	var names []string
	seen := map[string]bool{}
	for _, n := range append(append([]litmus.Loc(nil), want.Names...), got.Names...) {
		if s := n.String(); !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	var w, g model.OutcomeSet
	for _, o := range want.Outcomes {
		w.Add(o.Over(names))
	}
	for _, o := range got.Outcomes {
		g.Add(o.Over(names))
	}
	return w.Minus(&g)
}
