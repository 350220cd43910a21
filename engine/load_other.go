//go:build !linux

package engine

import "time"

// cpuSnapshot reports false: only Linux has /proc/stat (load_linux.go).
func cpuSnapshot() (machine, own time.Duration, ok bool) { return 0, 0, false }
