package enumerate

import (
	"errors"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/budget"
	"wmm/model"
)

// TestSkippingAllowsMore checks, on every catalogue test, that a model
// that drops one axiom (wasm+skip=AXIOM) allows every outcome wasm
// allows: dropping a conjunct of the consistency predicate can only make
// more executions consistent. Unlike TestReferenceAgreesSkipping it does
// not share the value domain with the search it checks: a domain that
// misses values under the models that skip C2 (which offer every read
// every value written anywhere) loses outcomes here.
func TestSkippingAllowsMore(t *testing.T) {
	compared := 0
	defer func() {
		if compared == 0 && !t.Failed() {
			t.Error("nothing compared")
		}
		t.Logf("%d test/model pairs compared", compared)
	}()
	for _, tt := range catalogueTests(t) {
		base, err := Run(tt, axioms.Wasm(), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.Name, err)
		}
		if base.Stats.Candidates > 20 {
			continue // the models that skip C2 search far more
		}
		for _, ax := range axioms.Skippable {
			m := axioms.MustLookup("wasm", "skip="+ax)
			opts := Options{}
			opts.Limits.Candidates, opts.Limits.Timeout = 20000, 300*time.Millisecond
			r, err := Run(tt, m, opts)
			if errors.Is(err, budget.ErrExceeded) {
				continue
			}
			if err != nil {
				t.Fatalf("%s/%s: %v", tt.Name, m.Name(), err)
			}
			compared++
			var allowed model.OutcomeSet
			for _, o := range r.Outcomes {
				allowed.Add(project(o, base.Names))
			}
			for _, o := range base.Outcomes {
				if !allowed.Contains(o) {
					t.Errorf("%s: wasm allows %s, %s does not", tt.Name, o, m.Name())
				}
			}
		}
	}
}

// TestExplainRunAgrees checks that a run with Options.Explain, which
// offers every read every value written anywhere and prunes nothing
// early, finds the outcomes and executions of an ordinary run, on every
// catalogue test it can search within a budget.
func TestExplainRunAgrees(t *testing.T) {
	compared := 0
	for _, tt := range catalogueTests(t) {
		want, err := Run(tt, axioms.Wasm(), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.Name, err)
		}
		if want.Stats.Candidates > 20 {
			continue
		}
		opts := Options{Explain: true}
		opts.Limits.Candidates, opts.Limits.Timeout = 20000, 300*time.Millisecond
		got, err := Run(tt, axioms.Wasm(), opts)
		if errors.Is(err, budget.ErrExceeded) {
			continue
		}
		if err != nil {
			t.Fatalf("%s explained: %v", tt.Name, err)
		}
		compared++
		if got.String() != want.String() || got.Stats.Consistent.Cmp(want.Stats.Consistent) != 0 {
			t.Errorf("%s: explained, %s executions:\n%swant %s:\n%s", tt.Name, got.Stats.Consistent, got, want.Stats.Consistent, want)
		}
	}
	if compared == 0 {
		t.Fatal("nothing compared")
	}
	t.Logf("%d catalogue tests compared", compared)
}
