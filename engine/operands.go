package engine

import "wmm/wasm"

// An operand is what is known statically about one value on the operand
// stack: an i32 or i64 constant, or nothing.
type operand struct {
	known bool
	v     uint64 // an i32 constant is zero-extended
}

// constOperands returns, for every memory instruction in body, its operands
// (bottom of the stack first) as far as they are constants pushed by
// i32.const or i64.const. It lets the harness tell which accesses have a fixed address,
// so that their footprint and their bounds and alignment checks are known
// before the test runs. Code after an unconditional branch is treated as
// reachable with unknown operands.
func constOperands(body []wasm.Instr) map[*wasm.Instr][]operand {
	out := map[*wasm.Instr][]operand{}
	var s opStack
	s.walk(body, out)
	return out
}

// opStack is the abstract operand stack of one block.
type opStack struct {
	vals []operand
}

func (s *opStack) push(o operand) { s.vals = append(s.vals, o) }

// pop removes n operands and returns them, bottom first; missing operands
// (in unreachable code) are unknown.
func (s *opStack) pop(n int) []operand {
	got := make([]operand, n)
	k := len(s.vals) - n
	for i := range n {
		if k+i >= 0 {
			got[i] = s.vals[k+i]
		}
	}
	s.vals = s.vals[:max(k, 0)]
	return got
}

func (s *opStack) pushUnknown(n int) {
	for range n {
		s.push(operand{})
	}
}

func (s *opStack) walk(list []wasm.Instr, out map[*wasm.Instr][]operand) {
	for i := range list {
		s.step(&list[i], out)
	}
}

// step applies one instruction's stack effect.
func (s *opStack) step(in *wasm.Instr, out map[*wasm.Instr][]operand) {
	info := in.Op.Info()
	switch in.Op {
	case wasm.OpBlock, wasm.OpLoop, wasm.OpIf:
		if in.Op == wasm.OpIf {
			s.pop(1)
		}
		var inner opStack
		inner.walk(in.Body, out)
		var els opStack
		els.walk(in.Else, out)
		if in.Result != 0 {
			s.pushUnknown(1)
		}
	case wasm.OpBr, wasm.OpReturn, wasm.OpUnreachable:
		s.vals = s.vals[:0]
	case wasm.OpBrIf, wasm.OpDrop, wasm.OpLocalSet:
		s.pop(1)
	case wasm.OpSelect:
		s.pop(3)
		s.pushUnknown(1)
	case wasm.OpLocalGet:
		s.pushUnknown(1)
	case wasm.OpLocalTee:
		s.pop(1)
		s.pushUnknown(1)
	case wasm.OpI32Const:
		s.push(operand{known: true, v: uint64(uint32(in.Value))})
	case wasm.OpI64Const:
		s.push(operand{known: true, v: in.Value})
	case wasm.OpNop:
	default:
		ops := s.pop(len(info.In))
		if info.Access != nil {
			out[in] = ops
		}
		s.pushUnknown(len(info.Out))
	}
}
