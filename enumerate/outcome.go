package enumerate

import (
	"fmt"
	"slices"
	"strings"

	"wmm/interp"
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
	r := &rawOutcome{}
	s.fillRaw(r, func(ti int) *interp.Trace { return c.paths[ti] })
	return r
}

// fillRaw sets r to the raw outcome of one path per thread (path(ti)),
// reusing r's slices.
func (s *searcher) fillRaw(r *rawOutcome, path func(ti int) *interp.Trace) {
	r.s = s
	r.locals, r.status, r.obs = r.locals[:0], r.status[:0], nil
	for i, th := range s.threads {
		p := path(i)
		switch th.role {
		case model.RoleTest:
			r.locals = append(r.locals, p.Locals)
			r.status = append(r.status, p.Status)
		case model.RoleObserver:
			r.obs = p.Locals
		}
	}
}

// key identifies a raw outcome.
func (r *rawOutcome) key() string {
	return fmt.Sprint(r.locals, r.status, r.obs)
}

// over returns the outcome over the given names.
func (r *rawOutcome) over(names []litmus.Loc) model.Outcome {
	return r.overNamed(names, locStrings(names))
}

// overNamed is over with the names' strings made once (locStrings).
func (r *rawOutcome) overNamed(names []litmus.Loc, strs []string) model.Outcome {
	out := make(model.Outcome, len(names))
	for i, n := range names {
		out[i] = model.Binding{Name: strs[i], Value: r.value(n)}
	}
	return out
}

// locStrings returns the String of each name.
func locStrings(names []litmus.Loc) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.String()
	}
	return out
}

// value returns the value of one observed name.
func (r *rawOutcome) value(l litmus.Loc) uint64 { return r.at(r.s.slot(l)) }

// A slot says where a raw outcome holds the value of one name: kind is
// the name's; i is the observer's load (memory atoms) or the test thread
// (the others), -1 when the name binds nothing here (its value is 0); j
// is the local's index.
type slot struct {
	kind litmus.LocKind
	i, j int
}

// slot resolves a name once, so that the values of many raw outcomes are
// read without looking the name up again (at).
func (s *searcher) slot(l litmus.Loc) slot {
	switch l.Kind {
	case litmus.LocMem, litmus.LocSize:
		return slot{kind: l.Kind, i: slices.Index(s.obs, l)}
	}
	ti := -1
	for i, th := range s.test.Threads {
		if th.Name == l.Thread {
			ti = i
		}
	}
	sl := slot{kind: l.Kind, i: ti}
	if ti >= 0 && l.Kind == litmus.LocLocal {
		j, ok := s.test.Threads[ti].LocalIndex(l.Local)
		if !ok {
			sl.i = -1
		}
		sl.j = j
	}
	return sl
}

