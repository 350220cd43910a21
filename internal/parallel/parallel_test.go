package parallel

import (
	"sync/atomic"
	"testing"
)

// TestFor checks that For calls f once for every index, never on more
// goroutines at once than asked, and on one goroutine, in order, when
// asked for one.
func TestFor(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {7, 1}, {100, 3}, {50, 0}} {
		calls := make([]int32, tc.n)
		var running, most atomic.Int32
		var order []int
		For(tc.n, tc.workers, func(i int) {
			r := running.Add(1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			atomic.AddInt32(&calls[i], 1)
			if tc.workers == 1 {
				order = append(order, i)
			}
			running.Add(-1)
		})
		for i, c := range calls {
			if c != 1 {
				t.Errorf("n=%d workers=%d: f(%d) called %d times", tc.n, tc.workers, i, c)
			}
		}
		if int(most.Load()) > Workers(tc.workers) {
			t.Errorf("n=%d workers=%d: %d calls at once", tc.n, tc.workers, most.Load())
		}
		if tc.workers == 1 {
			for i, k := range order {
				if i != k {
					t.Errorf("one worker: call %d was f(%d)", i, k)
				}
			}
		}
	}
}
