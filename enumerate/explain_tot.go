package enumerate

import (
	"slices"

	"wmm/model"
)

// A TotRefutation is a failed search for a total order of the constrained
// events of one candidate execution (MODEL.md §13.1 step 6): its failed
// branches, each an order of some constrained events that no completion
// can make consistent.
type TotRefutation struct {
	Constrained []model.EventID // the events whose order matters, in event order
	Leaves      []TotLeaf       // the first failed branches, in search order
	More        int             // failed branches beyond Leaves
	// Truncated says the search stopped at its step bound before trying
	// every order.
	Truncated bool
	// Found is a consistent order the search found after all (nil when,
	// as expected, there is none).
	Found []model.EventID
}

// A TotLeaf is one failed branch of the search for a total order.
type TotLeaf struct {
	// Order lists the constrained events placed. When Violation is set
	// and Order is shorter than all of them, placing its last event
	// caused the violation.
	Order     []model.EventID
	Violation *model.Violation
	// Seen says the branch reached a state an earlier branch had already
	// refuted (the same events placed, with the same effect on what is
	// left); Violation is then nil.
	Seen bool
}

// totStepBound bounds the events RefuteTot places.
const totStepBound = 200000

// RefuteTot searches every order of the constrained events of x (whose
// reads-from is complete) under happens-before hb, as the enumerator
// does, and records each branch that fails, keeping the first maxLeaves.
func RefuteTot(m Model, x *model.Execution, hb *model.Rel, maxLeaves int) *TotRefutation {
	ts := m.NewTotSearch(x, hb.Clone(), nil)
	r := &refuter{m: m, x: x, ts: ts, max: maxLeaves, dead: map[string]bool{}, out: &TotRefutation{}}
	for i := range x.Events {
		if ts.Constrained(model.EventID(i)) {
			r.out.Constrained = append(r.out.Constrained, model.EventID(i))
		}
	}
	r.run(len(r.out.Constrained))
	return r.out
}

type refuter struct {
	m     Model
	x     *model.Execution
	ts    model.TotSearch
	max   int
	steps int
	dead  map[string]bool
	out   *TotRefutation
}

func (r *refuter) leaf(order []model.EventID, v *model.Violation, seen bool) {
	if len(r.out.Leaves) >= r.max {
		r.out.More++
		return
	}
	r.out.Leaves = append(r.out.Leaves, TotLeaf{Order: slices.Clone(order), Violation: v, Seen: seen})
}

// run extends the order placed so far; it reports whether it found a
// consistent completion.
func (r *refuter) run(remaining int) bool {
	if remaining == 0 {
		return r.finish()
	}
	b, memo := r.ts.AppendKey(nil)
	key := string(b)
	if memo && r.dead[key] {
		r.leaf(r.ts.Order(), nil, true)
		return false
	}
	placed := false
	for i := range r.x.Events {
		e := model.EventID(i)
		if !r.ts.Enabled(e) {
			continue
		}
		placed = true
		if r.steps++; r.steps > totStepBound {
			r.out.Truncated = true
			return false
		}
		if v := r.ts.Place(e); v != nil {
			r.leaf(append(slices.Clone(r.ts.Order()), e), v, false)
			continue
		}
		found := r.run(remaining - 1)
		r.ts.Undo()
		if found || r.out.Truncated {
			return found
		}
	}
	if !placed {
		r.leaf(r.ts.Order(), &model.Violation{Axiom: model.AxHBTot, Msg: "no constrained event can come next without breaking hb ⊆ tot"}, false)
	}
	if memo {
		r.dead[key] = true
	}
	return false
}

// finish checks a complete order of the constrained events: the
// end-of-execution checks, then the model's complete predicate on a total
// order of every event that extends it.
func (r *refuter) finish() bool {
	order := r.ts.Order()
	if v := r.ts.Finish(); v != nil {
		r.leaf(order, v, false)
		return false
	}
	x := *r.x
	x.Tot = model.Linearize(&x, r.ts.HB(), order)
	if x.Tot == nil {
		r.leaf(order, &model.Violation{Axiom: model.AxHBTot, Msg: "no total order of every event extends this one"}, false)
		return false
	}
	if v := r.m.Check(&x); v != nil {
		r.leaf(order, v, false)
		return false
	}
	r.out.Found = x.Tot
	return true
}

// ConstrainedOrder returns the events of x whose position in the total
// order the model constrains (SC accesses, RMWs and suspension events for
// the Wasm model), in the order of x.Tot.
func ConstrainedOrder(m Model, x *model.Execution) []model.EventID {
	ts := m.NewTotSearch(x, model.NewRel(len(x.Events)), nil)
	var out []model.EventID
	for _, e := range x.Tot {
		if ts.Constrained(e) {
			out = append(out, e)
		}
	}
	return out
}
