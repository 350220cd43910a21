package engine

import (
	"wmm/litmus"
	"wmm/wasm"
)

// A frame gives the indices of the locals that rewritten code uses, in
// the harness function that runs it.
type frame struct {
	shift  uint32 // index of the test code's local 0
	base   uint32 // i32: the instance's base address (batch mode, stacked)
	gen    uint32 // i32: the barrier generation the instance started in
	addr   uint32 // i32: scratch for an address
	tmp    uint32 // i32: scratch for the wait protocol
	inf    uint32 // i32: the pending wait may last forever
	res    uint32 // i32: a wait's or notify's result
	wordPA uint32 // i32: a wait's physical address
	// scratch[t][k] holds operand k (1 or 2) of type t while the harness
	// checks or shifts the address beneath it.
	scratch map[wasm.ValType][3]uint32
}

// The labels around a rewritten body, counted outwards from the body's
// own level: a branch to the function's label ends the body normally.
const (
	labelDone  = 0
	labelTrap  = 1
	labelStuck = 2
)

// A rewriter turns test code into harness code: local indices shifted past
// the harness's parameters; return, and branches to the function, ending
// the body; every trap (unreachable, division by zero or overflow, an
// out-of-bounds or misaligned access) a branch to the trap label, so that
// the locals survive it; every address moved into the instance's slot (in
// batch mode); and, when the test waits, the bookkeeping that lets the
// host end a wait that would last forever (see doc.go).
type rewriter struct {
	p        *plan
	fr       *frame
	thread   int  // the thread's index, for its wait-address word
	protocol bool // compile the stuck protocol around waits and notifies
	// cancel, when not nil, is what the function does when the host
	// cancels the batch: every loop checks the cancel word first.
	cancel []wasm.Instr
	// mirror, when not nil, maps each test local to the global that
	// holds a copy of it as i64 bits (isolated mode): a trap of the
	// engine's own ends the call, and the host reads the locals the
	// thread had at the trap from these globals.
	mirror []uint32
	types  []wasm.ValType // the test locals' types, for mirror
	// stacked moves every address by the instance's base (frame.base)
	// in a stacked isolated harness (stack.go).
	stacked bool
}

// body rewrites a function body placed directly inside the done block.
func (r *rewriter) body(list []wasm.Instr) []wasm.Instr {
	return r.seq(list, 0)
}

// seq rewrites list at nesting depth d (blocks opened inside the body).
func (r *rewriter) seq(list []wasm.Instr, d int) []wasm.Instr {
	var out []wasm.Instr
	for i := range list {
		out = append(out, r.instr(&list[i], d)...)
	}
	return out
}

// instr rewrites one instruction at depth d.
func (r *rewriter) instr(in *wasm.Instr, d int) []wasm.Instr {
	c := *in
	c.Pos, c.Label = wasm.Pos{}, ""
	lowerOrder(&c)
	switch in.Op {
	case wasm.OpBlock, wasm.OpLoop, wasm.OpIf:
		c.Body = r.seq(in.Body, d+1)
		c.Else = r.seq(in.Else, d+1)
		if in.Op == wasm.OpLoop && r.cancel != nil {
			c.Body = append(cancelCheck(r.cancel), c.Body...)
		}
		return list(c)
	case wasm.OpReturn:
		return list(br(d + labelDone))
	case wasm.OpUnreachable:
		return list(br(d + labelTrap))
	case wasm.OpLocalGet, wasm.OpLocalSet, wasm.OpLocalTee:
		j := c.Index
		c.Index += r.fr.shift
		if r.mirror == nil || in.Op == wasm.OpLocalGet {
			return list(c)
		}
		// local.set x → local.tee x; bits; global.set g
		// local.tee x → the same, then local.get x
		out := list(wasm.Instr{Op: wasm.OpLocalTee, Index: c.Index})
		out = append(out, asI64(r.types[j])...)
		out = append(out, wasm.Instr{Op: wasm.OpGlobalSet, Index: r.mirror[j]})
		if in.Op == wasm.OpLocalTee {
			out = append(out, get(c.Index))
		}
		return out
	case wasm.OpI32DivS, wasm.OpI32DivU, wasm.OpI32RemS, wasm.OpI32RemU,
		wasm.OpI64DivS, wasm.OpI64DivU, wasm.OpI64RemS, wasm.OpI64RemU:
		return r.division(c, d)
	}
	if in.Op.Info().Access != nil {
		return r.memory(in, c, d)
	}
	return list(c)
}

