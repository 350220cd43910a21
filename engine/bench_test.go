package engine

import (
	"context"
	"testing"
)

// BenchmarkSB measures the iterations per second of plain SB on wazero's
// compiler: b.N iterations per run, compilation excluded. Report with
// go test -bench SB -benchtime 1000000x ./engine (one million iterations).
func BenchmarkSB(b *testing.B) {
	test := loadTest(b, sbYAML)
	for _, r := range []Runner{Wazero{}, Wazero{Interpreter: true}} {
		b.Run(r.Name(), func(b *testing.B) {
			h, err := Compile(test, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			raw, err := r.Run(context.Background(), h, Options{Iterations: b.N})
			if err != nil {
				b.Fatal(err)
			}
			if raw.Iterations != b.N {
				b.Fatalf("%d iterations, want %d", raw.Iterations, b.N)
			}
			b.ReportMetric(float64(raw.Iterations)/raw.Elapsed.Seconds(), "iterations/s")
		})
	}
}
