package axioms

import (
	"encoding/binary"

	"wmm/model"
)

// A TotSearch builds tot over the constrained events of one candidate
// execution (reads-from fixed) one event at a time, and checks at each
// step the axioms that the events placed so far already decide (MODEL.md
// §13.1 step 6). It is the enumerator's fast path; Check, run on the
// completed execution, remains the definition.
//
// Place rejects an event only for a violation that no completion can
// repair: every tot fact it uses relates two placed events, or a placed
// event to one placed later, and hb only grows.
type TotSearch struct {
	m  *Model
	x  *model.Execution
	hb *model.Rel
	// within, when set, is an order that every consistent tot contains
	// (ForcedOrder): an event is enabled only after its predecessors in it.
	within *model.Rel
	cons   []bool // constrained events
	pos    []int  // position of each placed event, -1 if not placed
	ord    []model.EventID

	hasSusp bool // suspension events that tot orders
	queues  map[uint64]*queue
	undo    []undoRec
	// unordered caches, for a model with WaitersUnordered, the verdict of
	// someQueueOrder, which depends on neither tot nor reads-from.
	unordered     *model.Violation
	unorderedDone bool
	// rules, when set (UsePatterns), are the patterns of C3 of every
	// read, those of read r at rules[block[2r]:block[2r+1]], in the order
	// the checks below would find them (regions Len then Data, writers
	// in Writers order, patterns in scPatternsAnyHB order).
	rules []forcedRule
	block []int32
}

// UsePatterns takes the rules of a Forcing (S12): every read's patterns
// of C3, found once while the reads-from was chosen.
func (t *TotSearch) UsePatterns(f model.Forcing) {
	ff, ok := f.(*Forcing)
	if !ok {
		return
	}
	t.rules = ff.rules
	t.block = make([]int32, 2*len(t.x.Events))
	for i := len(t.rules) - 1; i >= 0; i-- { // each read's rules are contiguous
		r := t.rules[i].r
		if t.block[2*r+1] == 0 {
			t.block[2*r+1] = int32(i + 1)
		}
		t.block[2*r] = int32(i)
	}
}

// scRules checks C3 for read r in region reg from the rules of
// UsePatterns: the checks of scLastVisible for every writer of r, in
// the same order, so that the first violation is the same.
func (t *TotSearch) scRules(r model.EventID, reg model.Region) *model.Violation {
	for i := t.block[2*r]; i < t.block[2*r+1]; i++ {
		rl := &t.rules[i]
		if rl.reg != reg || !rl.holds(t.hb) {
			continue
		}
		if v := scBroken(t.x, t.tot, r, reg, rl.w, scPattern{clauseName(rl.clause), rl.w2}); v != nil {
			return v
		}
	}
	return nil
}

type undoRec struct {
	hb     *model.Rel // hb before a suspension event added edges, or nil
	addr   uint64
	queue  *queue // the queue at addr before the step, or nil
	hadSus bool
}

// NewTotSearch starts a tot search for x, whose reads-from is complete,
// with hb the happens-before built from it so far (static and sync-rf
// edges, closed). The search owns hb and adds suspension edges to it.
//
// When within is not nil, the search places an event only after its
// predecessors in within, an order that every consistent tot contains
// (ForcedOrder): it finds the same orders as without it, first the same
// one, and tries fewer that fail. The orders it skips put some pair
// against C3 or hb ⊆ tot (C6), which is what ForcedOrder derives its
// pairs from.
func (m *Model) NewTotSearch(x *model.Execution, hb, within *model.Rel) model.TotSearch {
	t := m.newTotSearch(x, hb)
	t.within = within
	return t
}

func (m *Model) newTotSearch(x *model.Execution, hb *model.Rel) *TotSearch {
	t := &TotSearch{m: m, x: x, hb: hb, cons: make([]bool, len(x.Events)), pos: make([]int, len(x.Events))}
	for i, e := range x.Events {
		t.cons[i] = m.Constrained(e)
		t.pos[i] = -1
		if e.Susp != nil && !m.waitersUnordered {
			t.hasSusp = true
		}
	}
	if t.hasSusp {
		t.queues = map[uint64]*queue{}
	}
	return t
}

