package litmus

import "wmm/position"

// An Error is a problem in a litmus file, with the position it concerns
// (position.Error, the type wasm uses too). A message never holds its own
// position: Error adds it.
type Error = position.Error

// An ErrorList is a list of errors, sorted by position once the loader
// returns it (position.ErrorList).
type ErrorList = position.ErrorList

// MaxErrors is how many errors Load reports for one file; the rest are
// summarised by one "too many errors" entry.
const MaxErrors = 10
