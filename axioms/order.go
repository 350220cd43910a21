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
	type rule struct {
		r, w   model.EventID
		reg    model.Region
		synced bool
	}
	var rules []rule
	for _, re := range x.Events {
		for _, reg := range []model.Region{model.Len, model.Data} {
			ra := re.Access(reg)
			if !ra.Reading() {
				continue
			}
			writers := x.Writers(re.ID, reg)
			for _, w := range writers {
				if !hb.Has(w, re.ID) {
					continue
				}
				wa := x.Events[w].Access(reg)
				synced := model.Sync(wa, ra) || (m.InitSync && wa.Ord == model.Init && ra.Ord == model.SeqCst && len(writers) == 1)
				if synced || m.daggers(reg) {
					rules = append(rules, rule{re.ID, w, reg, synced})
				}
			}
		}
	}
	if len(rules) == 0 {
		return nil
	}
	order := hb.Clone()
	// add puts a before b; it reports false, with the violation, when b
	// is already before a.
	var cycle *model.Violation
	changed := true
	add := func(a, b model.EventID, clause, why string) bool {
		if order.Has(a, b) {
			return true
		}
		if a == b || order.Has(b, a) {
			cycle = &model.Violation{Axiom: model.AxSCLast, Clause: clause, Events: []model.EventID{a, b},
				Msg: fmt.Sprintf("%s must come before %s in tot (%s), but the order that hb and the reads-from choices already force puts %s first", x.Label(a), x.Label(b), why, x.Label(b))}
			return false
		}
		order.AddClosed(a, b)
		changed = true
		return true
	}
	for changed {
		changed = false
		for _, rl := range rules {
			ra, wa := x.Events[rl.r].Access(rl.reg), x.Events[rl.w].Access(rl.reg)
			for _, e := range x.Events {
				w2 := e.ID
				a2 := e.Access(rl.reg)
				if !a2.Writing() || w2 == rl.w || w2 == rl.r {
					continue
				}
				if rl.synced && (model.Sync(a2, ra) || (m.OldClauseA && a2.Same(ra))) {
					// (i): not W tot V tot R.
					if order.Has(rl.w, w2) && !add(rl.r, w2, "i", "clause (i): "+x.Label(rl.r)+" reads from "+x.Label(rl.w)+", which is before it") {
						return cycle
					}
					if order.Has(w2, rl.r) && !add(w2, rl.w, "i", "clause (i): "+x.Label(rl.r)+" reads from "+x.Label(rl.w)+", and it is before "+x.Label(rl.r)) {
						return cycle
					}
				}
				if m.daggers(rl.reg) {
					// (ii) †: not W hb V tot R with V, R synchronising.
					if hb.Has(rl.w, w2) && model.Sync(a2, ra) && !add(rl.r, w2, "ii", "clause (ii) †: "+x.Label(rl.w)+" hb "+x.Label(w2)) {
						return cycle
					}
					// (iii) ‡: not W tot V hb R with W, V synchronising.
					if hb.Has(w2, rl.r) && model.Sync(wa, a2) && !add(w2, rl.w, "iii", "clause (iii) ‡: "+x.Label(w2)+" hb "+x.Label(rl.r)) {
						return cycle
					}
				}
			}
		}
	}
	return nil
}
