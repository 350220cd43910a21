package model

import "math/bits"

// Linearize extends an order of some events (a tot prefix over the
// constrained events) to a total order of all events that contains hb:
// a topological sort of hb plus the given order, taking at each step the
// lowest-numbered event whose predecessors (in hb, and its predecessor in
// the given order) are all taken. It returns nil when no such order
// exists.
//
// It is Kahn's algorithm: wait counts the untaken predecessors of each
// event (a pair in both hb and the order counts twice and is released
// twice), ready holds the untaken events that wait for none, and each
// step takes ready's lowest bit.
func Linearize(x *Execution, hb *Rel, order []EventID) []EventID {
	n := len(x.Events)
	w := (n + 63) / 64
	wait := make([]int32, n)
	next := make([]int32, n) // the successor of an event in order, or -1
	for i := range next {
		next[i] = -1
	}
	for a := 0; a < n; a++ {
		for i, word := range hb.Row(EventID(a)) {
			for ; word != 0; word &= word - 1 {
				if b := i*64 + bits.TrailingZeros64(word); b != a {
					wait[b]++
				}
			}
		}
	}
	for i := 1; i < len(order); i++ {
		next[order[i-1]] = int32(order[i])
		wait[order[i]]++
	}
	ready := make([]uint64, w)
	for b := 0; b < n; b++ {
		if wait[b] == 0 {
			ready[b/64] |= 1 << (b % 64)
		}
	}
	release := func(b int) {
		if wait[b]--; wait[b] == 0 {
			ready[b/64] |= 1 << (b % 64)
		}
	}
	out := make([]EventID, 0, n)
	for len(out) < n {
		a := -1
		for i, word := range ready {
			if word != 0 {
				a = i*64 + bits.TrailingZeros64(word)
				break
			}
		}
		if a < 0 {
			return nil
		}
		ready[a/64] &^= 1 << (a % 64)
		out = append(out, EventID(a))
		for i, word := range hb.Row(EventID(a)) {
			for ; word != 0; word &= word - 1 {
				if b := i*64 + bits.TrailingZeros64(word); b != a {
					release(b)
				}
			}
		}
		if b := next[a]; b >= 0 {
			release(int(b))
		}
	}
	return out
}
