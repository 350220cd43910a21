package enumerate

import (
	"slices"

	"wmm/internal/parallel"
	"wmm/interp"
	"wmm/model"
)

// The search of one combination of groups is split over goroutines
// (Options.Workers) at depth splitDepth of the reads: worker i takes the
// subtrees whose number, counted in search order, is i modulo the number
// of workers. Every worker has its own copy of the execution and of the
// searcher's results; they are merged so that the result does not depend
// on which worker found what: counts add up, and the witness of an
// outcome is the least execution by path indices and reads-from (see
// fastCandidate.record), as a sequential search would keep.

// splitDepth is the depth of the reads at which the search splits, and
// parallelReads the fewest active reads for which it does.
const (
	splitDepth    = 2
	parallelReads = 6
)

// workers returns the number of goroutines a search may use.
func (s *searcher) workers() int { return parallel.Workers(s.opts.Workers) }

// parallel searches c with n workers and merges their results into c.s.
func (c *fastCandidate) parallel(n int) error {
	forks := make([]*fastCandidate, n)
	errs := make([]error, n)
	for i := range forks {
		forks[i] = c.fork(i, n)
	}
	parallel.For(n, n, func(i int) { errs[i] = forks[i].assign(0) })
	for i, f := range forks {
		if errs[i] != nil {
			return errs[i]
		}
		c.s.merge(f.s)
	}
	return nil
}

// fork returns a copy of c for worker i of n, with its own execution,
// hb and searcher results.
func (c *fastCandidate) fork(i, n int) *fastCandidate {
	s := *c.s
	s.stats = Stats{}
	s.found = map[string]*found{}
	s.order = nil
	s.slab = slab{} // the parent's chunks are the parent's
	f := *c
	f.s = &s
	f.x = c.x.Clone()
	f.hb = c.hb.Clone()
	f.trail = model.Trail{}
	f.force = c.s.model.NewForcing(f.x, f.hb)
	f.at = slices.Clone(c.at)
	f.events = map[*interp.Trace][]*model.Event{}
	f.copies = nil
	f.paths = make([]*interp.Trace, len(c.paths))
	f.pathIdx = make([]int32, len(c.pathIdx))
	f.rf = nil
	f.rfBuf = nil
	f.cellBuf = nil
	f.passiveMemo = make([][]passiveCount, len(c.passiveMemo))
	for k, m := range c.passiveMemo {
		f.passiveMemo[k] = make([]passiveCount, len(m))
	}
	f.leafPath = make([]int, len(c.leafPath))
	f.keyBytes = nil
	f.worker, f.nworkers, f.task = i, n, 0
	return &f
}

// merge adds the counts and outcomes of a worker's searcher w to s.
func (s *searcher) merge(w *searcher) {
	s.stats.Candidates += w.stats.Candidates
	s.stats.Consistent = s.stats.Consistent.Add(w.stats.Consistent)
	s.stats.Cut = s.stats.Cut.Add(w.stats.Cut)
	s.stats.TotSteps += w.stats.TotSteps
	s.stats.Mismatches += w.stats.Mismatches
	for _, k := range w.order {
		wf := w.found[k]
		if sf, ok := s.found[k]; !ok {
			s.found[k] = wf
			s.order = append(s.order, k)
		} else if wf.key.less(sf.key) {
			s.found[k] = wf
		}
	}
}
