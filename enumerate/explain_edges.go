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

// An EdgeKind says what relates two events in an explanation or a graph
// (model.EdgeKind).
type EdgeKind = model.EdgeKind

// The kinds of edges (see model.EdgeKind).
const (
	EdgePO    = model.EdgePO
	EdgeSpawn = model.EdgeSpawn
	EdgeJoin  = model.EdgeJoin
	EdgeInit  = model.EdgeInit
	EdgeSusp  = model.EdgeSusp
	EdgeSync  = model.EdgeSync
	EdgeRF    = model.EdgeRF
	EdgeTot   = model.EdgeTot
	EdgeHB    = model.EdgeHB
)

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

// HBEdges returns edges whose transitive closure is happens-before, as
// the model generates it (model.Execution.HBEdges): program order between
// neighbours, spawn, join, init edges, one synchronisation edge per
// synchronising pair, and, between suspension events at one address,
// their order in order (a total order or a prefix of one; nil for none).
// Edges are sorted by source, then kind, then target.
func HBEdges(x *model.Execution, order []model.EventID) []Edge {
	var out []Edge
	x.HBEdges(true, order, func(a, b model.EventID, k EdgeKind) { out = append(out, Edge{From: a, To: b, Kind: k}) })
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
