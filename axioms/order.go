package axioms

import (
	"fmt"

	"wmm/model"
)

// TotOrderCycle looks, before any total order is searched, for a reason
// why none can exist. Once reads-from is fixed, the clauses of C3 and
// hb ⊆ tot force some pairs of events into tot, as from-reads does in
// herd: when R reads from W and they synchronise, a same-range SC write V
// with W tot V must come after R (else W tot V tot R breaks clause (i)),
// and one with V tot R must come before W; clause (ii) † puts R before V
// when W hb V, clause (iii) ‡ puts V before W when V hb R. TotOrderCycle
// adds these pairs to hb until nothing changes and returns a violation of
// sc-last-visible when they close a cycle; tot cannot contain a cycle, so
// no order satisfies C3 and C6 together.
//
// hb may still lack edges (the suspension edges that the tot search adds):
// every pair derived from part of hb is derived from all of it, so a cycle
// found here is a cycle of every completion. A nil result says nothing:
// the tot search decides.
func (m *Model) TotOrderCycle(x *model.Execution, hb *model.Rel) *model.Violation {
	_, v := m.ForcedOrder(x, hb)
	return v
}

// ForcedOrder is TotOrderCycle that also returns the order it derived:
// hb and the pairs that C3 and hb ⊆ tot force into tot, transitively
// closed. Every consistent total order contains it, so a tot search may
// place an event only after its predecessors in it (NewTotSearch)
// without losing an order. The order is nil when the violation is not.
func (m *Model) ForcedOrder(x *model.Execution, hb *model.Rel) (*model.Rel, *model.Violation) {
	f := &Forcing{m: m, x: x}
	for _, re := range x.Events {
		f.addRules(re.ID)
	}
	if len(f.rules) == 0 {
		return hb, nil
	}
	f.order = hb.Clone()
	if v := f.close(hb); v != nil {
		return nil, v
	}
	return f.order, nil
}

// A Forcing is ForcedOrder built read by read (model.Forcing), as a
// search chooses the writers of one read after another and extends hb
// with their synchronisation edges. Its order is the least one that
// contains hb and is closed under the pairs that C3 forces for the reads
// extended so far; every pattern, and every hb fact a pattern asks, only
// grows as reads and hb edges are added, so after the last read it is
// ForcedOrder's, and a cycle found before that is a cycle of every
// completion (MODEL.md §13.1a S6).
type Forcing struct {
	m     *Model
	x     *model.Execution
	order *model.Rel
	trail model.Trail
	rules []forcedRule
	live  []int32       // close's rules that apply under its hb
	done  []int32       // the rules settled, in the order they were
	marks []forcingMark // one per Extend not yet retracted
}

type forcingMark struct{ trail, rules, done int }

// NewForcing starts a Forcing for x under hb, the happens-before before
// any read's writers are chosen (closed, acyclic).
func (m *Model) NewForcing(x *model.Execution, hb *model.Rel) model.Forcing {
	return &Forcing{m: m, x: x, order: hb.Clone()}
}

// Order returns the order derived so far. Callers must not change it.
func (f *Forcing) Order() *model.Rel { return f.order }

// Extend adds read r, whose writers are chosen, under hb, which contains
// the hb of the previous calls and differs from it at most by edges into
// r from its writers (its synchronisation edges) and their closure: the
// order takes those edges (hb ⊆ tot, C6) and the pairs C3 forces, and
// the fixpoint runs again over the rules of every read extended. It
// returns a violation when they close a cycle (tot cannot contain one).
func (f *Forcing) Extend(hb *model.Rel, r model.EventID) *model.Violation {
	f.marks = append(f.marks, forcingMark{f.trail.Mark(), len(f.rules), len(f.done)})
	if !f.x.EachWriter(r, func(_ model.Region, w model.EventID) bool {
		if hb.Has(w, r) && !f.order.Has(w, r) {
			if f.order.Has(r, w) {
				return false
			}
			f.order.AddClosedTrail(w, r, &f.trail)
		}
		return true
	}) {
		return model.HBCycle(f.x, r)
	}
	f.addRules(r)
	if len(f.rules) == 0 {
		return nil
	}
	return f.close(hb)
}

// Retract takes back the latest Extend not yet taken back.
func (f *Forcing) Retract() {
	m := f.marks[len(f.marks)-1]
	f.marks = f.marks[:len(f.marks)-1]
	f.order.UndoTo(&f.trail, m.trail)
	f.rules = f.rules[:m.rules]
	for _, i := range f.done[m.done:] {
		if int(i) < len(f.rules) {
			f.rules[i].settled = false
		}
	}
	f.done = f.done[:m.done]
}

// addRules adds the patterns of C3 for read r, whatever hb (close asks
// hb which apply).
func (f *Forcing) addRules(r model.EventID) {
	f.x.EachWriter(r, func(reg model.Region, w model.EventID) bool {
		f.m.scPatternsAnyHB(f.x, r, reg, w, func(p scPattern) bool {
			f.rules = append(f.rules, forcedRule{r: r, w: w, w2: p.w2, reg: reg, clause: clauseCode(p.clause)})
			return true
		})
		return true
	})
}

