package engine

import (
	"os"
	"syscall"
	"time"
)

// clockTicks is Linux's USER_HZ, the unit of /proc/stat's CPU times.
const clockTicks = 100

// cpuSnapshot returns the machine's busy CPU time over all cores and
// this process's with its reaped children's.
func cpuSnapshot() (machine, own time.Duration, ok bool) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, false
	}
	ticks, ok := busyTicks(data)
	if !ok {
		return 0, 0, false
	}
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) != nil {
			return 0, 0, false
		}
		own += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return time.Duration(ticks) * time.Second / clockTicks, own, true
}
