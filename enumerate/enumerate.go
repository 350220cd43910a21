// Package enumerate computes the executions of a litmus test that a
// memory model allows, and from them the allowed outcomes.
//
// The search follows MODEL.md §13.1:
//
//  1. Values. Every read may return, per byte, any value some write of
//     some path can write there. This value domain is computed as a
//     fixpoint: run every thread under every answer, collect what the
//     writes write, repeat (§13.3 on the thin-air values this leaves out).
//  2. Paths. Each thread is run by the interpreter under every answer the
//     domain allows (values read, grow failure, how a wait ends, how many
//     waiters a notify wakes); each run is a path: its events in program
//     order, final locals and status.
//  3. Reads-from. The paths of each thread that emit the same events but
//     for the values read form a group; for each combination of one group
//     per thread, every read chooses its writers, cell by cell, among the
//     writes the static happens-before does not exclude (C2), at most one
//     tear-free same-range write per tear-free read (C4), and the choice
//     selects the paths that read what the writers wrote (C1; fast.go).
//     Reads are assigned one at a time, synchronisation edges added as they
//     appear and retracted on backtracking, and a partial assignment is
//     abandoned as soon as hb is cyclic or C2 or C4 fails. Reads whose
//     choice matters to no other check, under every hb the search can
//     reach (Model.FreeRead, Model.FreeReadWithin), are counted
//     (Model.CountRead). The
//     search of one combination splits over goroutines (Options.Workers).
//  4. Total order. Over the events whose position the model constrains
//     (SC accesses, RMWs, suspension events), within the order that C3 and
//     hb ⊆ tot force (Model.ForcedOrder), first the greedy order, then a
//     depth-first search for one order that passes sc-last-visible and
//     suspension consistency, checking each prefix and memoising dead
//     states. MODEL.md §13.1a lists every skip and the axiom behind it.
//  5. Every execution found is checked on a full total order: with the
//     model's complete predicate (axioms.Model.Check) when it has
//     suspension events, otherwise with the axioms that depend on tot
//     (Model.CheckOrder), the search having established the others
//     (MODEL.md §13.1a, S10).
//
// The package declares the small interface it needs of a model (Model);
// *axioms.Model implements it.
package enumerate

import (
	"cmp"
	"errors"
	"fmt"

	"wmm/budget"

	"wmm/litmus"
	"wmm/model"
)

// Model is what the enumerator needs of a memory model.
type Model interface {
	// Name returns the model's name, with its variants.
	Name() string
	// Semantics returns the operational choices the interpreter follows.
	Semantics() model.Semantics
	// StaticHB returns the happens-before edges known before reads-from
	// is chosen, transitively closed.
	StaticHB(x *model.Execution) *model.Rel
	// CheckRead checks the axioms about one reading event alone (C2, C4)
	// against a happens-before that may still grow.
	CheckRead(x *model.Execution, hb *model.Rel, e model.EventID) *model.Violation
	// FreeRead reports whether the choice of writers of read e (the
	// candidates per cell, len cell first) influences nothing but e's own
	// CheckRead, so that its valid choices can be counted rather than
	// enumerated.
	FreeRead(x *model.Execution, e model.EventID, cells [][]model.EventID) bool
	// FreeReadWithin is FreeRead given hb, a happens-before that
	// contains every one the search can reach (static and every
	// synchronisation edge some choice of writers could add): it may
	// find free reads that FreeRead does not. It is asked only of reads
	// FreeRead did not find free.
	FreeReadWithin(x *model.Execution, hb *model.Rel, e model.EventID, cells [][]model.EventID) bool
	// CountRead counts the choices of writers for read r, among the
	// candidates per cell (len cell first), that pass CheckRead against
	// hb, and returns the least of them, or a violation when there is
	// none.
	CountRead(x *model.Execution, hb *model.Rel, r model.EventID, cells [][]model.EventID) (uint64, []model.EventID, *model.Violation)
	// NoTearWriter reports whether no-tear (C4) counts w among the
	// writers of r's data read, of which a read may have at most one.
	NoTearWriter(x *model.Execution, r, w model.EventID) bool
	// ForcedOrder returns hb with the pairs that hb ⊆ tot and the other
	// axioms force into tot, given reads-from, closed; or a violation when
	// they form a cycle (so no total order can exist).
	ForcedOrder(x *model.Execution, hb *model.Rel) (*model.Rel, *model.Violation)
	// NewForcing starts ForcedOrder read by read, for a search that
	// chooses the writers of one read after another, under hb, the
	// happens-before before any choice.
	NewForcing(x *model.Execution, hb *model.Rel) model.Forcing
	// NewTotSearch starts the search for a total order; when within (a
	// ForcedOrder) is not nil, for one that contains it.
	NewTotSearch(x *model.Execution, hb, within *model.Rel) model.TotSearch
	// Check is the model's complete consistency predicate on an execution
	// with a total order of all events.
	Check(x *model.Execution) *model.Violation
	// CheckOrder is Check for an execution whose caller has established
	// every axiom that does not depend on the order of x.Tot, with hb
	// its happens-before: it checks the rest and returns the violation
	// Check would (MODEL.md §13.1a, S10).
	CheckOrder(x *model.Execution, hb *model.Rel) *model.Violation
	// CheckOrderBesideSCLast is CheckOrder without sc-last-visible (C3),
	// for a search that tests C3 with model.Forcing.SCLastVisibleUnder.
	CheckOrderBesideSCLast(x *model.Execution, hb *model.Rel) *model.Violation
	// Skips reports whether the model drops the axiom named ax (model.Ax
	// names), so that the search does not prune by it.
	Skips(ax string) bool
}

