package axioms

import "wmm/model"

// FreeRead reports whether the choice of writers of read r, among the
// candidates given per cell (length cell first), can influence nothing but
// r's own CheckRead, so that the enumerator may count r's valid choices
// instead of searching them. Under sc it never holds: every read is placed
// in tot. Under the Wasm and JavaScript models it holds when the length
// read has one candidate and, in the data region:
//
//   - no candidate writer synchronises with r (same-range SC pairs and
//     release-acquire pairs do), so r adds no hb edge;
//   - clause (iii) ‡ cannot fire: no SC candidate writer has another SC
//     write of its range in the execution;
//   - clauses (i) and (ii) cannot fire for an SC reader: no SC write of
//     its range exists (for js2017, whose clause (i) counts every write and
//     lets reads of init synchronise: no write of its range at all).
func (m *Model) FreeRead(x *model.Execution, r model.EventID, cells [][]model.EventID) bool {
	if m.sc {
		return false
	}
	ra := x.Events[r].Data
	data, ok := dataCells(x.Events[r], cells)
	if !ok {
		return false
	}
	seen := map[model.EventID]bool{}
	for _, ws := range data {
		for _, w := range ws {
			if seen[w] {
				continue
			}
			seen[w] = true
			wa := x.Events[w].Data
			if model.SyncsWith(wa, ra) {
				return false // release-acquire (§16.2)
			}
			if wa.Ord != model.SeqCst {
				continue
			}
			if model.Sync(wa, ra) || writesRange(x, wa, w, false) {
				return false
			}
		}
	}
	return ra.Ord != model.SeqCst || !writesRange(x, ra, r, m.oldClauseA)
}

// dataCells returns the candidates of ev's data cells among cells (the
// candidates per cell, length cell first), and false when ev reads no
// data or its length read has more than one candidate: then the choice
// of its writers is not its own business (FreeRead, FreeReadWithin).
func dataCells(ev *model.Event, cells [][]model.EventID) ([][]model.EventID, bool) {
	if !ev.Data.Reading() {
		return nil, false
	}
	if ev.Len.Reading() {
		if len(cells[0]) != 1 {
			return nil, false
		}
		return cells[1:], true
	}
	return cells, true
}

// writesRange reports whether an event other than self writes exactly a's
// range in the data region with an SC write (with any write when any is
// set).
func writesRange(x *model.Execution, a *model.Access, self model.EventID, any bool) bool {
	for _, e := range x.Events {
		if e.ID != self && e.Data.Writing() && e.Data.Same(a) && (any || e.Data.Ord == model.SeqCst) {
			return true
		}
	}
	return false
}
