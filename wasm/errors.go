package wasm

import (
	"fmt"
	"sort"
)

// An Error is a problem found in WebAssembly text or code, at a position.
type Error struct {
	Pos Pos
	Msg string
}

// Error returns "line:col: msg", or just msg when the position is unknown.
func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// MaxErrors is the number of errors after which the parser and the
// validator stop looking for more.
const MaxErrors = 10

// An ErrorList is a list of errors, usually sorted by position.
type ErrorList []*Error

// Add appends an error at pos with the formatted message.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Len returns the number of errors.
func (l ErrorList) Len() int { return len(l) }

// Less orders errors by line and column.
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i].Pos, l[j].Pos
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// Swap exchanges errors i and j.
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }

// Sort sorts the list by position. Errors at the same position keep the
// order in which they were found, which puts causes before consequences.
func (l ErrorList) Sort() { sort.Stable(l) }

// Error returns the first error's text, followed by the number of others.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	case 2:
		return fmt.Sprintf("%s (and 1 more error)", l[0])
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
