// Package position holds what the front ends share about source text, as
// go/token and go/scanner do for Go's: a position (Pos) and a list of
// errors at positions (ErrorList), with one sort order, one rule for
// duplicates and one way of printing. Packages wasm and litmus use these
// types under their own names (wasm.Pos, litmus.ErrorList, ...).
//
// A message never holds its own position: Error.Error adds it, once.
package position

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// A Pos is a position in a file: the file's name, when known, and a
// 1-based line and column (0 when unknown). Positions inside a snippet
// (a thread's code) have no file, and the loader maps them to the file's.
type Pos struct {
	File      string
	Line, Col int
}

// IsValid reports whether the position has a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", leaving out the parts that are unknown,
// or "-" when nothing is known.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Compare orders positions by file, line and column.
func Compare(a, b Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// An Error is a problem at a position. Its message is Msg, or when Msg is
// empty the message of Err, the error it stands for, which errors.Is and
// errors.As find through it.
type Error struct {
	Pos Pos
	Msg string
	Err error
}

// Error returns "file:line:col: msg", leaving out the parts of the
// position that are unknown, and the position altogether when nothing of
// it is known.
func (e *Error) Error() string {
	if e.Pos == (Pos{}) {
		return e.Message()
	}
	return e.Pos.String() + ": " + e.Message()
}

// Message returns the message without the position.
func (e *Error) Message() string {
	if e.Msg == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the error e stands for, if any.
func (e *Error) Unwrap() error { return e.Err }

// An ErrorList is a list of errors. The zero value is an empty list ready
// to use.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// Addf appends an error at pos with a formatted message.
func (l *ErrorList) Addf(pos Pos, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Wrap appends err at pos, keeping its identity for errors.Is and
// errors.As: a list's errors and an *Error are appended as they are (they
// have their positions), any other error as the Err of an error at pos.
func (l *ErrorList) Wrap(pos Pos, err error) {
	switch e := err.(type) {
	case nil:
	case ErrorList:
		*l = append(*l, e...)
	case *Error:
		*l = append(*l, e)
	default:
		*l = append(*l, &Error{Pos: pos, Err: err})
	}
}

// Len returns the number of errors in the list.
func (l ErrorList) Len() int { return len(l) }

// Sort sorts the list by position (file, line, column). Errors at the same
// position keep the order in which they were found, which puts causes
// before consequences. Exact duplicates (same position and message) are
// dropped.
func (l *ErrorList) Sort() {
	slices.SortStableFunc(*l, func(a, b *Error) int { return Compare(a.Pos, b.Pos) })
	type key struct {
		pos Pos
		msg string
	}
	seen := map[key]bool{}
	out := (*l)[:0]
	for _, e := range *l {
		k := key{e.Pos, e.Message()}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	clear((*l)[len(out):])
	*l = out
}

// Truncate keeps the first max errors and replaces the rest with a single
// "too many errors" entry at the position of the first one dropped.
func (l *ErrorList) Truncate(max int) {
	if len(*l) <= max {
		return
	}
	more := (*l)[max]
	*l = append((*l)[:max:max], &Error{Pos: more.Pos, Msg: "too many errors"})
}

// Error returns the first error, followed by a count of the others.
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

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
