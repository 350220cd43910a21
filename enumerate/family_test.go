package enumerate

import (
	"fmt"
	"strings"
	"testing"

	"wmm/litmus"
)

// The generated families of issue 11: shapes whose size is a parameter,
// so that the speed of the search can be measured (and rerun by anyone)
// as the shapes grow, and so that the differential test against the
// reference enumerator can cover them at the sizes it can reach.

// coTest returns CO<n>: n threads, each storing its own value to x, loading
// x, storing it to y and loading y, all SC i32 (x at 0, y at 4). With
// plain64, the loads are plain i64.load of both locations at once: reads
// that take their bytes from two writers of different ranges (the mixed-
// size shape of the issue).
func coTest(n int, plain64 bool) string {
	var sb strings.Builder
	name := fmt.Sprintf("CO%d", n)
	if plain64 {
		name += "+plain64"
	}
	fmt.Fprintf(&sb, "name: %s\nthreads:\n", name)
	for i := 0; i < n; i++ {
		load := func(r string, addr int) string {
			if plain64 {
				return fmt.Sprintf("    (local.set $%s (i64.load (i32.const 0)))\n", r)
			}
			return fmt.Sprintf("    (local.set $%s (i32.atomic.load (i32.const %d)))\n", r, addr)
		}
		typ := "i32"
		if plain64 {
			typ = "i64"
		}
		fmt.Fprintf(&sb, "  T%d: |\n    (local $r0 %s) (local $r1 %s)\n", i, typ, typ)
		fmt.Fprintf(&sb, "    (i32.atomic.store (i32.const 0) (i32.const %d))\n", i+1)
		sb.WriteString(load("r0", 0))
		fmt.Fprintf(&sb, "    (i32.atomic.store (i32.const 4) (i32.const %d))\n", i+1)
		sb.WriteString(load("r1", 4))
	}
	sb.WriteString("condition: exists (T0:r0=0)\n")
	return sb.String()
}

// gridTest returns a test of n threads × k locations × m accesses: thread
// i's access j is a store of i+1 (j even) or a load (j odd) of location
// (i+j) mod k, each location an aligned i32, with SC atomics or plain
// accesses. n×(store; load) on 2 locations is SB generalised to a ring;
// on one location, every thread races with every other.
func gridTest(n, k, m int, sc bool) string {
	var sb strings.Builder
	kind := "plain"
	store, load := "i32.store", "i32.load"
	if sc {
		kind = "sc"
		store, load = "i32.atomic.store", "i32.atomic.load"
	}
	fmt.Fprintf(&sb, "name: G%dx%dx%d+%s\nthreads:\n", n, k, m, kind)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "  T%d: |\n", i)
		var locals []string
		for j := 1; j < m; j += 2 {
			locals = append(locals, fmt.Sprintf("(local $r%d i32)", j/2))
		}
		if len(locals) > 0 {
			fmt.Fprintf(&sb, "    %s\n", strings.Join(locals, " "))
		}
		for j := 0; j < m; j++ {
			addr := 4 * ((i + j) % k)
			if j%2 == 0 {
				fmt.Fprintf(&sb, "    (%s (i32.const %d) (i32.const %d))\n", store, addr, i+1)
			} else {
				fmt.Fprintf(&sb, "    (local.set $r%d (%s (i32.const %d)))\n", j/2, load, addr)
			}
		}
	}
	sb.WriteString("condition: exists (T0:r0=0)\n")
	return sb.String()
}

// familyTest loads a generated test.
func familyTest(tb testing.TB, src string) *litmus.Test {
	tb.Helper()
	tests, err := litmus.Load("family.yaml", []byte(src))
	if err != nil {
		tb.Fatalf("%v\n%s", err, src)
	}
	return tests[0]
}
