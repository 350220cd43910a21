package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"wmm/catalog"
	"wmm/litmus"
	"wmm/wasm"
)

// loadTests loads litmus tests from YAML text.
func loadTests(t testing.TB, src string) []*litmus.Test {
	t.Helper()
	tests, err := litmus.Load("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("loading tests: %v", err)
	}
	return tests
}

// catalogTests returns the tests of the catalogue with the names given.
func catalogTests(t testing.TB, names ...string) []*litmus.Test {
	t.Helper()
	entries, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	sel, err := catalog.Select(entries, names...)
	if err != nil {
		t.Fatal(err)
	}
	var tests []*litmus.Test
	for _, e := range sel {
		tests = append(tests, e.Test)
	}
	return tests
}

// loadTest loads the one test of src.
func loadTest(t testing.TB, src string) *litmus.Test {
	t.Helper()
	return loadTests(t, src)[0]
}

// histogram renders a result as "count outcome" lines, sorted.
func histogram(r *Result) []string {
	var out []string
	for _, c := range r.Histogram {
		out = append(out, fmt.Sprintf("%d %s", c.N, c.Outcome))
	}
	return out
}

// outcomes renders the distinct outcomes of a result.
func outcomes(r *Result) []string {
	var out []string
	for _, c := range r.Histogram {
		out = append(out, c.Outcome.String())
	}
	return out
}

