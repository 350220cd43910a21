package enumerate

import (
	"slices"

	"wmm/model"
)

// SyncHB returns happens-before as reads-from fixes it (MODEL.md §7.3
// items 1–4): the model's static happens-before and the edge W → R for
// every read R that takes a cell from a write W it synchronises with (same
// range, both SC), closed. Suspension edges, which depend on tot, are not
// in it.
func SyncHB(m Model, x *model.Execution) *model.Rel {
	hb := m.StaticHB(x)
	for _, e := range RFEdges(x) {
		if e.Kind == EdgeSync {
			hb.AddClosed(e.From, e.To)
		}
	}
	return hb
}

// An EdgeKind says what relates two events in an explanation or a graph.
type EdgeKind uint8

// The kinds of edges. The first five generate happens-before (MODEL.md
// §7.3); RF and Sync are reads-from, Sync being the reads-from that
// synchronises and is therefore also happens-before.
const (
	EdgePO    EdgeKind = iota + 1 // program order, from an event to the next in its thread
	EdgeSpawn                     // the setup thread's last event to a thread's first
	EdgeJoin                      // a thread's last event to the first of the observer or of a thread that starts after it
	EdgeInit                      // an init write to an event overlapping it
	EdgeSusp                      // suspension events at one address, in tot order (C7 H)
	EdgeSync                      // reads-from between SC accesses of the same range
	EdgeRF                        // reads-from that does not synchronise
	EdgeTot                       // the total order
	EdgeHB                        // happens-before, derived
)

// String returns the edge kind's short name: "po", "spawn", "join",
// "init", "susp", "sync", "rf", "tot" or "hb".
func (k EdgeKind) String() string {
	switch k {
	case EdgePO:
		return "po"
	case EdgeSpawn:
		return "spawn"
	case EdgeJoin:
		return "join"
	case EdgeInit:
		return "init"
	case EdgeSusp:
		return "susp"
	case EdgeSync:
		return "sync"
	case EdgeRF:
		return "rf"
	case EdgeTot:
		return "tot"
	case EdgeHB:
		return "hb"
	}
	return "?"
}

// An Edge relates two events of an execution.
type Edge struct {
	From, To model.EventID
	Kind     EdgeKind
	// Region and the cells [Lo, Hi) that To reads from From (EdgeRF and
	// EdgeSync only).
	Region model.Region
	Lo, Hi uint64
}

// RFEdges returns reads-from as edges, one per maximal run of cells that
// an event reads from one writer, in event and cell order (the length
// region first). A run between SC accesses of the same range has kind
// EdgeSync, any other EdgeRF.
func RFEdges(x *model.Execution) []Edge {
	var out []Edge
	for _, e := range x.Events {
		for _, reg := range []model.Region{model.Len, model.Data} {
			a := e.Access(reg)
			if !a.Reading() {
				continue
			}
			for _, rr := range x.RFRanges(e.ID, reg) {
				k := EdgeRF
				if model.SyncsWith(x.Events[rr.Writer].Access(reg), a) {
					k = EdgeSync
				}
				out = append(out, Edge{From: rr.Writer, To: e.ID, Kind: k, Region: reg, Lo: rr.From, Hi: rr.To})
			}
		}
	}
	return out
}

// HBEdges returns edges whose transitive closure is happens-before
// (MODEL.md §7.3): program order between neighbours, spawn, join, init
// edges, one synchronisation edge per synchronising pair, and, between
// suspension events at one address, their order in order (a total order
// or a prefix of one; nil for none). Edges are sorted by source, then
// kind, then target.
func HBEdges(x *model.Execution, order []model.EventID) []Edge {
	var out []Edge
	add := func(a, b model.EventID, k EdgeKind) { out = append(out, Edge{From: a, To: b, Kind: k}) }
	threadEdges(x, add)
	initEdges(x, add)
	seen := map[[2]model.EventID]bool{}
	for _, e := range RFEdges(x) {
		if e.Kind == EdgeSync && !seen[[2]model.EventID{e.From, e.To}] {
			seen[[2]model.EventID{e.From, e.To}] = true
			add(e.From, e.To, EdgeSync)
		}
	}
	last := map[uint64]model.EventID{}
	for _, id := range order {
		if s := x.Events[id].Susp; s != nil {
			if p, ok := last[s.Addr]; ok {
				add(p, id, EdgeSusp)
			}
			last[s.Addr] = id
		}
	}
	slices.SortStableFunc(out, func(a, b Edge) int {
		if a.From != b.From {
			return int(a.From - b.From)
		}
		if a.Kind != b.Kind {
			return int(a.Kind) - int(b.Kind)
		}
		return int(a.To - b.To)
	})
	return out
}

// threadEdges adds program order between neighbours, spawn edges from the
// setup thread's last event, join edges to the observer's first, and join
// edges from the threads a thread starts after (Thread.After) to its first
// event.
func threadEdges(x *model.Execution, add func(a, b model.EventID, k EdgeKind)) {
	var setupLast, obsFirst model.EventID = model.NoEvent, model.NoEvent
	for _, t := range x.Threads {
		for i := 1; i < len(t.Events); i++ {
			add(t.Events[i-1], t.Events[i], EdgePO)
		}
		if len(t.Events) == 0 {
			continue
		}
		switch t.Role {
		case model.RoleSetup:
			setupLast = t.Events[len(t.Events)-1]
		case model.RoleObserver:
			obsFirst = t.Events[0]
		}
	}
	for _, t := range x.Threads {
		if len(t.Events) == 0 || t.Role == model.RoleSetup {
			continue
		}
		if setupLast != model.NoEvent {
			add(setupLast, t.Events[0], EdgeSpawn)
		}
		if t.Role == model.RoleTest && obsFirst != model.NoEvent {
			add(t.Events[len(t.Events)-1], obsFirst, EdgeJoin)
		}
		for _, si := range t.After {
			if evs := x.Threads[si].Events; len(evs) > 0 {
				add(evs[len(evs)-1], t.Events[0], EdgeJoin)
			}
		}
	}
}

// initEdges adds I → e for every init write I and every other event e
// whose data access overlaps it, unless program order, spawn and join
// already order them.
func initEdges(x *model.Execution, add func(a, b model.EventID, k EdgeKind)) {
	var static *model.Rel
	for _, i := range x.Events {
		if i.Data == nil || i.Data.Ord != model.Init || !i.Data.Writing() {
			continue
		}
		if static == nil {
			static = x.Static()
		}
		for _, e := range x.Events {
			if e != i && e.Data != nil && e.Data.Size > 0 && e.Data.Overlap(i.Data) && !static.Has(i.ID, e.ID) {
				add(i.ID, e.ID, EdgeInit)
			}
		}
	}
}

// Path returns a shortest path of edges from a to b, preferring, among
// shortest paths, edges that come first in edges; nil when there is none
// or a == b.
func Path(edges []Edge, a, b model.EventID) []Edge {
	prev := map[model.EventID]int{a: -1}
	queue := []model.EventID{a}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for i, e := range edges {
			if e.From != n {
				continue
			}
			if _, ok := prev[e.To]; ok {
				continue
			}
			prev[e.To] = i
			if e.To == b {
				return unwind(edges, prev, b)
			}
			queue = append(queue, e.To)
		}
	}
	return nil
}

func unwind(edges []Edge, prev map[model.EventID]int, b model.EventID) []Edge {
	var out []Edge
	for i := prev[b]; i >= 0; i = prev[edges[i].From] {
		out = append(out, edges[i])
	}
	slices.Reverse(out)
	return out
}
