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
	// The patterns depend on hb only: collect them once.
	var rules []forcedRule
	for _, re := range x.Events {
		for _, reg := range []model.Region{model.Len, model.Data} {
			if !re.Access(reg).Reading() {
				continue
			}
			for _, w := range x.Writers(re.ID, reg) {
				m.scPatterns(x, hb, re.ID, reg, w, func(p scPattern) bool {
					if rules == nil {
						rules = make([]forcedRule, 0, 4*len(x.Events))
					}
					rules = append(rules, forcedRule{re.ID, w, p.w2, reg, clauseCode(p.clause)})
					return true
				})
			}
		}
	}
	if len(rules) == 0 {
		return hb, nil
	}
	f := &forcing{x: x, order: hb.Clone(), changed: true}
	for f.changed {
		f.changed = false
		for i := range rules {
			rl := &rules[i]
			ok := true
			switch r, w, w2 := rl.r, rl.w, rl.w2; rl.clause {
			case 1: // (i): not W tot V tot R
				if f.order.Has(w, w2) {
					ok = f.add(r, w2, rl, 0)
				}
				if ok && f.order.Has(w2, r) {
					ok = f.add(w2, w, rl, 1)
				}
			case 2: // (ii): not V tot R, as W hb V
				ok = f.add(r, w2, rl, 2)
			case 3: // (iii): not W tot V, as V hb R
				ok = f.add(w2, w, rl, 3)
			}
			if !ok {
				return nil, f.cycle
			}
		}
	}
	return f.order, nil
}

// A forcedRule is one pattern of C3 for a read r of w's cells in region
// reg, from which ForcedOrder derives pairs of tot: clause 1, 2 or 3 for
// (i), (ii) and (iii), about the write w2 (see scPattern). It holds no
// pointer, so that the rules of an execution cost the collector nothing.
type forcedRule struct {
	r, w, w2 model.EventID
	reg      model.Region
	clause   uint8
}

// clauseCode returns 1, 2 or 3 for clause "i", "ii" or "iii".
func clauseCode(c string) uint8 { return uint8(len(c)) }

// clauseName returns the clause of a code of clauseCode.
func clauseName(k uint8) string { return [...]string{"", "i", "ii", "iii"}[k] }

// forcing is the state of ForcedOrder's fixpoint.
type forcing struct {
	x       *model.Execution
	order   *model.Rel
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
	f.order.AddClosed(a, b)
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
