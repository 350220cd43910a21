package jsinterp

import (
	"strings"
	"testing"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
	"wmm/wasm"
)

// linkerFor parses JS functions (by name) and Wasm functions (name →
// body text) into a Linker.
func linkerFor(t *testing.T, jsFns map[string]string, wasmFns map[string]string) *Linker {
	t.Helper()
	l := &Linker{BufferOrd: model.SeqCst}
	for name, src := range jsFns {
		p, err := js.ParseFunction(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l.Add(name, p, nil)
	}
	for name, src := range wasmFns {
		f, err := wasm.ParseFunc(src)
		if err == nil {
			err = wasm.Validate(f)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		l.Add(name, nil, f)
	}
	return l
}

// TestHostCallTrace checks that a thread's trace interleaves the events
// of both languages in program order through reentrant calls (JS calls
// Wasm, which calls JS, then goes on), that values cross with the JS
// API's conversions, and that a JS exception unwinds the Wasm frame.
func TestHostCallTrace(t *testing.T) {
	l := linkerFor(t, map[string]string{
		"inner": `function inner(x) { const a = new Int32Array(memory.buffer); a[1] = x; return x * 2; }`,
		"boom":  `function boom() { const a = new Int32Array(memory.buffer); return Atomics.load(a, 99999); }`,
	}, map[string]string{
		"outer": `(import "env" "inner" (func $inner (param i32) (result i32)))
(param $p i32) (result i32)
(i32.store (i32.const 0) (local.get $p))
(local.set $p (call $inner (i32.add (local.get $p) (i32.const 1))))
(i32.store (i32.const 8) (local.get $p))
(local.get $p)`,
		"trap": `unreachable`,
		"mid": `(import "env" "boom" (func $boom (result i32)))
(drop (call $boom))
(i32.store (i32.const 12) (i32.const 1))`,
	})
	p, err := js.Parse(`const a = new Int32Array(memory.buffer);
a[4] = 9;
let r = outer(5);
let s = 0;
try { mid(); } catch (e) { s = e instanceof RangeError ? 1 : 2; }
let u = a[0] + a[1] + a[2];
let v = 0;
try { trap(); } catch (e) { v = (e instanceof WebAssembly.RuntimeError ? 1 : 0) + (e instanceof RangeError ? 2 : 0); }`)
	if err != nil {
		t.Fatal(err)
	}
	o := newMem()
	cfg := Config{Config: interp.Config{Unroll: 2, MaxPages: 1, Host: l}, Link: l}
	tr := Run(p, cfg, o)
	var writes []string
	for _, e := range tr.Events {
		if e.Data != nil && e.Data.Kind == model.Write {
			writes = append(writes, strings.TrimSpace(e.Instr))
		}
	}
	want := []string{"a[4]", "i32.store", "a[1]", "i32.store"} // mid's store never runs
	if strings.Join(writes, "|") != strings.Join(want, "|") {
		t.Errorf("writes in program order = %q, want %q", writes, want)
	}
	if got := regs(p, tr); got != "r=12 s=1 u=23 v=1" || tr.Status != model.Done {
		t.Errorf("registers %s, status %v; want r=12 s=1 u=23 v=1 (a trap is a WebAssembly.RuntimeError, not a RangeError), done", got, tr.Status)
	}
	for i, e := range tr.Events {
		if e.Index != i {
			t.Errorf("event %d has index %d", i, e.Index)
		}
	}
}
