package engine

import (
	"fmt"
	"time"
)

// A MemoryMode says how the harness module gets its shared memory.
type MemoryMode uint8

// The memory modes. Engines implement the two paths separately (an
// imported memory is created by the host, a defined one by the module), so
// both are worth testing.
const (
	ImportMemory MemoryMode = iota // (import "env" "mem" (memory ... shared))
	DefineMemory                   // (memory (export "mem") ... shared)
)

// String returns "import" or "define".
func (m MemoryMode) String() string {
	if m == DefineMemory {
		return "define"
	}
	return "import"
}

// Describe returns "imported memory" or "exported memory".
func (m MemoryMode) Describe() string {
	if m == DefineMemory {
		return "exported memory"
	}
	return "imported memory"
}

// ParseMemoryMode parses "import" (or "imported") or "define" (or
// "exported").
func ParseMemoryMode(s string) (MemoryMode, error) {
	switch s {
	case "import", "imported", "":
		return ImportMemory, nil
	case "define", "exported":
		return DefineMemory, nil
	}
	return 0, fmt.Errorf("expected memory mode imported, exported or both, found %q", s)
}

// ParseMemoryModes parses --memory: imported, exported (or import,
// define), or both.
func ParseMemoryModes(s string) ([]MemoryMode, error) {
	if s == "both" {
		return []MemoryMode{ImportMemory, DefineMemory}, nil
	}
	m, err := ParseMemoryMode(s)
	return []MemoryMode{m}, err
}

// Options tune a run. The zero value gives the defaults.
type Options struct {
	// Iterations is the number of test instances to run (default
	// DefaultIterations).
	Iterations int
	// Batch is the number of instances one call into the engine runs
	// (default DefaultBatch; fewer when an instance needs much memory).
	Batch int
	// Delay is the largest random delay, in spin-loop turns, that each
	// thread waits after the barrier before the test body (0..Delay,
	// different per thread and instance). It spreads the threads' start
	// times over the window where weak behaviour shows. Negative means no
	// delay; 0 means AutoDelays: batches take their largest delay from
	// that list in turn, since the best one depends on the engine, the
	// machine and its load.
	Delay int
	// Stride is the least distance in bytes between two instances' test
	// locations (rounded up to a multiple of 64; default 64).
	Stride uint32
	// SpinLimit is how many turns a thread spins at the barrier before it
	// sleeps in memory.atomic.wait32 (default 100000, or 500 when the test
	// has more threads than the machine has cores).
	SpinLimit uint32
	// SyncEvery is how many instances the threads of a batch run between
	// two meetings at the barrier: 1 (the default) starts every instance
	// with a barrier; K > 1 lets the threads run K instances each without
	// waiting for each other, instance i of every thread still on slot i,
	// which is far faster when threads outnumber cores; negative means
	// DefaultSyncEvery when threads outnumber cores and 1 otherwise. A
	// test that waits always meets at every instance.
	SyncEvery int
	// MaxMemory is the most pages a test's memory may have (default
	// DefaultMaxMemory); larger tests are refused.
	MaxMemory uint32
	// Memory says whether the harness imports or defines its memory.
	Memory MemoryMode
	// Stack lets an isolated test whose grows cannot reach its memory's
	// maximum run its instances one after another at the top of one
	// growing memory (stack.go) rather than on a fresh memory each. The
	// JavaScript runners take it (Run sets it for them); the Go driver
	// does not.
	Stack bool
	// MemBudget bounds the bytes of memory a run may reserve (default:
	// half of the machine's available memory). A test whose one memory
	// does not fit is refused; isolated runs keep as few instances alive
	// as the budget needs.
	MemBudget uint64
	// Deadline bounds one batch (default 20s). A batch that runs longer is
	// cancelled; its unfinished instances are dropped and reported.
	Deadline time.Duration
	// Budget bounds the whole run's wall-clock time (0: no bound). When it
	// runs out the run stops after the current batch and reports the
	// iterations it completed.
	Budget time.Duration
	// Seed varies the random delays between runs (0: a fixed default).
	Seed uint64
	// Progress, when set, is called after each batch with the iterations
	// done so far and the total.
	Progress func(done, total int)
}

// Defaults.
const (
	DefaultIterations = 100000
	DefaultBatch      = 4096
	DefaultStride     = 64
	DefaultMaxMemory  = 64
	defaultSpinLimit  = 100000
	// oversubscribedSpinLimit is the spin limit when threads outnumber
	// cores.
	oversubscribedSpinLimit = 500
	defaultDeadline         = 20 * time.Second
	// waitBatch is the most instances per batch for a test that waits.
	waitBatch = 256
	// harnessBudget bounds the harness memory of a batch, in bytes.
	harnessBudget = 64 << 20
)

// DefaultSyncEvery is the meeting period that SyncEvery < 0 picks for a
// test with more threads than cores.
const DefaultSyncEvery = 64

// syncEvery returns the meeting period for a test of the given number of
// threads on the given number of cores.
func (o Options) syncEvery(threads, cores int) int {
	switch {
	case o.SyncEvery > 0:
		return o.SyncEvery
	case o.SyncEvery < 0 && threads > cores:
		return DefaultSyncEvery
	}
	return 1
}

// AutoDelays are the largest delays that batches use in turn when
// Options.Delay is 0. On a 2-core x86 machine (2026-12-06, SB, node and
// wazero with an imported memory) every fixed delay from 127 to 1023
// brought out more store buffering than 0, 63 or 2047, 255 the most;
// cycling through these four gave 9.4–12.7% relaxed SB on node and
// 8.6–11.2% on wazero with the machine quiet, against 6.2–9.5% for the
// earlier list {63, 511, 0, 127, 2047}, and more than that list under
// two busy loops as well (node 3.5–7.6% against 1.5–4.9%, wazero
// 8.7–10.8% against 3.8–6.3%). They vary so that no one delay's
// interaction with an engine or a load decides a run.
var AutoDelays = []uint32{255, 511, 127, 1023}

// delays returns the delays batches cycle through.
func (o Options) delays() []uint32 {
	switch {
	case o.Delay < 0:
		return []uint32{0}
	case o.Delay == 0:
		return AutoDelays
	}
	return []uint32{uint32(min(o.Delay, 1<<30))}
}

// withDefaults returns o with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	if o.Iterations <= 0 {
		o.Iterations = DefaultIterations
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Stride == 0 {
		o.Stride = DefaultStride
	}
	o.Stride = roundUp(o.Stride, 64)
	if o.MaxMemory == 0 {
		o.MaxMemory = DefaultMaxMemory
	}
	if o.MemBudget == 0 {
		o.MemBudget = memoryBudget()
	}
	if o.Deadline <= 0 {
		o.Deadline = defaultDeadline
	}
	if o.Seed == 0 {
		o.Seed = 0x5EED
	}
	return o
}

func roundUp(v, m uint32) uint32 {
	if v%m == 0 {
		return v
	}
	return v + m - v%m
}
