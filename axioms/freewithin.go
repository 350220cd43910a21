package axioms

import (
	"slices"

	"wmm/model"
)

// FreeReadWithin is FreeRead for a search that knows a bound on
// happens-before: hb contains every happens-before the search can reach
// (the static edges and every synchronisation edge that some choice of
// writers could add, closed). It holds for a read r that is not SC when
// the length read has one candidate and every candidate writer W of a
// data cell
//
//   - does not synchronise with r (release-acquire pairs do, §16.2), so r
//     adds no hb edge;
//   - cannot fire clause (iii) ‡ of sc-last-visible (C3): either not
//     W hb r (the guard of every clause), or no other SC write of W's
//     range happens before r. Clauses (i) and (ii) need r to synchronise
//     with a write, which takes an SC read.
//
// Every clause of C3 asks hb for a pair (W hb r, W' hb r), never for its
// absence, so a pattern that cannot arise under the bound cannot arise
// under any hb the search reaches. Then the choice of r's writers leaves
// hb, every other read's checks and the tot search as they are (MODEL.md
// §13.1a S5).
//
// The search asks it only of reads FreeRead did not find free, so it does
// not ask FreeRead again.
func (m *Model) FreeReadWithin(x *model.Execution, hb *model.Rel, r model.EventID, cells [][]model.EventID) bool {
	ra := x.Events[r].Data
	data, ok := dataCells(x.Events[r], cells)
	if m.sc || !ok || ra.Ord == model.SeqCst {
		return false
	}
	var seen []model.EventID
	for k, ws := range data {
		cell := ra.Off + uint64(k)
		for _, w := range ws {
			if slices.Contains(seen, w) {
				continue
			}
			seen = append(seen, w)
			wa := x.Events[w].Data
			if model.SyncsWith(wa, ra) {
				return false
			}
			if wa.Ord != model.SeqCst || !m.daggers(model.Data) || !hb.Has(w, r) {
				continue
			}
			for _, w2 := range x.WritesCovering(model.Data, cell) {
				if w2 != w && w2 != r && model.Sync(wa, x.Events[w2].Data) && hb.Has(w2, r) {
					return false // clause (iii) ‡ may fire
				}
			}
		}
	}
	return true
}
