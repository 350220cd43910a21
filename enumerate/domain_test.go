package enumerate

import (
	"testing"

	"wmm/axioms"
	"wmm/internal/litmustest"
	"wmm/model"
)

// TestDomainBound checks that the value fixpoint's stopping rule (stop once
// chains are longer than an execution's dependent writes) loses nothing:
// forcing many more rounds, which only adds values, must give the same
// outcomes and the same number of executions, on testdata and on the
// catalogue.
func TestDomainBound(t *testing.T) {
	n := 0
	for _, tt := range litmustest.Load(t, "testdata/*.yaml", "../catalog/*.yaml") {
		fast, err := Run(tt, axioms.Wasm(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		rounds := fast.Stats.Rounds + 4
		slow, err := Run(tt, axioms.Wasm(), Options{minRounds: rounds, MaxPaths: 50000})
		if err != nil {
			continue // too many paths with the larger domain: nothing to compare
		}
		n++
		var a, b model.OutcomeSet
		for _, o := range fast.Outcomes {
			a.Add(o)
		}
		for _, o := range slow.Outcomes {
			b.Add(o)
		}
		if extra, missing := b.Minus(&a), a.Minus(&b); len(extra)+len(missing) > 0 {
			t.Errorf("%s: %d rounds find outcomes %v that %d rounds miss (and miss %v)", tt.Name, rounds, extra, fast.Stats.Rounds, missing)
		}
		if fast.Stats.Consistent.Cmp(slow.Stats.Consistent) != 0 || fast.Stats.Cut.Cmp(slow.Stats.Cut) != 0 {
			t.Errorf("%s: %d rounds: %d executions (%d cut); %d rounds: %d (%d cut)", tt.Name, fast.Stats.Rounds, fast.Stats.Consistent, fast.Stats.Cut, rounds, slow.Stats.Consistent, slow.Stats.Cut)
		}
	}
	t.Logf("compared %d tests", n)
}