// at returns the value of the name sl stands for.
func (r *rawOutcome) at(sl slot) uint64 {
	if sl.i < 0 {
		return 0
	}
	switch sl.kind {
	case litmus.LocMem, litmus.LocSize:
		return r.obs[sl.i]
	case litmus.LocTrap:
		return b2u(r.status[sl.i] == model.Trapped)
	case litmus.LocStuck:
		return b2u(r.status[sl.i] == model.Blocked)
	case litmus.LocLocal:
		return r.locals[sl.i][sl.j]
	}
	return 0
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// A found is what a run keeps of one raw outcome: in an ordinary run, the
// key of its witness (the least of its executions, see
// fastCandidate.record), from which the witness is rebuilt when asked for
// (searcher.rebuild), so that a run holds a few small slices per outcome
// and none of its executions; in the search of explanations, the raw
// outcome and the first execution that had it.
type found struct {
	key witnessKey
	raw *rawOutcome      // nil in an ordinary run: made from key.paths
	x   *model.Execution // nil in an ordinary run
}

// pathsOf returns the paths of the given indices, one per thread.
func (s *searcher) pathsOf(idx []int32) []*interp.Trace {
	paths := make([]*interp.Trace, len(idx))
	for ti, pi := range idx {
		paths[ti] = s.threads[ti].paths[pi]
	}
	return paths
}

// record counts the consistent executions a candidate stands for and
// keeps its raw outcome and, the first time that outcome appears, the
// execution as a witness.
func (s *searcher) record(c *candidate, weight Count) error {
	if ok, err := s.count(weight, c.cut, c.paths); !ok {
		return err
	}
	r := s.raw(c)
	k := r.key()
	if _, ok := s.found[k]; !ok {
		s.found[k] = &found{raw: r, x: c.x.Clone()}
		s.order = append(s.order, k)
		s.opts.Budget.Outcome()
	}
	return nil
}

// count adds the executions a consistent candidate stands for (weight)
// to the cut ones or to the consistent ones, and reports whether they are
// consistent ones to record: not cut, and with a setup thread (paths[0])
// that completes, else an error.
func (s *searcher) count(weight Count, cut bool, paths []*interp.Trace) (bool, error) {
	if cut {
		s.stats.Cut = s.stats.Cut.Add(weight)
		return false, nil
	}
	s.stats.Consistent = s.stats.Consistent.Add(weight)
	s.opts.Budget.Executions(weight.Saturated())
	if paths[0].Status != model.Done {
		return false, errorf(s.test, "the setup code does not complete (%s) in an allowed execution", paths[0].Status)
	}
	return true, nil
}

// result builds the Result: the observed names (with T:trap and T:stuck
// for threads that trap or block in some allowed execution), the distinct
// outcomes, sorted, and one witness per outcome: of the raw outcomes that
// give one outcome over the names, the first found.
//
// It holds little beyond what the Result keeps: the bindings of every
// outcome share one array, no raw outcome is kept (each is read into one
// reused rawOutcome), and the witnesses are found by the outcome's place
// in the sorted list rather than by a formatted key.
func (s *searcher) result() *Result {
	// The outcomes' keys are needed no more: the Result keeps s (for
	// rebuild), so the map goes now, before the arrays below are made.
	fs := make([]*found, len(s.order))
	for i, k := range s.order {
		fs[i] = s.found[k]
	}
	s.found, s.order = nil, nil
	var buf rawOutcome
	trapped, stuck := map[string]bool{}, map[string]bool{}
	for _, f := range fs {
		r := s.rawInto(&buf, f)
		for i, th := range s.test.Threads {
			if r.status[i] == model.Trapped {
				trapped[th.Name] = true
			} else if r.status[i] == model.Blocked {
				stuck[th.Name] = true
			}
		}
	}
	names := s.test.Names(func(t string) bool { return trapped[t] }, func(t string) bool { return stuck[t] })
	res := &Result{Test: s.test, Model: s.model.Name(), Names: names, rebuild: s.rebuild, Stats: s.stats, Notes: s.notes}
	strs := locStrings(names)
	slots := make([]slot, len(names))
	for j, n := range names {
		slots[j] = s.slot(n)
	}
	nn := len(names)
	arena := make([]model.Binding, len(fs)*nn)
	type entry struct {
		o model.Outcome
		f *found
	}
	all := make([]entry, len(fs))
	for i, f := range fs {
		r := s.rawInto(&buf, f)
		o := model.Outcome(arena[i*nn : (i+1)*nn : (i+1)*nn])
		for j, sl := range slots {
			o[j] = model.Binding{Name: strs[j], Value: r.at(sl)}
		}
		all[i] = entry{o, f}
	}
	// Stable: of equal outcomes the first found comes first and is kept.
	slices.SortStableFunc(all, func(a, b entry) int { return model.Compare(a.o, b.o) })
	for i, e := range all {
		if i > 0 && model.Compare(e.o, all[i-1].o) == 0 {
			continue
		}
		res.Outcomes = append(res.Outcomes, e.o)
		res.found = append(res.found, e.f)
	}
	res.sorted = slices.Clip(res.Outcomes)
	if !s.stats.Cut.IsZero() {
		res.Notes = append(res.Notes, fmt.Sprintf("%s execution(s) reached the loop bound (unroll %d) and were left out", s.stats.Cut, s.unroll))
	}
	return res
}

// rawInto returns f's raw outcome: f.raw when the run kept it, else r,
// set to it (r's slices reused).
func (s *searcher) rawInto(r *rawOutcome, f *found) *rawOutcome {
	if f.raw != nil {
		return f.raw
	}
	s.fillRaw(r, func(ti int) *interp.Trace { return s.threads[ti].paths[f.key.paths[ti]] })
	return r
}

// Witness returns one consistent execution that has outcome o, one of
// r.Outcomes, or nil for another outcome. An ordinary run keeps only the
// paths and reads-from of its witnesses: each call rebuilds the execution
// (a new one, the caller's to keep). An explain run keeps its witnesses
// whole and returns them as they are: the caller must not change them.
func (r *Result) Witness(o model.Outcome) *model.Execution {
	i, ok := slices.BinarySearchFunc(r.sorted, o, model.Compare)
	if !ok {
		return nil
	}
	return r.rebuild(r.found[i])
}

// rebuild returns the witness f stands for. In an ordinary run it is made
// again from the paths and reads-from it kept: the events of those paths,
// happens-before from them (the static edges and the synchronisation
// edges of the writers chosen: the hb the search had, as passive reads
// add no edge), and the total order the search found, which depends on
// nothing else (ForcedOrder and searchTot are functions of the execution
// and hb).
func (s *searcher) rebuild(f *found) *model.Execution {
	if f.x != nil {
		return f.x
	}
	x := s.skeleton(s.pathsOf(f.key.paths))
	rf := f.key.rf
	for _, e := range x.Events {
		x.ReadCells(e.ID, func(_ model.Region, _ uint64, w *model.EventID) bool {
			*w, rf = model.EventID(rf[0]), rf[1:]
			return true
		})
	}
	hb := model.NewRel(len(x.Events))
	x.HBEdges(true, nil, func(a, b model.EventID, _ model.EdgeKind) { hb.Add(a, b) })
	hb.Close()
	within, v := s.model.ForcedOrder(x, hb)
	if v == nil {
		v = searchTot(&searcher{model: s.model}, x, hb, within, nil)
	}
	if v != nil {
		panic(fmt.Sprintf("enumerate: the witness of test %s no longer passes: %v", s.test.Name, v))
	}
	return x
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
