// Package parallel runs independent pieces of work on a bounded pool of
// goroutines: the one worker pool of wmm check, wmm campaign's model
// checks and wmm gen. The caller keeps each piece's result at its index,
// so output comes in input order whatever the schedule.
package parallel

import (
	"runtime"
	"sync"
)

// Workers returns n when it is positive, else GOMAXPROCS: the number of
// goroutines For uses when asked for n.
func Workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// For calls f(i) for every i from 0 to n-1 on at most Workers(workers)
// goroutines, handing out the indices in increasing order, and returns
// when every call has returned. The calls run concurrently: f must write
// only to what index i owns.
func For(n, workers int, f func(i int)) {
	w := min(Workers(workers), n)
	if w <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
