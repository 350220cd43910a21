package enumerate

import (
	"slices"

	"wmm/interp"
	"wmm/litmus"
	"wmm/model"
)

// An Explanation says, for some outcomes of a test, why a model allows or
// forbids each: an allowed outcome comes with one consistent execution
// that has it, a forbidden one with the candidate executions that would
// give it, grouped by the axiom each breaks.
type Explanation struct {
	Result   *Result // the ordinary run: allowed outcomes, names, witnesses
	Outcomes []*OutcomeExplanation
	// Searched counts the candidates looked at for forbidden outcomes
	// (those cut by the loop bound included);
	// Truncated says the search stopped at ExplainOptions.MaxCandidates,
	// so that counts are lower bounds and some forbidden outcomes may be
	// missing.
	Searched  int
	Truncated bool
}

// An OutcomeExplanation explains one outcome.
type OutcomeExplanation struct {
	Outcome model.Outcome
	Allowed bool
	// Witness is a consistent execution with the outcome, with a total
	// order (allowed outcomes only).
	Witness *model.Execution
	// Candidates counts the candidate executions (values matching, C1)
	// that give a forbidden outcome; each breaks an axiom. (Allowed
	// outcomes are not searched again: 0.)
	Candidates int
	// Groups sorts the inconsistent candidates by the axiom and clause
	// they break, the group with the simplest example first.
	Groups []*ViolationGroup
}

// A ViolationGroup is the candidates of one outcome that break the same
// axiom and clause.
type ViolationGroup struct {
	Axiom, Clause string
	Count         int
	// Examples are the simplest candidates of the group (fewest runs of
	// cells read from one writer), at most the number asked for.
	Examples []*Refuted
}

// A Refuted is an inconsistent candidate execution with what shows it
// inconsistent.
type Refuted struct {
	X         *model.Execution // reads-from chosen; X.Tot is nil
	Violation *model.Violation
	// HB is happens-before as reads-from fixes it: program order, spawn,
	// join, init and synchronisation edges, closed.
	HB *model.Rel
	// Tot, when the reads-from alone breaks no axiom, is the failed search
	// for a total order: every order of the constrained events breaks one.
	Tot *TotRefutation

	simplicity int
}

// ExplainOptions tune Explain.
type ExplainOptions struct {
	// Keep is the number of example candidates kept per violated axiom
	// of a forbidden outcome (0: 1).
	Keep int
	// MaxCandidates bounds the candidates the second search looks at (0:
	// DefaultMaxCandidates); beyond it the search stops and the
	// explanation says it is partial.
	MaxCandidates int
}

// DefaultMaxCandidates is the default bound of ExplainOptions.MaxCandidates.
const DefaultMaxCandidates = 1000000

// Explain is ExplainWith keeping, per violated axiom of a forbidden
// outcome, at most keep example candidates, and looking at no more than
// DefaultMaxCandidates candidates.
func Explain(t *litmus.Test, m Model, opts Options, want func(model.Outcome) bool, keep int) (*Explanation, error) {
	return ExplainWith(t, m, opts, want, ExplainOptions{Keep: keep})
}

// ExplainWith runs t under m as Run does, then explains each outcome that
// want selects: an allowed one by the witness of the run; a forbidden one
// by the candidate executions that give it, which a second search, with
// Options.Explain and only over the combinations of thread paths that
// yield a selected forbidden outcome, collects. An outcome no candidate
// gives is not explained (no choice of writes yields it).
func ExplainWith(t *litmus.Test, m Model, opts Options, want func(model.Outcome) bool, eo ExplainOptions) (*Explanation, error) {
	var s *searcher
	opts.Explain, opts.OnCandidate = false, func(c *Candidate) { s = c.raw.s }
	res, err := Run(t, m, opts)
	if err != nil {
		return nil, err
	}
	var allowed model.OutcomeSet
	ex := &Explanation{Result: res}
	for _, o := range res.Outcomes {
		allowed.Add(o)
		if want(o) {
			ex.Outcomes = append(ex.Outcomes, &OutcomeExplanation{Outcome: o, Allowed: true, Witness: res.Witnesses[o.String()]})
		}
	}
	col := &collector{names: res.Names, all: withStatusNames(t, res.Names), keep: max(eo.Keep, 1), max: eo.MaxCandidates, byKey: map[string]*OutcomeExplanation{}}
	if col.max <= 0 {
		col.max = DefaultMaxCandidates
	}
	if s != nil {
		forbidden := func(r *rawOutcome) bool {
			o := col.outcome(r)
			return want(o) && !allowed.Contains(o)
		}
		if ex.Truncated, err = s.explainSearch(col.add, forbidden); err != nil {
			return nil, err
		}
	}
	ex.Searched = col.total
	for _, oe := range col.byKey {
		finishGroups(m, oe)
		ex.Outcomes = append(ex.Outcomes, oe)
	}
	slices.SortFunc(ex.Outcomes, func(a, b *OutcomeExplanation) int { return model.Compare(a.Outcome, b.Outcome) })
	return ex, nil
}

