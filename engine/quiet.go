package engine

import (
	"runtime"
	"runtime/debug"
)

// The in-process engines run compiled WebAssembly on goroutines, and
// compiled code has no point where Go's scheduler can stop it. A test
// thread that spins until another thread writes a flag (a spin loop, a
// barrier) then deadlocks with the Go runtime in two ways:
//
//   - the garbage collector stops the world, waits for the spinning
//     goroutine to reach a safe point, which it never does, and the
//     thread it waits for is never scheduled again (seen with wazero's
//     compiler on the catalogue's spin tests: the whole run hangs, the
//     batch deadline included, since timers stop with the world);
//   - with more threads than GOMAXPROCS, the spinning goroutines hold
//     every P and the one they wait for never gets one.
//
// quietRuntime prevents both while a driver runs: it turns the collector
// off (the drivers collect between batches, when no thread code runs) and
// gives every thread its own P plus one for the driver, leaving the
// sharing of cores to the operating system, which can preempt anything.
// Restore puts both settings back.
func quietRuntime(threads int) *quiet {
	q := &quiet{procs: runtime.GOMAXPROCS(0)}
	if q.procs < threads+1 {
		runtime.GOMAXPROCS(threads + 1)
	}
	q.gc = debug.SetGCPercent(-1)
	return q
}

// A quiet holds the settings quietRuntime changed.
type quiet struct {
	procs, gc int
	resumed   bool
}

// Collect runs the collector, which must happen while no thread code
// runs; after Resume it does nothing.
func (q *quiet) Collect() {
	if !q.resumed {
		runtime.GC()
	}
}

// Resume turns the collector back on for the rest of the run: a cancelled
// call left a thread running, and Collect could wait for it forever.
func (q *quiet) Resume() {
	if !q.resumed {
		q.resumed = true
		debug.SetGCPercent(q.gc)
	}
}

// Restore puts the settings back.
func (q *quiet) Restore() {
	debug.SetGCPercent(q.gc)
	runtime.GOMAXPROCS(q.procs)
}
