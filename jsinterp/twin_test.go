package jsinterp

import (
	"strings"
	"testing"

	"wmm/interp"
	"wmm/model"
	"wmm/wasm"
)

// dataActions prints the data-region actions and suspension actions of a
// trace, the part of an event that both languages emit alike (a Wasm
// access adds its bounds read of the length, a JS one none).
func dataActions(tr *interp.Trace) string {
	var parts []string
	for _, e := range tr.Events {
		if e.Data == nil && e.Susp == nil {
			continue
		}
		var ev model.Event
		ev.Data, ev.Susp = e.Data, e.Susp
		if d := e.Data; d != nil && d.Ord == model.SeqCst {
			// tearfree ignores the flag of SC accesses (MODEL.md §4.2):
			// ES sets [[NoTear]] on SC BigInt64 accesses, Wasm no
			// notears on i64 atomics; both are tear-free.
			c := *d
			c.NoTears = false
			ev.Data = &c
		}
		parts = append(parts, describe(&ev))
	}
	return strings.Join(parts, " | ")
}

// TestWasmTwins runs JS code and Wasm code that MODEL.md §15 says emit
// the same data events, on the same memory, and compares the events:
// the JS side of the mixed model checked against the Wasm interpreter.
func TestWasmTwins(t *testing.T) {
	const a = "const a = new Int32Array(memory.buffer);\n"
	const b = "const b = new Uint8Array(memory.buffer);\n"
	const h = "const h = new Int16Array(memory.buffer);\n"
	const q = "const q = new BigInt64Array(memory.buffer);\n"
	for _, tc := range []struct{ js, wat string }{
		{a + "a[1] = 7; let r = a[1];", "(local $r i32) (i32.store (i32.const 4) (i32.const 7)) (local.set $r (i32.load (i32.const 4)))"},
		{b + "b[3] = 300; let r = b[3];", "(local $r i32) (i32.store8 (i32.const 3) (i32.const 300)) (local.set $r (i32.load8_u (i32.const 3)))"},
		{h + "h[1] = -2; let r = h[1];", "(local $r i32) (i32.store16 (i32.const 2) (i32.const -2)) (local.set $r (i32.load16_s (i32.const 2)))"},
		{a + "Atomics.store(a, 2, 5); let r = Atomics.load(a, 2);", "(local $r i32) (i32.atomic.store (i32.const 8) (i32.const 5)) (local.set $r (i32.atomic.load (i32.const 8)))"},
		{a + "let r = Atomics.add(a, 0, 3); r = Atomics.sub(a, 0, 1); r = Atomics.exchange(a, 0, 9);",
			"(local $r i32) (local.set $r (i32.atomic.rmw.add (i32.const 0) (i32.const 3))) (local.set $r (i32.atomic.rmw.sub (i32.const 0) (i32.const 1))) (local.set $r (i32.atomic.rmw.xchg (i32.const 0) (i32.const 9)))"},
		{a + "let r = Atomics.and(a, 0, 6); r = Atomics.or(a, 0, 1); r = Atomics.xor(a, 0, 3);",
			"(local $r i32) (local.set $r (i32.atomic.rmw.and (i32.const 0) (i32.const 6))) (local.set $r (i32.atomic.rmw.or (i32.const 0) (i32.const 1))) (local.set $r (i32.atomic.rmw.xor (i32.const 0) (i32.const 3)))"},
		{b + "let r = Atomics.add(b, 5, 255); r = Atomics.compareExchange(b, 5, 255, 1);",
			"(local $r i32) (local.set $r (i32.atomic.rmw8.add_u (i32.const 5) (i32.const 255))) (local.set $r (i32.atomic.rmw8.cmpxchg_u (i32.const 5) (i32.const 255) (i32.const 1)))"},
		{q + "Atomics.store(q, 1, -1n); let r = Atomics.load(q, 1);", "(local $r i64) (i64.atomic.store (i32.const 8) (i64.const -1)) (local.set $r (i64.atomic.load (i32.const 8)))"},
		{a + "let r = Atomics.notify(a, 1, 2);", "(local $r i32) (local.set $r (memory.atomic.notify (i32.const 4) (i32.const 2)))"},
		{a + "let r = Atomics.wait(a, 0, 0);", "(local $r i32) (local.set $r (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))"},
		{"let r = memory.grow(1);", "(local $r i32) (local.set $r (memory.grow (i32.const 1)))"},
	} {
		p, jtr := run(t, tc.js, newMem())
		f, err := wasm.ParseFunc(tc.wat)
		if err == nil {
			err = wasm.Validate(f)
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.wat, err)
		}
		wtr := interp.Run(f, interp.Config{Unroll: 2, MaxPages: 2, Sem: model.Semantics{FailedCmpxchgWrites: true}}, newMem())
		if got, want := dataActions(jtr), dataActions(wtr); got != want {
			t.Errorf("%s\n  JS   %s\n  Wasm %s", tc.js, got, want)
		}
		// The last value of the register equals the Wasm local's, as a
		// signed integer of the local's width.
		jr := int64(jtr.Locals[len(p.Registers)-1])
		wr := wtr.Locals[0]
		if f.Locals[0].Type == wasm.I32 {
			wr = uint64(int64(int32(wr)))
		}
		if jr != int64(wr) {
			t.Errorf("%s: register %d, Wasm local %d", tc.js, jr, int64(wr))
		}
	}
}
