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
func isolatedModule(p *plan, h *Harness) *wasm.Module {
	m := &wasm.Module{HasMemory: true, Memory: harnessMemory(h)}
	for t, th := range p.test.Threads {
		results := []wasm.ValType{wasm.I64}
		for range th.Code.Locals {
			results = append(results, wasm.I64)
		}
		b := newFuncBuilder(fmt.Sprintf("t%d", t), i32Params(2), results, th.Code)
		status, counter := b.local(wasm.I32), b.local(wasm.I32)
		rw := &rewriter{p: p, fr: &b.fr, thread: t}
		b.f.Body = seq(
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
	m.Funcs = append(m.Funcs, isolatedSetupFunc(p), wakeFunc())
	return m
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
