package enumerate

import (
	"errors"
	"flag"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/budget"
	"wmm/interp"
	"wmm/litmus"
	"wmm/model"
)

// The reference enumerator: the obviously correct, slow way. For every
// combination of one path per thread (the same paths the fast search
// uses), every cell read chooses among every write covering that cell,
// with no regard to values or happens-before; for every such reads-from,
// every total order of all events that extends program order, spawn and
// join is tried, and the execution is consistent when axioms' Check
// accepts one of them. Nothing is pruned, so a pruning or memoisation bug
// in the fast search shows up as a difference.

// errBudget stops the reference when a test is too big for it.
var errBudget = errors.New("reference: over budget")

type reference struct {
	s        *searcher
	budget   int // Check calls left
	outcomes map[string]*rawOutcome
	order    []string
	execs    int // consistent executions (paths and reads-from)
	cut      int
}

// runReference computes the consistent executions of t under m the slow
// way. It returns errBudget when that would take more than budget calls of
// Check.
func runReference(t *litmus.Test, m Model, budget int) (*reference, error) {
	return runReferenceWithin(t, m, budget, 20000)
}

// runReferenceWithin is runReference with at most maxPaths paths per
// thread.
func runReferenceWithin(t *litmus.Test, m Model, checks, maxPaths int) (*reference, error) {
	unroll := litmus.DefaultUnroll
	if t.UnrollSet {
		unroll = t.Unroll
	}
	meter := budget.Start(t.Name, budget.Limits{Paths: maxPaths})
	defer meter.Done()
	s := &searcher{test: t, model: m, unroll: unroll, sem: m.Semantics(), skipC2: m.Skips(model.AxHB), opts: Options{MaxPaths: maxPaths, Budget: meter}}
	if err := s.buildThreads(); err != nil {
		return nil, err
	}
	if err := s.fixDomain(); err != nil {
		return nil, err
	}
	ref := &reference{s: s, budget: checks, outcomes: map[string]*rawOutcome{}}
	return ref, s.eachCombination(ref.combination)
}

