package enumerate_test

import (
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
		r, err := enumerate.Run(tt, axioms.Wasm, enumerate.Options{})
		if err != nil {
			b.Fatal(err)
		}
		cands += r.Stats.Candidates
		execs += r.Stats.Consistent + r.Stats.Cut
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
