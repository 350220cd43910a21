package engine

import "encoding/binary"

// How often the threads of an instance ran at the same time. An engine can
// only show a relaxed outcome when the threads' accesses overlap in time;
// a run whose threads mostly ran one after the other (a loaded or
// oversubscribed machine, threads asleep at the barrier) says nothing
// about whether the engine is strong. Batch mode measures it with end
// markers: just before its body, thread t reads the other threads' end
// markers with plain loads and notes which of them had not finished
// instance i yet; just after its body it writes 1+i to its own marker
// with a plain store, and records the note in its status word. Threads t
// and u overlapped in instance i when each began before the other had
// finished; an instance counts as concurrent when every pair overlapped.
// Plain accesses outside the body keep the measurement from ordering the
// test's accesses. A marker still in a store buffer reads as unfinished,
// so the figure can exceed the true overlap by about a store buffer's
// drain time: the window in which weak behaviour is possible at all. (A
// start marker read after the body was tried first: it misses most
// overlaps for the same reason, and made atomic, its fence before the
// body cut SB's relaxed outcome tenfold.)

// overlapThreads is how many threads the measurement covers (the bits of
// an i32 status word above its low byte).
const overlapThreads = 24

// concurrent reports whether every pair of threads (among the first
// overlapThreads) saw each other begun, given each thread's mask.
func concurrent(saw []uint32) bool {
	n := min(len(saw), overlapThreads)
	for t := range n {
		for u := t + 1; u < n; u++ {
			if saw[t]&(1<<u) == 0 || saw[u]&(1<<t) == 0 {
				return false
			}
		}
	}
	return true
}

// sawMask reads the mask from a record's status word (bytes 1-3).
func sawMask(rec []byte) uint32 {
	return uint32(rec[1]) | uint32(rec[2])<<8 | uint32(rec[3])<<16
}

// A skewTuner learns the start offsets that make the threads of an
// instance overlap. After the barrier each thread spins its offset for
// its role (released the barrier or not; see release) before the random
// delay; the releaser leaves the barrier after the others, and threads
// with different bodies or engines with different wake-up paths start at
// different times, so offsets of zero would put most instances outside
// the window in which weak behaviour shows. The end markers tell, for
// every pair of threads, which one finished before the other began: a
// thread that was often early gets a longer offset, one that was often
// late a shorter one, in proportion to the imbalance, after every batch.
// The offsets only move where the threads start; every instance is still
// a whole execution of the test, and no outcome can come from them.
// harness.js has the same tuner.
type skewTuner struct {
	off            []uint32 // [2*t+role] in spin-loop turns
	n, early, late []int    // this batch's counts, same index
}

// Bounds of the tuner: the most turns an offset moves after a batch
// (when every instance was early or every one late), the fewest
// instances of a role that move it, and the largest offset.
const (
	skewGain = 64
	skewMin  = 16
	skewMax  = 1 << 14
)

func newSkewTuner(threads int) *skewTuner {
	k := 2 * min(threads, overlapThreads)
	return &skewTuner{off: make([]uint32, k), n: make([]int, k), early: make([]int, k), late: make([]int, k)}
}

// observe counts one instance: each thread's overlap mask and whether it
// released the barrier.
func (s *skewTuner) observe(saw []uint32, leader []bool) {
	n := min(len(saw), overlapThreads)
	for t := range n {
		k := 2 * t
		if leader[t] {
			k++
		}
		s.n[k]++
		for u := range n {
			if u == t {
				continue
			}
			if saw[t]&(1<<u) == 0 {
				s.late[k]++ // u finished before t began
				break
			}
		}
		for u := range n {
			if u != t && saw[u]&(1<<t) == 0 {
				s.early[k]++ // t finished before u began
				break
			}
		}
	}
}

// update moves the offsets by what the batch observed and clears the
// counts; the smallest offset observed is brought back to zero.
func (s *skewTuner) update() {
	low := int64(-1)
	for k := range s.off {
		if s.n[k] < skewMin {
			continue
		}
		v := int64(s.off[k]) + int64(skewGain)*int64(s.early[k]-s.late[k])/int64(s.n[k])
		v = min(max(v, 0), skewMax)
		s.off[k] = uint32(v)
		if low < 0 || v < low {
			low = v
		}
	}
	for k := range s.off {
		if low > 0 && s.n[k] >= skewMin {
			s.off[k] -= uint32(low)
		}
		s.n[k], s.early[k], s.late[k] = 0, 0, 0
	}
}

// write stores the offsets in the harness memory's control area.
func (s *skewTuner) write(mem []byte) {
	for k, v := range s.off {
		binary.LittleEndian.PutUint32(mem[ctlSkewAt+4*k:], v)
	}
}
