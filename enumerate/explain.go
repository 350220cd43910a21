package enumerate

import (
	"errors"
	"slices"

	"wmm/budget"
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
			ex.Outcomes = append(ex.Outcomes, &OutcomeExplanation{Outcome: o, Allowed: true, Witness: res.Witness(o)})
		}
	}
	col := &collector{names: res.Names, all: withStatusNames(t, res.Names), keep: max(eo.Keep, 1), max: eo.MaxCandidates, byKey: map[string]*OutcomeExplanation{}}
	if col.max <= 0 {
		col.max = DefaultMaxCandidates
	}
	if s != nil && opts.Budget == nil {
		// The second search has a budget of its own, but for candidates:
		// eo.MaxCandidates bounds those.
		l := opts.Limits
		l.Candidates = 0
		l.Paths = 0
		s.opts.Budget = budget.Start(t.Name+" ("+m.Name()+", explain)", l)
		defer s.opts.Budget.Done()
	}
	if s != nil {
		forbidden := func(r *rawOutcome) bool {
			o := col.outcome(r)
			return want(o) && !allowed.Contains(o)
		}
		if ex.Truncated, err = s.explainSearch(col.add, forbidden); err != nil {
			if errors.Is(err, budget.ErrExceeded) {
				err = errorf(t, "%w", err)
			}
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
	return false, s.eachCombination(func(chosen []*interp.Trace) error {
		if slices.ContainsFunc(chosen, cutPath) || !keep(s.raw(&candidate{s: s, paths: chosen})) {
			return nil
		}
		return s.combination(chosen)
	})
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
	r := &Refuted{X: cand.X.Clone(), Violation: cand.Violation, simplicity: s}
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
