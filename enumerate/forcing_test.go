package enumerate

import (
	"testing"

	"wmm/axioms"
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
	type job struct {
		tt *litmus.Test
		m  string
	}
	var jobs []job
	for _, tt := range catalogueTests(t) {
		for _, k := range expectModels(tt) {
			jobs = append(jobs, job{tt, k})
		}
	}
	for _, src := range append(familyCases(), coTest(3, false), coTest(2, true), gridTest(4, 2, 2, true), coSyncWideTest(2, 4)) {
		for _, k := range []string{"wasm", "sc", "js", "js2017", "wasm+no-dagger"} {
			jobs = append(jobs, job{familyTest(t, src), k})
		}
	}
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
