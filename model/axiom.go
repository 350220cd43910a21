package model

// The names of the axioms. The first five are the rules of the spec's
// consistency predicate (document/core/exec/relaxed.rst of the threads
// proposal: Valueconsistent, Hbconsistent, Sclastvisible, Notear,
// Suspensionsconsistent), written with hyphens; the others are coined
// here, and Axioms says where each comes from.
const (
	AxValue      = "value-consistent"       // C1
	AxHB         = "hb-consistent"          // C2
	AxSCLast     = "sc-last-visible"        // C3
	AxNoTear     = "no-tear"                // C4
	AxSuspension = "suspensions-consistent" // C7
	AxInit       = "init-first"             // C5
	AxHBTot      = "hb-in-tot"              // C6: hb ⊆ tot
	AxHBAcyclic  = "hb-acyclic"             // hb is a strict partial order
	AxSC         = "sc-reads-latest"        // the sc model: every read sees the tot-latest write
	AxWellFormed = "well-formed"            // rf and tot are well formed
)

// An Axiom describes one named consistency check, or one clause of it.
type Axiom struct {
	Name   string // one of the Ax constants
	Clause string // "" for an axiom stated in one piece
	// Rule says in one sentence what the axiom (clause) requires, for
	// readers of explanations.
	Rule string
	// Spec says where the rule is stated: the rule of the spec's
	// relaxed.rst, or for a coined name the source it stands for, and
	// the section of MODEL.md.
	Spec string
}

// Axioms lists every axiom the models check, and each clause of those
// stated in several, in the order of MODEL.md §8. An entry with Clause ""
// describes the whole axiom.
var Axioms = []Axiom{
	{AxWellFormed, "", "reads-from names writes of the bytes read, and tot orders every event once",
		"coined: relaxed.rst's Readseachfrom and Readsfrom, and its trace order; MODEL.md §8.0"},
	{AxValue, "", "every byte a read returns is the byte its writer wrote there",
		"relaxed.rst Valueconsistent; C1, MODEL.md §8.1"},
	{AxHB, "", "no read takes a byte from a write it happens before, nor from a write that another write of that byte hides in happens-before",
		"relaxed.rst Hbconsistent; C2, MODEL.md §8.2"},
	{AxHB, "a", "no read takes a byte from a write it happens before",
		"relaxed.rst Hbconsistent, first premise; C2 (a), MODEL.md §8.2"},
	{AxHB, "c", "no read takes a byte from a write W when another write of that byte comes between W and the read in happens-before",
		"relaxed.rst Hbconsistent, third premise; C2 (c), MODEL.md §8.2"},
	{AxSCLast, "", "an SC read sees the tot-latest same-range SC write, as clauses (i), (ii) † and (iii) ‡ state",
		"relaxed.rst Sclastvisible; C3, MODEL.md §8.3"},
	{AxSCLast, "i", "an SC read that synchronises with the write it reads from sees no same-range SC write between the two in tot",
		"relaxed.rst Sclastvisible, first clause; C3 (i), MODEL.md §8.3"},
	{AxSCLast, "ii", "when W hb R, an SC read R does not read from W if W happens before a same-range SC write that is tot-before R",
		"relaxed.rst Sclastvisible, second clause; the paper's †; C3 (ii), MODEL.md §8.3"},
	{AxSCLast, "iii", "when W hb R, no read R reads from an SC write W if a same-range SC write tot-after W happens before R",
		"relaxed.rst Sclastvisible, third clause; the paper's ‡; C3 (iii), MODEL.md §8.3"},
	{AxNoTear, "", "a tear-free read takes its bytes from at most one tear-free write of exactly its range",
		"relaxed.rst Notear; C4, MODEL.md §8.4"},
	{AxInit, "", "an init write happens before every event that overlaps it",
		"coined: the init premise of relaxed.rst's Consistentwith; C5, MODEL.md §8.5"},
	{AxHBTot, "", "happens-before is contained in the total order",
		"coined: hb ⊆ tot, which relaxed.rst's reduction order presupposes, ES's memory order states and JSMM calls Chbtot; C6, MODEL.md §7.3, §8.6"},
	{AxHBAcyclic, "", "happens-before is a strict partial order: it has no cycle",
		"coined: relaxed.rst takes hb to be a partial order; MODEL.md §7.3"},
	{AxSuspension, "", "the waiter list of each address behaves as a FIFO queue in tot, and tot orders its events in happens-before",
		"relaxed.rst Suspensionsconsistent; C7, MODEL.md §8.7"},
	{AxSuspension, "queue", "waiters queue first in, first out; a notify wakes min(count, queued) of them, and only a notify or a timeout resumes a waiter",
		"relaxed.rst Suspensionsconsistent and Suspensionsconsistentwith; C7 (Q), MODEL.md §8.7"},
	{AxSC, "", "every read sees, for each byte, the latest write before it in one total order (sequential consistency)",
		"coined: the sc model (wmm check --model sc), Lamport's sequential consistency over bytes"},
}

// AxiomOf returns the description of axiom name's clause (or of the
// axiom itself, clause ""), and whether there is one.
func AxiomOf(name, clause string) (Axiom, bool) {
	for _, a := range Axioms {
		if a.Name == name && a.Clause == clause {
			return a, true
		}
	}
	return Axiom{}, false
}