// deterministic tests have exactly one possible outcome: single threads,
// and threads that share nothing or are ordered by the test itself. Each
// says what the harness must reproduce exactly: locals (all value types),
// traps with the locals at the trap, stuck threads, memory atoms, init,
// setup, bulk memory, and a memory of its own for tests that grow it.
var deterministic = []struct {
	name string
	yaml string
	want string
}{
	{"locals-of-every-type", `name: Locals
threads:
  T0: |
    (local $a i32) (local $b i64) (local $c f32) (local $d f64) (local $e i32)
    (local.set $a (i32.const -1))
    (local.set $b (i64.const 0x123456789abcdef0))
    (local.set $c (f32.const -1.5))
    (local.set $d (f64.const 0.1))
`, "T0:a=4294967295; T0:b=1311768467463790320; T0:c=3217031168; T0:d=4591870180066957722; T0:e=0"},
	{"memory-and-init", `name: Mem
init:
  i32[8]: 7
  i64[16]: 0x0102030405060708
threads:
  T0: |
    (local $r0 i32) (local $r1 i64)
    (local.set $r0 (i32.load (i32.const 8)))
    (local.set $r1 (i64.load16_s (i32.const 17)))
    (i32.store8 (i32.const 32) (i32.const 0x1ff))
observe: [T0:r0, T0:r1, "i32[8]", "i8[32]", "i16[16]", "i64[16]", size]
`, "T0:r0=7; T0:r1=1543; i32[8]=7; i8[32]=255; i16[16]=1800; i64[16]=72623859790382856; size=1"},
	{"setup-runs-first", `name: Setup
setup: |
  (i32.store (i32.const 12) (i32.const 3))
  (i64.store (i32.const 0) (i64.const -1))
threads:
  T0: |
    (local $r0 i32)
    (local.set $r0 (i32.load (i32.const 12)))
condition: exists (i64[0]=0xffffffffffffffff)
`, "T0:r0=3; i64[0]=18446744073709551615"},
	{"trap-keeps-locals", `name: Trap
threads:
  T0: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (i32.const 5))
    (local.set $r1 (i32.load (i32.const 65533)))
    (local.set $r0 (i32.const 6))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.const 1))
    unreachable
  T2: |
    (local $r0 i32)
    (local.set $r0 (i32.div_s (i32.const -2147483648) (i32.const -1)))
  T3: |
    (local $r0 i64)
    (local.set $r0 (i64.rem_u (i64.const 5) (i64.const 0)))
  T4: |
    (local $r0 i32)
    (local.set $r0 (i32.rem_s (i32.const -2147483648) (i32.const -1)))
    (local.set $r0 (i32.div_u (i32.const 7) (i32.const 2)))
`, "T0:r0=5; T0:r1=0; T1:r0=1; T2:r0=0; T3:r0=0; T4:r0=3; T0:trap=1; T1:trap=1; T2:trap=1; T3:trap=1"},
	{"alignment-and-bounds", `name: Align
threads:
  T0: |
    (local $r0 i32)
    (local.set $r0 (i32.atomic.load offset=1 (i32.const 1)))
    (local.set $r0 (i32.atomic.load offset=2 (i32.const 1)))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.load (i32.const 1)))
    (local.set $r0 (i32.const 9))
    (local.set $r0 (i32.atomic.load (i32.add (i32.const 4) (local.get $r0))))
  T2: |
    (local $r0 i32)
    (local.set $r0 (i32.const 2))
    (i64.store offset=65528 (local.get $r0) (i64.const 1))
  T3: |
    (local $r0 i32)
    (local.set $r0 (i32.load offset=4294967295 (i32.const 1)))
`, "T0:r0=0; T1:r0=9; T2:r0=2; T3:r0=0; T0:trap=1; T1:trap=1; T2:trap=1; T3:trap=1"},
	{"control-flow", `name: Control
threads:
  T0: |
    (local $i i32) (local $s i32)
    (block $out
      (loop $again
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 5)))))
    (if (i32.eq (local.get $s) (i32.const 10))
      (then (local.set $s (i32.const 100)) (return)))
    (local.set $s (i32.const 1))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.const 4))
    (br 0)
    (local.set $r0 (i32.const 5))
`, "T0:i=5; T0:s=100; T1:r0=4"},
	{"bulk-memory", `name: Bulk
init:
  i32[0]: 0x04030201
threads:
  T0: |
    (memory.copy (i32.const 1) (i32.const 0) (i32.const 3))
    (memory.fill (i32.const 8) (i32.const 0xaa) (i32.const 2))
  T1: |
    (local $n i32)
    (local.set $n (i32.const 2))
    (memory.fill (i32.const 65535) (i32.const 1) (local.get $n))
observe: ["i32[0]", "i32[8]", "i8[65535]", T1:trap]
`, "i32[0]=50462977; i32[8]=43690; i8[65535]=0; T1:trap=1"},
	{"wait-and-notify", `name: Wait
threads:
  T0: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (memory.atomic.wait32 (i32.const 0) (i32.const 1) (i64.const -1)))
    (local.set $r1 (memory.atomic.wait64 (i32.const 8) (i64.const 0) (i64.const 1000)))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.const 7))
    (local.set $r0 (memory.atomic.wait32 (i32.const 16) (i32.const 0) (i64.const -1)))
  T2: |
    (local $r0 i32)
    (local.set $r0 (memory.atomic.notify (i32.const 24) (i32.const 3)))
`, "T0:r0=1; T0:r1=2; T1:r0=7; T2:r0=0; T1:stuck=1"},
	{"grow-and-size", `name: Grow
memory: {pages: 1, max: 3}
threads:
  T0: |
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $r0 (memory.grow (i32.const 1)))
    (i32.store (i32.const 65536) (i32.const 42))
    (local.set $r1 (memory.size))
    (local.set $r2 (memory.grow (i32.const 2)))
    (local.set $r3 (i32.load (i32.const 131072)))
condition: exists (i32[65536]=42 /\ size=2)
`, "T0:r0=1; T0:r1=2; T0:r2=4294967295; T0:r3=0; T0:trap=1; i32[65536]=42; size=2"},
	// Isolated mode with setup code and initial values: the JavaScript
	// runners make an instance in the main thread for the setup only
	// when there is setup code (harness.js, runIsolated).
	{"grow-after-setup", `name: GrowSetup
memory: {pages: 1, max: 2}
init: {i32[0]: 5}
setup: |
  (i32.store (i32.const 4) (i32.const 9))
threads:
  T0: |
    (local $r0 i32) (local $r1 i32)
    (local.set $r0 (memory.grow (i32.const 1)))
    (local.set $r1 (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 4))))
condition: exists (T0:r1=14)
`, "T0:r0=1; T0:r1=14"},
	// The JavaScript runners stack these (stack.go): the instance's
	// memory is the top of a memory earlier instances grew, so every
	// address is moved. The initial value at the end of page 1 and the
	// copy from it are the test's; the stores, fill and copy into page
	// 2 land where the grow put it; size and the grow answer 2 and 1
	// pages (not the stack's); notify wakes nobody (0); the wait finds 9
	// where it expects 0 ("not-equal", 1). The last load's address is
	// 2^32-16, beyond any test memory: it must trap, although adding a
	// later instance's base would wrap it into an earlier instance's
	// pages. The trap keeps r0=7.
	{"stacked-addresses", `name: StackAddresses
memory: {pages: 1, max: 2}
init: {i32[65532]: 7}
threads:
  T0: |
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32)
    (local.set $r0 (i32.load (i32.const 65532)))
    (local.set $r1 (memory.grow (i32.const 1)))
    (i32.atomic.store (i32.const 131068) (i32.const 9))
    (memory.fill (i32.const 65536) (i32.const 3) (i32.const 4))
    (memory.copy (i32.const 65540) (i32.const 65532) (i32.const 4))
    (local.set $r2 (memory.size))
    (local.set $r3 (memory.atomic.notify (i32.const 65536) (i32.const 1)))
    (local.set $r4 (memory.atomic.wait32 (i32.const 131068) (i32.const 0) (i64.const 0)))
    (local.set $r0 (i32.load (i32.const 0xfffffff0)))
    (local.set $r0 (i32.const 99))
observe: [T0:r0, T0:r1, T0:r2, T0:r3, T0:r4, T0:trap, "i32[65536]", "i32[65540]", "i32[131068]", size]
`, "T0:r0=7; T0:r1=1; T0:r2=2; T0:r3=0; T0:r4=1; T0:trap=1; i32[65536]=50529027; i32[65540]=7; i32[131068]=9; size=2"},
	// Stacked with a grow in the setup code: the setup's page holds 11,
	// the thread's grow finds 2 pages and leaves 3, and a fill that
	// reaches one byte past page 3 traps without writing (bulk memory
	// checks the whole range first), where a memory as large as the
	// stack's would have taken it.
	{"stacked-setup-grows", `name: StackSetup
memory: {pages: 1, max: 3}
init: {i32[0]: 5}
setup: |
  (drop (memory.grow (i32.const 1)))
  (i32.store (i32.const 65536) (i32.const 11))
threads:
  T0: |
    (local $r0 i32) (local $r1 i32) (local $r2 i32)
    (local.set $r0 (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 65536))))
    (local.set $r1 (memory.grow (i32.const 1)))
    (local.set $r2 (memory.size))
    (memory.fill (i32.const 196600) (i32.const 1) (i32.const 9))
observe: [T0:r0, T0:r1, T0:r2, T0:trap, "i8[196600]", size]
`, "T0:r0=16; T0:r1=2; T0:r2=3; T0:trap=1; i8[196600]=0; size=3"},
}