// lowerOrder gives an atomic instruction written with the acqrel ordering
// (feature acqrel) the default ordering seqcst: no backend here accepts
// the shared-everything threads proposal's ordering immediates, and
// seqcst is a correct implementation of acqrel (MODEL.md §16.4 R1), so
// the engine runs the lowering and its outcomes must still be allowed by
// the weaker model.
func lowerOrder(c *wasm.Instr) {
	c.Mem.Order, c.Mem.WriteOrder, c.Mem.OrderPos = wasm.SeqCst, wasm.SeqCst, wasm.Pos{}
}

// LowersAcqRel reports whether the engines run some of t's atomics with
// another ordering than the code gives: whether t's code writes an
// ordering immediate (every backend lowers them; see lowerOrder).
func LowersAcqRel(t *litmus.Test) bool {
	if t.Setup != nil && len(wasm.FeatureUses(t.Setup)) > 0 {
		return true
	}
	for _, th := range t.Threads {
		if th.Code != nil && len(wasm.FeatureUses(th.Code)) > 0 {
			return true
		}
	}
	return false
}

// division checks a division's divisor and, for div_s, the one overflow.
func (r *rewriter) division(c wasm.Instr, d int) []wasm.Instr {
	t := c.Op.Info().In[0]
	a, b := r.fr.scratch[t][1], r.fr.scratch[t][2]
	out := list(set(b), set(a), get(b), eqz(t), brIf(d+labelTrap))
	if c.Op == wasm.OpI32DivS || c.Op == wasm.OpI64DivS {
		minV := int64(-1 << 31)
		if t == wasm.I64 {
			minV = -1 << 63
		}
		out = append(out, get(a), constOf(t, minV), eqOp(t), get(b), constOf(t, -1), eqOp(t), ins(wasm.OpI32And), brIf(d+labelTrap))
	}
	return append(out, get(a), get(b), c)
}

func eqz(t wasm.ValType) wasm.Instr {
	if t == wasm.I64 {
		return ins(wasm.OpI64Eqz)
	}
	return ins(wasm.OpI32Eqz)
}

func eqOp(t wasm.ValType) wasm.Instr {
	if t == wasm.I64 {
		return ins(wasm.OpI64Eq)
	}
	return ins(wasm.OpI32Eq)
}

func constOf(t wasm.ValType, v int64) wasm.Instr {
	if t == wasm.I64 {
		return i64(v)
	}
	return i32(v)
}

// memory rewrites a memory instruction c (a copy of in).
func (r *rewriter) memory(in *wasm.Instr, c wasm.Instr, d int) []wasm.Instr {
	a := in.Op.Info().Access
	if r.p.mode == modeIsolated {
		// The instance's memory is the test's own (or, stacked, the top
		// of the stack's): the engine decides bounds and alignment, and
		// its traps end the call (see mirror).
		if r.stacked {
			return r.stackedMemory(in, c)
		}
		return list(c)
	}
	switch a.Kind {
	case wasm.AccessSize, wasm.AccessGrow, wasm.AccessFence:
		return list(c)
	case wasm.AccessFill, wasm.AccessCopy:
		return r.bulk(in, c, d)
	}
	args := r.p.operands[in]
	types := in.Op.Info().In
	var out []wasm.Instr
	for k := len(types) - 1; k >= 1; k-- {
		out = append(out, set(r.fr.scratch[types[k]][k]))
	}
	if r.static(args, 0) {
		ea := args[0].v + uint64(c.Mem.Offset)
		if ea+uint64(a.Width) > r.p.limit || (a.Atomic && ea%uint64(a.Width) != 0) {
			return append(out, br(d+labelTrap))
		}
		out = append(out, r.shift()...)
	} else {
		out = append(out, r.checkAddr(c.Mem.Offset, a, d)...)
	}
	if r.protocol && a.Kind == wasm.AccessWait {
		return append(out, r.wait(c, types, d)...)
	}
	for k := 1; k < len(types); k++ {
		out = append(out, get(r.fr.scratch[types[k]][k]))
	}
	out = append(out, c)
	if r.protocol && a.Kind == wasm.AccessNotify {
		out = append(out, set(r.fr.res), i32(ctlWakes), get(r.fr.res), memOp(wasm.OpI32AtomicRmwAdd, 0), ins(wasm.OpDrop), get(r.fr.res))
	}
	return out
}