// close adds the pairs the rules that hold under hb force until nothing
// changes, or returns the violation of the first pair that closes a
// cycle.
func (f *Forcing) close(hb *model.Rel) *model.Violation {
	fx := &forcing{x: f.x, order: f.order, changed: true}
	if len(f.marks) > 0 {
		fx.trail = &f.trail // only an Extend is ever retracted
	}
	// Whether a rule applies depends on hb alone, which the fixpoint
	// does not change: it is asked once per rule, not once per pass. A
	// settled rule is not asked at all: its pair is in the order, which
	// (like hb) only grows until a Retract, and Retract unsettles what
	// it takes back.
	f.live = f.live[:0]
	for i := range f.rules {
		if !f.rules[i].settled && f.rules[i].holds(hb) {
			f.live = append(f.live, int32(i))
		}
	}
	for fx.changed {
		fx.changed = false
		for _, i := range f.live {
			rl := &f.rules[i]
			if rl.settled {
				continue
			}
			r, w, w2 := rl.r, rl.w, rl.w2
			ok, settled := true, true
			switch rl.clause {
			case 1: // (i): not W tot V tot R
				// Once either pair is placed the other cannot be (add
				// refuses a cycle), so the rule is settled.
				switch {
				case fx.order.Has(w, w2):
					ok = fx.add(r, w2, rl, 0)
				case fx.order.Has(w2, r):
					ok = fx.add(w2, w, rl, 1)
				default:
					settled = false
				}
			case 2: // (ii): not V tot R, as W hb V
				ok = fx.add(r, w2, rl, 2)
			case 3: // (iii): not W tot V, as V hb R
				ok = fx.add(w2, w, rl, 3)
			}
			if !ok {
				return fx.cycle
			}
			if settled {
				rl.settled = true
				f.done = append(f.done, i)
			}
		}
	}
	return nil
}

// A forcedRule is one pattern of C3 for a read r of w's cells in region
// reg, from which ForcedOrder derives pairs of tot: clause 1, 2 or 3 for
// (i), (ii) and (iii), about the write w2 (see scPattern). It holds no
// pointer, so that the rules of an execution cost the collector nothing.
type forcedRule struct {
	r, w, w2 model.EventID
	reg      model.Region
	clause   uint8
	settled  bool // its pair is in the order (Forcing.close)
}

// holds is scPattern.holds for the rule's pattern.
func (rl *forcedRule) holds(hb *model.Rel) bool {
	if !hb.Has(rl.w, rl.r) {
		return false
	}
	switch rl.clause {
	case 2:
		return hb.Has(rl.w, rl.w2)
	case 3:
		return hb.Has(rl.w2, rl.r)
	}
	return true
}

// clauseCode returns 1, 2 or 3 for clause "i", "ii" or "iii".
func clauseCode(c string) uint8 { return uint8(len(c)) }

// clauseName returns the clause of a code of clauseCode.
func clauseName(k uint8) string { return [...]string{"", "i", "ii", "iii"}[k] }

// SCLastVisibleUnder tests every rule (every pattern of C3 of the reads
// extended) that holds under hb against the positions of a total order:
// it is checkSCLastVisible over the patterns Extend already found.
func (f *Forcing) SCLastVisibleUnder(hb *model.Rel, pos []int32) bool {
	for i := range f.rules {
		rl := &f.rules[i]
		if !rl.holds(hb) {
			continue
		}
		r, w, w2 := pos[rl.r], pos[rl.w], pos[rl.w2]
		switch rl.clause {
		case 1: // (i): not W tot V tot R
			if w < w2 && w2 < r {
				return false
			}
		case 2: // (ii): not V tot R
			if w2 < r {
				return false
			}
		case 3: // (iii): not W tot V
			if w < w2 {
				return false
			}
		}
	}
	return true
}

// forcing is the state of ForcedOrder's fixpoint.
type forcing struct {
	x       *model.Execution
	order   *model.Rel
	trail   *model.Trail // saves the rows add changes, or nil
	changed bool
	cycle   *model.Violation
}

// add puts a before b; it reports false, with the violation, when b is
// already before a. k says how the pair came about: 0 (clause (i), W
// before W'), 1 (clause (i), W' before R), 2 (clause (ii)), 3 (clause
// (iii)).
func (f *forcing) add(a, b model.EventID, rl *forcedRule, k int) bool {
	if f.order.Has(a, b) {
		return true
	}
	if a == b || f.order.Has(b, a) {
		x, rl := f.x, *rl
		clause := clauseName(rl.clause)
		f.cycle = model.NewViolation(model.AxSCLast, clause, rl.reg, []model.EventID{a, b}, func() string {
			return fmt.Sprintf("%s must come before %s in tot (clause (%s): %s reads from %s%s), but the order that hb and the reads-from choices already force puts %s first",
				x.Label(a), x.Label(b), clause, x.Label(rl.r), x.Label(rl.w), forcedWhy(x, rl, k), x.Label(b))
		}).Because(model.RF(rl.w, rl.r))
		switch k {
		case 2:
			f.cycle.Because(model.HB(rl.w, rl.w2))
		case 3:
			f.cycle.Because(model.HB(rl.w2, rl.r))
		}
		return false
	}
	f.order.AddClosedTrail(a, b, f.trail)
	f.changed = true
	return true
}

// forcedWhy says how a pair of ForcedOrder came about (see forcing.add).
func forcedWhy(x *model.Execution, rl forcedRule, k int) string {
	switch k {
	case 0:
		return ", which is before " + x.Label(rl.w2)
	case 1:
		return ", and " + x.Label(rl.w2) + " is before it"
	case 2:
		return ", which happens before " + x.Label(rl.w2)
	}
	return ", and " + x.Label(rl.w2) + " happens before it"
}
