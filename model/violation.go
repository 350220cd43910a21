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
// where the axiom has several, the events involved (in the order the
// message names them) and a sentence that names them by label.
type Violation struct {
	Axiom  string
	Clause string
	Events []EventID
	Msg    string
}

// Error returns "axiom (clause): message".
func (v *Violation) Error() string {
	if v.Clause != "" {
		return fmt.Sprintf("%s (%s): %s", v.Axiom, v.Clause, v.Msg)
	}
	return fmt.Sprintf("%s: %s", v.Axiom, v.Msg)
}
