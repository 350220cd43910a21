package axioms

import (
	"wmm/model"
)

// StaticHB returns the part of happens-before that does not depend on
// reads-from or tot: program order, spawn and join (MODEL.md §6) and the
// init edges (§7.3 item 4), transitively closed.
func (m *Model) StaticHB(x *model.Execution) *model.Rel {
	return closedHB(x, false, nil)
}

// closedHB closes the edges of x.HBEdges.
func closedHB(x *model.Execution, sync bool, order []model.EventID) *model.Rel {
	r := model.NewRel(len(x.Events))
	x.HBEdges(sync, order, func(a, b model.EventID, _ model.EdgeKind) { r.Add(a, b) })
	r.Close()
	return r
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
// none under WaitersUnordered). Its generating edges are x.HBEdges.
func (m *Model) HB(x *model.Execution) *model.Rel {
	var order []model.EventID
	if !m.waitersUnordered {
		order = x.Tot
	}
	return closedHB(x, true, order)
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
