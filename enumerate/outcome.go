package enumerate

import (
	"fmt"
	"strings"

	"wmm/litmus"
	"wmm/model"
)

// rawOutcome is what one execution leaves behind, before the observed
// names are known: every test thread's locals and status, and the
// observer's values.
type rawOutcome struct {
	s      *searcher
	locals [][]uint64 // per test thread, every local
	status []model.Status
	obs    []uint64
}

// raw extracts the raw outcome of a candidate's paths.
func (s *searcher) raw(c *candidate) *rawOutcome {
	r := &rawOutcome{s: s}
	for i, th := range s.threads {
		p := c.paths[i]
		switch th.role {
		case model.RoleTest:
			r.locals = append(r.locals, p.Locals)
			r.status = append(r.status, p.Status)
		case model.RoleObserver:
			r.obs = p.Locals
		}
	}
	return r
}

// key identifies a raw outcome.
func (r *rawOutcome) key() string {
	return fmt.Sprint(r.locals, r.status, r.obs)
}

// over returns the outcome over the given names.
func (r *rawOutcome) over(names []litmus.Loc) model.Outcome {
	out := make(model.Outcome, len(names))
	for i, n := range names {
		out[i] = model.Binding{Name: n.String(), Value: r.value(n)}
	}
	return out
}

// value returns the value of one observed name.
func (r *rawOutcome) value(l litmus.Loc) uint64 {
	s := r.s
	switch l.Kind {
	case litmus.LocMem, litmus.LocSize:
		for i, o := range s.obs {
			if o == l {
				return r.obs[i]
			}
		}
		return 0
	}
	ti := -1
	for i, th := range s.test.Threads {
		if th.Name == l.Thread {
			ti = i
		}
	}
	if ti < 0 {
		return 0
	}
	switch l.Kind {
	case litmus.LocTrap:
		return b2u(r.status[ti] == model.Trapped)
	case litmus.LocStuck:
		return b2u(r.status[ti] == model.Blocked)
	case litmus.LocLocal:
		if i, ok := s.test.Threads[ti].LocalIndex(l.Local); ok {
			return r.locals[ti][i]
		}
	}
	return 0
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// record counts the consistent executions a candidate stands for and
// keeps its raw outcome and, the first time that outcome appears, the
// execution as a witness.
func (s *searcher) record(c *candidate, weight Count) error {
	if c.cut {
		s.stats.Cut = s.stats.Cut.Add(weight)
		return nil
	}
	s.stats.Consistent = s.stats.Consistent.Add(weight)
	s.opts.Budget.Executions(weight.Saturated())
	if c.paths[0].Status != model.Done {
		return errorf(s.test, "the setup code does not complete (%s) in an allowed execution", c.paths[0].Status)
	}
	r := s.raw(c)
	k := r.key()
	if _, ok := s.results[k]; !ok {
		s.results[k] = r
		s.order = append(s.order, k)
		s.opts.Budget.Outcome()
		s.witness[k] = c.x.Clone()
	}
	return nil
}

// result builds the Result: the observed names (with T:trap and T:stuck
// for threads that trap or block in some allowed execution), the distinct
// outcomes, sorted, and one witness per outcome.
func (s *searcher) result() *Result {
	trapped, stuck := map[string]bool{}, map[string]bool{}
	for _, k := range s.order {
		r := s.results[k]
		for i, th := range s.test.Threads {
			trapped[th.Name] = trapped[th.Name] || r.status[i] == model.Trapped
			stuck[th.Name] = stuck[th.Name] || r.status[i] == model.Blocked
		}
	}
	names := s.test.Names(func(t string) bool { return trapped[t] }, func(t string) bool { return stuck[t] })
	res := &Result{Test: s.test, Model: s.model.Name(), Names: names, Witnesses: map[string]*model.Execution{}, Stats: s.stats, Notes: s.notes}
	var set model.OutcomeSet
	for _, k := range s.order {
		o := s.results[k].over(names)
		if set.Add(o) {
			res.Witnesses[o.String()] = s.witness[k]
		}
	}
	res.Outcomes = set.Sorted()
	if !s.stats.Cut.IsZero() {
		res.Notes = append(res.Notes, fmt.Sprintf("%s execution(s) reached the loop bound (unroll %d) and were left out", s.stats.Cut, s.unroll))
	}
	return res
}

// String prints the result briefly, for tests and debugging.
func (r *Result) String() string {
	var sb strings.Builder
	for _, o := range r.Outcomes {
		sb.WriteString(o.String())
		sb.WriteByte('\n')
	}
	return sb.String()
}
