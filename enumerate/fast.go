package enumerate

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"

	"wmm/interp"
	"wmm/litmus"
	"wmm/model"
)

// This file holds the search of an ordinary run (Options.Explain unset).
// It differs from the search of search.go, which explanations use, in
// what it enumerates first. There, a combination of one path per thread
// fixes every value read, and reads-from is searched among the writes of
// those values: a test whose threads each have many paths (one per value
// each read can return) pays for every combination, most of which have no
// consistent execution. Here, the paths of a thread that emit the same
// events but for the values their reads return form a group
// (groupPaths); a combination of one group per thread fixes the events,
// reads-from is chosen per read among all the writes of the cells read,
// and each choice, by the values the writes wrote, selects the paths whose
// reads returned those values (a trie per thread, pathTrie): a choice that
// no path read is value-consistency (C1) failing, and is cut at once. So
// each consistent execution is visited once, not once per combination of
// paths that could have been it.

// A group is the paths of one thread that emit the same events except
// for the values read (Access.Rd and LenRd).
type group struct {
	paths []*interp.Trace
	index []int // each path's index in thread.paths
}

// groupPaths partitions paths into groups, in the order of their first
// paths.
func groupPaths(paths []*interp.Trace) []*group {
	var out []*group
	byKey := map[string]*group{}
	for i, p := range paths {
		k := skeletonKey(p)
		g := byKey[k]
		if g == nil {
			g = &group{}
			byKey[k] = g
			out = append(out, g)
		}
		g.paths = append(g.paths, p)
		g.index = append(g.index, i)
	}
	return out
}

