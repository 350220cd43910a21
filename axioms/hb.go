package axioms

import (
	"wmm/model"
)

// StaticHB returns the part of happens-before that does not depend on
// reads-from or tot: program order, spawn and join (MODEL.md §6) and the
// init edges (§7.3 item 4), transitively closed.
func (m *Model) StaticHB(x *model.Execution) *model.Rel {
	r := x.Static()
	addInitEdges(x, r)
	r.Close()
	return r
}

// addInitEdges adds I → e for every event I whose data action is an init
// write and every other event e whose data action overlaps it.
func addInitEdges(x *model.Execution, r *model.Rel) {
	for _, i := range x.Events {
		if i.Data == nil || i.Data.Ord != model.Init || !i.Data.Writing() {
			continue
		}
		for _, e := range x.Events {
			if e != i && e.Data != nil && e.Data.Size > 0 && e.Data.Overlap(i.Data) {
				r.Add(i.ID, e.ID)
			}
		}
	}
}

// SyncEdges calls f(w, r) for every pair where event r reads at least one
// cell from w in some region and the two actions synchronise (same range,
// both SC: MODEL.md §7.3 item 3; or release and acquire, §16.2).
func SyncEdges(x *model.Execution, f func(w, r model.EventID)) {
	for _, e := range x.Events {
		for _, reg := range []model.Region{model.Len, model.Data} {
			a := e.Access(reg)
			if !a.Reading() || !a.Ord.Atomic() {
				continue
			}
			for _, w := range x.Writers(e.ID, reg) {
				if model.SyncsWith(x.Events[w].Access(reg), a) {
					f(w, e.ID)
				}
			}
		}
	}
}

// SuspLocations groups the events carrying a suspension action by address,
// each group in the order of order (a list of event ids, e.g. tot).
func SuspLocations(x *model.Execution, order []model.EventID) map[uint64][]model.EventID {
	out := map[uint64][]model.EventID{}
	for _, id := range order {
		if s := x.Events[id].Susp; s != nil {
			out[s.Addr] = append(out[s.Addr], id)
		}
	}
	return out
}

// HB returns happens-before for x (MODEL.md §7.3): the least transitive
// relation containing program order, spawn, join, the init edges, the
// sync-rf edges, and, when x.Tot is set, the suspension edges (events with
// suspension actions at one address are hb-ordered as tot orders them;
// none under WaitersUnordered).
func (m *Model) HB(x *model.Execution) *model.Rel {
	r := x.Static()
	addInitEdges(x, r)
	SyncEdges(x, func(w, rd model.EventID) { r.Add(w, rd) })
	if x.Tot != nil && !m.WaitersUnordered {
		for _, seq := range SuspLocations(x, x.Tot) {
			for i := 1; i < len(seq); i++ {
				r.Add(seq[i-1], seq[i])
			}
		}
	}
	r.Close()
	return r
}

// totPositions returns each event's index in x.Tot.
func totPositions(x *model.Execution) []int {
	pos := make([]int, len(x.Events))
	for i := range pos {
		pos[i] = -1
	}
	for i, e := range x.Tot {
		pos[e] = i
	}
	return pos
}
