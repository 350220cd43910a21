package enumerate_test

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
)

// BenchmarkRacingHeap checks a racing-loads reproducer of issue 12 and
// reports the peak live heap of each run (sampled from runtime/metrics
// every 10ms, with the collector at GOGC=25 so that the live heap is
// measured often), and that peak divided by the paths kept:
//
//	go test ./enumerate -run XXX -bench RacingHeap -benchtime 1x
//
// Memory should grow with the paths kept, not with the rounds of the
// value fixpoint nor with path length times paths.
func BenchmarkRacingHeap(b *testing.B) {
	for _, file := range []string{"testdata/bench/racing_rounds.yaml"} {
		tests, err := litmus.LoadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tests[0].Name, func(b *testing.B) {
			defer debug.SetGCPercent(debug.SetGCPercent(25))
			var peak uint64
			var paths int
			for i := 0; i < b.N; i++ {
				runtime.GC()
				stop := sampleLiveHeap(&peak)
				r, err := enumerate.Run(tests[0], axioms.Wasm(), enumerate.Options{})
				stop()
				if err != nil {
					b.Fatal(err)
				}
				paths = r.Stats.Paths
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
			b.ReportMetric(float64(peak)/float64(paths), "peak-B/path")
		})
	}
}

// sampleLiveHeap samples the live heap into *peak (the most seen) until
// the function it returns is called.
func sampleLiveHeap(peak *uint64) (stop func()) {
	done, finished := make(chan bool), make(chan bool)
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > *peak {
				*peak = v
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
