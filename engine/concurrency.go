package engine

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
