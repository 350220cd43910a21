package enumerate

import (
	"slices"
	"wmm/budget"

	"wmm/interp"
	"wmm/model"
)

// enumerate tries every combination of one path per thread.
func (s *searcher) enumerate() error {
	s.found = map[string]*found{}
	for _, th := range s.threads {
		s.stats.Paths += len(th.paths)
	}
	s.opts.Budget.SetPhase(budget.PhaseSearch, 0)
	if !s.opts.Explain {
		s.anyOrder = s.opts.OnCandidate == nil
		if err := s.fastEnumerate(); err != nil {
			return err
		}
		// Outcomes in the order search.go discovers them: by the least
		// execution of each.
		slices.SortStableFunc(s.order, func(a, b string) int {
			return s.found[a].key.compare(s.found[b].key)
		})
		return nil
	}
	return s.eachCombination(s.combination)
}

// eachCombination calls f with every combination of one path per thread
// (the slice is reused between calls).
func (s *searcher) eachCombination(f func(paths []*interp.Trace) error) error {
	paths := make([][]*interp.Trace, len(s.threads))
	for i, th := range s.threads {
		paths[i] = th.paths
	}
	return eachChoice(paths, f)
}

// eachChoice calls f with every choice of one element of each list, the
// last list varying fastest, until f returns an error (the slice is
// reused between calls).
func eachChoice[T any](lists [][]T, f func([]T) error) error {
	chosen := make([]T, len(lists))
	var rec func(i int) error
	rec = func(i int) error {
		if i == len(lists) {
			return f(chosen)
		}
		for _, v := range lists[i] {
			chosen[i] = v
			if err := rec(i + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return rec(0)
}

// candidate is the search state for one combination of paths.
type candidate struct {
	s     *searcher
	x     *model.Execution
	paths []*interp.Trace
	reads []model.EventID     // events that read, in event order, searched one by one
	cands [][][]model.EventID // per read: per cell (len cell first), the writers it may read from
	// passive reads are counted, not enumerated (see splitPassive).
	passive      []model.EventID
	passiveCands [][][]model.EventID
	hb           *model.Rel
	trail        model.Trail // hb's rows before the sync edges of the reads chosen
	cut          bool
	weight       Count // consistent executions this candidate stands for
}

// combination builds the execution skeleton of one path per thread and
// searches its reads-from assignments.
func (s *searcher) combination(paths []*interp.Trace) error {
	if err := s.opts.Budget.Err(); err != nil {
		return err
	}
	x := s.skeleton(paths)
	c := &candidate{s: s, x: x, paths: paths, cut: slices.ContainsFunc(paths, cutPath)}
	if !wakeupsBalance(x) {
		return nil
	}
	c.hb = s.model.StaticHB(x)
	if !c.findCandidates() {
		return nil
	}
	if !s.opts.Explain {
		c.splitPassive()
		// hb only grows, so a passive read with no valid choice under
		// the static hb has none later either.
		if n, _ := c.countPassive(c.hb); n.IsZero() {
			return nil
		}
	}
	s.stats.Combinations++
	return c.assign(0)
}

// skeleton returns the execution of one path per thread: their events,
// numbered in thread order, with no reads-from and no total order.
func (s *searcher) skeleton(paths []*interp.Trace) *model.Execution {
	x := &model.Execution{}
	for ti, p := range paths {
		th := s.threads[ti]
		mt := model.Thread{Name: th.name, Role: th.role, Status: p.Status, After: th.after}
		for _, e := range p.Events {
			ev := *e
			ev.ID = model.EventID(len(x.Events))
			ev.Thread = ti
			x.Events = append(x.Events, &ev)
			mt.Events = append(mt.Events, ev.ID)
		}
		x.Threads = append(x.Threads, mt)
	}
	emptyRF(x)
	return x
}

// emptyRF gives x reads-from tables with no writer chosen yet: no length
// writer, and room for the writers of every data read.
func emptyRF(x *model.Execution) {
	x.DataRF = make([][]model.EventID, len(x.Events))
	x.LenRF = make([]model.EventID, len(x.Events))
	for i, e := range x.Events {
		x.LenRF[i] = model.NoEvent
		if a := e.Data; a.Reading() {
			x.DataRF[i] = make([]model.EventID, a.Size)
		}
	}
}

// wakeupsBalance reports whether, at every address, the waiters the
// notifies woke match the woken events: suspension consistency (C7)
// consumes each woken event by exactly one notify, so combinations of
// paths where they differ have no consistent execution.
func wakeupsBalance(x *model.Execution) bool {
	woke := map[uint64]int{}
	for _, e := range x.Events {
		if s := e.Susp; s != nil {
			switch s.Kind {
			case model.Notify:
				woke[s.Addr] += int(s.N)
			case model.Woken:
				woke[s.Addr]--
			}
		}
	}
	for _, n := range woke {
		if n != 0 {
			return false
		}
	}
	return true
}

// findCandidates lists, for every cell read, the writes it may read from:
// same value (C1), not the reader itself, and, unless explaining, not
// excluded by the static happens-before (C2 a and c only grow stricter as
// hb grows). It reports false when some cell has no candidate.
func (c *candidate) findCandidates() bool {
	var ok bool
	c.reads, _, c.cands, ok = readCandidates(c.x, c.writersOf)
	return ok
}

// readCandidates lists the events of x that read, in event order, with
// the cells each reads (in the order of ReadCells) and, per cell, the
// writers it may read from (writers). It reports false when some cell
// has none.
func readCandidates(x *model.Execution, writers func(r model.EventID, reg model.Region, cell uint64) []model.EventID) (reads []model.EventID, cells [][]readCell, cands [][][]model.EventID, ok bool) {
	for _, e := range x.Events {
		var cs []readCell
		var ws [][]model.EventID
		if !x.ReadCells(e.ID, func(reg model.Region, cell uint64, _ *model.EventID) bool {
			w := writers(e.ID, reg, cell)
			cs = append(cs, readCell{e.ID, reg, cell})
			ws = append(ws, w)
			return len(w) > 0
		}) {
			return nil, nil, nil, false
		}
		if cs != nil {
			reads = append(reads, e.ID)
			cells = append(cells, cs)
			cands = append(cands, ws)
		}
	}
	return reads, cells, cands, true
}

// splitPassive sets aside the reads whose choice of writers the model says
// can influence nothing but their own per-read checks (Model.FreeRead), in
// an execution without suspension events (whose hb depends on tot). Such
// a read creates no hb edge and takes no part in the tot search, so it is
// consistent or not by hb and its own writers alone (C2, C4), and hb does
// not depend on it. Its valid choices are counted once the rest of the
// execution is known instead of being multiplied into the search: in plain
// IRIW this turns 65536 candidates into 16.
func (c *candidate) splitPassive() {
	if c.x.HasSuspension() {
		return
	}
	var reads []model.EventID
	var cands [][][]model.EventID
	for k, r := range c.reads {
		if c.s.model.FreeRead(c.x, r, c.cands[k]) {
			c.passive = append(c.passive, r)
			c.passiveCands = append(c.passiveCands, c.cands[k])
			continue
		}
		reads = append(reads, r)
		cands = append(cands, c.cands[k])
	}
	c.reads, c.cands = reads, cands
}

// countPassive counts, for each passive read, the writer choices that pass
// the per-read checks against the final hb, leaves the first such choice
// in reads-from, and returns the product: the number of consistent
// executions this candidate stands for. It returns 0 and the violation of
// a read that has no valid choice.
func (c *candidate) countPassive(hb *model.Rel) (Count, *model.Violation) {
	total := CountOf(1)
	for k, r := range c.passive {
		n, v := c.countRead(r, c.passiveCands[k], hb)
		if n == 0 {
			return Count{}, v
		}
		total = total.Mul(CountOf(n))
	}
	return total, nil
}

// countRead counts the choices of writers for read r, per cell among
// cells (len cell first), that pass CheckRead against hb
// (Model.CountRead), and leaves the least in reads-from; with none, it
// returns the violation.
func (c *candidate) countRead(r model.EventID, cells [][]model.EventID, hb *model.Rel) (uint64, *model.Violation) {
	n, first, v := c.s.model.CountRead(c.x, hb, r, cells)
	if n > 0 {
		c.x.SetWriters(r, first)
	}
	return n, v
}

func (c *candidate) writersOf(r model.EventID, reg model.Region, cell uint64) []model.EventID {
	x := c.x
	want := x.Events[r].Access(reg).ReadCell(cell)
	var out []model.EventID
	for _, w := range x.Events {
		a := w.Access(reg)
		if w.ID == r || !a.Writing() || !a.Covers(cell) || a.WriteCell(cell) != want {
			continue
		}
		if !c.s.opts.Explain && !c.s.skipC2 && (c.hb.Has(r, w.ID) || c.shadowed(w.ID, r, reg, cell)) {
			continue
		}
		out = append(out, w.ID)
	}
	return out
}

// shadowed reports whether some other write of cell lies between w and r
// in hb (C2 c).
func (c *candidate) shadowed(w, r model.EventID, reg model.Region, cell uint64) bool {
	for _, e := range c.x.Events {
		a := e.Access(reg)
		if e.ID != w && a.Writing() && a.Covers(cell) && c.hb.Has(w, e.ID) && c.hb.Has(e.ID, r) {
			return true
		}
	}
	return false
}

// assign chooses the writers of reading event c.reads[k] and goes on with
// the next one.
func (c *candidate) assign(k int) error {
	if k == len(c.reads) {
		return c.complete()
	}
	return eachChoice(c.cands[k], func(choice []model.EventID) error {
		return c.tryRead(k, c.reads[k], choice)
	})
}

// tryRead records the writers chosen for event e, adds the
// synchronisation edges they create, checks what can be checked, and goes
// on with the next reading event.
func (c *candidate) tryRead(k int, e model.EventID, choice []model.EventID) error {
	if err := c.s.opts.Budget.Err(); err != nil {
		return err
	}
	c.x.SetWriters(e, choice)
	mark := c.trail.Mark()
	grew := addSyncEdges(c.x, c.hb, e, &c.trail)
	ok := true
	if !c.s.opts.Explain {
		ok = c.consistentSoFar(k, grew)
	}
	var err error
	if ok {
		err = c.assign(k + 1)
	}
	c.hb.UndoTo(&c.trail, mark)
	return err
}

// addSyncEdges adds to hb the edges from the writers of read e that
// synchronise with it (MODEL.md §7.3 item 3), closed, saving the rows it
// changes on trail, and reports whether hb grew.
func addSyncEdges(x *model.Execution, hb *model.Rel, e model.EventID, trail *model.Trail) bool {
	grew := false
	x.EachWriter(e, func(reg model.Region, w model.EventID) bool {
		if model.SyncsWith(x.Events[w].Access(reg), x.Events[e].Access(reg)) && !hb.Has(w, e) {
			hb.AddClosedTrail(w, e, trail)
			grew = true
		}
		return true
	})
	return grew
}

// consistentSoFar checks hb acyclicity and the per-read axioms of the
// reads assigned so far (all of them when hb grew, else the newest).
func (c *candidate) consistentSoFar(k int, grew bool) bool {
	if grew {
		if _, ok := c.hb.Irreflexive(); !ok {
			return false
		}
		for _, r := range c.reads[:k+1] {
			if c.s.model.CheckRead(c.x, c.hb, r) != nil {
				return false
			}
		}
		return true
	}
	return c.s.model.CheckRead(c.x, c.hb, c.reads[k]) == nil
}

// complete handles a complete reads-from assignment: (when explaining)
// the per-read checks, then the search for a total order.
func (c *candidate) complete() error {
	s := c.s
	x := c.x
	var v *model.Violation
	if s.opts.Explain {
		v = c.readViolation()
	}
	c.weight = CountOf(1)
	if v == nil && len(c.passive) > 0 {
		// Passive reads exist only without suspension events, so hb is
		// already final here.
		c.weight, v = c.countPassive(c.hb)
	}
	var within *model.Rel
	if v == nil && !s.opts.Explain {
		within, v = s.model.ForcedOrder(x, c.hb)
	}
	return s.settle(x, c.hb, within, nil, v, c.weight, c.cut, c.paths, func(w Count) error { return s.record(c, w) })
}

// settle ends the search of one complete candidate x (hb its
// happens-before, within its forced order, v the violation the checks
// before the tot search found, or nil; weight the executions it stands
// for; cut whether one of its paths reached the loop bound): the tot
// search, record when it is consistent, and OnCandidate.
func (s *searcher) settle(x *model.Execution, hb, within *model.Rel, force model.Forcing, v *model.Violation, weight Count, cut bool, paths []*interp.Trace, record func(Count) error) error {
	if v == nil {
		s.stats.Candidates++
		if err := s.opts.Budget.Candidate(); err != nil {
			return err
		}
		v = searchTot(s, x, hb, within, force)
		if err := s.opts.Budget.Err(); err != nil {
			return err // the search stopped early: v says nothing
		}
	}
	if v == nil {
		if err := record(weight); err != nil {
			return err
		}
	}
	if s.opts.OnCandidate != nil {
		s.opts.OnCandidate(&Candidate{X: x, Violation: v, Cut: cut, raw: s.rawOf(paths), weight: weight})
	}
	x.Tot = nil
	return nil
}

// readViolation runs, on a complete assignment, the checks that pruning
// would have run early.
func (c *candidate) readViolation() *model.Violation {
	if a, ok := c.hb.Irreflexive(); !ok {
		return model.HBCycle(c.x, a)
	}
	for _, r := range c.reads {
		if v := c.s.model.CheckRead(c.x, c.hb, r); v != nil {
			return v
		}
	}
	return nil
}

// searchTot looks for a total order of the constrained events (within
// the forced order, when not nil). On success
// it sets x.Tot to a full total order that the complete predicate accepts
// and returns nil; otherwise it returns the violation met deepest in the
// search.
func searchTot(s *searcher, x *model.Execution, hb, within *model.Rel, force model.Forcing) *model.Violation {
	// The search changes hb only by the edges of suspension events it
	// places: without them it may have hb itself.
	susp := x.HasSuspension()
	if susp {
		hb = hb.Clone()
	}
	ts := s.model.NewTotSearch(x, hb, within)
	if force != nil && usePatterns {
		ts.UsePatterns(force)
	}
	t := &totDFS{s: s, x: x, ts: ts, within: within, force: force, susp: susp}
	for i := range x.Events {
		if ts.Constrained(model.EventID(i)) {
			t.todo++
		}
	}
	if within != nil && t.greedy() {
		return nil
	}
	if t.run(t.todo) {
		return nil
	}
	if t.worst == nil {
		t.worst = &model.Violation{Axiom: model.AxHBTot, Msg: "no total order of the constrained events respects happens-before"}
	}
	return t.worst
}

// totDFS is the depth-first search over orders of the constrained events.
type totDFS struct {
	s      *searcher
	within *model.Rel    // the forced order, or nil
	force  model.Forcing // the Forcing whose order within is, or nil
	susp   bool          // x has suspension events (Execution.HasSuspension)
	x      *model.Execution
	ts     model.TotSearch
	dead   map[string]bool // dead states by AppendKey, made at the first one
	key    []byte          // the buffer of AppendKey
	todo   int
	worst  *model.Violation // the violation met with the most events placed
	depth  int
}

func (t *totDFS) note(v *model.Violation) {
	if d := len(t.ts.Order()); t.worst == nil || d >= t.depth {
		t.worst, t.depth = v, d
	}
}

func (t *totDFS) run(remaining int) bool {
	if remaining == 0 {
		return t.finish()
	}
	if t.s.opts.Budget.Stopped() {
		return false
	}
	// The key of a state is made only once some state has died: a search
	// that never backtracks out of a state builds none.
	if len(t.dead) > 0 {
		var memo bool
		if t.key, memo = t.ts.AppendKey(t.key[:0]); memo && t.dead[string(t.key)] {
			return false
		}
	}
	for i := range t.x.Events {
		e := model.EventID(i)
		if !t.ts.Enabled(e) {
			continue
		}
		t.s.stats.TotSteps++
		if v := t.ts.Place(e); v != nil {
			t.note(v)
			continue
		}
		if t.run(remaining - 1) {
			return true
		}
		t.ts.Undo()
	}
	// Every move from here failed and was undone: the state is the one
	// the call began in.
	var memo bool
	if t.key, memo = t.ts.AppendKey(t.key[:0]); memo {
		if t.dead == nil {
			t.dead = map[string]bool{}
		}
		t.dead[string(t.key)] = true
	}
	return false
}

// greedy tries the first order the depth-first search tries: at each
// step the lowest-numbered constrained event whose predecessors in the
// forced order are placed. Without suspension events (whose edges the
// search adds as it places them, so that hb changes) and when the
// complete predicate accepts that order, it is the order the search
// would return: its checks at each step reject only prefixes that no
// completion repairs. It sets x.Tot and reports true in that case.
// Failing that, in a search that needs only to know whether an order
// exists (searcher.anyOrder), it tries guidedOrder's guess the same way
// (S13). Else the depth-first search runs.
func (t *totDFS) greedy() bool {
	if t.susp {
		if _, memo := t.ts.AppendKey(nil); !memo {
			return false
		}
	}
	x := t.x
	constrained := make([]bool, len(x.Events))
	for e := range constrained {
		constrained[e] = t.ts.Constrained(model.EventID(e))
	}
	if t.try(model.LowestFirst(constrained, t.within, nil)) {
		return true
	}
	// S13: when only the existence of an order matters, a guess made
	// the way an interleaving would be made, checked like the first.
	if !t.s.anyOrder || t.susp || !useGuide {
		return false
	}
	ok := t.try(guidedOrder(x, constrained, t.within))
	if checkGuided != nil {
		checkGuided(ok)
	}
	return ok
}

// useGuide says whether searches that need only the existence of an
// order try guidedOrder (S13); tests turn it off to compare.
var useGuide = true

// checkGuided, when set (by tests), is called with the verdict on every
// guided order tried.
var checkGuided func(ok bool)

// try reports whether the complete predicate accepts the order of the
// constrained events given (nil: none), and leaves x.Tot set to it when
// it does.
func (t *totDFS) try(order []model.EventID) bool {
	if order == nil {
		return false
	}
	x := t.x
	x.Tot = model.Linearize(x, t.ts.HB(), order)
	if x.Tot != nil && t.greedyCheck() {
		t.s.stats.TotSteps += len(order)
		return true
	}
	x.Tot = nil
	return false
}

// greedyCheck reports whether the complete predicate accepts the greedy
// order x.Tot. With a Forcing (given only when it extended every read)
// and no suspension events, the Forcing holds every pattern of C3, so C3
// is tested on them (Forcing.SCLastVisibleUnder) instead of finding them
// again, and CheckOrder runs the rest (S11). A rejection needs no
// violation here: the depth-first search runs next and finds it.
func (t *totDFS) greedyCheck() bool {
	if t.force == nil || t.susp {
		return t.check() == nil
	}
	hb := t.ts.HB()
	pos := make([]int32, len(t.x.Tot))
	for i, e := range t.x.Tot {
		pos[e] = int32(i)
	}
	ok := t.force.SCLastVisibleUnder(hb, pos) && t.s.model.CheckOrderBesideSCLast(t.x, hb) == nil
	if checkGreedy != nil {
		checkGreedy(t.s.model, t.x, ok)
	}
	return ok
}

// usePatterns says whether the tot search takes C3's patterns from the
// Forcing (S12); tests turn it off to compare.
var usePatterns = true

// checkGreedy, when set (by tests), is called with every greedy order
// that greedyCheck decided without the whole of CheckOrder, and its
// verdict.
var checkGreedy func(m Model, x *model.Execution, ok bool)

// finish completes an order: the end-of-execution checks, then the full
// total order and the complete predicate.
func (t *totDFS) finish() bool {
	if v := t.ts.Finish(); v != nil {
		t.note(v)
		return false
	}
	x := t.x
	x.Tot = model.Linearize(x, t.ts.HB(), t.ts.Order())
	if x.Tot == nil {
		t.s.stats.Mismatches++
		return false
	}
	if v := t.check(); v != nil {
		t.note(v)
		if _, memo := t.ts.AppendKey(nil); memo {
			t.s.stats.Mismatches++
		}
		x.Tot = nil
		return false
	}
	return true
}

// check runs the complete predicate on x with its total order x.Tot,
// made by model.Linearize of the search's hb. Without suspension events
// that hb is the execution's (static edges and the sync edges of every
// writer: passive reads add none), and the search has already established
// every axiom that does not depend on tot (S10: C1 by the writers it
// offers, C2 and C4 by CheckRead and CountRead against that hb, C5 by
// the static hb, C6 by Linearize): Model.CheckOrder runs the rest and
// finds the violation Check would. With suspension events, whose hb
// edges follow tot, Check runs whole.
func (t *totDFS) check() *model.Violation {
	var v *model.Violation
	if t.susp {
		v = t.s.model.Check(t.x)
	} else {
		v = t.s.model.CheckOrder(t.x, t.ts.HB())
	}
	if checkOrder != nil {
		checkOrder(t.s.model, t.x, v)
	}
	return v
}

// checkOrder, when set (by tests), is called with every order checked
// and its verdict.
var checkOrder func(m Model, x *model.Execution, v *model.Violation)