// Options tune a run.
type Options struct {
	// Unroll bounds loop iterations beyond the first when UnrollSet;
	// otherwise the test's unroll: applies, or litmus.DefaultUnroll.
	Unroll    int
	UnrollSet bool
	// MaxPaths bounds the paths of one thread (0: budget.Defaults.Paths)
	// when Limits.Paths is 0.
	MaxPaths int
	// Workers bounds the goroutines that search one test (0:
	// GOMAXPROCS). The result does not depend on it. A run with
	// OnCandidate searches on one goroutine.
	Workers int
	// Limits bound the run (time, memory, candidates, paths per thread;
	// see package budget); a zero field means no limit. A run out of
	// budget returns an error that wraps a *budget.Exceeded, which says
	// how far it got; errors.Is(err, budget.ErrExceeded) holds.
	Limits budget.Limits
	// Budget, when set, is the meter that accounts for the run instead of
	// one Run starts from Limits: the caller starts it, and calls its Done.
	Budget *budget.Meter
	// Explain turns off the early pruning of reads-from choices, so that
	// OnCandidate sees every candidate whose values match (C1), each with
	// the axiom it breaks. It is slow; use it on one test.
	Explain bool
	// OnCandidate, when set, is called for every complete candidate
	// execution: consistent (Violation nil) or not.
	OnCandidate func(c *Candidate)

	// minRounds forces the value fixpoint to run at least that many
	// rounds; tests use it to check that stopping early loses nothing.
	minRounds int
}

// A Candidate is a complete candidate execution handed to
// Options.OnCandidate. X and its slices are reused after the call
// returns: keep X.Clone().
type Candidate struct {
	X         *model.Execution
	Violation *model.Violation // nil when consistent
	Cut       bool             // some thread stopped at the unroll bound
	raw       *rawOutcome
	weight    Count // consistent executions it stands for (see Executions)
}

// Outcome returns the candidate's outcome over the given names.
func (c *Candidate) Outcome(names []litmus.Loc) model.Outcome { return c.raw.over(names) }

// Stats counts the work of a run.
type Stats struct {
	Rounds       int // value-domain fixpoint rounds
	Paths        int // thread paths, all threads together
	Combinations int // combinations of one path per thread that were searched
	// Candidates counts the complete reads-from assignments handed to the
	// tot search. One candidate stands for every choice of writers of its
	// passive reads (see Model.FreeRead), so there can be fewer candidates
	// than consistent executions.
	Candidates int
	Consistent Count // consistent complete executions (distinct events and reads-from)
	Cut        Count // consistent executions left incomplete: a thread reached the unroll bound
	TotSteps   int   // events placed by the tot search
	// Mismatches counts executions whose tot search succeeded but which
	// the complete predicate rejected; it is always 0 unless the fast
	// checks have a bug.
	Mismatches int
}

// A Result is what a run computes.
type Result struct {
	Test  *litmus.Test
	Model string
	// Names are the observed names, Outcomes the distinct allowed
	// outcomes over them, sorted.
	Names    []litmus.Loc
	Outcomes []model.Outcome
	Stats    Stats
	// Notes tell the user where the answer is bounded (unroll, value
	// domain).
	Notes []string

	// sorted is Outcomes as result made it (a caller that reslices or
	// replaces Outcomes leaves it as it was; the elements are shared),
	// and found[i] what the run kept of one consistent execution of
	// sorted[i] (see Witness).
	sorted  []model.Outcome
	found   []*found
	rebuild func(*found) *model.Execution
}

// Run computes the executions of t that m allows.
func Run(t *litmus.Test, m Model, opts Options) (*Result, error) {
	if opts.Budget == nil {
		l := opts.Limits
		if l.Paths == 0 {
			l.Paths = cmp.Or(opts.MaxPaths, budget.Defaults.Paths)
		}
		opts.Budget = budget.Start(t.Name+" ("+m.Name()+")", l)
		defer opts.Budget.Done()
	}
	unroll := litmus.DefaultUnroll
	switch {
	case opts.UnrollSet:
		unroll = opts.Unroll
	case t.UnrollSet:
		unroll = t.Unroll
	}
	s := &searcher{test: t, model: m, opts: opts, unroll: unroll, sem: m.Semantics(), skipC2: m.Skips(model.AxHB)}
	if err := s.buildThreads(); err != nil {
		return nil, err
	}
	if err := s.fixDomain(); err != nil {
		return nil, err
	}
	if err := s.enumerate(); err != nil {
		if errors.Is(err, budget.ErrExceeded) {
			err = errorf(s.test, "%w", err)
		}
		return nil, err
	}
	return s.result(), nil
}

// errorf returns an error about test t, at its position (the message
// does not repeat it); %w in format wraps an error as fmt.Errorf does.
func errorf(t *litmus.Test, format string, args ...any) error {
	return &litmus.Error{Pos: t.Pos, Err: fmt.Errorf("test %s: "+format, append([]any{t.Name}, args...)...)}
}
