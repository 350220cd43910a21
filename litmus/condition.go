package litmus

import (
	"fmt"

	"wmm/model"
)

// A Quantifier is the first word of a condition.
type Quantifier uint8

// The quantifiers of herd7's condition language.
const (
	Exists    Quantifier = iota + 1 // exists P: some allowed outcome satisfies P
	NotExists                       // ~exists P: no allowed outcome satisfies P
	Forall                          // forall P: every allowed outcome satisfies P
)

// String returns "exists", "~exists" or "forall".
func (q Quantifier) String() string {
	switch q {
	case Exists:
		return "exists"
	case NotExists:
		return "~exists"
	case Forall:
		return "forall"
	}
	return "?"
}

// A Condition is a quantified proposition over outcomes.
type Condition struct {
	Quant Quantifier
	Prop  Prop
	Pos   Pos
}

// String prints the condition in canonical herd syntax, for example
// "exists (T1:r0=1 /\ T1:r1=0)".
func (c *Condition) String() string {
	return fmt.Sprintf("%s (%s)", c.Quant, c.Prop)
}

// A Prop is a proposition over one outcome: an *Atom, *And, *Or, *Not or
// True.
type Prop interface {
	// Eval reports whether the outcome satisfies the proposition. A name
	// the outcome does not bind has the value 0 (a thread that never
	// trapped has no T:trap name, and means T:trap=0).
	Eval(o model.Outcome) bool
	// String prints the proposition in canonical herd syntax.
	String() string
	prop()
}

// A CmpOp is = or !=.
type CmpOp uint8

// The comparison operators of atoms.
const (
	Eq CmpOp = iota + 1
	Ne
)

// An Atom compares one observable name with a literal. Value is the
// literal as a value of the name's width (32 or 64 bits for a local,
// 8·width for a memory atom, 1 for trap and stuck, 32 for size): a negative
// literal is its two's complement; a literal wider than the name is an
// error when the condition is resolved (LITMUS.md, "The outcome").
type Atom struct {
	Loc   Loc
	Op    CmpOp
	Value uint64
	Pos   Pos
	Hex   bool // written in hex: printing keeps the radix
}

// And is the conjunction of two propositions.
type And struct{ L, R Prop }

// Or is the disjunction of two propositions.
type Or struct{ L, R Prop }

// Not is the negation of a proposition.
type Not struct{ P Prop }

// True is the proposition that always holds (the empty condition).
type True struct{}

func (*Atom) prop() {}
func (*And) prop()  {}
func (*Or) prop()   {}
func (*Not) prop()  {}
func (True) prop()  {}

// Eval implements Prop.
func (a *Atom) Eval(o model.Outcome) bool {
	v, _ := o.Get(a.Loc.String())
	if a.Op == Ne {
		return v != a.Value
	}
	return v == a.Value
}

// Eval implements Prop.
func (p *And) Eval(o model.Outcome) bool { return p.L.Eval(o) && p.R.Eval(o) }

// Eval implements Prop.
func (p *Or) Eval(o model.Outcome) bool { return p.L.Eval(o) || p.R.Eval(o) }

// Eval implements Prop.
func (p *Not) Eval(o model.Outcome) bool { return !p.P.Eval(o) }

// Eval implements Prop.
func (True) Eval(model.Outcome) bool { return true }

func (a *Atom) String() string {
	op := "="
	if a.Op == Ne {
		op = "!="
	}
	if a.Hex {
		return fmt.Sprintf("%s%s%#x", a.Loc, op, a.Value)
	}
	return fmt.Sprintf("%s%s%d", a.Loc, op, a.Value)
}

func (p *And) String() string { return fmt.Sprintf("%s /\\ %s", paren(p.L, p), paren(p.R, p)) }
func (p *Or) String() string  { return fmt.Sprintf("%s \\/ %s", paren(p.L, p), paren(p.R, p)) }
func (p *Not) String() string { return "~" + paren(p.P, p) }
func (True) String() string   { return "true" }

// paren prints child, in parentheses unless it binds at least as tightly as
// parent does and needs none.
func paren(child, parent Prop) string {
	switch child.(type) {
	case *Atom, True, *Not:
		return child.String()
	case *And:
		if _, ok := parent.(*And); ok {
			return child.String()
		}
	case *Or:
		if _, ok := parent.(*Or); ok {
			return child.String()
		}
	}
	return "(" + child.String() + ")"
}

// Locs returns the names the proposition mentions, in order of first use.
func Locs(p Prop) []Loc {
	var out []Loc
	seen := map[string]bool{}
	var walk func(Prop)
	walk = func(p Prop) {
		switch p := p.(type) {
		case *Atom:
			if k := p.Loc.String(); !seen[k] {
				seen[k] = true
				out = append(out, p.Loc)
			}
		case *And:
			walk(p.L)
			walk(p.R)
		case *Or:
			walk(p.L)
			walk(p.R)
		case *Not:
			walk(p.P)
		}
	}
	walk(p)
	return out
}

// Observe classifies the proposition over a set of allowed outcomes, as
// herd7 does: Never when none satisfies it, Always when all do (an empty set
// is Never), Sometimes otherwise. It also returns how many outcomes satisfy
// the proposition (positive) and how many do not (negative).
func Observe(p Prop, outcomes []model.Outcome) (obs Observation, pos, neg int) {
	for _, o := range outcomes {
		if p.Eval(o) {
			pos++
		} else {
			neg++
		}
	}
	return ObservationOf(pos, neg), pos, neg
}

// Holds reports whether the condition holds over the allowed outcomes:
// exists P holds when P is sometimes or always observed, ~exists P when it
// is never observed, forall P when it is always observed.
func (c *Condition) Holds(outcomes []model.Outcome) bool {
	obs, _, _ := Observe(c.Prop, outcomes)
	switch c.Quant {
	case Exists:
		return obs != Never
	case NotExists:
		return obs == Never
	case Forall:
		return obs == Always
	}
	return false
}
