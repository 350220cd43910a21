package litmus

import (
	"cmp"
	"fmt"
	"slices"
)

// An Error is a problem in a litmus file, with the position it concerns.
// Its message is Msg, or when Msg is empty the message of Err, the error
// it stands for, which errors.Is and errors.As find through it. A message
// never holds its own position: Error adds it.
type Error struct {
	Pos Pos
	Msg string
	Err error
}

// Error returns "file:line:col: msg", leaving out the parts of the position
// that are unknown.
func (e *Error) Error() string {
	if e.Pos == (Pos{}) {
		return e.message()
	}
	return e.Pos.String() + ": " + e.message()
}

// message returns the message without the position.
func (e *Error) message() string {
	if e.Msg == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the error e stands for, if any.
func (e *Error) Unwrap() error { return e.Err }

// An ErrorList is a list of errors, sorted by position once the loader
// returns it. The zero value is an empty list ready to use.
type ErrorList []*Error

// MaxErrors is how many errors Load reports for one file; the rest are
// summarised by one "too many errors" entry.
const MaxErrors = 10

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// Addf appends an error at pos with a formatted message.
func (l *ErrorList) Addf(pos Pos, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...))
}

// Len returns the number of errors in the list.
func (l ErrorList) Len() int { return len(l) }

// Sort sorts the list by file, line, column and message, and drops exact
// duplicates.
func (l *ErrorList) Sort() {
	slices.SortStableFunc(*l, compareErrors)
	*l = slices.CompactFunc(*l, func(a, b *Error) bool { return *a == *b })
}

func compareErrors(a, b *Error) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.message(), b.message()),
	)
}

// truncate keeps the first max errors and replaces the rest with a single
// "too many errors" entry at the position of the first one dropped. The
// list must be sorted.
func (l *ErrorList) truncate(max int) {
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
