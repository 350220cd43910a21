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

// Core returns the relations that show violation v of x: its premises
// (model.Violation.Premises, which the failing axiom fills in), each
// reads-from with the cells read, each happens-before with the path of
// edges that makes it, and each tot fact. order is the order of
// constrained events tried when the violation depends on tot (nil
// otherwise); it also fixes the suspension edges of happens-before.
func Core(x *model.Execution, v *model.Violation, order []model.EventID) []Fact {
	if len(v.Premises) == 0 {
		return nil
	}
	c := &core{x: x, hb: enumerate.HBEdges(x, order), order: order, region: v.Region}
	var out []Fact
	for _, p := range v.Premises {
		switch p.Rel {
		case model.RelRF:
			out = append(out, c.rf(p.From, p.To))
		case model.RelHB:
			if p.From == p.To {
				out = append(out, c.cycle(p.From))
			} else {
				out = append(out, c.hbFact(p.From, p.To))
			}
		case model.RelTot:
			out = append(out, c.tot(p.From, p.To))
		}
	}
	return c.list(out...)
}

// core derives the facts of one violation.
type core struct {
	x      *model.Execution
	hb     []enumerate.Edge
	order  []model.EventID
	region model.Region // the region the violation is about
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
// where it is stated, for readers of explanations; "" for an axiom it does
// not know.
func RuleText(axiom, clause string) string {
	a, ok := model.AxiomOf(axiom, clause)
	if !ok {
		return ""
	}
	return a.Rule + " (" + a.Spec + ")"
}
