package enumerate_test

import (
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/catalog"
	"wmm/enumerate"
	"wmm/litmus"
)

// runAll enumerates every test under wasm and returns the total
// candidates and consistent executions.
func runAll(b *testing.B, tests []*litmus.Test) (cands, execs int) {
	for _, tt := range tests {
		r, err := enumerate.Run(tt, axioms.Wasm(), enumerate.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cands += r.Stats.Candidates
		execs += int(r.Stats.Consistent.Add(r.Stats.Cut).Saturated())
	}
	return cands, execs
}

// BenchmarkCatalogue checks the whole bundled catalogue under wasm, once
// per iteration, and reports candidates per consistent execution.
func BenchmarkCatalogue(b *testing.B) {
	entries, err := catalog.Load()
	if err != nil {
		b.Fatal(err)
	}
	var tests []*litmus.Test
	for _, e := range entries {
		tests = append(tests, e.Test)
	}
	b.ResetTimer()
	var cands, execs int
	for i := 0; i < b.N; i++ {
		cands, execs = runAll(b, tests)
	}
	b.ReportMetric(float64(len(tests)), "tests")
	b.ReportMetric(float64(cands)/float64(execs), "candidates/execution")
}

// BenchmarkSC3x4 is the stress test: three threads, four SC
// accesses each, two locations.
func BenchmarkSC3x4(b *testing.B) {
	tests, err := litmus.LoadFile("testdata/bench/sc3x4.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var cands, execs int
	for i := 0; i < b.N; i++ {
		cands, execs = runAll(b, tests)
	}
	b.ReportMetric(float64(cands), "candidates")
	b.ReportMetric(float64(execs), "executions")
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
	entries, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !suspends(e.Test) {
			tests = append(tests, e.Test)
		}
	}
	for _, tt := range tests {
		r, err := enumerate.Run(tt, axioms.Wasm(), enumerate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s := r.Stats; enumerate.CountOf(uint64(s.Candidates)).Cmp(s.Consistent.Add(s.Cut)) > 0 {
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