// skeletonKey describes a path's events without the values they read:
// two paths have the same key exactly when their events agree in every
// field but Access.Rd and LenRd. It is built with strconv, not fmt: the
// catalogue makes it for every path of every thread.
func skeletonKey(p *interp.Trace) string {
	b := make([]byte, 0, 64*len(p.Events))
	num := func(v int64) { b = strconv.AppendInt(b, v, 10); b = append(b, ' ') }
	str := func(s string) { num(int64(len(s))); b = append(b, s...) }
	flag := func(f bool) {
		if f {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
	}
	for _, e := range p.Events {
		num(int64(e.Index))
		flag(e.Fence)
		str(e.Trap.String())
		str(e.Instr)
		str(e.Pos)
		if s := e.Susp; s != nil {
			b = append(b, 'S')
			num(int64(s.Kind))
			num(int64(s.Addr))
			num(s.Timeout)
			num(int64(s.N))
			num(int64(s.K))
		}
		for _, a := range []*model.Access{e.Len, e.Data} {
			if a == nil {
				b = append(b, '-')
				continue
			}
			b = append(b, 'A')
			num(int64(a.Region))
			num(int64(a.Kind))
			num(int64(a.Ord))
			num(int64(a.Off))
			num(int64(a.Size))
			flag(a.NoTears)
			flag(a.Float)
			if a.Wr != nil {
				b = append(b, 'w')
				str(string(a.Wr))
			}
			num(int64(a.LenWr))
			if a.Wr == nil && a.Kind != model.Read {
				keys := make([]uint64, 0, len(a.Sparse))
				for k := range a.Sparse {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				for _, k := range keys {
					num(int64(k))
					num(int64(a.Sparse[k]))
				}
			}
			b = append(b, '|')
		}
		b = append(b, '\n')
	}
	return string(b)
}

// A readCell is one cell an event reads.
type readCell struct {
	e    model.EventID
	reg  model.Region
	cell uint64
}

// A trieNode selects, by the values read so far at the active cells of
// one thread, the paths of a group that read them.
type trieNode struct {
	vals  []uint64
	kids  []*trieNode
	paths []int // at a leaf: indices into the group's paths, in order
}

func (n *trieNode) child(v uint64) *trieNode {
	for i, x := range n.vals {
		if x == v {
			return n.kids[i]
		}
	}
	return nil
}

// pathTrie builds the trie of g's paths over the given cells of its
// thread (event indices relative to the thread's first event first).
func pathTrie(g *group, first model.EventID, cells []readCell) *trieNode {
	root := &trieNode{}
	for pi, p := range g.paths {
		n := root
		for _, c := range cells {
			v := p.Events[c.e-first].Access(c.reg).ReadCell(c.cell)
			k := n.child(v)
			if k == nil {
				k = &trieNode{}
				n.vals = append(n.vals, v)
				n.kids = append(n.kids, k)
			}
			n = k
		}
		n.paths = append(n.paths, pi)
	}
	return root
}

// fastEnumerate tries every combination of one group per thread.
func (s *searcher) fastEnumerate() error {
	groups := make([][]*group, len(s.threads))
	for i, th := range s.threads {
		groups[i] = groupPaths(th.paths)
		th.class = outcomeClasses(th.paths, s.observedLocals(th))
	}
	return eachChoice(groups, s.groupCombination)
}

// observedLocals returns the indices of th's locals that an outcome
// binds (Test.Names: the named locals of a test thread, or those of the
// observe: list), or nil for all of them (the observer's, which are the
// memory atoms).
func (s *searcher) observedLocals(th *thread) []int {
	if th.role != model.RoleTest {
		return nil
	}
	out := []int{}
	for _, l := range s.test.Names(nil, nil) {
		if l.Kind == litmus.LocLocal && l.Thread == th.name {
			if sl := s.slot(l); sl.i >= 0 {
				out = append(out, sl.j)
			}
		}
	}
	return out
}

// outcomeClasses numbers paths by their status and the locals of index
// keep (nil: all), in the order of their first paths: two paths have the
// same class exactly when no outcome tells them apart.
func outcomeClasses(paths []*interp.Trace, keep []int) []uint32 {
	out := make([]uint32, len(paths))
	seen := map[string]uint32{}
	kept := []uint64{}
	for i, p := range paths {
		locals := p.Locals
		if keep != nil {
			kept = kept[:0]
			for _, j := range keep {
				kept = append(kept, p.Locals[j])
			}
			locals = kept
		}
		k := fmt.Sprint(locals, p.Status)
		n, ok := seen[k]
		if !ok {
			n = uint32(len(seen))
			seen[k] = n
		}
		out[i] = n
	}
	return out
}

// fastCandidate is the search state for one combination of groups.
type fastCandidate struct {
	s      *searcher
	x      *model.Execution
	groups []*group
	first  []model.EventID // each thread's first event
	hb     *model.Rel
	trail  model.Trail
	force  model.Forcing // the order the reads chosen so far force (S6)
	cut    bool

	// The active reads, in event order, with their cells and candidate
	// writers per cell (len cell first); the passive ones (FreeRead)
	// likewise.
	reads        []model.EventID
	cells        [][]readCell
	cands        [][][]model.EventID
	passive      []model.EventID
	passiveCells [][]readCell
	passiveCands [][][]model.EventID
	passiveVals  [][]byValue       // per passive read and cell, the candidates by value written
	cellBuf      [][]model.EventID // countPassive's cells, reused
	// passiveMemo holds, per passive read and path of its thread (in
	// the group), its count as of hb generation gen; hbGen changes
	// whenever hb does.
	passiveMemo [][]passiveCount
	hbGen       int
	leafPath    []int // per thread, the leaf's path in the group

	tries   []*trieNode // per thread, over its active cells
	at      []*trieNode // per thread, the node the choices so far reach
	events  map[*interp.Trace][]*model.Event
	copies  map[*model.Event]*model.Event // by the path event copied (see eventsOf)
	paths   []*interp.Trace               // the leaf's paths, one per thread
	pathIdx []int32
	rf      []model.EventID // the active choices so far, cell by cell
	// allReads are every read, active and passive, in event order, and
	// keyMask says which of their cells make the witness key (see
	// splitPassive; nil: all); rfBuf is record's buffer for their writers.
	allReads []model.EventID
	keyMask  []bool
	rfBuf    []int32
	keyBytes []byte // record's outcome key, reused

	// A worker of a parallel search (nworkers > 1) takes the subtrees
	// at depth splitDepth whose number modulo nworkers is worker.
	worker, nworkers, task int
}

// groupCombination builds the events of one group per thread and
// searches reads-from.
func (s *searcher) groupCombination(groups []*group) error {
	if err := s.opts.Budget.Err(); err != nil {
		return err
	}
	x := &model.Execution{}
	c := &fastCandidate{s: s, x: x, groups: groups, events: map[*interp.Trace][]*model.Event{}}
	for ti, g := range groups {
		th := s.threads[ti]
		p := g.paths[0]
		mt := model.Thread{Name: th.name, Role: th.role, Status: p.Status, After: th.after}
		c.first = append(c.first, model.EventID(len(x.Events)))
		for _, e := range c.eventsOf(ti, p) {
			x.Events = append(x.Events, e)
			mt.Events = append(mt.Events, e.ID)
		}
		x.Threads = append(x.Threads, mt)
	}
	emptyRF(x)
	// C7: see wakeupsBalance.
	if !wakeupsBalance(x) {
		return nil
	}
	c.hb = s.model.StaticHB(x)
	if !c.findCandidates() {
		return nil
	}
	c.splitPassive()
	c.tries = make([]*trieNode, len(groups))
	c.at = make([]*trieNode, len(groups))
	for ti, g := range groups {
		var cells []readCell
		for k, r := range c.reads {
			if x.Events[r].Thread == ti {
				cells = append(cells, c.cells[k]...)
			}
		}
		c.tries[ti] = pathTrie(g, c.first[ti], cells)
		c.at[ti] = c.tries[ti]
	}
	c.paths = make([]*interp.Trace, len(groups))
	c.pathIdx = make([]int32, len(groups))
	c.leafPath = make([]int, len(groups))
	c.hbGen = 1
	c.force = s.model.NewForcing(x, c.hb)
	s.stats.Combinations++
	if w := s.workers(); w > 1 && len(c.reads) >= parallelReads && s.opts.OnCandidate == nil {
		return c.parallel(w)
	}
	return c.assign(0)
}

// eventsOf returns the events of path p of thread ti placed in this
// combination (copies numbered for it), made once per path. The paths of
// a thread share the events of their common prefix (shareEvents), and so
// do their copies: the copies take memory proportional to the events the
// paths hold, not to their lengths.
func (c *fastCandidate) eventsOf(ti int, p *interp.Trace) []*model.Event {
	if evs, ok := c.events[p]; ok {
		return evs
	}
	out := make([]*model.Event, len(p.Events))
	id := model.EventID(len(c.x.Events))
	if ti < len(c.first) {
		id = c.first[ti]
	}
	if c.copies == nil {
		c.copies = map[*model.Event]*model.Event{}
	}
	misses := 0
	for i, e := range p.Events {
		if cp := c.copies[e]; cp != nil && cp.ID == id+model.EventID(i) && cp.Thread == ti {
			out[i] = cp
		} else {
			misses++
		}
	}
	evs := make([]model.Event, misses)
	for i, e := range p.Events {
		if out[i] != nil {
			continue
		}
		cp := &evs[0]
		evs = evs[1:]
		*cp = *e
		cp.ID = id + model.EventID(i)
		cp.Thread = ti
		out[i] = cp
		c.copies[e] = cp
	}
	c.events[p] = out
	return out
}

// findCandidates lists, for every cell read, the writes it may read
// from: any value (the trie checks C1), not the reader itself, and not
// excluded by the static happens-before (C2 (a) and (c) only grow
// stricter as hb grows). It reports false when some cell has none.
func (c *fastCandidate) findCandidates() bool {
	var ok bool
	c.reads, c.cells, c.cands, ok = readCandidates(c.x, c.writersOf)
	return ok
}

func (c *fastCandidate) writersOf(r model.EventID, reg model.Region, cell uint64) []model.EventID {
	var out []model.EventID
	for _, w := range c.x.WritesCovering(reg, cell) {
		// C2 (a): r hb w forbids reading from w; C2 (c): a write of the
		// cell between w and r in hb hides w. Both hold for every hb
		// that contains the static one. A model that skips C2 gets every
		// write.
		if w == r || (!c.s.skipC2 && (c.hb.Has(r, w) || shadowedBy(c.x, c.hb, w, r, reg, cell))) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// shadowedBy reports whether some other write of cell lies between w and
// r in hb (C2 c).
func shadowedBy(x *model.Execution, hb *model.Rel, w, r model.EventID, reg model.Region, cell uint64) bool {
	for _, e := range x.WritesCovering(reg, cell) {
		if e != w && hb.Has(w, e) && hb.Has(e, r) {
			return true
		}
	}
	return false
}

// splitPassive sets aside the reads whose writers influence nothing but
// their own per-read checks (Model.FreeRead, and Model.FreeReadWithin
// under the largest hb the search can reach; see candidate.splitPassive).
// The reads FreeRead leaves active stay in the witness key (keyMask), so
// that the witness of an outcome is the execution it was before
// FreeReadWithin counted more reads.
func (c *fastCandidate) splitPassive() {
	c.allReads = c.reads
	if c.x.HasSuspension() {
		return
	}
	m := c.s.model
	var reads []model.EventID
	var cells [][]readCell
	var cands [][][]model.EventID
	var hbMax *model.Rel
	var mask []bool
	for k, r := range c.reads {
		pp := c.perPath(k)
		free := m.FreeRead(c.x, r, pp)
		for range c.cells[k] {
			mask = append(mask, !free)
		}
		if !free && hbMax == nil {
			hbMax = c.maxHB()
		}
		if free || m.FreeReadWithin(c.x, hbMax, r, pp) {
			c.passive = append(c.passive, r)
			c.passiveCells = append(c.passiveCells, c.cells[k])
			c.passiveCands = append(c.passiveCands, c.cands[k])
			c.passiveVals = append(c.passiveVals, c.groupByValue(c.cells[k], c.cands[k]))
			c.passiveMemo = append(c.passiveMemo, make([]passiveCount, len(c.groups[c.x.Events[r].Thread].paths)))
			continue
		}
		reads = append(reads, r)
		cells = append(cells, c.cells[k])
		cands = append(cands, c.cands[k])
	}
	if slices.Contains(mask, false) {
		c.keyMask = mask
	}
	c.reads, c.cells, c.cands = reads, cells, cands
}

// maxHB returns the static hb with every synchronisation edge that some
// choice of writers among the candidates could add, closed: it contains
// every hb the search of this combination reaches (hb grows only by
// those edges without suspension events). It may be cyclic.
func (c *fastCandidate) maxHB() *model.Rel {
	x := c.x
	hb := c.hb.Clone()
	for k, r := range c.reads {
		ev := x.Events[r]
		for i, cl := range c.cells[k] {
			a := ev.Access(cl.reg)
			if !a.Ord.Atomic() {
				continue
			}
			for _, w := range c.cands[k][i] {
				if model.SyncsWith(x.Events[w].Access(cl.reg), a) && !hb.Has(w, r) {
					hb.AddClosed(w, r)
				}
			}
		}
	}
	return hb
}

// perPath returns the candidates of read c.reads[k] as FreeRead sees
// them in the search of search.go, where one path fixes the value read:
// a length cell whose candidates all write different lengths has one
// candidate per path. (The data cells keep every candidate: FreeRead
// asks a property of each.)
func (c *fastCandidate) perPath(k int) [][]model.EventID {
	cells := c.cands[k]
	if c.cells[k][0].reg != model.Len || len(cells[0]) < 2 {
		return cells
	}
	seen := map[uint64]bool{}
	for _, w := range cells[0] {
		v := c.x.Events[w].Len.LenWr
		if seen[v] {
			return cells
		}
		seen[v] = true
	}
	out := slices.Clone(cells)
	out[0] = cells[0][:1]
	return out
}

// assign chooses the writers of active read c.reads[k], cell by cell,
// and goes on with the next read.
func (c *fastCandidate) assign(k int) error {
	if k == len(c.reads) {
		return c.leaves(0)
	}
	if k == splitDepth && c.nworkers > 1 {
		// Worker c.worker takes every nworkers-th subtree at this depth.
		c.task++
		if (c.task-1)%c.nworkers != c.worker {
			return nil
		}
	}
	e := c.reads[k]
	ti := c.x.Events[e].Thread
	cells, cands := c.cells[k], c.cands[k]
	start := c.at[ti]
	var pick func(i int, n *trieNode, counted model.EventID) error
	pick = func(i int, n *trieNode, counted model.EventID) error {
		if i == len(cells) {
			c.at[ti] = n
			err := c.tryRead(k, e)
			c.at[ti] = start
			return err
		}
		cl := cells[i]
		for _, w := range cands[i] {
			// C1: some path of the thread read what w wrote here.
			next := n.child(c.x.Events[w].Access(cl.reg).WriteCell(cl.cell))
			if next == nil {
				continue
			}
			// C2 (c) within the read (S4a): see hiddenWithin.
			if c.hiddenWithin(e, cells[:i+1], c.rf[len(c.rf)-i:], w) {
				continue
			}
			cw := counted
			// C4 (no-tear): a tear-free read takes bytes from at most
			// one tear-free write of its range.
			if cl.reg == model.Data && c.s.model.NoTearWriter(c.x, e, w) {
				if counted != model.NoEvent && counted != w {
					continue
				}
				cw = w
			}
			c.setCell(cl, w)
			c.rf = append(c.rf, w)
			err := pick(i+1, next, cw)
			c.rf = c.rf[:len(c.rf)-1]
			if err != nil {
				return err
			}
		}
		return nil
	}
	return pick(0, start, model.NoEvent)
}

// hiddenWithin reports whether read e taking the last of cells from w,
// and the cells before it from chosen, breaks hb-consistency (C2 (c))
// whatever the other choices: a writer that synchronises with e happens
// before it once chosen (MODEL.md §7.3 item 3), so when w hb u for a
// write u chosen for another cell that u also writes, u hides w there,
// and when u hb w, w hides u. hb only grows, so the skip holds for
// every completion.
func (c *fastCandidate) hiddenWithin(e model.EventID, cells []readCell, chosen []model.EventID, w model.EventID) bool {
	cl := cells[len(cells)-1]
	ra := c.x.Events[e].Access(cl.reg)
	if c.s.skipC2 || !ra.Ord.Atomic() {
		return false
	}
	wa := c.x.Events[w].Access(cl.reg)
	for j, u := range chosen {
		if u == w || cells[j].reg != cl.reg {
			continue
		}
		ua := c.x.Events[u].Access(cl.reg)
		if (model.SyncsWith(ua, ra) && ua.Covers(cl.cell) && c.hb.Has(w, u)) ||
			(model.SyncsWith(wa, ra) && wa.Covers(cells[j].cell) && c.hb.Has(u, w)) {
			return true
		}
	}
	return false
}

func (c *fastCandidate) setCell(cl readCell, w model.EventID) {
	if cl.reg == model.Len {
		c.x.LenRF[cl.e] = w
		return
	}
	c.x.DataRF[cl.e][cl.cell-c.x.Events[cl.e].Data.Off] = w
}

// tryRead adds the synchronisation edges of the writers chosen for e,
// checks what can be checked, goes on with the next read, and takes the
// edges back.
func (c *fastCandidate) tryRead(k int, e model.EventID) error {
	if err := c.s.opts.Budget.Err(); err != nil {
		return err
	}
	mark := c.trail.Mark()
	grew := addSyncEdges(c.x, c.hb, e, &c.trail)
	if grew {
		c.hbGen++
		defer func() { c.hbGen++ }() // after the undo below
	}
	var err error
	if c.consistentSoFar(k, grew) {
		// S6 (C3, C6): a cycle of the order forced by the reads chosen so
		// far is one of every completion.
		if c.force.Extend(c.hb, e) == nil {
			err = c.assign(k + 1)
		}
		c.force.Retract()
	}
	c.hb.UndoTo(&c.trail, mark)
	return err
}

// consistentSoFar checks hb acyclicity and the per-read axioms (C2, C4)
// of the reads assigned so far: the newest (its own choice changed), and
// when hb grew, the others whose C2 the new pairs can concern
// (reachedBy, S4).
func (c *fastCandidate) consistentSoFar(k int, grew bool) bool {
	m := c.s.model
	e := c.reads[k]
	if grew {
		if _, ok := c.hb.Irreflexive(); !ok {
			return false
		}
		for _, r := range c.reads[:k] {
			if c.reachedBy(e, r) && m.CheckRead(c.x, c.hb, r) != nil {
				return false
			}
		}
	}
	return m.CheckRead(c.x, c.hb, e) == nil
}

// reachedBy reports whether hb-consistency (C2) of read r can have
// changed when hb grew by e's synchronisation edges. C2 asks hb for
// pairs only (r hb W; W hb W' hb r), and every new pair ends at e or at
// an event after it in hb: so C2 of r can change only when r is after e
// or one of r's writers is e or after it. C4 does not depend on hb.
func (c *fastCandidate) reachedBy(e, r model.EventID) bool {
	if c.hb.Has(e, r) {
		return true
	}
	return !c.x.EachWriter(r, func(_ model.Region, w model.EventID) bool {
		return w != e && !c.hb.Has(e, w)
	})
}

// leaves goes through every combination of one path per thread among
// those the tries reached, in path order, and completes each.
func (c *fastCandidate) leaves(ti int) error {
	if ti == len(c.groups) {
		c.cut = slices.ContainsFunc(c.paths, cutPath)
		return c.complete()
	}
	g := c.groups[ti]
	for _, pi := range c.at[ti].paths {
		p := g.paths[pi]
		c.paths[ti], c.pathIdx[ti], c.leafPath[ti] = p, int32(g.index[pi]), pi
		evs := c.eventsOf(ti, p)
		copy(c.x.Events[c.first[ti]:], evs)
		c.x.Threads[ti].Status = p.Status
		if err := c.leaves(ti + 1); err != nil {
			return err
		}
	}
	return nil
}

// complete handles a complete assignment of the active reads with one
// path per thread: the passive reads are counted, then a total order is
// searched within the order that reads-from forces.
func (c *fastCandidate) complete() error {
	weight, v := c.countPassive()
	// The order the active reads force is the whole forced order: a
	// passive read fires no clause of C3 (FreeRead, FreeReadWithin).
	within := c.force.Order()
	if checkForcing != nil && v == nil {
		checkForcing(c, within)
	}
	// The Forcing holds every pattern of C3 when every read is active:
	// a passive read's length read may still fire one (FreeRead asks
	// only that its data choice matters to nothing else).
	var force model.Forcing
	if len(c.passive) == 0 {
		force = c.force
	}
	return c.s.settle(c.x, c.hb, within, force, v, weight, c.cut, c.paths, c.record)
}

// checkForcing, when set (by tests), is called at every leaf whose
// passive reads are valid with the order the search forced.
var checkForcing func(c *fastCandidate, within *model.Rel)

// countPassive counts, for each passive read, the writers of the values
// its path read that pass the per-read checks against the final hb
// (passive reads exist only without suspension events, so hb is final
// here), leaves the first such choice in reads-from, and returns the
// product. A read's count depends on nothing but the values its path
// read and hb (the writes of a combination of groups are the same on
// every path): it is counted once per path and hb (passiveMemo).
func (c *fastCandidate) countPassive() (Count, *model.Violation) {
	total := CountOf(1)
	for k, r := range c.passive {
		m := &c.passiveMemo[k][c.leafPath[c.x.Events[r].Thread]]
		if m.gen != c.hbGen {
			*m = c.countPassiveRead(k, r)
		}
		if m.n == 0 {
			return Count{}, m.v
		}
		c.x.SetWriters(r, m.first)
		total = total.Mul(CountOf(m.n))
	}
	return total, nil
}

// A passiveCount is what countPassiveRead found for one passive read
// and path, under hb generation gen.
type passiveCount struct {
	gen   int
	n     uint64
	first []model.EventID
	v     *model.Violation
}

// countPassiveRead counts the valid writers of passive read r
// (c.passive[k]) for the values its path read.
func (c *fastCandidate) countPassiveRead(k int, r model.EventID) passiveCount {
	vals := c.passiveVals[k]
	if cap(c.cellBuf) < len(vals) {
		c.cellBuf = make([][]model.EventID, len(vals))
	}
	cells := c.cellBuf[:len(vals)]
	for i := range vals {
		cl := c.passiveCells[k][i]
		want := c.x.Events[r].Access(cl.reg).ReadCell(cl.cell)
		cells[i] = vals[i].writers(want)
		if len(cells[i]) == 0 {
			x := c.x
			return passiveCount{gen: c.hbGen, v: model.NewViolation(model.AxValue, "", cl.reg, []model.EventID{r}, func() string {
				return fmt.Sprintf("%s reads %d at %s cell %d, which no write it may read from wrote", x.Label(r), want, cl.reg, cl.cell)
			})}
		}
	}
	n, first, v := c.s.model.CountRead(c.x, c.hb, r, cells)
	return passiveCount{c.hbGen, n, first, v}
}

// byValue groups the candidate writers of one cell by the value they
// write there, each group in candidate order.
type byValue struct {
	vals []uint64
	ws   [][]model.EventID
}

// writers returns the candidates that write v, or nil.
func (b *byValue) writers(v uint64) []model.EventID {
	for i, x := range b.vals {
		if x == v {
			return b.ws[i]
		}
	}
	return nil
}

// groupByValue returns, per cell of a passive read, its candidates by
// the value they write.
func (c *fastCandidate) groupByValue(cells []readCell, cands [][]model.EventID) []byValue {
	out := make([]byValue, len(cells))
	for i, cl := range cells {
		b := &out[i]
		for _, w := range cands[i] {
			v := c.x.Events[w].Access(cl.reg).WriteCell(cl.cell)
			j := slices.Index(b.vals, v)
			if j < 0 {
				j = len(b.vals)
				b.vals = append(b.vals, v)
				b.ws = append(b.ws, nil)
			}
			b.ws[j] = append(b.ws[j], w)
		}
	}
	return out
}

// rawOf returns the raw outcome of one path per thread.
func (s *searcher) rawOf(paths []*interp.Trace) *rawOutcome {
	return s.raw(&candidate{s: s, paths: paths})
}

// record counts the executions a consistent candidate stands for and
// keeps, per outcome, the key of the execution that the search of
// search.go would have found first (the least by path indices, then by
// the writers of the active cells), from which its witness is rebuilt
// (searcher.rebuild).
func (c *fastCandidate) record(weight Count) error {
	s := c.s
	if ok, err := s.count(weight, c.cut, c.paths); !ok {
		return err
	}
	// The key is looked up as bytes (no string is made for a lookup) and
	// made a string only for a new outcome.
	c.keyBytes = c.outcomeKey(c.keyBytes[:0])
	f := s.found[string(c.keyBytes)]
	d := -1
	if f != nil {
		// The paths decide first: reads-from is needed only on a tie.
		if d = slices.Compare(c.pathIdx, f.key.paths); d > 0 {
			return nil
		}
	}
	c.rfBuf = c.allRF(c.rfBuf[:0])
	cur := witnessKey{paths: c.pathIdx, rf: c.rfBuf, mask: c.keyMask}
	if f == nil {
		k := string(c.keyBytes)
		f := s.slab.found()
		f.key = witnessKey{paths: s.slab.int32s(cur.paths), rf: s.slab.int32s(cur.rf), mask: cur.mask}
		s.found[k] = f
		s.order = append(s.order, k)
		s.opts.Budget.Outcome()
		return nil
	}
	if d < 0 || cur.less(f.key) {
		f.key.paths = append(f.key.paths[:0], cur.paths...)
		f.key.rf = append(f.key.rf[:0], cur.rf...)
		f.key.mask = cur.mask
	}
	return nil
}

// A slab hands out the found records and key arrays of a search from
// large chunks: every outcome keeps one of each until the result is
// made, so one allocation per chunk replaces two per outcome.
type slab struct {
	founds []found
	ints   []int32
}

const slabChunk = 256

// found returns a zero found record.
func (s *slab) found() *found {
	if len(s.founds) == cap(s.founds) {
		s.founds = make([]found, 0, slabChunk)
	}
	s.founds = s.founds[:len(s.founds)+1]
	return &s.founds[len(s.founds)-1]
}

// int32s returns a copy of v, with no room to grow into its neighbour.
func (s *slab) int32s(v []int32) []int32 {
	n := len(v)
	if n > cap(s.ints)-len(s.ints) {
		s.ints = make([]int32, 0, max(slabChunk*16, n))
	}
	i := len(s.ints)
	s.ints = append(s.ints, v...)
	return s.ints[i : i+n : i+n]
}

// allRF appends the writers of every read (active and passive), in event
// order, cell by cell, len cell first, to b: the layout of witnessKey.rf.
func (c *fastCandidate) allRF(b []int32) []int32 {
	for _, r := range c.allReads {
		c.x.ReadCells(r, func(_ model.Region, _ uint64, w *model.EventID) bool {
			b = append(b, int32(*w))
			return true
		})
	}
	return b
}

// A witnessKey orders the executions of one outcome as search.go finds
// them: by the path index of each thread, then by the writers of the
// reads of the key (the active reads and those FreeRead alone leaves
// active, see splitPassive). It holds the writers of every read, in the
// layout of allRF, so that the execution can be rebuilt; mask, shared by
// every key of one combination of groups, says which of those cells are
// the key's (nil: all).
type witnessKey struct {
	paths []int32
	rf    []int32
	mask  []bool
}

func (k witnessKey) less(l witnessKey) bool { return k.compare(l) < 0 }

func (k witnessKey) compare(l witnessKey) int {
	if d := slices.Compare(k.paths, l.paths); d != 0 {
		return d
	}
	// Equal paths: one combination of groups, one layout and mask.
	for i, w := range k.rf {
		if k.mask != nil && !k.mask[i] {
			continue
		}
		if d := cmp.Compare(w, l.rf[i]); d != 0 {
			return d
		}
	}
	return 0
}

// outcomeKey identifies the raw outcome of the leaf's paths: the class
// of each path but the setup thread's (whose locals are no part of the
// outcome), in uvarints. It is a few bytes, made without formatting.
func (c *fastCandidate) outcomeKey(b []byte) []byte {
	for ti, pi := range c.pathIdx {
		if th := c.s.threads[ti]; th.role != model.RoleSetup {
			b = binary.AppendUvarint(b, uint64(th.class[pi]))
		}
	}
	return b
}
