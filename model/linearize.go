package model

// Linearize extends an order of some events (a tot prefix over the
// constrained events) to a total order of all events that contains hb:
// a topological sort of hb plus the given order, taking at each step the
// lowest-numbered event whose predecessors (in hb, and its predecessor in
// the given order) are all taken. It returns nil when no such order
// exists.
func Linearize(x *Execution, hb *Rel, order []EventID) []EventID {
	n := len(x.Events)
	w := (n + 63) / 64
	// pred holds, per event, its predecessors: the column of hb (without
	// the diagonal) and its predecessor in order; taken the events placed.
	pred := make([]uint64, n*w+w)
	taken := pred[n*w:]
	for a := 0; a < n; a++ {
		row := hb.Row(EventID(a))
		for b := 0; b < n; b++ {
			if a != b && row[b/64]&(1<<(b%64)) != 0 {
				pred[b*w+a/64] |= 1 << (a % 64)
			}
		}
	}
	for i := 1; i < len(order); i++ {
		a, b := int(order[i-1]), int(order[i])
		pred[b*w+a/64] |= 1 << (a % 64)
	}
	out := make([]EventID, 0, n)
	for len(out) < n {
		next := -1
		for b := 0; b < n && next < 0; b++ {
			if taken[b/64]&(1<<(b%64)) != 0 {
				continue
			}
			ready := true
			for i, p := range pred[b*w : (b+1)*w] {
				if p&^taken[i] != 0 {
					ready = false
					break
				}
			}
			if ready {
				next = b
			}
		}
		if next < 0 {
			return nil
		}
		taken[next/64] |= 1 << (next % 64)
		out = append(out, EventID(next))
	}
	return out
}
