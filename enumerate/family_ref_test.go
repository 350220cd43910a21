package enumerate

import (
	"errors"
	"testing"

	"wmm/axioms"
	"wmm/model"
)

// familyCases are the generated shapes small enough for the reference
// enumerator (which tries every total order of every event).
func familyCases() []string {
	return []string{
		coTestWidth(2, false, 1),
		coTestWidth(2, true, 1),
		coTestWidth(3, false, 1),
		coSyncWideTest(2, 1),
		scThenPlainTest(2),
		gridTest(2, 2, 2, true),
		gridTestWidth(3, 2, 2, true, 1),
		gridTestWidth(4, 2, 2, true, 1),
		gridTest(2, 1, 2, false),
		gridTestWidth(3, 1, 2, false, 1),
		gridTestWidth(3, 1, 2, true, 1),
		gridTestWidth(2, 2, 4, false, 1),
		gridTestWidth(2, 1, 3, true, 1),
	}
}

// TestReferenceAgreesFamilies compares the search with the reference on
// the generated families (the CO shapes, mixed sizes, n threads × k
// locations × m accesses) at the sizes the reference reaches, under wasm,
// sc and js.
func TestReferenceAgreesFamilies(t *testing.T) {
	for _, src := range familyCases() {
		tt := familyTest(t, src)
		for _, key := range []string{"wasm", "sc", "js"} {
			m := axioms.MustLookup(key)
			ref, err := runReference(tt, m, 4*(*referenceBudget))
			if err == errBudget {
				t.Logf("%s/%s: too big for the reference", tt.Name, key)
				continue
			}
			if err != nil {
				t.Fatalf("%s/%s: reference: %v", tt.Name, key, err)
			}
			fast, err := Run(tt, m, Options{})
			if err != nil {
				t.Fatalf("%s/%s: %v", tt.Name, key, err)
			}
			var got model.OutcomeSet
			for _, o := range fast.Outcomes {
				got.Add(o)
			}
			want := ref.outcomeSet(fast.Names)
			if extra, missing := got.Minus(want), want.Minus(&got); len(extra)+len(missing) > 0 {
				t.Errorf("%s/%s: outcomes differ from the reference:\nonly fast: %v\nonly reference: %v", tt.Name, key, extra, missing)
			}
			if fast.Stats.Consistent != CountOf(uint64(ref.execs)) || fast.Stats.Cut != CountOf(uint64(ref.cut)) {
				t.Errorf("%s/%s: %d consistent executions (%d cut), reference %d (%d cut)", tt.Name, key, fast.Stats.Consistent, fast.Stats.Cut, ref.execs, ref.cut)
			}
			t.Logf("%s/%s: %d executions, as the reference", tt.Name, key, ref.execs)
		}
	}
}

// TestWorkersDeterministic checks that the number of goroutines changes
// nothing in a result: outcomes, counts and witnesses, on the catalogue
// and the generated families.
func TestWorkersDeterministic(t *testing.T) {
	tests := catalogueTests(t)
	for _, src := range append(familyCases(), coTest(3, false), gridTest(4, 2, 2, true), gridTest(4, 1, 2, false)) {
		tests = append(tests, familyTest(t, src))
	}
	for _, tt := range tests {
		one, err1 := Run(tt, axioms.Wasm(), Options{Workers: 1})
		four, err4 := Run(tt, axioms.Wasm(), Options{Workers: 4})
		if err1 != nil || err4 != nil {
			if !errors.Is(err1, ErrTooManyPaths) || !errors.Is(err4, ErrTooManyPaths) {
				t.Errorf("%s: errors %v and %v", tt.Name, err1, err4)
			}
			continue
		}
		if one.String() != four.String() || one.Stats != four.Stats {
			t.Errorf("%s: 1 worker: %v %s; 4 workers: %v %s", tt.Name, one.Stats, one, four.Stats, four)
		}
		for _, o := range one.Outcomes {
			if w1, w4 := one.Witness(o), four.Witness(o); w1.String() != w4.String() {
				t.Errorf("%s: witness of %s differs:\n%s\n%s", tt.Name, o, w1, w4)
			}
		}
	}
}
