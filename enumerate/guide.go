package enumerate

import (
	"math/bits"

	"wmm/model"
)

// guidedOrder returns an order of the constrained events (cons[e]) that
// extends within (the forced order), or nil when within has a cycle
// among them. It is a guess at an order the complete predicate accepts,
// made as an interleaving would be: a read of a cell sees the
// constrained write placed last there, and each step takes the
// lowest-numbered ready event (every predecessor in within placed) of
// the best rank (guide.rank): best, an event that reads, in every cell
// it reads, the write placed last there (or, before any is placed there,
// a write that is not constrained), and that, when it writes, hides no
// write that a read still to be placed reads from, and is read by no
// read still to be placed.
//
// The guess only steers: the order is then checked like any other
// (totDFS.greedyCheck), and a rejected guess costs the depth-first
// search nothing. An ordinary run asks only whether some order exists
// and rebuilds its witnesses' orders afresh (searcher.rebuild), so the
// order it finds is never shown; the search of explanations, whose
// orders are shown, does not use it.
func guidedOrder(x *model.Execution, cons []bool, within *model.Rel) []model.EventID {
	n := len(x.Events)
	g := guide{x: x, cons: cons, within: within, wait: make([]int32, n), placed: make([]bool, n), readers: make([][]model.EventID, n)}
	count := 0
	for a := 0; a < n; a++ {
		if !cons[a] {
			continue
		}
		count++
		x.EachWriter(model.EventID(a), func(_ model.Region, w model.EventID) bool {
			if w != model.NoEvent {
				if l := g.readers[w]; len(l) == 0 || l[len(l)-1] != model.EventID(a) {
					g.readers[w] = append(l, model.EventID(a))
				}
			}
			return true
		})
		g.successors(a, 1)
	}
	g.out = make([]model.EventID, 0, count)
	for len(g.out) < count {
		best, bestRank := -1, 5
		for e := 0; e < n && bestRank > 0; e++ {
			if !cons[e] || g.placed[e] || g.wait[e] != 0 {
				continue
			}
			if r := g.rank(model.EventID(e)); r < bestRank {
				best, bestRank = e, r
			}
		}
		if best < 0 {
			return nil
		}
		g.placed[best] = true
		g.out = append(g.out, model.EventID(best))
		g.successors(best, -1)
	}
	return g.out
}

// A guide holds the state of guidedOrder.
type guide struct {
	x      *model.Execution
	cons   []bool
	within *model.Rel
	wait   []int32 // the unplaced predecessors in within of each event
	placed []bool
	out    []model.EventID // the events placed so far, in order
	// readers[w] lists the constrained events that read some cell from w.
	readers [][]model.EventID
}

// successors adds d to the wait count of every constrained successor of
// a in within.
func (g *guide) successors(a int, d int32) {
	for i, word := range g.within.Row(model.EventID(a)) {
		for ; word != 0; word &= word - 1 {
			if b := i*64 + bits.TrailingZeros64(word); b != a && g.cons[b] {
				g.wait[b] += d
			}
		}
	}
}

// seen returns the write a read of cell c of region reg would see now:
// the constrained write placed last there, or NoEvent before any.
func (g *guide) seen(reg model.Region, c uint64) model.EventID {
	for i := len(g.out) - 1; i >= 0; i-- {
		if a := g.x.Events[g.out[i]].Access(reg); a.Writing() && a.Covers(c) {
			return g.out[i]
		}
	}
	return model.NoEvent
}

// source returns the write a read taking a cell from w expects to see:
// w when it is constrained, NoEvent otherwise.
func (g *guide) source(w model.EventID) model.EventID {
	if w == model.NoEvent || !g.cons[w] {
		return model.NoEvent
	}
	return w
}

// rank says how well e fits next, from 0 (best) to 4. An event whose
// reads are not all satisfied ranks 4, one whose writes hide a write an
// unplaced read needs ranks 3. Of the others, an event that no unplaced
// read reads from ranks 0: a write that nothing reads goes early, before
// a write that others still read can hide it. A write that unplaced
// reads wait for blocks every other write of its cells until they are
// placed, so it ranks 1 when each of them is ready once it is placed,
// and 2 when some of them must wait for other events still.
func (g *guide) rank(e model.EventID) int {
	x := g.x
	if !x.ReadCells(e, func(r model.Region, c uint64, w *model.EventID) bool {
		return g.source(*w) == g.seen(r, c)
	}) {
		return 4
	}
	ev := x.Events[e]
	for _, reg := range []model.Region{model.Len, model.Data} {
		if a := ev.Access(reg); a.Writing() && g.hides(e, reg, a) {
			return 3
		}
	}
	rank := 0
	for _, o := range g.readers[e] {
		if o == e || g.placed[o] {
			continue
		}
		rank = 1
		if g.wait[o] > 1 || (g.wait[o] == 1 && !g.within.Has(e, o)) {
			return 2
		}
	}
	return rank
}

// hides reports whether write access a of e, in region reg, overwrites a
// cell that some unplaced constrained read other than e reads from the
// write a read of that cell sees now.
func (g *guide) hides(e model.EventID, reg model.Region, a *model.Access) bool {
	for o, ev := range g.x.Events {
		if o == int(e) || g.placed[o] || !g.cons[o] {
			continue
		}
		b := ev.Access(reg)
		if !b.Reading() || !a.Overlap(b) {
			continue
		}
		lo, hi := max(a.Off, b.Off), min(a.Off+a.Size, b.Off+b.Size)
		for c := lo; c < hi; c++ {
			if g.source(g.x.Writer(model.EventID(o), reg, c)) == g.seen(reg, c) {
				return true
			}
		}
	}
	return false
}
