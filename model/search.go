package model

// A TotSearch builds a total order over the constrained events of one
// candidate execution, one event at a time, checking as it goes. A memory
// model provides it (package axioms); the enumerator drives it.
type TotSearch interface {
	// Enabled reports whether e can be placed next.
	Enabled(e EventID) bool
	// Constrained reports whether e must be placed at all.
	Constrained(e EventID) bool
	// Place appends e, or returns the violation that placing it causes
	// (and then leaves the search unchanged).
	Place(e EventID) *Violation
	// Undo removes the last placed event.
	Undo()
	// Finish checks what only a complete order decides.
	Finish() *Violation
	// AppendKey appends to b a summary of the state for memoisation (two
	// states with the same bytes have the same completions) and returns
	// it; false when no sound summary exists.
	AppendKey(b []byte) ([]byte, bool)
	// Order returns the placed events in order.
	Order() []EventID
	// HB returns happens-before as the placed events make it.
	HB() *Rel
	// UsePatterns lets the search take the patterns of C3 from f, which
	// has extended every read of the execution, instead of finding them
	// again at each step; a Forcing of another kind is ignored.
	UsePatterns(f Forcing)
}

// A Forcing derives, read by read, the order that hb ⊆ tot and the other
// axioms force into tot as a search chooses the writers of one read
// after another (see the axioms package's Forcing).
type Forcing interface {
	// Extend adds read r, whose writers are chosen, under hb, which may
	// have grown since the previous call by r's synchronisation edges; it
	// returns a violation when the forced pairs close a cycle.
	Extend(hb *Rel, r EventID) *Violation
	// Retract takes back the latest Extend not yet taken back.
	Retract()
	// Order returns the order derived so far.
	Order() *Rel
	// SCLastVisibleUnder reports whether sc-last-visible (C3) holds for
	// the reads extended so far under hb and the total order whose
	// positions are pos (pos[e] is e's index in tot): every pattern of
	// those reads that holds under hb is tested against pos. When every
	// read C3 concerns was extended, it is C3 of the whole execution.
	SCLastVisibleUnder(hb *Rel, pos []int32) bool
}