// TestStackedWhereSafe checks which tests a stacked harness takes: only
// isolated ones that grow, and only when no grow can reach the maximum
// (a grow that fails there would succeed on the stack's larger memory).
func TestStackedWhereSafe(t *testing.T) {
	const two = "  T0: |\n    (local $r0 i32)\n"
	for _, tc := range []struct {
		yaml    string
		stacked bool
	}{
		{"name: Fits\nmemory: {pages: 1, max: 3}\nthreads:\n" + two + "    (local.set $r0 (memory.grow (i32.const 1)))\n    (local.set $r0 (memory.grow (i32.const 1)))\n", true},
		{"name: Reaches\nmemory: {pages: 1, max: 2}\nthreads:\n" + two + "    (local.set $r0 (memory.grow (i32.const 1)))\n    (local.set $r0 (memory.grow (i32.const 1)))\n", false},
		{"name: Computed\nmemory: {pages: 1, max: 9}\nthreads:\n" + two + "    (local.set $r0 (memory.grow (local.get $r0)))\n", false},
		{"name: InLoop\nmemory: {pages: 1, max: 9}\nthreads:\n" + two + "    (loop (br_if 0 (i32.eq (memory.grow (i32.const 1)) (i32.const 1))))\n", false},
		{"name: InIf\nmemory: {pages: 1, max: 2}\nthreads:\n" + two + "    (if (i32.load (i32.const 0)) (then (local.set $r0 (memory.grow (i32.const 1)))))\n", true},
		{"name: SizeOnly\nthreads:\n" + two + "    (local.set $r0 (memory.size))\n", false},
		{"name: SetupToo\nmemory: {pages: 1, max: 2}\nsetup: |\n  (drop (memory.grow (i32.const 1)))\nthreads:\n" + two + "    (local.set $r0 (memory.grow (i32.const 1)))\n", false},
		{"name: Batch\nthreads:\n" + two + "    (local.set $r0 (i32.load (i32.const 0)))\n", false},
	} {
		test := loadTest(t, tc.yaml)
		h, _, err := compile(test, Options{Stack: true})
		if err != nil {
			t.Fatalf("%s: %v", test.Name, err)
		}
		if h.Stacked != tc.stacked {
			t.Errorf("%s: stacked %v, want %v", test.Name, h.Stacked, tc.stacked)
		}
		if h, _, _ := compile(test, Options{}); h.Stacked {
			t.Errorf("%s: stacked without Options.Stack", test.Name)
		}
	}
	// grow-and-size's second grow fails at the maximum.
	stacked := map[string]bool{"grow-after-setup": true, "stacked-addresses": true, "stacked-setup-grows": true}
	for _, tc := range deterministic {
		test := loadTest(t, tc.yaml)
		if h, _, _ := compile(test, Options{Stack: true}); stacked[tc.name] != h.Stacked {
			t.Errorf("%s: stacked %v", tc.name, h.Stacked)
		}
	}
}