// errExplainBudget stops the second search of Explain from inside the
// enumerator's callback; explainSearch recovers it.
type errExplainBudget struct{}

// explainSearch searches again, as Options.Explain asks, every
// combination of one path per thread (the paths of the run s made) that
// the loop bound does not cut and whose outcome keep accepts, handing each complete candidate to f. It reports
// whether f stopped the search by panicking with errExplainBudget.
func (s *searcher) explainSearch(f func(*Candidate), keep func(*rawOutcome) bool) (stopped bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errExplainBudget); !ok {
				panic(r)
			}
			stopped = true
		}
	}()
	s.opts.Explain, s.opts.OnCandidate = true, f
	chosen := make([]*interp.Trace, len(s.threads))
	var rec func(i int) error
	rec = func(i int) error {
		if i == len(s.threads) {
			if slices.ContainsFunc(chosen, cutPath) || !keep(s.raw(&candidate{s: s, paths: chosen})) {
				return nil
			}
			return s.combination(chosen)
		}
		for _, p := range s.threads[i].paths {
			chosen[i] = p
			if err := rec(i + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return false, rec(0)
}

// cutPath reports whether a thread path stopped at the loop bound: its
// candidates are incomplete and explain nothing.
func cutPath(p *interp.Trace) bool { return p.Status == model.Cut }

// withStatusNames returns names with T:trap and T:stuck added for every
// thread of t that names lacks: the names of an ordinary run bind them
// only for threads that trap or block in some allowed execution, and a
// forbidden candidate may trap or block where no allowed execution does.
func withStatusNames(t *litmus.Test, names []litmus.Loc) []litmus.Loc {
	out := slices.Clone(names)
	have := map[string]bool{}
	for _, n := range names {
		have[n.String()] = true
	}
	for _, k := range []litmus.LocKind{litmus.LocTrap, litmus.LocStuck} {
		for _, th := range t.Threads {
			if l := (litmus.Loc{Kind: k, Thread: th.Name}); !have[l.String()] {
				out = append(out, l)
			}
		}
	}
	return out
}

// collector gathers the candidates of forbidden outcomes.
type collector struct {
	names []litmus.Loc // the ordinary run's names
	all   []litmus.Loc // names and the status names it lacks
	keep  int
	max   int // candidates to look at, at most
	total int // candidates looked at
	byKey map[string]*OutcomeExplanation
}

func (c *collector) add(cand *Candidate) {
	if c.total == c.max {
		panic(errExplainBudget{})
	}
	c.total++
	if cand.Cut {
		return
	}
	o := c.outcome(cand.raw)
	k := o.String()
	oe := c.byKey[k]
	if oe == nil {
		oe = &OutcomeExplanation{Outcome: o}
		c.byKey[k] = oe
	}
	oe.Candidates++
	if cand.Violation == nil {
		return
	}
	g := groupFor(oe, cand.Violation)
	g.Count++
	c.offer(g, cand)
}

// outcome returns an outcome over the ordinary run's names, followed by
// the status names it lacks whose value is not 0: a thread that traps or
// blocks although it does in no allowed execution.
func (c *collector) outcome(r *rawOutcome) model.Outcome {
	o := r.over(c.all)
	extra := o[len(c.names):]
	o = o[:len(c.names):len(c.names)]
	for _, b := range extra {
		if b.Value != 0 {
			o = append(o, b)
		}
	}
	return o
}

// groupFor returns the group of oe for v's axiom and clause, adding it if
// needed.
func groupFor(oe *OutcomeExplanation, v *model.Violation) *ViolationGroup {
	for _, g := range oe.Groups {
		if g.Axiom == v.Axiom && g.Clause == v.Clause {
			return g
		}
	}
	g := &ViolationGroup{Axiom: v.Axiom, Clause: v.Clause}
	oe.Groups = append(oe.Groups, g)
	return g
}

// offer keeps cand among g's examples if it is one of the keep simplest
// seen so far; among equally simple candidates the earliest found stays.
func (c *collector) offer(g *ViolationGroup, cand *Candidate) {
	s := Simplicity(cand.X)
	n := len(g.Examples)
	if c.keep <= 0 || (n >= c.keep && s >= g.Examples[n-1].simplicity) {
		return
	}
	r := &Refuted{X: cloneExecution(cand.X), Violation: cand.Violation, simplicity: s}
	r.X.Tot = nil
	i := n
	for i > 0 && g.Examples[i-1].simplicity > s {
		i--
	}
	g.Examples = slices.Insert(g.Examples, i, r)
	if len(g.Examples) > c.keep {
		g.Examples = g.Examples[:c.keep]
	}
}

// Simplicity measures how complicated x's reads-from is: the number of
// maximal runs of cells that one event reads from one writer, over every
// reading event and region. A candidate where every read takes its whole
// range from one write scores one per read.
func Simplicity(x *model.Execution) int {
	n := 0
	for _, e := range x.Events {
		for _, r := range []model.Region{model.Len, model.Data} {
			if e.Access(r).Reading() {
				n += len(x.RFRanges(e.ID, r))
			}
		}
	}
	return n
}

// finishGroups orders oe's groups, simplest example first, and completes
// each example: its happens-before and, when the violation depends on the
// total order, the refuted search for one.
func finishGroups(m Model, oe *OutcomeExplanation) {
	for _, g := range oe.Groups {
		for _, r := range g.Examples {
			r.HB = SyncHB(m, r.X)
			if !readsBreak(m, r.X, r.HB) {
				r.Tot = RefuteTot(m, r.X, r.HB, maxLeaves)
			}
		}
	}
	slices.SortStableFunc(oe.Groups, func(a, b *ViolationGroup) int {
		return groupSimplicity(a) - groupSimplicity(b)
	})
}

func groupSimplicity(g *ViolationGroup) int {
	if len(g.Examples) == 0 {
		return 1 << 30
	}
	return g.Examples[0].simplicity
}

// maxLeaves bounds the failed branches a TotRefutation keeps.
const maxLeaves = 24

// readsBreak reports whether reads-from alone makes x inconsistent: hb (as
// reads-from fixes it) is cyclic, or some read breaks hb-consistency or
// no-tear. These are the checks an enumeration without Explain prunes by.
func readsBreak(m Model, x *model.Execution, hb *model.Rel) bool {
	if _, ok := hb.Irreflexive(); !ok {
		return true
	}
	for _, e := range x.Events {
		if (e.Data.Reading() || e.Len.Reading()) && m.CheckRead(x, hb, e.ID) != nil {
			return true
		}
	}
	return false
}

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
				if model.Sync(x.Events[rr.Writer].Access(reg), a) {
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

// A TotRefutation is a failed search for a total order of the constrained
// events of one candidate execution (MODEL.md §13.1 step 6): its failed
// branches, each an order of some constrained events that no completion
// can make consistent.
type TotRefutation struct {
	Constrained []model.EventID // the events whose order matters, in event order
	Leaves      []TotLeaf       // the first failed branches, in search order
	More        int             // failed branches beyond Leaves
	// Truncated says the search stopped at its step bound before trying
	// every order.
	Truncated bool
	// Found is a consistent order the search found after all (nil when,
	// as expected, there is none).
	Found []model.EventID
}

// A TotLeaf is one failed branch of the search for a total order.
type TotLeaf struct {
	// Order lists the constrained events placed. When Violation is set
	// and Order is shorter than all of them, placing its last event
	// caused the violation.
	Order     []model.EventID
	Violation *model.Violation
	// Seen says the branch reached a state an earlier branch had already
	// refuted (the same events placed, with the same effect on what is
	// left); Violation is then nil.
	Seen bool
}

// totStepBound bounds the events RefuteTot places.
const totStepBound = 200000

// RefuteTot searches every order of the constrained events of x (whose
// reads-from is complete) under happens-before hb, as the enumerator
// does, and records each branch that fails, keeping the first maxLeaves.
func RefuteTot(m Model, x *model.Execution, hb *model.Rel, maxLeaves int) *TotRefutation {
	ts := m.NewTotSearch(x, hb.Clone())
	r := &refuter{m: m, x: x, ts: ts, max: maxLeaves, dead: map[string]bool{}, out: &TotRefutation{}}
	for i := range x.Events {
		if ts.Constrained(model.EventID(i)) {
			r.out.Constrained = append(r.out.Constrained, model.EventID(i))
		}
	}
	r.run(len(r.out.Constrained))
	return r.out
}

type refuter struct {
	m     Model
	x     *model.Execution
	ts    model.TotSearch
	max   int
	steps int
	dead  map[string]bool
	out   *TotRefutation
}

func (r *refuter) leaf(order []model.EventID, v *model.Violation, seen bool) {
	if len(r.out.Leaves) >= r.max {
		r.out.More++
		return
	}
	r.out.Leaves = append(r.out.Leaves, TotLeaf{Order: slices.Clone(order), Violation: v, Seen: seen})
}

// run extends the order placed so far; it reports whether it found a
// consistent completion.
func (r *refuter) run(remaining int) bool {
	if remaining == 0 {
		return r.finish()
	}
	key, memo := r.ts.Key()
	if memo && r.dead[key] {
		r.leaf(r.ts.Order(), nil, true)
		return false
	}
	placed := false
	for i := range r.x.Events {
		e := model.EventID(i)
		if !r.ts.Enabled(e) {
			continue
		}
		placed = true
		if r.steps++; r.steps > totStepBound {
			r.out.Truncated = true
			return false
		}
		if v := r.ts.Place(e); v != nil {
			r.leaf(append(slices.Clone(r.ts.Order()), e), v, false)
			continue
		}
		found := r.run(remaining - 1)
		r.ts.Undo()
		if found || r.out.Truncated {
			return found
		}
	}
	if !placed {
		r.leaf(r.ts.Order(), &model.Violation{Axiom: model.AxHBTot, Msg: "no constrained event can come next without breaking hb ⊆ tot"}, false)
	}
	if memo {
		r.dead[key] = true
	}
	return false
}

// finish checks a complete order of the constrained events: the
// end-of-execution checks, then the model's complete predicate on a total
// order of every event that extends it.
func (r *refuter) finish() bool {
	order := r.ts.Order()
	if v := r.ts.Finish(); v != nil {
		r.leaf(order, v, false)
		return false
	}
	x := *r.x
	x.Tot = model.Linearize(&x, r.ts.HB(), order)
	if x.Tot == nil {
		r.leaf(order, &model.Violation{Axiom: model.AxHBTot, Msg: "no total order of every event extends this one"}, false)
		return false
	}
	if v := r.m.Check(&x); v != nil {
		r.leaf(order, v, false)
		return false
	}
	r.out.Found = x.Tot
	return true
}

// Executions returns how many consistent executions c stands for: 0 when
// it breaks an axiom, otherwise 1, or, when the enumeration counted the
// valid writers of passive reads instead of enumerating them (see
// Model.FreeRead), their product. The sum over the consistent candidates
// of a run is its Stats.Consistent plus Stats.Cut.
func (c *Candidate) Executions() int {
	if c.Violation != nil {
		return 0
	}
	s := c.raw.s
	if s.opts.Explain {
		return 1
	}
	x := cloneExecution(c.X)
	k := &candidate{s: s, x: x}
	k.hb = s.model.StaticHB(x)
	if !k.findCandidates() {
		return 0
	}
	k.splitPassive()
	if len(k.passive) == 0 {
		return 1
	}
	// findCandidates cleared reads-from; put back the writers chosen.
	for i, rf := range c.X.DataRF {
		copy(x.DataRF[i], rf)
	}
	n, _ := k.countPassive(SyncHB(s.model, x))
	return n
}

// A Tally counts the consistent executions of a run per outcome. Pass its
// Add as Options.OnCandidate; once the run is over, Counts gives the
// numbers over the run's observed names.
type Tally struct {
	raws   map[string]*rawOutcome
	counts map[string]int
}

// Add counts the executions a complete candidate stands for.
func (t *Tally) Add(c *Candidate) {
	if c.Cut || c.Violation != nil {
		return
	}
	if t.raws == nil {
		t.raws, t.counts = map[string]*rawOutcome{}, map[string]int{}
	}
	k := c.raw.key()
	t.raws[k] = c.raw
	t.counts[k] += c.Executions()
}

// Counts returns the consistent executions per outcome over names, keyed
// by the outcome's String().
func (t *Tally) Counts(names []litmus.Loc) map[string]int {
	out := map[string]int{}
	for k, r := range t.raws {
		out[r.over(names).String()] += t.counts[k]
	}
	return out
}

// ConstrainedOrder returns the events of x whose position in the total
// order the model constrains (SC accesses, RMWs and suspension events for
// the Wasm model), in the order of x.Tot.
func ConstrainedOrder(m Model, x *model.Execution) []model.EventID {
	ts := m.NewTotSearch(x, model.NewRel(len(x.Events)))
	var out []model.EventID
	for _, e := range x.Tot {
		if ts.Constrained(e) {
			out = append(out, e)
		}
	}
	return out
}
