package engine

import "wmm/wasm"

// A stacked isolated run (Options.Stack, Harness.Stacked) gives each
// instance the test's own memory without creating one per instance. The
// instances follow one another in one shared memory that only grows: an
// instance's memory is the top of it. Before instance i starts, one
// thread grows the memory by the test's initial pages; the pages it adds
// are instance i's memory, at base b_i (the old size), zeroed by the
// engine, and that thread writes the initial values and runs the setup
// code there. The threads' addresses are then b_i plus the test's, the
// memory's end is b_i plus the test memory's size at every moment, and
// so every bounds check the engine makes decides exactly what it would
// decide for the test's own memory: an access traps where the test's
// would, the engine's trap and nobody else's. memory.size and a
// successful memory.grow answer the engine's size minus b_i's pages, a
// pure function of what the engine said (a stale size stays stale). The
// memory's final size, which is the next instance's base, is instance
// i's final size plus b_i.
//
// What a stacked run cannot tell from a run on fresh memories is a grow
// that fails at the test's maximum: the memory's maximum is the stack's,
// not the test's. So a test is stacked only when no grow can reach its
// maximum: every grow (in the threads and the setup code) has a constant
// operand and is outside every loop, and together they add no more than
// the maximum allows. The others run on fresh memories, as before.
//
// The one check the harness adds is for an address that the shift would
// wrap past 2^32: such an address (a+b_i > 2^32-1) is beyond the test
// memory whatever its size, and the harness gives the access the address
// 2^32-1 instead, which is beyond the stack's memory too, so the engine
// traps it. The check reads nothing but the address and b_i.
//
// Between two instances the threads wait until each sees the memory at
// its new size (a thread's memory.size may lag behind another thread's
// grow, as V8's does): the instance starts on memory of the test's
// initial size for every thread, as the model has it, and a lag within
// the instance is the engine's to show.

// stackMaxPages bounds one stack's memory (1 GiB): engines reserve a
// shared memory at its maximum.
const stackMaxPages = 16384

// stackGroupMost is the most instances that share one stack's memory.
const stackGroupMost = 1024

// stackGrowth returns the pages that the grows of t's code can add
// together, and whether t may be stacked: whether every grow has a
// constant operand and is outside every loop, and the grows together
// cannot take the memory beyond its maximum.
func (p *plan) stackGrowth() (uint32, bool) {
	t := p.test
	var total uint64
	ok := true
	var walk func(body []wasm.Instr, inLoop bool)
	walk = func(body []wasm.Instr, inLoop bool) {
		for i := range body {
			in := &body[i]
			if a := in.Op.Info().Access; a != nil && a.Kind == wasm.AccessGrow {
				if args := p.operands[in]; inLoop || len(args) == 0 || !args[0].known {
					ok = false
				} else {
					total += uint64(uint32(args[0].v))
				}
			}
			walk(in.Body, inLoop || in.Op == wasm.OpLoop)
			walk(in.Else, inLoop || in.Op == wasm.OpLoop)
		}
	}
	if t.Setup != nil {
		walk(t.Setup.Body, false)
	}
	for _, th := range t.Threads {
		walk(th.Code.Body, false)
	}
	if !ok || uint64(t.Memory.Pages)+total > uint64(max(t.Memory.Max, t.Memory.Pages)) {
		return 0, false
	}
	return uint32(total), true
}

// stackShape sets h's memory and group for a stacked run of a test of
// pages initial pages whose grows add at most growth: each instance takes
// pages+growth pages of the stack, and a stack holds as many instances
// as fit both stackMaxPages and the budget, at most stackGroupMost.
func (h *Harness) stackShape(pages, growth uint32, budget uint64) {
	per := uint64(max(pages+growth, 1))
	fit := min(uint64(stackMaxPages), budget/pageSize) / per
	h.Stacked = true
	h.StackGroup = int(max(1, min(fit, stackGroupMost)))
	h.MemPages, h.MemMax = 0, uint32(uint64(h.StackGroup)*per)
}

