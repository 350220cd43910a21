package enumerate

import (
	"errors"
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/budget"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/model"
)

// TestForcingIsForcedOrder checks, at every leaf of the search, that the
// order the search forced read by read (Model.NewForcing, S6) is the one
// ForcedOrder derives from the complete execution, passive reads
// included: on the catalogue under wasm and every model a test has
// expectations for, and on the generated families under wasm, sc, js
// and js2017.
func TestForcingIsForcedOrder(t *testing.T) {
	jobs := orderJobs(t)
	leaves := 0
	defer func() { checkForcing = nil }()
	for _, j := range jobs {
		m, err := axioms.Lookup(j.m)
		if err != nil {
			continue
		}
		checkForcing = func(c *fastCandidate, within *model.Rel) {
			leaves++
			want, v := m.ForcedOrder(c.x, c.hb)
			if v != nil {
				t.Fatalf("%s/%s: the search forced an order, ForcedOrder finds a cycle: %s", j.tt.Name, j.m, v.Message())
			}
			if !sameRel(want, within) {
				t.Fatalf("%s/%s: the order forced read by read (%d pairs) is not ForcedOrder's (%d pairs)", j.tt.Name, j.m, within.Pairs(), want.Pairs())
			}
		}
		if _, err := Run(j.tt, m, Options{Workers: 1}); err != nil {
			t.Fatalf("%s/%s: %v", j.tt.Name, j.m, err)
		}
	}
	if leaves == 0 {
		t.Fatal("no leaf was checked")
	}
}

// An orderJob is one test under one model.
type orderJob struct {
	tt *litmus.Test
	m  string
}

// orderJobs returns the catalogue under wasm and every model a test has
// expectations for, and the generated families under wasm, sc, js and
// js2017.
func orderJobs(t *testing.T) []orderJob {
	var jobs []orderJob
	for _, tt := range catalogueTests(t) {
		for _, k := range expectModels(tt) {
			jobs = append(jobs, orderJob{tt, k})
		}
	}
	for _, src := range append(familyCases(), coTest(3, false), coTest(2, true), gridTest(4, 2, 2, true), coSyncWideTest(2, 4)) {
		for _, k := range []string{"wasm", "sc", "js", "js2017", "wasm+no-dagger"} {
			jobs = append(jobs, orderJob{familyTest(t, src), k})
		}
	}
	return jobs
}

// TestCheckOrderIsCheck checks that every total order the tot search
// checks with Model.CheckOrder (S10) gets Check's verdict: nil, or the
// same violation. It runs the jobs of TestForcingIsForcedOrder, and,
// within a small budget of candidates each, the tests of testdata under
// models that skip an axiom and with Explain (every candidate whose
// values match reaches the tot search).
func TestCheckOrderIsCheck(t *testing.T) {
	type run struct {
		orderJob
		explain bool
	}
	var runs []run
	for _, j := range orderJobs(t) {
		runs = append(runs, run{j, false})
	}
	for _, tt := range litmustest.Load(t, "testdata/*.yaml") {
		for _, k := range []string{"wasm+skip=hb-consistent", "wasm+skip=no-tear", "wasm+skip=sc-last-visible", "wasm+skip=init-first"} {
			runs = append(runs, run{orderJob{tt, k}, false})
		}
		runs = append(runs, run{orderJob{tt, "wasm"}, true})
	}
	checked, rejected := 0, 0
	defer func() { checkOrder, checkGreedy = nil, nil }()
	for _, j := range runs {
		m, err := axioms.Lookup(j.m)
		if err != nil {
			t.Fatalf("%s: %v", j.m, err)
		}
		checkOrder = func(_ Model, x *model.Execution, got *model.Violation) {
			checked++
			want := m.Check(x)
			switch {
			case got == nil && want == nil:
			case got == nil || want == nil:
				t.Fatalf("%s/%s: CheckOrder says %v, Check says %v", j.tt.Name, j.m, got, want)
			case got.Axiom != want.Axiom || got.Clause != want.Clause || got.Message() != want.Message():
				t.Fatalf("%s/%s: CheckOrder finds %s (%s), Check finds %s (%s)", j.tt.Name, j.m, got.Axiom, got.Message(), want.Axiom, want.Message())
			default:
				rejected++
			}
		}
		// S11: the greedy order's verdict from the Forcing's patterns.
		checkGreedy = func(_ Model, x *model.Execution, ok bool) {
			checked++
			if want := m.Check(x); ok != (want == nil) {
				t.Fatalf("%s/%s: the greedy check says %v, Check says %v", j.tt.Name, j.m, ok, want)
			}
			if !ok {
				rejected++
			}
		}
		opts := Options{Workers: 1, Explain: j.explain}
		if j.explain || strings.HasPrefix(j.m, "wasm+skip=") {
			opts.Limits.Candidates = 2000
		}
		if _, err := Run(j.tt, m, opts); err != nil && !errors.Is(err, budget.ErrExceeded) {
			t.Fatalf("%s/%s: %v", j.tt.Name, j.m, err)
		}
	}
	if checked == 0 || rejected == 0 {
		t.Fatalf("%d orders checked, %d rejected: the comparison saw too little", checked, rejected)
	}
	t.Logf("%d orders checked, %d rejected", checked, rejected)
}

