package engine

import (
	"fmt"

	"wmm/wasm"
)

// isolatedModule builds the harness for a test whose every instance has
// the test's own memory: for each thread a function t<k>(seed, delay)
// that runs the body once, after the random delay, and returns its status
// and its locals as i64 bits; setup() returning the setup's status; and
// wake(addr).
//
// Memory instructions are the test's own, unchanged and unguarded: an
// out-of-bounds or misaligned access traps in the engine, which ends the
// call. So that the locals survive such a trap, every local.set of thread
// k's local j also writes the value's bits to the exported i64 global
// MirrorGlobal(k, j), which the host reads when the call traps. The
// function zeroes its mirrors first (a fresh call's locals are zero), so
// that an instance the host reuses (isodriver.go, harness.js) cannot
// report a local of an earlier call.
//
// A stacked harness (h.Stacked, stack.go) gives every thread function a
// third parameter, the instance's base address, and exports
// setup(base), grow(n) and size() instead of setup() and wake(addr).
func isolatedModule(p *plan, h *Harness) *wasm.Module {
	m := &wasm.Module{HasMemory: true, Memory: harnessMemory(h)}
	for t, th := range p.test.Threads {
		var mirror []uint32
		var types []wasm.ValType
		for j, lo := range th.Code.Locals {
			mirror = append(mirror, uint32(len(m.Globals)))
			types = append(types, lo.Type)
			m.Globals = append(m.Globals, wasm.Global{Type: wasm.I64, Export: MirrorGlobal(t, j)})
		}
		results := []wasm.ValType{wasm.I64}
		for range th.Code.Locals {
			results = append(results, wasm.I64)
		}
		params := 2
		if h.Stacked {
			params = 3 // and the instance's base
		}
		b := newFuncBuilder(fmt.Sprintf("t%d", t), i32Params(params), results, th.Code)
		status, counter := b.local(wasm.I32), b.local(wasm.I32)
		rw := &rewriter{p: p, fr: &b.fr, thread: t, mirror: mirror, types: types, stacked: h.Stacked}
		var clear []wasm.Instr
		if h.Stacked {
			clear = list(get(2), set(b.fr.base))
		}
		for _, g := range mirror {
			clear = append(clear, i64(0), wasm.Instr{Op: wasm.OpGlobalSet, Index: g})
		}
		b.f.Body = seq(
			clear,
			delay(0, 0, 1, counter, t),
			list(wrapped(rw.body(th.Code.Body), status)),
			list(get(status), ins(wasm.OpI64ExtendI32U)),
		)
		for j, lo := range th.Code.Locals {
			b.f.Body = append(b.f.Body, get(b.fr.shift+uint32(j)))
			b.f.Body = append(b.f.Body, asI64(lo.Type)...)
		}
		m.Funcs = append(m.Funcs, b.f)
	}
	if h.Stacked {
		m.Funcs = append(m.Funcs, stackedSetupFunc(p, h))
		m.Funcs = append(m.Funcs, stackFuncs()...)
		return m
	}
	m.Funcs = append(m.Funcs, isolatedSetupFunc(p), wakeFunc())
	return m
}

// MirrorGlobal names the exported global that mirrors local j of thread
// t in an isolated-mode harness.
func MirrorGlobal(t, j int) string {
	return fmt.Sprintf("l%d_%d", t, j)
}

// isolatedSetupFunc builds setup(): the setup code once, returning its status.
func isolatedSetupFunc(p *plan) wasm.Func {
	code := p.test.Setup
	if code == nil {
		code = &wasm.Func{}
	}
	b := newFuncBuilder("setup", nil, []wasm.ValType{wasm.I32}, code)
	status := b.local(wasm.I32)
	rw := &rewriter{p: p, fr: &b.fr, thread: -1}
	b.f.Body = list(wrapped(rw.body(code.Body), status), get(status))
	return b.f
}
