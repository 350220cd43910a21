package model

import "fmt"

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
	// Premises are the facts that establish the failing clause, filled
	// in by the axiom that fails: the reads-from its premise names, and
	// each happens-before or tot relation it relies on, in the order the
	// clause states them. Explanations render them (with the edges that
	// make each hb) and never read the message.
	Premises []Premise
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

// Because records the facts that establish v (see Premises) and returns
// v.
func (v *Violation) Because(ps ...Premise) *Violation {
	v.Premises = append(v.Premises, ps...)
	return v
}

// A Premise is one fact a violation rests on: From relates to To by Rel.
// For RelRF, To reads at least one cell of the violation's region from
// From; for RelHB, From happens before To (From == To for an hb cycle);
// for RelTot, From comes before To in tot (or in the part of it tried).
type Premise struct {
	Rel      Relation
	From, To EventID
}

// A Relation names the relation of a Premise.
type Relation uint8

// The relations premises use.
const (
	RelRF  Relation = iota + 1 // reads-from
	RelHB                      // happens-before
	RelTot                     // the total order
)

// RF, HB and Tot build premises.
func RF(w, r EventID) Premise  { return Premise{RelRF, w, r} }
func HB(a, b EventID) Premise  { return Premise{RelHB, a, b} }
func Tot(a, b EventID) Premise { return Premise{RelTot, a, b} }

// HBCycle is the violation of a happens-before that relates e to itself.
func HBCycle(x *Execution, e EventID) *Violation {
	return NewViolation(AxHBAcyclic, "", Data, []EventID{e}, func() string {
		return x.Label(e) + " happens before itself (an hb cycle)"
	}).Because(HB(e, e))
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
