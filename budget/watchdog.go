package budget

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"time"
)

// The watchdog runs while some meter is active. It keeps the active meters
// (for Active and for the memory budget) and samples the heap.
var watch struct {
	mu      sync.Mutex
	active  []*Meter
	running bool
	limit   uint64 // the memory limit set with debug.SetMemoryLimit, 0 if none
}

// tick is how often the watchdog samples the heap.
const tick = 20 * time.Millisecond

func register(m *Meter) {
	watch.mu.Lock()
	defer watch.mu.Unlock()
	watch.active = append(watch.active, m)
	if m.limits.Memory > 0 && m.limits.Memory != watch.limit {
		// The collector works harder as the heap nears the budget, so
		// that garbage does not count against it.
		watch.limit = m.limits.Memory
		debug.SetMemoryLimit(int64(min(m.limits.Memory, 1<<62)))
	}
	if !watch.running {
		watch.running = true
		go watchdog()
	}
}

func unregister(m *Meter) {
	watch.mu.Lock()
	defer watch.mu.Unlock()
	if i := slices.Index(watch.active, m); i >= 0 {
		watch.active = slices.Delete(watch.active, i, i+1)
	}
}

// Active returns the meters of the searches under way, in the order they
// started.
func Active() []*Meter {
	watch.mu.Lock()
	defer watch.mu.Unlock()
	return slices.Clone(watch.active)
}

// heap reads the live heap (as of the last collection) and the bytes of
// heap objects now, live or not yet swept.
func heap(samples []metrics.Sample) (live, objects uint64) {
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindUint64 {
			continue
		}
		switch s.Name {
		case "/gc/heap/live:bytes":
			live = s.Value.Uint64()
		case "/memory/classes/heap/objects:bytes":
			objects = s.Value.Uint64()
		}
	}
	return live, objects
}

// watchdog stops the search holding the most when the heap passes the
// memory budget, and exits when no meter is active.
//
// The live heap is measured at each collection, and the memory limit makes
// collections frequent near the budget; the bytes of objects, live or not,
// catch a heap that grows faster than the collector runs. After stopping a
// search, the watchdog waits for it to end and for a collection before it
// looks again, so that one search's memory does not stop another.
func watchdog() {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	var victim *Meter
	for {
		time.Sleep(tick)
		watch.mu.Lock()
		if len(watch.active) == 0 {
			watch.running = false
			watch.mu.Unlock()
			return
		}
		active := slices.Clone(watch.active)
		watch.mu.Unlock()
		if victim != nil {
			if !victim.done.Load() {
				continue
			}
			victim = nil
			runtime.GC()
		}
		limit := uint64(0)
		for _, m := range active {
			if l := m.limits.Memory; l > 0 && (limit == 0 || l < limit) {
				limit = l
			}
		}
		if limit == 0 {
			continue
		}
		live, objects := heap(samples)
		if live <= limit/10*9 && objects <= limit {
			continue
		}
		if live <= limit/10*9 {
			// Perhaps only garbage: collect, and look again.
			runtime.GC()
			if live, _ = heap(samples); live <= limit/10*9 {
				continue
			}
		}
		victim = biggest(active)
		if victim != nil {
			victim.stop(Memory)
		}
	}
}

// biggest returns the active meter with a memory budget that has the most
// paths and candidates (what a search holds grows with them), the oldest
// among equals.
func biggest(active []*Meter) *Meter {
	var best *Meter
	var most int64 = -1
	for _, m := range active {
		if m.limits.Memory == 0 || m.Stopped() {
			continue
		}
		if n := m.paths.Load() + m.candidates.Load(); n > most {
			best, most = m, n
		}
	}
	return best
}
