package enumerate

import (
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/litmus"
)

// BenchmarkCatalogue checks the whole bundled catalogue under wasm, once
// per iteration, with the metrics of benchRun (candidates per consistent
// execution among them).
func BenchmarkCatalogue(b *testing.B) {
	tests := catalogueTests(b)
	benchRun(b, tests)
	b.ReportMetric(float64(len(tests)), "tests")
}

// BenchmarkSC3x4 is the stress test: three threads, four SC
// accesses each, two locations.
func BenchmarkSC3x4(b *testing.B) {
	tests, err := litmus.LoadFile("testdata/bench/sc3x4.yaml")
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, tests)
}

// TestNoWastedCandidates checks that the pruning before the tot search
// (Model.TotOrderCycle) leaves no reads-from assignment without a total
// order, on the SC stress test and on every catalogue test without
// wait/notify: each candidate handed to the tot search is a consistent
// (or cut) execution. With suspensions, the tot search adds hb edges
// that the pruning cannot see, so those tests are left out.
func TestNoWastedCandidates(t *testing.T) {
	tests, err := litmus.LoadFile("testdata/bench/sc3x4.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range catalogueTests(t) {
		if !suspends(tt) {
			tests = append(tests, tt)
		}
	}
	for _, tt := range tests {
		r, err := Run(tt, axioms.Wasm(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s := r.Stats; CountOf(uint64(s.Candidates)).Cmp(s.Consistent.Add(s.Cut)) > 0 {
			t.Errorf("%s: %d candidates for %s consistent and %s cut executions", tt.Name, s.Candidates, s.Consistent, s.Cut)
		}
	}
}

// suspends reports whether some thread of tt waits or notifies.
func suspends(tt *litmus.Test) bool {
	for _, th := range tt.Threads {
		if strings.Contains(th.Text, "wait") || strings.Contains(th.Text, "notify") {
			return true
		}
	}
	return false
}