// engines returns the runners to test: both wazero configurations, and
// node, deno, bun and wasmtime where they are available (deno and bun
// installed through npm when they are not; see npmEngines). Each missing
// one gets a subtest that says so and skips.
func engines(t *testing.T) []Runner {
	npmEngines()
	rs := []Runner{Wazero{}, Wazero{Interpreter: true}}
	for _, name := range []string{"node", "deno", "bun", "wasmtime"} {
		r, err := Lookup(name)
		if err != nil && npmNote != "" && (name == "deno" || name == "bun") {
			err = fmt.Errorf("%v (%s)", err, npmNote)
		}
		if err != nil {
			t.Run(name, func(t *testing.T) { t.Skipf("skipping the %s engine: %v", name, err) })
			continue
		}
		rs = append(rs, r)
	}
	return rs
}

func TestDeterministicOutcomes(t *testing.T) {
	for _, r := range engines(t) {
		for _, mem := range []MemoryMode{ImportMemory, DefineMemory} {
			if r.Name() == "wasmtime" && mem == DefineMemory {
				continue // wasmtime-go cannot share a module's own memory
			}
			for _, tc := range deterministic {
				t.Run(r.Name()+"/"+mem.String()+"/"+tc.name, func(t *testing.T) {
					test := loadTest(t, tc.yaml)
					res, err := Run(context.Background(), test, r, Options{Iterations: 64, Batch: 16, Memory: mem})
					if err != nil {
						t.Fatal(err)
					}
					want := []string{fmt.Sprintf("64 %s", tc.want)}
					if diff := cmp.Diff(want, histogram(res)); diff != "" {
						t.Errorf("histogram (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// TestHarnessValidates checks that every harness is a valid module, by the
// package wasm's validator and by wazero's.
func TestHarnessValidates(t *testing.T) {
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter().WithCoreFeatures(api.CoreFeaturesV2|experimental.CoreFeaturesThreads))
	defer r.Close(ctx)
	for _, tc := range deterministic {
		for _, opts := range []Options{{Memory: ImportMemory}, {Memory: DefineMemory}, {Memory: ImportMemory, Stack: true}, {Memory: DefineMemory, Stack: true}} {
			mem := opts.Memory
			test := loadTest(t, tc.yaml)
			h, m, err := compile(test, opts)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if err := wasm.ValidateModule(m); err != nil {
				t.Errorf("%s (%s, stacked %v): %v", tc.name, mem, h.Stacked, err)
			}
			b, err := wasm.Encode(m)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if _, err := r.CompileModule(ctx, b); err != nil {
				t.Errorf("%s (%s, stacked %v): wazero rejects the harness: %v", tc.name, mem, h.Stacked, err)
			}
			if h.Isolated != (strings.HasPrefix(tc.name, "grow-") || strings.HasPrefix(tc.name, "stacked-")) {
				t.Errorf("%s: isolated = %v", tc.name, h.Isolated)
			}
		}
	}
}

const sbYAML = `name: SB
threads:
  T0: |
    (local $r0 i32)
    (i32.store (i32.const 0) (i32.const 1))
    (local.set $r0 (i32.load (i32.const 4)))
  T1: |
    (local $r0 i32)
    (i32.store (i32.const 4) (i32.const 1))
    (local.set $r0 (i32.load (i32.const 0)))
condition: exists (T0:r0=0 /\ T1:r0=0)
`

// TestSBAllOutcomes runs plain SB on wazero's compiler until every outcome
// the model allows has appeared, the relaxed one included (x86 shows it
// through its store buffers), within a bounded number of iterations.
func TestSBAllOutcomes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs up to 4M iterations")
	}
	test := loadTest(t, sbYAML)
	want := []string{"T0:r0=0; T1:r0=0", "T0:r0=0; T1:r0=1", "T0:r0=1; T1:r0=0", "T0:r0=1; T1:r0=1"}
	seen := map[string]bool{}
	for round := 0; round < 200 && len(seen) < len(want); round++ {
		res, err := Run(context.Background(), test, Wazero{}, Options{Iterations: 20000, Seed: uint64(round + 1)})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outcomes(res) {
			seen[o] = true
		}
	}
	var got []string
	for o := range seen {
		got = append(got, o)
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes seen in up to 4M iterations (-want +got):\n%s", diff)
	}
}

// TestSCNeverWeak runs the SC versions of SB, MP, LB and IRIW from the
// catalogue: the outcome each condition names is forbidden by every
// model, and a correct engine on any hardware never shows it.
func TestSCNeverWeak(t *testing.T) {
	tests := catalogTests(t, "SB+sc", "MP+sc", "LB+sc", "IRIW+sc")
	for _, r := range []Runner{Wazero{}, Wazero{Interpreter: true}} {
		// SyncEvery 8: most instances start at softMeet, not the barrier.
		for _, sync := range []int{1, 8} {
			for _, test := range tests {
				t.Run(fmt.Sprintf("%s/sync%d/%s", r.Name(), sync, test.Name), func(t *testing.T) {
					n := 4000
					if len(test.Threads) > 2 {
						n = 500
					}
					res, err := Run(context.Background(), test, r, Options{Iterations: n, SyncEvery: sync})
					if err != nil {
						t.Fatal(err)
					}
					if res.Iterations+res.Dropped != n {
						t.Errorf("%d iterations and %d dropped, want %d in all", res.Iterations, res.Dropped, n)
					}
					for _, c := range res.Histogram {
						if test.Condition.Prop.Eval(c.Outcome) {
							t.Errorf("forbidden outcome %s seen %d times", c.Outcome, c.N)
						}
					}
				})
			}
		}
	}
}

// TestDeadlineIsolated checks the deadline of isolated mode (a test that
// grows memory) on every available engine: an instance that never ends
// is dropped, and the run goes on and ends.
func TestDeadlineIsolated(t *testing.T) {
	test := loadTest(t, `name: GrowForever
memory: {pages: 1, max: 2}
threads:
  T0: |
    (drop (memory.grow (i32.const 1)))
    (loop $l (br $l))
  T1: |
    (local $r0 i32)
    (local.set $r0 (memory.size))
`)
	for _, r := range engines(t) {
		t.Run(r.Name(), func(t *testing.T) {
			res, err := Run(context.Background(), test, r, Options{Iterations: 4, Deadline: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if res.Iterations != 0 || res.Dropped != 4 || len(res.Notes) == 0 {
				t.Errorf("iterations %d, dropped %d, notes %q; want 0, 4 and a note", res.Iterations, res.Dropped, res.Notes)
			}
		})
	}
}

// TestSpinLoopsFinish runs tests whose threads wait for each other in
// busy loops on wazero's compiler, over enough batches that the garbage
// collector runs. Compiled code cannot be stopped by Go, so a collection
// that started while one thread spun for another used to deadlock the
// whole process, deadline included (quiet.go); now every instance must
// finish, on one core or many.
func TestSpinLoopsFinish(t *testing.T) {
	tests := loadTests(t, `name: MP+plain+spin
threads:
  T0: |
    (i32.store (i32.const 0) (i32.const 42))
    (i32.store (i32.const 4) (i32.const 1))
  T1: |
    (local $r0 i32) (local $r1 i32)
    (loop $spin
      (local.set $r0 (i32.load (i32.const 4)))
      (br_if $spin (i32.eqz (local.get $r0))))
    (local.set $r1 (i32.load (i32.const 0)))
---
name: Handoff3
threads:
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
  T1: |
    (local $r0 i32)
    (loop $spin
      (br_if $spin (i32.eqz (i32.atomic.load (i32.const 0)))))
    (i32.atomic.store (i32.const 4) (i32.const 1))
  T2: |
    (local $r0 i32)
    (loop $spin
      (br_if $spin (i32.eqz (i32.atomic.load (i32.const 4)))))
    (local.set $r0 (i32.atomic.load (i32.const 0)))
`)
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			n, batch := 16*4096, 4096
			if len(tt.Threads) > 2 {
				// Where the threads outnumber the cores, every handoff
				// may wait for a time slice: small batches, so that a
				// loaded machine stays far from the deadline.
				n, batch = 8*256, 256
			}
			// Seed 2 hung MP+plain+spin in its second batch before the fix.
			res, err := Run(context.Background(), tt, Wazero{}, Options{Iterations: n, Batch: batch, Deadline: 30 * time.Second, Seed: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Dropped != 0 || len(res.Histogram) != 1 {
				t.Errorf("%d instances dropped, histogram %v, notes %v", res.Dropped, res.Histogram, res.Notes)
			}
		})
	}
}

// forever is a test whose thread T0 never ends.
const forever = `name: Forever
threads:
  T0: |
    (loop $l (br $l))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.const 1))
`

// TestDeadline checks that a thread that never ends cannot hang the run:
// its batch is cancelled at the deadline and its instances dropped.
func TestDeadline(t *testing.T) {
	test := loadTest(t, forever)
	res, err := Run(context.Background(), test, Wazero{}, Options{Iterations: 3, Batch: 2, Deadline: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Iterations != 0 || res.Dropped != 3 {
		t.Errorf("iterations %d, dropped %d; want 0 and 3", res.Iterations, res.Dropped)
	}
	if len(res.Notes) == 0 {
		t.Errorf("no note about the deadline")
	}
}

func TestUnsupported(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"too-much-memory", `name: Big
memory: {pages: 65, max: 65}
threads:
  T0: |
    nop
`, "test Big: memory of 65 pages (max 65) is more than the limit of 64 pages per instance (--max-memory)"},
		{"wait-in-setup", `name: SetupWait
setup: |
  (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
threads:
  T0: |
    nop
`, "test SetupWait: memory.atomic.wait in setup code is not supported by the engine runner"},
		{"grow-and-infinite-wait", `name: GrowWait
memory: {pages: 1, max: 2}
threads:
  T0: |
    (drop (memory.grow (i32.const 1)))
  T1: |
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
`, "test GrowWait: a test that grows the memory or reads its size runs with one memory per instance, where a wait that may block forever cannot be detected; not supported by the engine runner"},
		{"after", `name: Nested
threads:
  T0: |
    (i32.atomic.store (i32.const 0) (i32.const 1))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.atomic.load (i32.const 0)))
after: {T1: [T0]}
observe: [T1:r0]
`, "test Nested: thread T1 starts after T0 (after:); the engine runner starts every thread at once, so it cannot run such a test"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(loadTest(t, tc.yaml), Options{})
			var u *UnsupportedError
			if !errors.As(err, &u) {
				t.Fatalf("Compile: got %v, want an *UnsupportedError", err)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLayout checks where instances go: fresh locations at least the
// stride apart, slots as large as the footprint of fixed addresses, or
// the whole test memory when an address is computed.
func TestLayout(t *testing.T) {
	tests := []struct {
		name       string
		yaml       string
		opts       Options
		window     uint32
		stride     uint32
		batchLimit int
	}{
		{"fixed-addresses", sbYAML, Options{}, 64, 64, DefaultBatch},
		{"stride-option", sbYAML, Options{Stride: 100}, 64, 128, DefaultBatch},
		{"far-address", `name: Far
threads:
  T0: |
    (i32.store (i32.const 1000) (i32.const 1))
`, Options{}, 1024, 1024, DefaultBatch},
		{"computed-address", `name: Computed
threads:
  T0: |
    (local $r0 i32)
    (i32.store (local.get $r0) (i32.const 1))
`, Options{}, 65536, 65536, 1024},
		{"waits-short-batches", `name: W
threads:
  T0: |
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
`, Options{}, 64, 64, waitBatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := Compile(loadTest(t, tc.yaml), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			l := h.Layout
			if l.Window != tc.window || l.Stride != tc.stride || l.Batch > tc.batchLimit {
				t.Errorf("window %d stride %d batch %d; want %d, %d, at most %d", l.Window, l.Stride, l.Batch, tc.window, tc.stride, tc.batchLimit)
			}
			end := uint64(l.Slots) + uint64(l.Batch)*uint64(l.Stride)
			if end > uint64(l.Pages)*pageSize || l.Slots%64 != 0 {
				t.Errorf("slots at %d, %d instances of %d bytes, do not fit %d pages aligned", l.Slots, l.Batch, l.Stride, l.Pages)
			}
		})
	}
}

// TestLookup checks the engine names and the message for an engine that
// is not installed.
func TestLookup(t *testing.T) {
	saved := JSSearchDir
	JSSearchDir = ""
	defer func() { JSSearchDir = saved }()
	t.Setenv("PATH", t.TempDir())
	t.Setenv("WMM_BUN", "")
	_, err := Lookup("bun")
	if err == nil || !strings.Contains(err.Error(), "engine bun is not installed: run npm install bun") {
		t.Errorf("Lookup(bun) = %v", err)
	}
	// Where npm install bun puts it, found from a directory below.
	root := t.TempDir()
	exe := filepath.Join(root, "node_modules", "bun", "bin", "bun.exe")
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, make([]byte, 8192), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	if r, err := Lookup("bun"); err != nil || r.(JS).Path != exe {
		t.Errorf("Lookup(bun) from %s = %v, %v; want %s", sub, r, err, exe)
	}
	if _, err := Lookup("v8"); err == nil || !strings.Contains(err.Error(), `unknown engine "v8": expected one of wazero, wazero-interp, node`) {
		t.Errorf("Lookup(v8) = %v", err)
	}
	if r, err := Lookup("wazero-interp"); err != nil || r.Name() != "wazero-interp" {
		t.Errorf("Lookup(wazero-interp) = %v, %v", r, err)
	}
}

var (
	npmOnce sync.Once
	npmNote string // why npm could not install deno and bun
)

// npmEngines installs deno and bun with npm into a cache directory once,
// when they are not installed and npm is there (WMM_TEST_NPM=0 turns
// this off), and points Lookup at it.
func npmEngines() {
	npmOnce.Do(func() {
		if os.Getenv("WMM_TEST_NPM") == "0" {
			npmNote = "WMM_TEST_NPM=0: not installed through npm"
			return
		}
		_, errDeno := Lookup("deno")
		_, errBun := Lookup("bun")
		if errDeno == nil && errBun == nil {
			return
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			npmNote = "npm is not on the PATH to install it"
			return
		}
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "wmm-test-engines")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			npmNote = err.Error()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--prefix", dir, "deno", "bun")
		if out, err := cmd.CombinedOutput(); err != nil {
			npmNote = fmt.Sprintf("npm install deno bun failed: %v: %s", err, lastLines(string(out), 3))
			return
		}
		JSSearchDir = dir
	})
}

// reuseTest is an isolated test that never grows, which the runners
// reuse instances for (TestIsolatedReuse, TestIsolatedReuseGo).
const reuseTest = `name: Reuse
memory: {pages: 1, max: 2}
init: {i32[0]: 5}
setup: |
  (i32.store (i32.const 4) (i32.const 9))
threads:
  T0: |
    (local $r0 i32) (local $r1 i32) (local $r2 i32)
    (local.set $r0 (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
    (local.set $r1 (memory.size))
    (local.set $r2 (i32.load (i32.const 8)))
    (i32.store (i32.const 8) (i32.const 3))
  T1: |
    (local $r0 i32)
    (local.set $r0 (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (i32.load (i32.const 65536)))
observe: [T0:r0, T0:r1, T0:r2, T1:r0, T1:trap, "i32[0]", "i32[4]", "i32[8]"]
`

// TestIsolatedReuse runs an isolated test that never grows (it reads the
// size; its declared maximum of 2 pages is made 1, the initial size, as
// nothing can tell) over several groups of instances: the JavaScript
// runners reuse the first group's memories and instances for the next
// groups (harness.js, cfg.reuse), and every instance must still start
// from a zeroed memory with the initial values and the setup code's
// stores. Each RMW reads the initial value (5 and 9) and T0 reads 0 where
// it then stores 3, never what an earlier instance left; T1's trap is the
// engine's own (an access past the one page), and its local survives in
// the mirror global.
func TestIsolatedReuse(t *testing.T) {
	test := loadTest(t, reuseTest)
	const n = 64
	for _, r := range engines(t) {
		for _, mem := range []MemoryMode{ImportMemory, DefineMemory} {
			if r.Name() == "wasmtime" && mem == DefineMemory {
				continue
			}
			t.Run(r.Name()+"/"+mem.String(), func(t *testing.T) {
				opts := Options{Iterations: n, Memory: mem}
				h, err := Compile(test, opts)
				if err != nil {
					t.Fatal(err)
				}
				// Groups of 16 instances: four groups, three of them on
				// reused memories.
				opts.MemBudget = 16 * h.reserve()
				res, err := Run(context.Background(), test, r, opts)
				if err != nil {
					t.Fatal(err)
				}
				want := []string{fmt.Sprintf("%d T0:r0=5; T0:r1=1; T0:r2=0; T1:r0=9; T1:trap=1; i32[0]=6; i32[4]=10; i32[8]=3", n)}
				if diff := cmp.Diff(want, histogram(res)); diff != "" {
					t.Errorf("histogram (-want +got):\n%s", diff)
				}
			})
		}
	}
}