// combination tries every reads-from of one combination of paths.
func (ref *reference) combination(paths []*interp.Trace) error {
	x := ref.s.skeleton(paths)
	cut := slices.ContainsFunc(paths, cutPath)
	// Every cell read, with its reads-from entry and every write that
	// covers it.
	type slot struct {
		rf      *model.EventID
		writers []model.EventID
	}
	var slots []slot
	for _, e := range x.Events {
		x.ReadCells(e.ID, func(reg model.Region, c uint64, rf *model.EventID) bool {
			var ws []model.EventID
			for _, w := range x.Events {
				// A writer of another value fails C1 whatever the
				// order; leaving it out changes no verdict.
				if wa := w.Access(reg); w.ID != e.ID && wa.Writing() && wa.Covers(c) && wa.WriteCell(c) == e.Access(reg).ReadCell(c) {
					ws = append(ws, w.ID)
				}
			}
			slots = append(slots, slot{rf, ws})
			return true
		})
	}
	orders := linearExtensions(x, ref.budget+1)
	cost := len(orders)
	for _, sl := range slots {
		cost *= len(sl.writers)
		if cost > ref.budget {
			return errBudget
		}
	}
	var rec func(k int) error
	rec = func(k int) error {
		if k == len(slots) {
			return ref.tryOrders(x, orders, paths, cut)
		}
		sl := slots[k]
		for _, w := range sl.writers {
			*sl.rf = w
			if err := rec(k + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return rec(0)
}

// tryOrders checks x under every order; the execution counts once if one
// of them is accepted.
func (ref *reference) tryOrders(x *model.Execution, orders [][]model.EventID, paths []*interp.Trace, cut bool) error {
	for _, o := range orders {
		if ref.budget--; ref.budget < 0 {
			return errBudget
		}
		x.Tot = o
		if ref.s.model.Check(x) == nil {
			if cut {
				ref.cut++
				return nil
			}
			ref.execs++
			r := ref.s.raw(&candidate{s: ref.s, paths: paths})
			if k := r.key(); ref.outcomes[k] == nil {
				ref.outcomes[k] = r
				ref.order = append(ref.order, k)
			}
			return nil
		}
	}
	return nil
}

// linearExtensions returns every total order of x's events that extends
// program order, spawn and join, or the first limit of them.
func linearExtensions(x *model.Execution, limit int) [][]model.EventID {
	st := x.Static()
	st.Close()
	n := len(x.Events)
	var out [][]model.EventID
	placed := make([]bool, n)
	cur := make([]model.EventID, 0, n)
	var rec func()
	rec = func() {
		if len(out) >= limit {
			return
		}
		if len(cur) == n {
			out = append(out, append([]model.EventID(nil), cur...))
			return
		}
		for e := 0; e < n; e++ {
			if placed[e] {
				continue
			}
			ready := true
			for a := 0; a < n && ready; a++ {
				if !placed[a] && a != e && st.Has(model.EventID(a), model.EventID(e)) {
					ready = false
				}
			}
			if !ready {
				continue
			}
			placed[e] = true
			cur = append(cur, model.EventID(e))
			rec()
			cur = cur[:len(cur)-1]
			placed[e] = false
		}
	}
	rec()
	return out
}

// outcomes returns the reference's outcomes over the names the fast run
// chose.
func (ref *reference) outcomeSet(names []litmus.Loc) *model.OutcomeSet {
	var set model.OutcomeSet
	for _, k := range ref.order {
		set.Add(ref.outcomes[k].over(names))
	}
	return &set
}

// referenceBudget bounds the Check calls the reference may spend on one
// test and model; bigger tests are skipped, and the test says how many.
// Raise it for a longer hand run: go test ./enumerate -run Reference
// -reference-budget=2000000.
var referenceBudget = flag.Int("reference-budget", 40000, "Check calls the reference enumerator may spend per test and model")

// expectModels returns the names of the models a reference comparison
// checks tt under: wasm and every model tt has an expectation for, sorted.
func expectModels(tt *litmus.Test) []string {
	names := []string{"wasm"}
	for k := range tt.Expect {
		if k != "wasm" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return names
}

// TestReferenceAgrees compares the fast search with the reference on
// every test of testdata and of the catalogue small enough for the
// reference: the same outcomes and the same number of consistent
// executions, under wasm and every model the test has expectations for.
func TestReferenceAgrees(t *testing.T) {
	compared, skipped := 0, 0
	for _, tt := range referenceTests(t) {
		for _, key := range expectModels(tt) {
			m, err := axioms.Lookup(key)
			if err != nil {
				continue // models the catalogue may name before they exist
			}
			if compareWithReference(t, tt, m, *referenceBudget, 20000) {
				compared++
			} else {
				skipped++
			}
		}
	}
	t.Logf("compared %d test/model pairs with the reference; %d too big for it", compared, skipped)
	if compared == 0 {
		t.Fatal("nothing compared")
	}
}

// TestReferenceAgreesSkipping is TestReferenceAgrees for the models that
// drop one axiom (wasm+skip=AXIOM): the fast search must not prune by an
// axiom the model skips, and the reference, which prunes nothing, shows
// it when it does.
func TestReferenceAgreesSkipping(t *testing.T) {
	tests := referenceTests(t)
	for _, ax := range axioms.Skippable {
		m := axioms.MustLookup("wasm", "skip="+ax)
		compared, differ, start := 0, 0, time.Now()
		for _, tt := range tests {
			if !compareWithReference(t, tt, m, *referenceBudget/8, 200) {
				continue
			}
			compared++
			if full, err := Run(tt, axioms.Wasm(), Options{}); err == nil && len(full.Outcomes) != len(mustRun(t, tt, m).Outcomes) {
				differ++
			}
		}
		t.Logf("%s: compared %d tests with the reference (%v); %d of them allow more outcomes without the axiom", m.Name(), compared, time.Since(start).Round(time.Millisecond), differ)
		if compared == 0 {
			t.Errorf("%s: nothing compared", m.Name())
		}
	}
}

func mustRun(t *testing.T, tt *litmus.Test, m Model) *Result {
	t.Helper()
	r, err := Run(tt, m, Options{})
	if err != nil {
		t.Fatalf("%s/%s: %v", tt.Name, m.Name(), err)
	}
	return r
}

// referenceTests loads the tests of testdata and of the catalogue.
func referenceTests(t *testing.T) []*litmus.Test {
	files, _ := filepath.Glob("testdata/*.yaml")
	catalog, _ := filepath.Glob("../catalog/*.yaml")
	var out []*litmus.Test
	for _, f := range append(files, catalog...) {
		tests, err := litmus.LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tests...)
	}
	return out
}

// compareWithReference compares the fast search with the reference on tt
// under m: the same outcomes and the same number of consistent
// executions. It reports false when tt is too big for the reference
// (more than checks calls of Check, or maxPaths paths in a thread).
func compareWithReference(t *testing.T, tt *litmus.Test, m Model, checks, maxPaths int) bool {
	t.Helper()
	start := time.Now()
	ref, err := runReferenceWithin(tt, m, checks, maxPaths)
	if err == errBudget || errors.Is(err, ErrTooManyPaths) || errors.Is(err, budget.ErrExceeded) {
		return false
	}
	if d := time.Since(start); d > time.Second {
		t.Logf("%s/%s: the reference took %v", tt.Name, m.Name(), d.Round(time.Millisecond))
	}
	if err != nil {
		t.Fatalf("%s/%s: reference: %v", tt.Name, m.Name(), err)
	}
	fast := mustRun(t, tt, m)
	var got model.OutcomeSet
	for _, o := range fast.Outcomes {
		got.Add(o)
	}
	want := ref.outcomeSet(fast.Names)
	if extra, missing := got.Minus(want), want.Minus(&got); len(extra)+len(missing) > 0 {
		t.Errorf("%s/%s: outcomes differ from the reference:\nonly fast: %v\nonly reference: %v", tt.Name, m.Name(), extra, missing)
	}
	if fast.Stats.Consistent != CountOf(uint64(ref.execs)) || fast.Stats.Cut != CountOf(uint64(ref.cut)) {
		t.Errorf("%s/%s: %d consistent executions (%d cut), reference %d (%d cut)", tt.Name, m.Name(), fast.Stats.Consistent, fast.Stats.Cut, ref.execs, ref.cut)
	}
	return true
}
