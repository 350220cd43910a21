package enumerate

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/litmus"
)

// benchRun runs tests once per iteration under wasm and reports, per
// iteration: the executions, the CPU seconds of the process (user and
// system, all goroutines: the figure to compare on a shared machine),
// consistent executions per CPU second, candidates per execution,
// allocations per execution, and the heap the results of the last
// iteration hold, per outcome (after a collection).
func benchRun(b *testing.B, tests []*litmus.Test) {
	b.Helper()
	var cands, execs, outcomes int
	var ms0, ms1, ms2 runtime.MemStats
	results := make([]*Result, len(tests))
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cands, execs, outcomes = 0, 0, 0
		clear(results)
		for i, tt := range tests {
			r, err := Run(tt, axioms.Wasm(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			results[i] = r
			outcomes += len(r.Outcomes)
			cands += r.Stats.Candidates
			execs += int(r.Stats.Consistent.Add(r.Stats.Cut).Saturated())
		}
	}
	b.StopTimer()
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(execs), "executions")
	b.ReportMetric(cpu, "cpu-s/op")
	b.ReportMetric(float64(execs)/cpu, "executions/cpu-s")
	b.ReportMetric(float64(cands)/float64(execs), "candidates/execution")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(b.N)/float64(execs), "allocs/execution")
	runtime.GC()
	runtime.ReadMemStats(&ms2)
	b.ReportMetric(float64(outcomes), "outcomes")
	b.ReportMetric((float64(ms2.HeapAlloc)-float64(ms0.HeapAlloc))/float64(outcomes), "result-B/outcome")
	runtime.KeepAlive(results)
}

// BenchmarkFamilies measures the generated families of issue 11: CO<n>
// (n threads × 4 SC accesses on 2 locations), CO2 with plain i64 loads
// over i32 SC stores, and n threads × k locations × m accesses, SC and
// plain. Pick one with -bench 'Families/CO4$'.
func BenchmarkFamilies(b *testing.B) {
	cases := []struct {
		name, src string
	}{
		{"CO2", coTest(2, false)},
		{"CO3", coTest(3, false)},
		{"CO4", coTest(4, false)},
		{"CO5", coTest(5, false)},
		{"CO2+plain64", coTest(2, true)},
		{"CO3+plain64", coTest(3, true)},
		{"CO2+syncwide", coSyncWideTest(2, 4)},
		// CO4 and CO5 observing two registers: a run keeps an entry per
		// outcome observed, so the memory held stays small (outcomes
		// and result-B/outcome against CO4's and CO5's).
		{"CO4+observe", coTest(4, false) + "observe: [T0:r0, T0:r1]\n"},
		{"CO5+observe", coTest(5, false) + "observe: [T0:r0, T0:r1]\n"},
	}
	for _, n := range []int{2, 3, 4, 5, 6} {
		cases = append(cases, struct{ name, src string }{fmt.Sprintf("%dx2x2+sc", n), gridTest(n, 2, 2, true)})
	}
	for _, n := range []int{2, 3, 4, 5, 6} {
		cases = append(cases, struct{ name, src string }{fmt.Sprintf("%dx1x2+plain", n), gridTest(n, 1, 2, false)})
	}
	for _, n := range []int{3, 4, 5, 6} {
		cases = append(cases, struct{ name, src string }{fmt.Sprintf("%dx1x2+sc", n), gridTest(n, 1, 2, true)})
	}
	cases = append(cases, struct{ name, src string }{"3x2x4+plain", gridTest(3, 2, 4, false)})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			benchRun(b, []*litmus.Test{familyTest(b, c.src)})
		})
	}
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
