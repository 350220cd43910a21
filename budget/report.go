package budget

import (
	"sync/atomic"
	"time"
)

// reportMask: a search looks at the reporter once every reportMask+1
// paths or candidates, so that the look costs nothing measurable.
const reportMask = 1<<10 - 1

// A reporter is what ReportTo set.
type reporter struct {
	every time.Duration
	fn    func(*Meter, Progress)
}

var current atomic.Pointer[reporter]

// ReportTo has fn called with the progress of every running search, at
// most once per interval every for each, from the search's own goroutine,
// on the way through Path and Candidate: where Go has one thread (js/wasm,
// the playground's checker) a running search cannot be watched from
// another goroutine, and this is how its progress gets out. fn must be
// quick and must not call the meter. ReportTo(0, nil) stops the reports.
func ReportTo(every time.Duration, fn func(m *Meter, p Progress)) {
	if fn == nil {
		current.Store(nil)
		return
	}
	current.Store(&reporter{every, fn})
}

// report calls the reporter when one is set and its interval has passed
// since the last call for m.
func (m *Meter) report() {
	r := current.Load()
	if r == nil {
		return
	}
	now := int64(time.Since(m.start))
	last := m.reported.Load()
	if now-last < int64(r.every) || !m.reported.CompareAndSwap(last, now) {
		return
	}
	r.fn(m, m.Progress())
}
