//go:build !js

package engine

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero/api"
)

// countingEngine counts the instantiations of a Go engine.
type countingEngine struct {
	goEngine
	n int
}

func (c *countingEngine) instantiate(ctx context.Context) (goInstance, error) {
	c.n++
	return c.goEngine.instantiate(ctx)
}

// compileWazero compiles the test in src for wazero's compiler; the
// runtime closes when t ends.
func compileWazero(t *testing.T, src string, opts Options) (*Harness, *wazeroEngine) {
	t.Helper()
	h, err := Compile(loadTest(t, src), opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	eng, err := newWazeroEngine(ctx, h, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.r.Close(ctx) })
	return h, eng
}

// TestIsolatedReuseGo checks when the Go driver reuses an instantiation:
// once for a test that cannot grow (its maximum is made its initial
// size), once per instance for one whose grow may succeed. Each instance
// must still start from a zeroed memory with the initial values and the
// setup code's stores: T0 reads address 8 before it stores 3 there and
// the RMWs read the initial 5 and 9, so a memory not reset between
// instances would show a second outcome. TestIsolatedReuse checks the
// outcome itself through Run on every engine; TestMirrorsZeroedAtEntry
// the mirror globals of a reused instance.
func TestIsolatedReuseGo(t *testing.T) {
	const n = 40
	for _, tc := range []struct {
		name, yaml string
		want       int // instantiations
	}{
		{"size", reuseTest, 1},
		{"grow", `name: Grow
memory: {pages: 1, max: 2}
threads:
  T0: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r1 (i32.load (i32.const 8)))
    (i32.store (i32.const 8) (i32.const 3))
    (local.set $r0 (memory.grow (i32.const 1)))
observe: [T0:r0, T0:r1, "i32[8]"]
`, n},
	} {
		for _, mem := range []MemoryMode{ImportMemory, DefineMemory} {
			t.Run(tc.name+"/"+mem.String(), func(t *testing.T) {
				opts := Options{Iterations: n, Memory: mem}.withDefaults()
				h, eng := compileWazero(t, tc.yaml, opts)
				ctx := context.Background()
				c := &countingEngine{goEngine: eng}
				raw, err := runIsolated(ctx, c, h, opts)
				if err != nil {
					t.Fatal(err)
				}
				if c.n != tc.want {
					t.Errorf("%d instantiations for %d instances, want %d", c.n, n, tc.want)
				}
				if len(raw.Counts) != 1 || raw.Iterations != n {
					t.Errorf("%d iterations with %d outcomes, want %d with one (the same start each time)", raw.Iterations, len(raw.Counts), n)
				}
			})
		}
	}
}

// TestMirrorsZeroedAtEntry checks that a thread function zeroes its mirror
// globals before the body runs: on a reused instance, a call that traps
// before it sets a local must report that local as zero (a fresh call's),
// not what an earlier call left in the mirror. (The memory.size read makes
// the test isolated.)
func TestMirrorsZeroedAtEntry(t *testing.T) {
	const test = `name: Mirror
memory: {pages: 1, max: 1}
threads:
  T0: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (memory.size))
    (drop (i32.load (i32.const 65536)))
    (local.set $r1 (i32.const 7))
`
	h, eng := compileWazero(t, test, Options{Iterations: 1, Memory: DefineMemory}.withDefaults())
	ctx := context.Background()
	inst, err := eng.instantiate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer inst.close()
	mod := inst.(*wazeroInstance).mods[0]
	for j := range 2 {
		g, ok := mod.ExportedGlobal(MirrorGlobal(0, j)).(api.MutableGlobal)
		if !ok {
			t.Fatalf("global %s: %v (exports %v)", MirrorGlobal(0, j), mod.ExportedGlobal(MirrorGlobal(0, j)), mod.ExportedFunctionDefinitions())
		}
		g.Set(99)
	}
	fn, err := inst.fn("t0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fn(ctx, []uint64{1, 1}); err == nil || !inst.trap(err) {
		t.Fatalf("t0 returned %v, want a trap", err)
	}
	got, err := trappedResult(inst, h, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{statusTrapped, 1, 0}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("trapped result %v, want %v (r1 from a zeroed mirror)", got, want)
	}
}