// Constrained reports whether e must be placed.
func (t *TotSearch) Constrained(e model.EventID) bool { return t.cons[e] }

// Order returns the events placed so far, in order.
func (t *TotSearch) Order() []model.EventID { return t.ord }

// HB returns the current happens-before (with the suspension edges of the
// placed events).
func (t *TotSearch) HB() *model.Rel { return t.hb }

// Enabled reports whether e can be placed next: it is constrained, not
// placed, and every constrained event that happens before it is placed
// (hb ⊆ tot).
func (t *TotSearch) Enabled(e model.EventID) bool {
	if !t.cons[e] || t.pos[e] >= 0 {
		return false
	}
	for a := range t.x.Events {
		if t.cons[a] && t.pos[a] < 0 && a != int(e) && (t.hb.Has(model.EventID(a), e) || (t.within != nil && t.within.Has(model.EventID(a), e))) {
			return false
		}
	}
	return true
}

// tot is the order of the placed prefix, read as a promise about the
// final order: placed events precede unplaced ones; two unplaced events
// are not (yet) ordered.
func (t *TotSearch) tot(a, b model.EventID) bool {
	pa, pb := t.pos[a], t.pos[b]
	return pa >= 0 && (pb < 0 || pa < pb)
}

// Place appends e to tot, or returns the violation that placing it causes
// and leaves the search as it was.
func (t *TotSearch) Place(e model.EventID) *model.Violation {
	rec := undoRec{}
	ev := t.x.Events[e]
	t.pos[e] = len(t.ord)
	t.ord = append(t.ord, e)
	var v *model.Violation
	if ev.Susp != nil && !t.m.waitersUnordered {
		rec.hadSus = true
		rec.addr = ev.Susp.Addr
		v = t.placeSusp(e, &rec)
	}
	if v == nil {
		v = t.check(e, rec.hadSus)
	}
	t.undo = append(t.undo, rec)
	if v != nil {
		t.Undo()
	}
	return v
}

// placeSusp adds the suspension edges of e and steps its address's queue.
func (t *TotSearch) placeSusp(e model.EventID, rec *undoRec) *model.Violation {
	addr := t.x.Events[e].Susp.Addr
	rec.hb = t.hb.Clone()
	for _, p := range t.ord[:len(t.ord)-1] {
		if s := t.x.Events[p].Susp; s != nil && s.Addr == addr {
			t.hb.AddClosed(p, e)
		}
	}
	q := t.queues[addr]
	if q == nil {
		q = newQueue(t.x)
	}
	rec.queue = t.queues[addr]
	q = q.clone()
	t.queues[addr] = q
	return q.step(e)
}

// check runs the checks that placing e can newly fail.
func (t *TotSearch) check(e model.EventID, hbChanged bool) *model.Violation {
	x := t.x
	if hbChanged {
		if a, ok := t.hb.Irreflexive(); !ok {
			return model.HBCycle(x, a)
		}
		if v := forReads(x, func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
			return t.m.hbConsistent(x, t.hb, r, reg, cell, w)
		}); v != nil {
			return v
		}
	}
	if t.m.sc {
		return t.checkSC(e)
	}
	ev := x.Events[e]
	for _, reg := range []model.Region{model.Len, model.Data} {
		a := ev.Access(reg)
		if a.Reading() && a.Ord == model.SeqCst {
			if t.block != nil {
				if v := t.scRules(e, reg); v != nil {
					return v
				}
			} else {
				for _, w := range x.Writers(e, reg) {
					if v := t.m.scLastVisible(x, t.hb, t.tot, e, reg, w); v != nil {
						return v
					}
				}
			}
		}
		if a.Writing() {
			if v := t.checkReadersOf(reg, a); v != nil {
				return v
			}
		}
	}
	return nil
}

// checkReadersOf runs sc-last-visible for every read in region reg that
// the newly placed write a could now violate: the readers of any write to
// an overlapping range.
func (t *TotSearch) checkReadersOf(reg model.Region, a *model.Access) *model.Violation {
	x := t.x
	for _, r := range x.Events {
		ra := r.Access(reg)
		if !ra.Reading() || !ra.Overlap(a) {
			continue
		}
		if t.block != nil {
			if v := t.scRules(r.ID, reg); v != nil {
				return v
			}
			continue
		}
		for _, w := range x.Writers(r.ID, reg) {
			if v := t.m.scLastVisible(x, t.hb, t.tot, r.ID, reg, w); v != nil {
				return v
			}
		}
	}
	return nil
}

