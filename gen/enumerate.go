package gen

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"wmm/internal/parallel"
	"wmm/litmus"
	"wmm/position"
)

// DefaultEdges is the edge set of wmm gen without --edges: the three
// external communication edges, unannotated; Rfe_32_16, a 2-byte read of
// the low half of a 4-byte write (mixed sizes: SC accesses of different
// ranges do not synchronise, MODEL.md); and the four program-order
// edges to another location with each end plain or SC atomic. The
// communication edges take their accesses' annotations from the
// program-order edges next to them, so the family has every mix of plain
// and SC accesses that a cycle of these shapes allows.
const DefaultEdges = "Rfe Fre Coe Rfe_32_16 " +
	"PodWWPP PodWRPP PodRWPP PodRRPP " +
	"PodWWScSc PodWRScSc PodRWScSc PodRRScSc " +
	"PodWWPSc PodWRPSc PodRWPSc PodRRPSc " +
	"PodWWScP PodWRScP PodRWScP PodRRScP"

// ParseEdges parses a list of edges (separated by spaces, commas or +)
// for Enumerate; errors are at columns of s (file "edges").
func ParseEdges(s string) ([]Edge, error) {
	list, errs := edgeList(s, "edges")
	var edges []Edge
	for _, e := range list {
		e.Off = 0 // an offset in the list, not in the cycles made of it
		if !slices.ContainsFunc(edges, func(d Edge) bool { return d.String() == e.String() }) {
			edges = append(edges, e)
		}
	}
	if len(errs) == 0 && len(edges) == 0 {
		errs.Add(position.Pos{File: "edges", Line: 1, Col: 1}, "no edges: expected a list such as Rfe Fre PodWR PodWW")
	}
	return edges, errs.Err()
}

// Options bound an enumeration.
type Options struct {
	Size    int    // the most edges in a cycle
	Threads int    // the most threads in a test (external edges in a cycle)
	Edges   []Edge // the edges cycles are made of
	Workers int    // the tests built at once (0: GOMAXPROCS)
}

// A Family is what Enumerate found: the tests, sorted by name, and how
// many cycles it left out because no condition can observe them (a Co
// edge whose target is not its location's last write).
type Family struct {
	Tests      []*litmus.Test
	Cycles     []Cycle // the canonical cycle of each test
	Unobserved int
}

// Enumerate returns the tests of every valid cycle of at most opts.Size
// edges taken from opts.Edges, with at most opts.Threads threads. Cycles
// equal up to where they start (which is renaming threads and locations)
// give one test; so do cycles whose tests are equal but for their names.
// Two program-order edges to other locations in a row are left out: the
// access between them would be on a location of its own, which the
// condition cannot observe. The result is the same for the same options.
func Enumerate(opts Options) (*Family, error) {
	if opts.Size < 2 || opts.Threads < 2 {
		return nil, errors.New("a cycle needs at least 2 edges and 2 threads")
	}
	// Walk the sequences of edges and keep each cycle's canonical
	// rotation once; then build the tests on every core and keep each
	// test once, in walk order, so the result does not depend on the
	// schedule.
	var cycles []Cycle
	seen := map[string]bool{}
	var seq Cycle
	var walk func(ext int)
	walk = func(ext int) {
		if n := len(seq); n >= 2 && seq[n-1].External() && closes(seq) {
			if c := seq.Canonical(); slices.CompareFunc(c, seq.resolved(), compareEdge) == 0 && !seen[c.Name()] {
				seen[c.Name()] = true
				cycles = append(cycles, c)
			}
		}
		if len(seq) == opts.Size {
			return
		}
		for _, e := range opts.Edges {
			x := ext
			if e.External() {
				x++
			}
			if x > opts.Threads {
				continue
			}
			if n := len(seq); n > 0 && !follows(seq[n-1], e) {
				continue
			}
			seq = append(seq, e)
			walk(x)
			seq = seq[:len(seq)-1]
		}
	}
	walk(0)
	built := make([]*litmus.Test, len(cycles))
	bodies := make([]string, len(cycles))
	parallel.For(len(cycles), opts.Workers, func(i int) {
		t, err := Build(cycles[i])
		if err != nil {
			return // no condition can observe the cycle
		}
		body := *t
		body.Name, body.Doc = "", ""
		built[i], bodies[i] = t, litmus.Format(&body)
	})
	fam := &Family{}
	kept := map[string]bool{}
	for i, t := range built {
		switch {
		case t == nil:
			fam.Unobserved++
		case !kept[bodies[i]]:
			kept[bodies[i]] = true
			fam.Tests = append(fam.Tests, t)
			fam.Cycles = append(fam.Cycles, cycles[i])
		}
	}
	order := make([]int, len(fam.Tests))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(fam.Tests[a].Name, fam.Tests[b].Name) })
	tests, sorted := make([]*litmus.Test, len(order)), make([]Cycle, len(order))
	for i, k := range order {
		tests[i], sorted[i] = fam.Tests[k], fam.Cycles[k]
	}
	fam.Tests, fam.Cycles = tests, sorted
	return fam, nil
}

// follows reports whether e may come right after d in an enumerated cycle.
func follows(d, e Edge) bool {
	if d.Dst != e.Src || (d.Pod() && e.Pod()) {
		return false
	}
	_, ok := d.DstAnn.merge(e.SrcAnn)
	return ok
}

// closes reports whether seq, closed, is a valid cycle.
func closes(seq Cycle) bool {
	return follows(seq[len(seq)-1], seq[0]) && seq.Check() == nil
}

// FileName returns the name of the file wmm gen -o writes a test to.
func FileName(t *litmus.Test) string { return t.Name + ".yaml" }

// Summary says in a line what a family holds.
func (f *Family) Summary() string {
	return fmt.Sprintf("%d tests (%d cycles left out: a Co edge that the final state cannot show)", len(f.Tests), f.Unobserved)
}
