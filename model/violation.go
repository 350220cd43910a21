package model

import "fmt"

// The names of the axioms, as relaxed.rst and MODEL.md §8 name them.
const (
	AxValue      = "value-consistent"      // C1
	AxHB         = "hb-consistent"         // C2
	AxSCLast     = "sc-last-visible"       // C3
	AxNoTear     = "no-tear"               // C4
	AxInit       = "init-first"            // C5
	AxHBTot      = "hb-in-tot"             // C6: hb ⊆ tot
	AxHBAcyclic  = "hb-acyclic"            // hb is a strict partial order
	AxSuspension = "suspension-consistent" // C7
	AxSC         = "sc-reads-latest"       // the sc model: every read sees the tot-latest write
	AxWellFormed = "well-formed"           // rf and tot are well formed
)

// A Violation says why an execution is inconsistent: the axiom, the clause
// where the axiom has several, the region the clause is about, the events
// involved (in the order the axiom's statement names them) and a sentence
// that names them by label.
//
// The sentence is built only when someone asks for it (Message): the
// search rejects many candidates and prints few, so an axiom that fails
// records what it found and how to say it (NewViolation), and the
// formatting waits.
type Violation struct {
	Axiom  string
	Clause string
	// Region is the region the failing clause concerns: Data, or Len for
	// the length cell.
	Region Region
	Events []EventID
	// Msg is the sentence when it was given as text; Message builds it
	// otherwise.
	Msg  string
	text func() string
}

// NewViolation returns a violation whose message text builds on demand.
// text must depend only on what stays fixed while the violation is kept
// (event labels and the values the events read and write).
func NewViolation(axiom, clause string, reg Region, events []EventID, text func() string) *Violation {
	return &Violation{Axiom: axiom, Clause: clause, Region: reg, Events: events, text: text}
}

// Message returns the sentence that names the events by label.
func (v *Violation) Message() string {
	if v.Msg == "" && v.text != nil {
		v.Msg, v.text = v.text(), nil
	}
	return v.Msg
}

// Error returns "axiom (clause): message".
func (v *Violation) Error() string {
	if v.Clause != "" {
		return fmt.Sprintf("%s (%s): %s", v.Axiom, v.Clause, v.Message())
	}
	return fmt.Sprintf("%s: %s", v.Axiom, v.Message())
}