// checkSC checks, for the sc model, that every cell e reads comes from the
// latest placed write of that cell.
func (t *TotSearch) checkSC(e model.EventID) *model.Violation {
	return forCells(t.x, e, func(reg model.Region, c uint64, w model.EventID) *model.Violation {
		if latest := t.latest(reg, c, len(t.ord)-1); latest != w {
			return scNotLatest(t.x, e, reg, c, w, latest)
		}
		return nil
	})
}

// latest returns the last event among t.ord[:end] that writes cell c.
func (t *TotSearch) latest(reg model.Region, c uint64, end int) model.EventID {
	for i := end - 1; i >= 0; i-- {
		if a := t.x.Events[t.ord[i]].Access(reg); a.Writing() && a.Covers(c) {
			return t.ord[i]
		}
	}
	return model.NoEvent
}

// Undo removes the last placed event.
func (t *TotSearch) Undo() {
	rec := t.undo[len(t.undo)-1]
	t.undo = t.undo[:len(t.undo)-1]
	e := t.ord[len(t.ord)-1]
	t.ord = t.ord[:len(t.ord)-1]
	t.pos[e] = -1
	if rec.hadSus {
		if rec.hb != nil {
			t.hb.CopyFrom(rec.hb)
		}
		if rec.queue == nil {
			delete(t.queues, rec.addr)
		} else {
			t.queues[rec.addr] = rec.queue
		}
	}
}

// Finish checks what only a complete order decides: every notified waiter
// resumed, and only forever-blocked threads left queued.
func (t *TotSearch) Finish() *model.Violation {
	if t.m.waitersUnordered {
		if !t.unorderedDone {
			t.unordered, t.unorderedDone = someQueueOrder(t.x), true
		}
		return t.unordered
	}
	for _, q := range t.queues {
		if v := q.finish(); v != nil {
			return v
		}
	}
	return nil
}

// AppendKey appends to b a summary of the state of the search for
// memoisation: two prefixes with the same key have the same completions.
// It returns false when no sound summary is known (suspension events
// change hb as they are placed). The key is the set of placed events, a
// bit per event, then a 4-byte event number per unplaced reader (whose
// list the set decides).
func (t *TotSearch) AppendKey(b []byte) ([]byte, bool) {
	if t.hasSusp {
		return b, false
	}
	var word byte
	for i, p := range t.pos {
		if p >= 0 {
			word |= 1 << (i % 8)
		}
		if i%8 == 7 || i == len(t.pos)-1 {
			b = append(b, word)
			word = 0
		}
	}
	// The future checks depend on the order of placed events only through
	// the latest placed write to the range (or cell, for sc) of each
	// unplaced reader.
	for _, r := range t.x.Events {
		if !t.cons[r.ID] || t.pos[r.ID] >= 0 {
			continue
		}
		for _, reg := range []model.Region{model.Len, model.Data} {
			a := r.Access(reg)
			if !a.Reading() {
				continue
			}
			if t.m.sc {
				for i := uint64(0); i < a.Size; i++ {
					b = binary.LittleEndian.AppendUint32(b, uint32(t.latest(reg, a.Off+i, len(t.ord))))
				}
				continue
			}
			b = binary.LittleEndian.AppendUint32(b, uint32(t.latestSame(reg, a)))
		}
	}
	return b, true
}

// latestSame returns the last placed write with the same range as a (SC
// writes only, unless the model's clause (i) counts every write).
func (t *TotSearch) latestSame(reg model.Region, a *model.Access) model.EventID {
	for i := len(t.ord) - 1; i >= 0; i-- {
		w := t.x.Events[t.ord[i]].Access(reg)
		if w.Writing() && w.Same(a) && (w.Ord == model.SeqCst || t.m.oldClauseA) {
			return t.ord[i]
		}
	}
	return model.NoEvent
}
