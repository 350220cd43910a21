package engine

import (
	"bytes"
	"fmt"
	"os"
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
// the CPU time of this process and its children (an engine subprocess),
// and so finds how many cores other programs kept busy on average. When
// those and the test's threads together needed more than the cores (by
// over half a core), the run gets a note.
//
// (Counting the threads ready to run, /proc/loadavg's fourth field, was
// tried first. A run's own threads go from ready to asleep and back
// faster than two reads agree, and a quiet machine read as 0.6-3 other
// threads.)

// loadLeast is the shortest run a loadWatch judges: below it, the clock
// ticks of CPU time (10 ms) say too little.
const loadLeast = 500 * time.Millisecond

// A loadWatch holds the CPU times at the start of a run.
type loadWatch struct {
	start        time.Time
	machine, own int64 // clock ticks
	pid          int
}

// cpuSnapshot returns the machine's busy clock ticks over all cores and
// those of process pid with its children, dead or alive.
func cpuSnapshot(pid int) (machine, own int64, ok bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	machine, ok = busyTicks(data)
	if !ok {
		return 0, 0, false
	}
	own, ok = processTicks(pid, true)
	if !ok {
		return 0, 0, false
	}
	for _, child := range children(pid) {
		if t, ok := processTicks(child, false); ok {
			own += t
		}
	}
	return machine, own, true
}

// watchLoad takes the start's snapshot, or returns nil where /proc cannot
// be read (not Linux).
func watchLoad() *loadWatch {
	w := &loadWatch{start: time.Now(), pid: os.Getpid()}
	var ok bool
	if w.machine, w.own, ok = cpuSnapshot(w.pid); !ok {
		return nil
	}
	return w
}

// others returns how many cores other programs kept busy on average
// since the start, and false when the run was too short to tell.
func (w *loadWatch) others() (float64, bool) {
	wall := time.Since(w.start)
	machine, own, ok := cpuSnapshot(w.pid)
	if !ok || wall < loadLeast {
		return 0, false
	}
	ticks := float64((machine - w.machine) - (own - w.own))
	return max(ticks/clockTicks/wall.Seconds(), 0), true
}

// clockTicks is Linux's USER_HZ, the unit of /proc's CPU times.
const clockTicks = 100

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

// processTicks returns the CPU clock ticks of process pid (user and
// system), with those of its reaped children when withReaped is set.
func processTicks(pid int, withReaped bool) (int64, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	fields := []int{11, 12} // utime, stime
	if withReaped {
		fields = append(fields, 13, 14) // cutime, cstime
	}
	var sum int64
	for _, k := range fields {
		s, ok := statField(data, k)
		if !ok {
			return 0, false
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// children returns the processes whose parent is pid.
func children(pid int) []int {
	var out []int
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parent := strconv.Itoa(pid)
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil || child == pid {
			continue
		}
		if data, err := os.ReadFile("/proc/" + e.Name() + "/stat"); err == nil {
			if ppid, ok := statField(data, 1); ok && ppid == parent {
				out = append(out, child)
			}
		}
	}
	return out
}

// statField returns field k after the command name of a /proc stat line
// ("12 (node) R 1 ...": 0 is the state, 1 the parent's pid, 11 and 12
// the user and system time).
func statField(data []byte, k int) (string, bool) {
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return "", false
	}
	f := bytes.Fields(data[i+1:])
	if k >= len(f) {
		return "", false
	}
	return string(f[k]), true
}
