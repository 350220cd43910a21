package model

import (
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// linearizeByDefinition is Linearize as its doc comment states it: at
// each step, scan the events in number order for the first untaken one
// whose predecessors (in hb, and in the given order) are all taken.
func linearizeByDefinition(n int, hb *Rel, order []EventID) []EventID {
	before := func(a, b int) bool {
		if a != b && hb.Has(EventID(a), EventID(b)) {
			return true
		}
		for i := 1; i < len(order); i++ {
			if int(order[i-1]) == a && int(order[i]) == b {
				return true
			}
		}
		return false
	}
	taken := make([]bool, n)
	var out []EventID
	for len(out) < n {
		next := -1
		for b := 0; b < n && next < 0; b++ {
			ready := !taken[b]
			for a := 0; a < n && ready; a++ {
				ready = taken[a] || !before(a, b)
			}
			if ready {
				next = b
			}
		}
		if next < 0 {
			return nil
		}
		taken[next] = true
		out = append(out, EventID(next))
	}
	return out
}

// TestLinearizeByDefinition compares Linearize with its definition on
// random relations (some cyclic, some over more than one word per row)
// and random orders of some events, including pairs hb already has.
func TestLinearizeByDefinition(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 2000; iter++ {
		n := 1 + rng.Intn(80)
		hb := NewRel(n)
		for k := rng.Intn(2 * n); k > 0; k-- {
			a, b := rng.Intn(n), rng.Intn(n)
			if iter%3 != 0 && a > b { // mostly acyclic
				a, b = b, a
			}
			hb.Add(EventID(a), EventID(b))
		}
		var order []EventID
		for _, e := range rng.Perm(n)[:rng.Intn(n+1)] {
			order = append(order, EventID(e))
		}
		x := &Execution{Events: make([]*Event, n)}
		want := linearizeByDefinition(n, hb, order)
		if d := cmp.Diff(want, Linearize(x, hb, order)); d != "" {
			t.Fatalf("n=%d order=%v (-definition +Linearize):\n%s", n, order, d)
		}
	}
}
