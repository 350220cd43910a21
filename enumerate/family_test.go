package enumerate

import (
	"fmt"
	"strings"
	"testing"

	"wmm/catalog"
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
func coTest(n int, plain64 bool) string { return coTestWidth(n, plain64, 4) }

// coTestWidth is coTest over locations of width bytes (4, or 1 for the
// byte-sized twins the reference enumerator can reach: i32.atomic.store8
// and load8_u at 0 and 1, and, with plainWide, i32.load16_u of both).
func coTestWidth(n int, plainWide bool, width int) string {
	var sb strings.Builder
	name := fmt.Sprintf("CO%d", n)
	store, load, wide, typ := "i32.atomic.store", "i32.atomic.load", "i64.load", "i64"
	if width == 1 {
		name += "+byte"
		store, load, wide, typ = "i32.atomic.store8", "i32.atomic.load8_u", "i32.load16_u", "i32"
	}
	if plainWide {
		name += "+plainwide"
	} else {
		typ = "i32"
	}
	fmt.Fprintf(&sb, "name: %s\nthreads:\n", name)
	for i := 0; i < n; i++ {
		ld := func(r string, addr int) string {
			if plainWide {
				return fmt.Sprintf("    (local.set $%s (%s (i32.const 0)))\n", r, wide)
			}
			return fmt.Sprintf("    (local.set $%s (%s (i32.const %d)))\n", r, load, addr)
		}
		fmt.Fprintf(&sb, "  T%d: |\n    (local $r0 %s) (local $r1 %s)\n", i, typ, typ)
		fmt.Fprintf(&sb, "    (%s (i32.const 0) (i32.const %d))\n", store, i+1)
		sb.WriteString(ld("r0", 0))
		fmt.Fprintf(&sb, "    (%s (i32.const %d) (i32.const %d))\n", store, width, i+1)
		sb.WriteString(ld("r1", width))
	}
	sb.WriteString("condition: exists (T0:r0=0)\n")
	return sb.String()
}

// coSyncWideTest returns CO<n>+syncwide: n threads, each storing its own
// value to x (SC), loading x (SC), storing it to y (SC) and loading x and
// y at once with one plain wide load, over locations of width bytes (4:
// i32 atomics and i64.load; 1: byte atomics and i32.load16_u). The SC
// loads synchronise with other threads' stores, so another thread's
// store of x can happen before the wide load: clause (iii) ‡ of
// sc-last-visible then concerns the wide load, which the search must
// place in tot instead of counting (FreeReadWithin).
func coSyncWideTest(n, width int) string {
	var sb strings.Builder
	store, load, wide, typ := "i32.atomic.store", "i32.atomic.load", "i64.load", "i64"
	name := fmt.Sprintf("CO%d+syncwide", n)
	if width == 1 {
		store, load, wide, typ = "i32.atomic.store8", "i32.atomic.load8_u", "i32.load16_u", "i32"
		name += "+byte"
	}
	fmt.Fprintf(&sb, "name: %s\nthreads:\n", name)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "  T%d: |\n    (local $r0 i32) (local $r1 %s)\n", i, typ)
		fmt.Fprintf(&sb, "    (%s (i32.const 0) (i32.const %d))\n", store, i+1)
		fmt.Fprintf(&sb, "    (local.set $r0 (%s (i32.const 0)))\n", load)
		fmt.Fprintf(&sb, "    (%s (i32.const %d) (i32.const %d))\n", store, width, i+1)
		fmt.Fprintf(&sb, "    (local.set $r1 (%s (i32.const 0)))\n", wide)
	}
	sb.WriteString("condition: exists (T0:r0=0)\n")
	return sb.String()
}

// scThenPlainTest returns SC<n>+plain: n threads each store 1 to the byte
// x with an SC store, and one more thread stores 1 to x too, loads it
// with an SC load and then with a plain load. When the SC load reads
// another thread's store, both that store and the thread's own happen
// before the plain load, and since every store writes 1 the plain load
// has several writers of the value it reads: clause (iii) ‡ of
// sc-last-visible allows the other thread's store and not its own, so
// the search must not count the plain load's writers blindly
// (FreeReadWithin).
func scThenPlainTest(n int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "name: SC%d+plain\nthreads:\n", n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "  W%d: |\n    (i32.atomic.store8 (i32.const 0) (i32.const 1))\n", i)
	}
	sb.WriteString("  R: |\n    (local $r0 i32) (local $r1 i32)\n")
	sb.WriteString("    (i32.atomic.store8 (i32.const 0) (i32.const 1))\n")
	sb.WriteString("    (local.set $r0 (i32.atomic.load8_u (i32.const 0)))\n")
	sb.WriteString("    (local.set $r1 (i32.load8_u (i32.const 0)))\n")
	sb.WriteString("condition: exists (R:r0=0)\n")
	return sb.String()
}

// gridTest returns a test of n threads × k locations × m accesses: thread
// i's access j is a store of i+1 (j even) or a load (j odd) of location
// (i+j) mod k, each location an aligned i32, with SC atomics or plain
// accesses. n×(store; load) on 2 locations is SB generalised to a ring;
// on one location, every thread races with every other.
func gridTest(n, k, m int, sc bool) string { return gridTestWidth(n, k, m, sc, 4) }

// gridTestWidth is gridTest over locations of width bytes (4, or 1 for
// the byte-sized twins the reference enumerator can reach).
func gridTestWidth(n, k, m int, sc bool, width int) string {
	var sb strings.Builder
	kind := "plain"
	store, load := "i32.store", "i32.load"
	if sc {
		kind = "sc"
		store, load = "i32.atomic.store", "i32.atomic.load"
	}
	if width == 1 {
		kind += "+byte"
		store, load = store+"8", load+"8_u"
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
			addr := width * ((i + j) % k)
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

// catalogueTests returns the tests of the bundled catalogue.
func catalogueTests(tb testing.TB) []*litmus.Test {
	tb.Helper()
	entries, err := catalog.Load()
	if err != nil {
		tb.Fatal(err)
	}
	var tests []*litmus.Test
	for _, e := range entries {
		tests = append(tests, e.Test)
	}
	return tests
}
