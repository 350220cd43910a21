package enumerate

import (
	"errors"
	"slices"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/budget"
	"wmm/litmus"
	"wmm/model"
)

// TestObserveMerges checks what an observe: list changes in a run: its
// outcomes are those of the run without it, each cut down to the names
// observed; the executions are the same; the run keeps one entry per
// outcome observed, not per outcome of every local (outcomeClasses); and
// each witness is one of the unrestricted run's witnesses of an outcome
// that gives it, and the one the search of explanations finds.
func TestObserveMerges(t *testing.T) {
	var tests []*litmus.Test
	for _, tt := range catalogueTests(t) {
		if len(tt.Names(nil, nil)) >= 2 && tt.Observe == nil && len(tt.Threads) >= 2 {
			tests = append(tests, tt)
		}
	}
	tests = append(tests, familyTest(t, coTest(3, false)), familyTest(t, gridTest(4, 2, 2, true)))
	merged, compared := 0, 0
	for _, tt := range tests {
		full, err := Run(tt, axioms.Wasm(), Options{Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", tt.Name, err)
		}
		if full.Stats.Candidates > 40 && len(tt.Threads) < 3 {
			continue // costly to explain, and nothing a smaller test lacks
		}
		// Observe the first name and the memory atoms (which the final
		// observer's loads read: they are events of every execution).
		cut := *tt
		cut.Observe = append([]litmus.Loc{full.Names[0]}, tt.MemLocs()...)
		if full.Names[0].Kind == litmus.LocMem || full.Names[0].Kind == litmus.LocSize {
			continue
		}
		name := full.Names[0].String()
		meter := budget.New(budget.Limits{})
		got, err := Run(&cut, axioms.Wasm(), Options{Workers: 1, Budget: meter})
		if err != nil {
			t.Fatalf("%s observing %s: %v", tt.Name, name, err)
		}
		witnesses := map[string][]string{} // by outcome observed
		for _, o := range full.Outcomes {
			k := project(o, cut.Observe).String()
			witnesses[k] = append(witnesses[k], full.Witness(o).String())
		}
		var want []string
		for k := range witnesses {
			want = append(want, k)
		}
		slices.Sort(want)
		var have []string
		for _, o := range got.Outcomes {
			have = append(have, o.String())
		}
		slices.Sort(have)
		if !slices.Equal(have, want) || got.Stats.Consistent.Cmp(full.Stats.Consistent) != 0 {
			t.Errorf("%s observing %s: outcomes %v over %v executions, want %v over %v", tt.Name, name, have, got.Stats.Consistent, want, full.Stats.Consistent)
			continue
		}
		// One entry per outcome observed and vector of statuses (a
		// thread that traps or blocks makes another).
		if kept, most := meter.Progress().Outcomes, int64(len(got.Outcomes)*len(statuses(full))); kept > most {
			t.Errorf("%s observing %s: %d entries kept for %d outcomes", tt.Name, name, kept, len(got.Outcomes))
		}
		if len(full.Outcomes) > len(got.Outcomes) {
			merged++
		}
		// The search of explanations, within a budget (it goes through
		// every candidate whose values match).
		opts := Options{Workers: 1, Explain: true}
		opts.Limits.Candidates, opts.Limits.Timeout = 5000, 300*time.Millisecond
		explained, err := Run(&cut, axioms.Wasm(), opts)
		if errors.Is(err, budget.ErrExceeded) {
			explained = nil
		} else if err != nil {
			t.Fatalf("%s observing %s, explained: %v", tt.Name, name, err)
		} else {
			compared++
		}
		for _, o := range got.Outcomes {
			w := got.Witness(o).String()
			if !slices.Contains(witnesses[o.String()], w) {
				t.Errorf("%s observing %s: the witness of %s is none of the full run's:\n%s", tt.Name, name, o, w)
			}
			if explained == nil {
				continue
			}
			if e := explained.Witness(o); e == nil || e.String() != w {
				t.Errorf("%s observing %s: the witness of %s differs from the explained run's (outcomes %v):\n%s\nexplained:\n%v", tt.Name, name, o, explained.Outcomes, w, e)
			}
		}
	}
	if merged == 0 {
		t.Fatal("no test had two outcomes that one name cannot tell apart: the test saw nothing")
	}
	t.Logf("%d tests, %d with outcomes merged, %d compared with the search of explanations", len(tests), merged, compared)
}

// statuses returns the distinct vectors of thread statuses among r's
// witnesses.
func statuses(r *Result) map[string]bool {
	out := map[string]bool{}
	for _, o := range r.Outcomes {
		x := r.Witness(o)
		var b []byte
		for _, th := range x.Threads {
			b = append(b, byte(th.Status))
		}
		out[string(b)] = true
	}
	return out
}

// project returns the bindings of o for the names given, in their order.
func project(o model.Outcome, names []litmus.Loc) model.Outcome {
	var out model.Outcome
	for _, n := range names {
		for _, b := range o {
			if b.Name == n.String() {
				out = append(out, b)
			}
		}
	}
	return out
}
