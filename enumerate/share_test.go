package enumerate

import (
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/litmus"
	"wmm/model"
)

// TestPathsShareEvents checks that the paths of a thread hold the events
// they have in common once (issue 12: memory grew with every racing load
// before the path limit tripped): with k racing loads, 2^k paths of k+
// events each are held in far fewer distinct events than k·2^k.
func TestPathsShareEvents(t *testing.T) {
	const k = 10
	src := "name: Loads\nthreads:\n  T0: |\n    (local $r i32)\n" +
		strings.Repeat("    (local.set $r (i32.add (local.get $r) (i32.load (i32.const 0))))\n", k) +
		"  T1: |\n    (i32.store (i32.const 0) (i32.const 1))\n"
	tests, err := litmus.Load("loads.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := &searcher{test: tests[0], model: axioms.Wasm(), opts: Options{MaxPaths: 1 << 20}, unroll: 2, sem: axioms.Wasm().Semantics()}
	if err := s.buildThreads(); err != nil {
		t.Fatal(err)
	}
	if err := s.fixDomain(); err != nil {
		t.Fatal(err)
	}
	paths := s.threads[1].paths
	if len(paths) != 1<<k {
		t.Fatalf("%d paths, want %d", len(paths), 1<<k)
	}
	distinct := map[*model.Event]bool{}
	total := 0
	for _, p := range paths {
		total += len(p.Events)
		for _, e := range p.Events {
			distinct[e] = true
		}
	}
	// A binary tree of 2^k leaves has 2^(k+1)-1 nodes: one new event per
	// choice made, not one per event of every path.
	if len(distinct) > 2<<k {
		t.Errorf("%d paths hold %d distinct events of %d in all; want at most %d", len(paths), len(distinct), total, 2<<k)
	}
	t.Logf("%d paths, %d events in all, %d distinct", len(paths), total, len(distinct))
}
