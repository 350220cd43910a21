package gen

import "testing"

// BenchmarkEnumerateDefault generates the family of wmm gen --size 6
// --threads 4 with the default edges (the target: at least 1,000
// tests in under 10 s) and reports the number of tests.
func BenchmarkEnumerateDefault(b *testing.B) {
	edges, err := ParseEdges(DefaultEdges)
	if err != nil {
		b.Fatal(err)
	}
	var n int
	for i := 0; i < b.N; i++ {
		fam, err := Enumerate(Options{Size: 6, Threads: 4, Edges: edges})
		if err != nil {
			b.Fatal(err)
		}
		n = len(fam.Tests)
	}
	b.ReportMetric(float64(n), "tests")
}
