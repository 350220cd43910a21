package engine

// The control area of the batch harness memory: words the threads and the
// host share, each on a cache line of its own, at the start of the memory.
const (
	ctlCount  = 0   // i32: threads arrived at the barrier
	ctlSleep  = 64  // i32: threads asleep in the barrier's wait
	ctlGen    = 128 // i32: barrier generation, +1 at each release
	ctlAbort  = 192 // i32: set by the host to gen+1 to end the current instance's waits
	ctlStuck  = 256 // i32: pending infinite waits << 16 | wakes claimed
	ctlWakes  = 320 // i32: waiters woken by the test's notifies
	ctlSleeps = 384 // i32: times a thread slept at the barrier (never reset)
	ctlCancel = 448 // i32: set by the host to make every thread return at once
	ctlPassed = 512 // i32: threads other than the releaser past the barrier
	ctlWaitAt = 1024
	// ctlSkewAt: thread t's start offsets in spin-loop turns, set by the
	// host between batches: ctlSkewAt+8*t when it did not release the
	// barrier, +4 when it did (see skewTuner).
	ctlSkewAt = 2048
	// ctlMarkAt: thread t's end marker, on a line of its own at
	// ctlMarkAt+64*t: 1 + the instance whose body the thread last
	// finished, written with a plain store (see concurrency.go).
	ctlMarkAt = 4096
	// ctlProgAt: thread t's progress word, on a line of its own at
	// ctlProgAt+64*t: 1 + the instance it last arrived at (see softMeet).
	ctlProgAt  = ctlMarkAt + 64*maxThreads
	maxThreads = 64
	ctlSize    = ctlProgAt + 64*maxThreads // bytes of the control area
)

// ctlMark is the address of thread t's end marker.
func ctlMark(t int) uint32 { return ctlMarkAt + 64*uint32(t) }

// ctlProg is the address of thread t's progress word.
func ctlProg(t int) uint32 { return ctlProgAt + 64*uint32(t) }

// ctlSkew is the address of thread t's start offsets.
func ctlSkew(t int) uint32 { return ctlSkewAt + 8*uint32(t) }

// ctlWaitAddr is the word where thread t keeps the address of its pending
// infinite wait plus one (0: none), for the host to wake it.
func ctlWaitAddr(t int) uint32 { return ctlWaitAt + 4*uint32(t) }

// Statuses of a thread in one instance, as the harness records them.
const (
	statusNone    = 0 // did not run (an unfinished instance)
	statusDone    = 1
	statusTrapped = 2
	statusStuck   = 3
)

// A Layout says where the batch harness keeps its data.
type Layout struct {
	// Results[t] is the address of thread t's first record; record i is
	// at Results[t] + i*RecordSize[t]: a status word (8 bytes) then every
	// local of the thread as 8 little-endian bytes.
	Results    []uint32
	RecordSize []uint32
	// Slots is the address of instance 0's test memory; instance i's
	// test address A is at Slots + i*Stride + A.
	Slots  uint32
	Stride uint32
	// Window is how many bytes of each slot the test may touch.
	Window uint32
	// Batch is the most instances one call runs.
	Batch int
	// Pages is the size of the harness memory.
	Pages uint32
}

// newLayout places the control area, the per-thread result regions and
// the instance slots, fitting as many instances (up to batch) as the
// harness memory budget allows.
func newLayout(locals []int, window, stride uint32, batch int) Layout {
	stride = max(stride, roundUp(window, 64))
	var perInstance uint64 = uint64(stride)
	for _, n := range locals {
		perInstance += 8 * uint64(1+n)
	}
	fit := int((harnessBudget - ctlSize - 64*uint64(len(locals))) / perInstance)
	batch = max(1, min(batch, fit))
	l := Layout{Stride: stride, Window: window, Batch: batch}
	addr := uint32(ctlSize)
	for _, n := range locals {
		size := 8 * uint32(1+n)
		l.Results = append(l.Results, addr)
		l.RecordSize = append(l.RecordSize, size)
		addr = roundUp(addr+size*uint32(batch), 64)
	}
	l.Slots = addr
	end := uint64(addr) + uint64(batch)*uint64(stride)
	l.Pages = uint32((end + pageSize - 1) / pageSize)
	return l
}

const pageSize = 65536

// record returns the address of thread t's record for instance i.
func (l *Layout) record(t, i int) uint32 {
	return l.Results[t] + uint32(i)*l.RecordSize[t]
}

// slot returns the base address of instance i.
func (l *Layout) slot(i int) uint32 { return l.Slots + uint32(i)*l.Stride }