// sameRel reports whether a and b hold the same pairs.
func sameRel(a, b *model.Rel) bool {
	if a.N() != b.N() {
		return false
	}
	for i := 0; i < a.N(); i++ {
		for j := 0; j < a.N(); j++ {
			if a.Has(model.EventID(i), model.EventID(j)) != b.Has(model.EventID(i), model.EventID(j)) {
				return false
			}
		}
	}
	return true
}

// TestUsePatternsIsScLastVisible checks S12: at every leaf of the search
// whose reads are all active, two tot searches, one that takes the
// patterns of C3 from the Forcing (UsePatterns) and one that derives them
// at each step, place the same events in the same depth-first order
// (a bounded number of steps per leaf) and must return the same
// violation, or none, at every Place.
func TestUsePatternsIsScLastVisible(t *testing.T) {
	defer func() { checkForcing = nil }()
	places, rejected := 0, 0
	for _, j := range orderJobs(t) {
		m, err := axioms.Lookup(j.m)
		if err != nil {
			t.Fatalf("%s: %v", j.m, err)
		}
		leaves := 0
		checkForcing = func(c *fastCandidate, within *model.Rel) {
			if len(c.passive) > 0 || leaves >= 50 {
				return
			}
			leaves++
			derived := m.NewTotSearch(c.x, c.hb.Clone(), within)
			forced := m.NewTotSearch(c.x, c.hb.Clone(), within)
			forced.UsePatterns(c.force)
			steps := 0
			var walk func()
			walk = func() {
				for i := range c.x.Events {
					e := model.EventID(i)
					if !derived.Enabled(e) || steps >= 200 {
						continue
					}
					steps++
					places++
					vd, vf := derived.Place(e), forced.Place(e)
					switch {
					case vd == nil && vf == nil:
						walk()
						derived.Undo()
						forced.Undo()
					case vd == nil || vf == nil || vd.Message() != vf.Message():
						t.Fatalf("%s/%s: placing %s after %v: derived %v, from the Forcing %v", j.tt.Name, j.m, c.x.Label(e), derived.Order(), vd, vf)
					default:
						rejected++
					}
				}
			}
			walk()
		}
		if _, err := Run(j.tt, m, Options{Workers: 1}); err != nil {
			t.Fatalf("%s/%s: %v", j.tt.Name, j.m, err)
		}
	}
	if rejected == 0 {
		t.Fatalf("%d places compared, none rejected: the comparison saw too little", places)
	}
	t.Logf("%d places compared, %d rejected", places, rejected)
}

// TestGuidedOrder checks S13 on the shapes where the lowest-first order
// often fails (n threads that each store one location and load the
// other, all SC): every guided order tried gets Check's verdict, some
// are accepted, and the runs give the same outcomes and counts as with
// the guess turned off.
func TestGuidedOrder(t *testing.T) {
	defer func() { checkGreedy, checkGuided, useGuide = nil, nil, true }()
	tried, accepted := 0, 0
	for _, src := range []string{gridTest(5, 2, 2, true), gridTest(6, 2, 2, true), coTest(3, false), coTest(2, true)} {
		tt := familyTest(t, src)
		for _, k := range []string{"wasm", "sc", "js"} {
			m, err := axioms.Lookup(k)
			if err != nil {
				t.Fatal(err)
			}
			checkGreedy = func(_ Model, x *model.Execution, ok bool) {
				if want := m.Check(x); ok != (want == nil) {
					t.Fatalf("%s/%s: the greedy check says %v, Check says %v", tt.Name, k, ok, want)
				}
			}
			checkGuided = func(ok bool) {
				tried++
				if ok {
					accepted++
				}
			}
			useGuide = true
			got, err := Run(tt, m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			checkGreedy, checkGuided, useGuide = nil, nil, false
			want, err := Run(tt, m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() || got.Stats.Consistent.Cmp(want.Stats.Consistent) != 0 || got.Stats.Cut.Cmp(want.Stats.Cut) != 0 {
				t.Errorf("%s/%s: with the guess %v executions, %d outcomes; without %v, %d", tt.Name, k, got.Stats.Consistent, len(got.Outcomes), want.Stats.Consistent, len(want.Outcomes))
			}
		}
	}
	if accepted == 0 {
		t.Fatalf("%d guided orders tried, none accepted: the test saw too little", tried)
	}
	t.Logf("%d guided orders tried, %d accepted", tried, accepted)
}