// static reports whether the operands at positions ks are constants that
// settle the access's checks before the run (batch mode, where the test
// memory's size is fixed).
func (r *rewriter) static(args []operand, ks ...int) bool {
	if args == nil {
		return false
	}
	for _, k := range ks {
		if !args[k].known {
			return false
		}
	}
	return true
}

// shift adds the instance's base to the address on the stack (batch mode).
func (r *rewriter) shift() []wasm.Instr {
	return list(get(r.fr.base), ins(wasm.OpI32Add))
}

// limit pushes the test memory's size in bytes as an i64. It is a
// constant: only batch mode checks bounds, and there the test memory
// never changes size. The check reads nothing but the address, so it
// decides exactly what the engine would decide for the test's own memory.
func (r *rewriter) limit() []wasm.Instr {
	return list(i64(int64(r.p.limit)))
}

// checkAddr checks the address on the stack at run time: that the access
// [addr+offset, addr+offset+width) is within the test memory and, for an
// atomic, aligned. It leaves the (shifted) address on the stack.
func (r *rewriter) checkAddr(offset uint32, a *wasm.Access, d int) []wasm.Instr {
	out := list(tee(r.fr.addr), ins(wasm.OpI64ExtendI32U), i64(int64(offset)+int64(a.Width)), ins(wasm.OpI64Add))
	out = append(out, r.limit()...)
	out = append(out, ins(wasm.OpI64GtU), brIf(d+labelTrap))
	if a.Atomic && a.Width > 1 {
		out = append(out, get(r.fr.addr), i32(int64(offset)), ins(wasm.OpI32Add), i32(int64(a.Width-1)), ins(wasm.OpI32And), brIf(d+labelTrap))
	}
	out = append(out, get(r.fr.addr))
	return append(out, r.shift()...)
}

// bulk rewrites memory.fill (d, v, n) or memory.copy (d, s, n): both ranges
// checked, the addresses shifted.
func (r *rewriter) bulk(in *wasm.Instr, c wasm.Instr, depth int) []wasm.Instr {
	isCopy := in.Op == wasm.OpMemoryCopy
	s1, n := r.fr.scratch[wasm.I32][1], r.fr.scratch[wasm.I32][2]
	out := list(set(n), set(s1), set(r.fr.addr))
	if args := r.p.operands[in]; r.static(args, 0, 2) && (!isCopy || r.static(args, 1)) {
		if args[0].v+args[2].v > r.p.limit || (isCopy && args[1].v+args[2].v > r.p.limit) {
			return append(out, br(depth+labelTrap))
		}
	} else {
		out = append(out, r.rangeCheck(r.fr.addr, n, depth)...)
		if isCopy {
			out = append(out, r.rangeCheck(s1, n, depth)...)
		}
	}
	out = append(out, get(r.fr.addr))
	out = append(out, r.shift()...)
	out = append(out, get(s1))
	if isCopy {
		out = append(out, r.shift()...)
	}
	return append(out, get(n), c)
}

// rangeCheck traps unless [local start, start+local n) is within the test
// memory.
func (r *rewriter) rangeCheck(start, n uint32, d int) []wasm.Instr {
	out := list(get(start), ins(wasm.OpI64ExtendI32U), get(n), ins(wasm.OpI64ExtendI32U), ins(wasm.OpI64Add))
	out = append(out, r.limit()...)
	return append(out, ins(wasm.OpI64GtU), brIf(d+labelTrap))
}
