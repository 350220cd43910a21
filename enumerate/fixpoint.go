package enumerate

import (
	"fmt"

	"wmm/budget"
	"wmm/interp"
	"wmm/litmus"
	"wmm/model"
)

// ErrTooManyPaths says a thread has more paths than the path budget
// (Options.Budget, else Options.MaxPaths) allows.
// (errors.Is finds it in the error Run returns).
var ErrTooManyPaths = budget.ErrTooManyPaths

// maxRounds bounds the fixpoint when loops make chains of writes long.
const maxRounds = 64

// fixDomain computes the value domain (step 1 of the package comment) and
// leaves every thread's paths under it in thread.paths.
//
// A value read in a consistent execution was written by a write of that
// execution. Either that write is independent of the values its thread
// read (a constant store before any branch on memory: it is found in round
// 1), or it depends on values read before it, written by earlier writes,
// and so on down a chain of distinct dependent writes (interp.Trace's
// Dependent) — unless values justify themselves in a cycle (thin air).
// Each round finds the values at the end of chains one write longer; the
// loop stops when the chains are longer than an execution can have
// dependent writes (see the comment in the loop), so the domain holds every
// value that is not thin air.
//
// Thin-air values (MODEL.md §10.8, §13.3) are the exception: a store whose
// value depends on a read could write any value in a cyclic execution. For
// such stores the domain is seeded with the constants of the test's
// condition, so that an outcome the condition asks about is found when the
// model allows it; other thin-air values are not enumerated (a note says so).
func (s *searcher) fixDomain() error {
	dom := &domain{init: s.test.InitialContents(), initSize: s.initBytes(), initLen: uint64(s.test.Memory.Pages) * model.PageSize, global: s.opts.Explain || s.skipC2}
	for _, th := range s.threads {
		dom.threads = append(dom.threads, newWriteSet())
		dom.roles = append(dom.roles, th.role)
	}
	seeds := conditionConstants(s.test)
	seeded := false
	if dom.global {
		// What the setup thread allocates besides memory 0 (the domain's
		// init) is, like init, written before anything runs and read from
		// round 1: a read by another thread sees the setup thread's paths
		// only through the writes the previous round collected, and a
		// constant store behind a bounds check of memory 1 must not need a
		// round more than the chain argument below allows.
		collectWrites(dom.threads[0], &interp.Trace{Events: s.moreAllocations()}, false, nil, &seeded)
	}
	// Round r runs every thread under D_r (dom) and collects what the
	// paths write into D_r+1 (next).
	for r := 0; ; r++ {
		s.stats.Rounds = r + 1
		s.opts.Budget.SetPhase(budget.PhaseValues, r+1)
		next := &domain{}
		*next = *dom
		next.threads = make([]*writeSet, len(dom.threads))
		maxDep, maxWrites, grows := 0, 0, false
		for i, th := range s.threads {
			// The last round's paths are let go before this round's are
			// made, so that the fixpoint holds one round's paths, not two.
			th.paths = nil
			paths, err := enumPaths(th.run, dom, i, s.maxWake, th.name, s.opts.Budget)
			if err != nil {
				return errorf(s.test, "%w", err)
			}
			th.paths = paths
			if th.role == model.RoleSetup && !dom.global {
				// Setup reads only init and its own writes, so its paths
				// are the same in every round.
				dom.setup, next.setup = paths, paths
			}
			next.threads[i] = dom.threads[i].clone()
			mostDep, mostWrites := 0, 0
			for _, p := range paths {
				collectWrites(next.threads[i], p, th.role == model.RoleSetup, seeds, &seeded)
				mostDep, mostWrites = max(mostDep, p.Dependent), max(mostWrites, p.Writes)
			}
			maxDep += mostDep
			maxWrites += mostWrites
			grows = grows || len(next.threads[i].lens) > 0
		}
		// When memory can grow, whether an access traps depends on the
		// length its bounds check reads, so every write may depend on a
		// read by its very existence.
		if grows {
			maxDep = maxWrites
		}
		if next.size() == dom.size() {
			break // a fixpoint: the paths are those under the final domain
		}
		// D_r holds every value at the end of a chain of at most r writes
		// each but the first dependent on the one before. A value needing
		// a longer chain would make the chain's first r+1 writes, all
		// possible under D_r, count at least r dependent writes in one
		// execution's paths; so once r exceeds maxDep (counted under D_r)
		// no realizable value is missing, except thin air. What still grows
		// comes from paths no execution combines, like a chain of
		// fetch-adds longer than the number of fetch-adds.
		if r >= maxDep+1 && r+1 >= s.opts.minRounds {
			break
		}
		if r+1 >= maxRounds {
			s.notes = append(s.notes, fmt.Sprintf("the value domain was cut after %d rounds: values that need longer chains of writes are not enumerated", r+1))
			break
		}
		dom = next
	}
	s.dom = dom
	if seeded {
		s.notes = append(s.notes, "some stores write values computed from reads: out-of-thin-air values are enumerated only among the condition's constants (MODEL.md §13.3)")
	}
	return nil
}

// collectWrites adds the values the writes of path p write to w, and for
// stores whose value derives from reads also the seeds. The setup
// thread's first event, the allocation, is the domain's base and is
// skipped.
func collectWrites(w *writeSet, p *interp.Trace, setup bool, seeds []uint64, seeded *bool) {
	tainted := map[int]bool{}
	for _, i := range p.Tainted {
		tainted[i] = true
	}
	for i, e := range p.Events {
		if setup && i == 0 {
			continue
		}
		if a := e.Len; a.Writing() {
			w.addLen(a.LenWr)
		}
		a := e.Data
		if !a.Writing() {
			continue
		}
		if a.Wr == nil {
			w.addZeros(a.Off, a.Off+a.Size)
			continue
		}
		for j, b := range a.Wr {
			w.addByte(a.Off+uint64(j), b)
		}
		if tainted[i] && len(seeds) > 0 {
			*seeded = true
			for _, v := range seeds {
				for j := range a.Wr {
					w.addByte(a.Off+uint64(j), byte(v>>(8*j)))
				}
			}
		}
	}
}

// conditionConstants returns the values the test's condition compares
// with.
func conditionConstants(t *litmus.Test) []uint64 {
	if t.Condition == nil {
		return nil
	}
	var out []uint64
	var walk func(litmus.Prop)
	walk = func(p litmus.Prop) {
		switch p := p.(type) {
		case *litmus.Atom:
			if p.Loc.Kind == litmus.LocLocal || p.Loc.Kind == litmus.LocMem {
				out = append(out, p.Value)
			}
		case *litmus.And:
			walk(p.L)
			walk(p.R)
		case *litmus.Or:
			walk(p.L)
			walk(p.R)
		case *litmus.Not:
			walk(p.P)
		}
	}
	walk(t.Condition.Prop)
	return out
}
