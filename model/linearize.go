package model

import "slices"

// Linearize extends an order of some events (a tot prefix over the
// constrained events) to a total order of all events that contains hb:
// a topological sort of hb plus the given order, taking events in the
// given order first and, among the others, the lowest id first. It
// returns nil when no such order exists.
func Linearize(x *Execution, hb *Rel, order []EventID) []EventID {
	n := len(x.Events)
	rank := make([]int, n)
	for i := range rank {
		rank[i] = -1
	}
	for i, e := range order {
		rank[e] = i
	}
	indeg := make([]int, n)
	succ := make([][]EventID, n)
	edge := func(a, b EventID) {
		succ[a] = append(succ[a], b)
		indeg[b]++
	}
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			if a != b && hb.Has(EventID(a), EventID(b)) {
				edge(EventID(a), EventID(b))
			}
		}
	}
	for i := 1; i < len(order); i++ {
		edge(order[i-1], order[i])
	}
	var ready, out []EventID
	for e := 0; e < n; e++ {
		if indeg[e] == 0 {
			ready = append(ready, EventID(e))
		}
	}
	for len(ready) > 0 {
		// Prefer the lowest id among unranked events, so that output is
		// deterministic and reads naturally (threads in order).
		slices.Sort(ready)
		e := ready[0]
		ready = ready[1:]
		out = append(out, e)
		for _, s := range succ[e] {
			if indeg[s]--; indeg[s] == 0 {
				ready = append(ready, s)
			}
		}
	}
	if len(out) != n {
		return nil
	}
	return out
}
