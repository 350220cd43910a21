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
	// Key summarises the state for memoisation; false when none is sound.
	Key() (string, bool)
	// Order returns the placed events in order.
	Order() []EventID
	// HB returns happens-before as the placed events make it.
	HB() *Rel
}
