package engine

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"time"
)

// A run can only show what its threads do at the same time, and on a
// machine where other programs keep cores busy, the test's threads often
// wait for a core while those run (README, "Real engines"). The
// concurrency figure says how often the threads overlapped; a loadWatch
// says why they may not have. It reads, at the start and the end of the
// run, the CPU time the whole machine has spent (Linux's /proc/stat) and
// this process's own, with its children's (an engine subprocess, reaped
// by the end of the run), and so finds how many cores other programs
// kept busy on average. When those and the test's threads together
// needed more than the cores (by over half a core), the run gets a note.
//
// (Counting the threads ready to run, /proc/loadavg's fourth field, was
// tried first. A run's own threads go from ready to asleep and back
// faster than two reads agree, and a quiet machine read as 0.6-3 other
// threads.)

// loadLeast is the shortest run a loadWatch judges: below it, the clock
// ticks of the machine's CPU time (10 ms) say too little.
const loadLeast = 500 * time.Millisecond

// A loadWatch holds the CPU times at the start of a run.
type loadWatch struct {
	start   time.Time
	machine time.Duration // busy, over all cores
	own     time.Duration // this process and its reaped children
}

// watchLoad takes the start's snapshot, or returns nil where /proc/stat
// cannot be read (not Linux).
func watchLoad() *loadWatch {
	w := &loadWatch{start: time.Now()}
	var ok bool
	if w.machine, w.own, ok = cpuSnapshot(); !ok {
		return nil
	}
	return w
}

// others returns how many cores other programs kept busy on average
// since the start, and false when the run was too short to tell.
func (w *loadWatch) others() (float64, bool) {
	wall := time.Since(w.start)
	machine, own, ok := cpuSnapshot()
	if !ok || wall < loadLeast {
		return 0, false
	}
	return max(float64((machine-w.machine)-(own-w.own))/float64(wall), 0), true
}

// note returns the note for the run of a test of threads threads that
// began at watchLoad, or "" (also for a nil watch).
func (w *loadWatch) note(threads int) string {
	if w == nil {
		return ""
	}
	others, ok := w.others()
	if !ok {
		return ""
	}
	return oversubscribed(others, runtime.NumCPU(), threads)
}

// oversubscribed returns the note for a run during which other programs
// kept others cores busy on average, on a machine of cores cores, for a
// test of threads threads; or "" when they fit: more than half a core's
// worth beyond the cores counts. (A test with more threads than cores
// gets the barrier's own note.)
func oversubscribed(others float64, cores, threads int) string {
	if others+float64(min(threads, cores)) <= float64(cores)+0.5 {
		return ""
	}
	return fmt.Sprintf("the machine was oversubscribed: other programs kept %.1f of its %d cores busy on average besides this test's %d threads, so the test's threads were often not running at once and relaxed outcomes show less often than on a quiet machine", others, cores, threads)
}

// busyTicks reads the machine's busy clock ticks from the text of
// /proc/stat: the first line's user, nice, system, irq, softirq and
// steal ("cpu  4705 356 584 3699 23 23 0 0 0 0").
func busyTicks(data []byte) (int64, bool) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 9 || string(f[0]) != "cpu" {
		return 0, false
	}
	var sum int64
	for _, k := range []int{1, 2, 3, 6, 7, 8} { // not idle (4) or iowait (5)
		v, err := strconv.ParseInt(string(f[k]), 10, 64)
		if err != nil {
			return 0, false
		}
		sum += v
	}
	return sum, true
}
