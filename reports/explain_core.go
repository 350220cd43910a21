package reports

import (
	"fmt"
	"slices"
	"strings"

	"wmm/enumerate"
	"wmm/model"
)

// A Fact is one relation between two events that an explanation relies
// on, with the edges that establish it.
type Fact struct {
	// Kind is enumerate.EdgeRF or EdgeSync (From is a writer To reads
	// from), EdgeHB (From happens before To; From == To for an hb cycle)
	// or EdgeTot (From comes before To in the order tried).
	Kind     enumerate.EdgeKind
	From, To model.EventID
	// Via holds, for reads-from, one edge per run of cells read; for
	// happens-before, a shortest path of the edges that generate it (po,
	// spawn, join, init, sync, susp).
	Via []enumerate.Edge
	// Later says, for EdgeTot, that To was not placed yet: it comes after
	// every event placed.
	Later bool
}

// Core returns the relations that show violation v of x: the reads-from
// the axiom's premise names, each happens-before with the path of edges
// that makes it, and each tot fact. order is the order of constrained
// events tried when the violation depends on tot (nil otherwise); it also
// fixes the suspension edges of happens-before.
func Core(x *model.Execution, v *model.Violation, order []model.EventID) []Fact {
	ev := v.Events
	hb := enumerate.HBEdges(x, order)
	c := &core{x: x, hb: hb, order: order, region: violationRegion(x, v)}
	switch {
	case v.Axiom == model.AxHB && v.Clause == "a" && len(ev) == 2:
		return c.list(c.rf(ev[1], ev[0]), c.hbFact(ev[0], ev[1]))
	case v.Axiom == model.AxHB && v.Clause == "c" && len(ev) == 3:
		return c.list(c.rf(ev[0], ev[2]), c.hbFact(ev[0], ev[1]), c.hbFact(ev[1], ev[2]))
	case v.Axiom == model.AxSCLast && len(ev) == 3:
		w, w2, r := ev[0], ev[1], ev[2]
		switch v.Clause {
		case "i":
			return c.list(c.rf(w, r), c.tot(w, w2), c.tot(w2, r))
		case "ii":
			return c.list(c.rf(w, r), c.hbFact(w, w2), c.tot(w2, r))
		case "iii":
			return c.list(c.rf(w, r), c.tot(w, w2), c.hbFact(w2, r))
		}
	case v.Axiom == model.AxNoTear && len(ev) >= 2:
		var out []Fact
		for _, w := range ev[1:] {
			out = c.list(append(out, c.rf(w, ev[0]))...)
		}
		return out
	case v.Axiom == model.AxHBAcyclic && len(ev) == 1:
		return c.list(c.cycle(ev[0]))
	case v.Axiom == model.AxHBTot && len(ev) == 2:
		return c.list(c.hbFact(ev[0], ev[1]), c.tot(ev[1], ev[0]))
	case (v.Axiom == model.AxValue || v.Axiom == model.AxSC) && len(ev) >= 2:
		var out []Fact
		for _, w := range ev[1:] {
			out = c.list(append(out, c.rf(w, ev[0]))...)
		}
		return out
	}
	return nil
}

// core derives the facts of one violation.
type core struct {
	x      *model.Execution
	hb     []enumerate.Edge
	order  []model.EventID
	region model.Region // the region the violation is about
}

// violationRegion returns the region v is about: the length when the
// axiom says so (Violation.Region) or only the length region fits the
// roles of its events (reader first or last, writers), the data
// otherwise.
func violationRegion(x *model.Execution, v *model.Violation) model.Region {
	if v.Region == model.Len {
		return model.Len
	}
	if len(v.Events) < 2 {
		return model.Data
	}
	fits := func(reg model.Region) bool {
		reads := 0
		for _, e := range v.Events {
			a := x.Events[e].Access(reg)
			if a == nil {
				return false
			}
			if a.Reading() {
				reads++
			}
		}
		return reads > 0
	}
	if !fits(model.Data) && fits(model.Len) {
		return model.Len
	}
	return model.Data
}

// list drops the facts that could not be established (Kind 0).
func (c *core) list(fs ...Fact) []Fact {
	return slices.DeleteFunc(fs, func(f Fact) bool { return f.Kind == 0 })
}

func (c *core) rf(w, r model.EventID) Fact {
	f := Fact{Kind: enumerate.EdgeRF, From: w, To: r}
	for _, e := range enumerate.RFEdges(c.x) {
		if e.From == w && e.To == r && e.Region == c.region {
			f.Via = append(f.Via, e)
			if e.Kind == enumerate.EdgeSync {
				f.Kind = enumerate.EdgeSync
			}
		}
	}
	if f.Via == nil {
		return Fact{}
	}
	return f
}

