package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// A shared memory cannot move, so engines reserve it at its maximum when
// they create it (wazero allocates the maximum; V8 and JavaScriptCore
// reserve it). A run's memory is therefore what its memories may grow to,
// times the memories alive at once: one harness memory in batch mode; in
// isolated mode, one per instance, and as many instances as are kept
// between two collections (Go) or created ahead in a group (JavaScript).

// fallbackBudget is the memory budget where the machine's available
// memory cannot be read.
const fallbackBudget = 4 << 30

// memoryBudget returns the bytes of memory a run may reserve: half of what
// the machine has available (Linux's MemAvailable), so that a run leaves
// the machine usable.
func memoryBudget() uint64 {
	if avail, ok := availableMemory(); ok {
		return avail / 2
	}
	return fallbackBudget
}

// availableMemory reads MemAvailable from /proc/meminfo.
func availableMemory() (uint64, bool) {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) >= 2 && string(f[0]) == "MemAvailable:" {
			kb, err := strconv.ParseUint(string(f[1]), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// reserve returns the bytes one memory of the harness may take: its
// maximum, since a shared memory is reserved at its maximum.
func (h *Harness) reserve() uint64 {
	return uint64(max(h.MemMax, h.MemPages)) * pageSize
}

// alive returns how many isolated instances may exist at once within the
// budget (at least 1, at most most).
func (h *Harness) alive(budget uint64, most int) int {
	n := budget / max(h.reserve(), 1)
	return int(max(1, min(n, uint64(most))))
}

// checkBudget refuses a harness whose one memory does not fit the budget,
// before any engine allocates it.
func checkBudget(t string, h *Harness, budget uint64) error {
	if r := h.reserve(); r > budget {
		what := "the harness memory"
		if h.Isolated {
			what = "each instance's memory"
		}
		return &UnsupportedError{t, fmt.Sprintf("%s may grow to %d pages (%s), which engines reserve in full for a shared memory; that is more than this run's memory budget of %s (half of the memory this machine has available); lower the test's maximum (--max-memory %d let it through)",
			what, max(h.MemMax, h.MemPages), byteSize(r), byteSize(budget), h.maxMemory)}
	}
	return nil
}

// byteSize formats n bytes with a binary unit.
func byteSize(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