// stackedSetupFunc builds setup(base) for a stacked harness: the test's
// initial values, then its setup code, at base; it returns the setup's
// status. The initial values are stores in the module, not writes through
// a JavaScript view as on fresh memories (harness.js, writeInit): a view
// of a memory that has just grown may be stale (the README's findings),
// and the module's stores are bounds-checked by the engine itself.
func stackedSetupFunc(p *plan, h *Harness) wasm.Func {
	code := p.test.Setup
	if code == nil {
		code = &wasm.Func{}
	}
	b := newFuncBuilder("setup", i32Params(1), []wasm.ValType{wasm.I32}, code)
	status := b.local(wasm.I32)
	rw := &rewriter{p: p, fr: &b.fr, thread: -1, stacked: true}
	body := list(get(0), set(b.fr.base))
	limit := uint64(p.test.Memory.Pages) * wasm.PageSize
	for _, in := range h.Init {
		if uint64(in.Addr)+uint64(in.Width) > limit {
			continue
		}
		body = append(body, get(b.fr.base), i64(int64(in.Value)), memOp(initStore(in.Width), in.Addr))
	}
	b.f.Body = append(body, wrapped(rw.body(code.Body), status), get(status))
	return b.f
}

// initStore returns the store that writes an initial value of width bytes
// from an i64.
func initStore(width int) wasm.Op {
	switch width {
	case 1:
		return wasm.OpI64Store8
	case 2:
		return wasm.OpI64Store16
	case 4:
		return wasm.OpI64Store32
	}
	return wasm.OpI64Store
}

// stackFuncs are the stacked harness's grow(n) and size(), with which the
// host grows the stack for the next instance and waits for a thread to
// see its new size.
func stackFuncs() []wasm.Func {
	return []wasm.Func{
		{Export: "grow", Params: []wasm.Local{{Type: wasm.I32}}, Results: []wasm.ValType{wasm.I32}, Body: list(get(0), ins(wasm.OpMemoryGrow))},
		{Export: "size", Results: []wasm.ValType{wasm.I32}, Body: list(ins(wasm.OpMemorySize))},
	}
}

// stackedMemory rewrites the memory instruction c (a copy of in) of a stacked
// harness: addresses moved by the instance's base, memory.size and a
// successful memory.grow answered relative to it.
func (r *rewriter) stackedMemory(in *wasm.Instr, c wasm.Instr) []wasm.Instr {
	a := in.Op.Info().Access
	switch a.Kind {
	case wasm.AccessFence:
		return list(c)
	case wasm.AccessSize:
		return append(list(c), append(r.basePages(), ins(wasm.OpI32Sub))...)
	case wasm.AccessGrow:
		// -1 stays -1; an old size is made the test's.
		out := list(c, set(r.fr.res), i32(-1), get(r.fr.res))
		out = append(out, r.basePages()...)
		return append(out, ins(wasm.OpI32Sub), get(r.fr.res), i32(-1), ins(wasm.OpI32Eq), ins(wasm.OpSelect))
	}
	types := in.Op.Info().In
	var out []wasm.Instr
	for k := len(types) - 1; k >= 1; k-- {
		out = append(out, set(r.fr.scratch[types[k]][k]))
	}
	out = append(out, r.stackShift()...)
	for k := 1; k < len(types); k++ {
		out = append(out, get(r.fr.scratch[types[k]][k]))
		if k == 1 && a.Kind == wasm.AccessCopy {
			out = append(out, r.stackShift()...)
		}
	}
	return append(out, c)
}

// basePages pushes the instance's base in pages.
func (r *rewriter) basePages() []wasm.Instr {
	return list(get(r.fr.base), i32(16), ins(wasm.OpI32ShrU))
}

// stackShift adds the instance's base to the address on the stack, or
// makes it 2^32-1 where the sum would wrap (see the comment at the top).
func (r *rewriter) stackShift() []wasm.Instr {
	return list(set(r.fr.addr), i32(-1),
		get(r.fr.addr), get(r.fr.base), ins(wasm.OpI32Add),
		get(r.fr.addr), i32(-1), get(r.fr.base), ins(wasm.OpI32Sub), ins(wasm.OpI32GtU),
		ins(wasm.OpSelect))
}
