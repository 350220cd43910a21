package catalog_test

import (
	"testing"

	"wmm/axioms"
	"wmm/catalog"
	"wmm/enumerate"
	"wmm/litmus"
)

// BenchmarkMixed checks the whole family of mixed JS + Wasm tests under
// the wasm model (one op = the family), and pairs of a mixed test with
// its all-Wasm twin, so that the cost of a JS thread shows as a ratio:
//
//	go test ./catalog -run XXX -bench Mixed
func BenchmarkMixed(b *testing.B) {
	entries, err := catalog.Load()
	if err != nil {
		b.Fatal(err)
	}
	byName := map[string]*litmus.Test{}
	var family []*litmus.Test
	for _, e := range entries {
		byName[e.Test.Name] = e.Test
		if e.Family == "mixed" {
			family = append(family, e.Test)
		}
	}
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
			t := byName[name]
			if t == nil {
				b.Fatalf("no test %s in the catalogue", name)
			}
			b.Run(name, func(b *testing.B) { check(b, t) })
		}
	}
}
