package catalog_test

import (
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
)

// BenchmarkMixed checks the whole family of mixed JS + Wasm tests under
// the wasm model (one op = the family), and pairs of a mixed test with
// its all-Wasm twin, so that the cost of a JS thread shows as a ratio:
//
//	go test ./catalog -run XXX -bench Mixed
func BenchmarkMixed(b *testing.B) {
	family := litmustest.Tests(litmustest.Catalog(b, "mixed"))
	check := func(b *testing.B, tests ...*litmus.Test) {
		for b.Loop() {
			for _, t := range tests {
				if _, err := enumerate.Run(t, axioms.Wasm(), enumerate.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("family", func(b *testing.B) {
		check(b, family...)
		b.ReportMetric(float64(len(family)), "tests")
	})
	for _, pair := range [][2]string{
		{"MP+wasm-plain+js-sc", "MP+plain+scflag"},
		{"SB+wasm-sc+js-sc", "SB+sc"},
		{"Tear+wasm-i32+js-Int32Array+init", "Tear+i32+init"},
	} {
		for _, name := range pair {
			t := litmustest.Catalog(b, name)[0].Test
			b.Run(name, func(b *testing.B) { check(b, t) })
		}
	}
}