func (c *core) hbFact(a, b model.EventID) Fact {
	return Fact{Kind: enumerate.EdgeHB, From: a, To: b, Via: enumerate.Path(c.hb, a, b)}
}

// cycle returns an hb cycle through e: its shortest one.
func (c *core) cycle(e model.EventID) Fact {
	var best []enumerate.Edge
	for _, first := range c.hb {
		if first.From != e {
			continue
		}
		rest := []enumerate.Edge{}
		if first.To != e {
			rest = enumerate.Path(c.hb, first.To, e)
			if rest == nil {
				continue
			}
		}
		if p := append([]enumerate.Edge{first}, rest...); best == nil || len(p) < len(best) {
			best = p
		}
	}
	return Fact{Kind: enumerate.EdgeHB, From: e, To: e, Via: best}
}

func (c *core) tot(a, b model.EventID) Fact {
	return Fact{Kind: enumerate.EdgeTot, From: a, To: b, Later: !slices.Contains(c.order, b)}
}

// Text returns the fact for people, for example "T0.0 hb T1.1: T0.0 po
// T0.1, T0.1 sync T1.0, T1.0 po T1.1".
func (f Fact) Text(x *model.Execution) string {
	l := x.Label
	switch f.Kind {
	case enumerate.EdgeRF, enumerate.EdgeSync:
		var parts []string
		for _, e := range f.Via {
			parts = append(parts, cellsText(e))
		}
		s := fmt.Sprintf("%s rf %s: %s reads %s from %s", l(f.From), l(f.To), l(f.To), strings.Join(parts, ", "), l(f.From))
		if f.Kind == enumerate.EdgeSync {
			s += "; they synchronise (both SC, same range)"
		}
		return s
	case enumerate.EdgeHB:
		head := fmt.Sprintf("%s hb %s", l(f.From), l(f.To))
		if f.From == f.To {
			head = fmt.Sprintf("%s hb %s (a cycle)", l(f.From), l(f.To))
		}
		if len(f.Via) == 0 {
			return head
		}
		return head + ": " + PathText(x, f.Via)
	case enumerate.EdgeTot:
		if f.Later {
			return fmt.Sprintf("%s tot %s: %s is placed and %s comes later", l(f.From), l(f.To), l(f.From), l(f.To))
		}
		return fmt.Sprintf("%s tot %s: in the order tried", l(f.From), l(f.To))
	}
	return ""
}

// PathText prints a path of edges: "T0.0 po T0.1, T0.1 sync T1.0".
func PathText(x *model.Execution, path []enumerate.Edge) string {
	parts := make([]string, len(path))
	for i, e := range path {
		parts[i] = fmt.Sprintf("%s %s %s", x.Label(e.From), e.Kind, x.Label(e.To))
	}
	return strings.Join(parts, ", ")
}

// RuleText says in one sentence what an axiom (and clause) requires, with
// the section of MODEL.md that states it, for readers of explanations; ""
// for an axiom it does not know.
func RuleText(axiom, clause string) string {
	switch axiom + "/" + clause {
	case model.AxValue + "/":
		return "every byte a read returns is the byte its writer wrote there (C1, MODEL.md §8.1)"
	case model.AxHB + "/a":
		return "no read takes a byte from a write it happens before (C2 (a), §8.2)"
	case model.AxHB + "/c":
		return "no read takes a byte from a write W when another write of that byte comes between W and the read in happens-before (C2 (c), §8.2)"
	case model.AxSCLast + "/i":
		return "an SC read that synchronises with the write it reads from sees no same-range SC write between the two in tot (C3 (i), §8.3)"
	case model.AxSCLast + "/ii":
		return "when W hb R, an SC read R does not read from W if W happens before a same-range SC write that is tot-before R (C3 (ii), the paper's †, §8.3)"
	case model.AxSCLast + "/iii":
		return "when W hb R, no read R reads from an SC write W if a same-range SC write tot-after W happens before R (C3 (iii), the paper's ‡, §8.3)"
	case model.AxNoTear + "/":
		return "a tear-free read takes its bytes from at most one tear-free write of exactly its range (C4, §8.4)"
	case model.AxInit + "/":
		return "an init write happens before every event that overlaps it (C5, §8.5)"
	case model.AxHBTot + "/":
		return "happens-before is contained in the total order (C6, §8.6)"
	case model.AxHBAcyclic + "/":
		return "happens-before is a strict partial order: it has no cycle (§7.3)"
	case model.AxSuspension + "/queue":
		return "waiters queue first in, first out; a notify wakes min(count, queued) of them, and only a notify or a timeout resumes a waiter (C7, §8.7)"
	case model.AxSC + "/":
		return "every read sees, for each byte, the latest write before it in one total order (sequential consistency)"
	case model.AxWellFormed + "/":
		return "reads-from names writes of the bytes read, and tot orders every event once (§8.0)"
	}
	return ""
}
