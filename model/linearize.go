package model

import "math/bits"

// Linearize extends an order of some events (a tot prefix over the
// constrained events) to a total order of all events that contains hb:
// a topological sort of hb plus the given order, taking at each step the
// lowest-numbered event whose predecessors (in hb, and its predecessor in
// the given order) are all taken. It returns nil when no such order
// exists.
func Linearize(x *Execution, hb *Rel, order []EventID) []EventID {
	next := make([]int32, len(x.Events)) // the successor of an event in order, or -1
	for i := range next {
		next[i] = -1
	}
	for i := 1; i < len(order); i++ {
		next[order[i-1]] = int32(order[i])
	}
	return LowestFirst(nil, hb, next)
}

// LowestFirst orders the events of rel (those with in[e], or all when in
// is nil) so that each comes after its predecessors among them in rel and
// in the chain next (next[a] is a's successor, or -1; next may be nil),
// taking at each step the lowest-numbered event whose predecessors are
// all taken. It returns nil when those pairs have a cycle.
//
// It is Kahn's algorithm: wait counts the untaken predecessors of each
// event (a pair in both rel and next counts twice and is released
// twice), ready holds the untaken events that wait for none, and each
// step takes ready's lowest bit.
func LowestFirst(in []bool, rel *Rel, next []int32) []EventID {
	n := rel.N()
	has := func(e int) bool { return in == nil || in[e] }
	wait := make([]int32, n)
	count := 0
	for a := 0; a < n; a++ {
		if !has(a) {
			continue
		}
		count++
		for i, word := range rel.Row(EventID(a)) {
			for ; word != 0; word &= word - 1 {
				if b := i*64 + bits.TrailingZeros64(word); b != a && has(b) {
					wait[b]++
				}
			}
		}
		if next != nil && next[a] >= 0 && has(int(next[a])) {
			wait[next[a]]++
		}
	}
	ready := make([]uint64, (n+63)/64)
	for b := 0; b < n; b++ {
		if wait[b] == 0 && has(b) {
			ready[b/64] |= 1 << (b % 64)
		}
	}
	release := func(b int) {
		if wait[b]--; wait[b] == 0 {
			ready[b/64] |= 1 << (b % 64)
		}
	}
	out := make([]EventID, 0, count)
	for len(out) < count {
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
		for i, word := range rel.Row(EventID(a)) {
			for ; word != 0; word &= word - 1 {
				if b := i*64 + bits.TrailingZeros64(word); b != a && has(b) {
					release(b)
				}
			}
		}
		if next != nil && next[a] >= 0 && has(int(next[a])) {
			release(int(next[a]))
		}
	}
	return out
}
