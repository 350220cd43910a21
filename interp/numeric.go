package interp

import (
	"math/bits"
	"unsafe"

	"wmm/wasm"
)

// numeric executes an arithmetic, comparison or conversion instruction. It
// returns false when the instruction traps (division by zero, signed
// overflow of div_s).
func (m *machine) numeric(in *wasm.Instr) bool {
	info := in.Op.Info()
	if len(info.In) == 1 {
		a := m.pop()
		m.push(value{unary(in.Op, a.bits), a.taint})
		return true
	}
	b, a := m.pop(), m.pop()
	r, ok := binop(in.Op, a.bits, b.bits)
	if b.taint && mayTrap(in.Op) {
		m.branched = true // later writes exist only if this did not trap
	}
	m.push(value{r, a.taint || b.taint})
	return ok
}

// mayTrap reports whether op traps for some operands.
func mayTrap(op wasm.Op) bool {
	switch op {
	case wasm.OpI32DivS, wasm.OpI32DivU, wasm.OpI32RemS, wasm.OpI32RemU,
		wasm.OpI64DivS, wasm.OpI64DivU, wasm.OpI64RemS, wasm.OpI64RemU:
		return true
	}
	return false
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// unary computes a one-operand instruction on the operand's bits.
func unary(op wasm.Op, a uint64) uint64 {
	x := uint32(a)
	v, w := a, 64 // the operand and its width
	if op.Info().In[0] == wasm.I32 {
		v, w = uint64(x), 32
	}
	switch op {
	case wasm.OpI32Eqz, wasm.OpI64Eqz:
		return b2u(v == 0)
	case wasm.OpI32Clz, wasm.OpI64Clz:
		return uint64(w - bits.Len64(v))
	case wasm.OpI32Ctz, wasm.OpI64Ctz:
		return uint64(min(bits.TrailingZeros64(v), w))
	case wasm.OpI32Popcnt, wasm.OpI64Popcnt:
		return uint64(bits.OnesCount64(v))
	case wasm.OpI32WrapI64:
		return uint64(x)
	case wasm.OpI64ExtendI32S:
		return uint64(int64(int32(x)))
	case wasm.OpI64ExtendI32U:
		return uint64(x)
	case wasm.OpI32ReinterpretF32, wasm.OpF32ReinterpretI32:
		return uint64(x)
	case wasm.OpI64ReinterpretF64, wasm.OpF64ReinterpretI64:
		return a
	case wasm.OpI32Extend8S:
		return uint64(uint32(int32(int8(x))))
	case wasm.OpI32Extend16S:
		return uint64(uint32(int32(int16(x))))
	case wasm.OpI64Extend8S:
		return uint64(int64(int8(a)))
	case wasm.OpI64Extend16S:
		return uint64(int64(int16(a)))
	case wasm.OpI64Extend32S:
		return uint64(int64(int32(a)))
	}
	return 0
}

// binop computes a two-operand instruction; ok is false when it traps.
func binop(op wasm.Op, a, b uint64) (r uint64, ok bool) {
	k := intOps[op]
	if op.Info().In[0] == wasm.I64 {
		return intBinary[uint64, int64](k, a, b)
	}
	z, ok := intBinary[uint32, int32](k, uint32(a), uint32(b))
	return uint64(z), ok
}

// An intOp is a two-operand integer instruction without its width:
// i32.add and i64.add are both intAdd.
type intOp uint8

// The integer instructions, named by their text after "i32." or "i64.".
const (
	intNone intOp = iota
	intEq
	intNe
	intLtS
	intLtU
	intGtS
	intGtU
	intLeS
	intLeU
	intGeS
	intGeU
	intAdd
	intSub
	intMul
	intDivS
	intDivU
	intRemS
	intRemU
	intAnd
	intOr
	intXor
	intShl
	intShrS
	intShrU
	intRotl
	intRotr
	intCount
)

// intOpNames are the instructions' names after the width, in intOp order.
var intOpNames = [intCount]string{"", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
	"add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"}

// intOps maps each i32 and i64 two-operand instruction to its intOp.
var intOps = func() map[wasm.Op]intOp {
	m := map[wasm.Op]intOp{}
	for k := intEq; k < intCount; k++ {
		for _, width := range []string{"i32.", "i64."} {
			op, ok := wasm.Lookup(width + intOpNames[k])
			if !ok {
				panic("interp: no instruction " + width + intOpNames[k])
			}
			m[op] = k
		}
	}
	return m
}()

// intBinary computes k on operands of type U (uint32 or uint64), with S
// the signed type of the same width; ok is false when it traps (division
// by zero, signed overflow of div_s). Comparisons give 0 or 1; shift and
// rotate counts are taken modulo the width.
func intBinary[U uint32 | uint64, S int32 | int64](k intOp, x, y U) (U, bool) {
	w := U(8 * unsafe.Sizeof(x))
	sx, sy := S(x), S(y)
	switch k {
	case intEq:
		return U(b2u(x == y)), true
	case intNe:
		return U(b2u(x != y)), true
	case intLtS:
		return U(b2u(sx < sy)), true
	case intLtU:
		return U(b2u(x < y)), true
	case intGtS:
		return U(b2u(sx > sy)), true
	case intGtU:
		return U(b2u(x > y)), true
	case intLeS:
		return U(b2u(sx <= sy)), true
	case intLeU:
		return U(b2u(x <= y)), true
	case intGeS:
		return U(b2u(sx >= sy)), true
	case intGeU:
		return U(b2u(x >= y)), true
	case intAdd:
		return x + y, true
	case intSub:
		return x - y, true
	case intMul:
		return x * y, true
	case intDivS:
		if y == 0 || (x == 1<<(w-1) && sy == -1) {
			return 0, false
		}
		return U(sx / sy), true
	case intDivU:
		if y == 0 {
			return 0, false
		}
		return x / y, true
	case intRemS:
		if y == 0 {
			return 0, false
		}
		if sy == -1 {
			return 0, true
		}
		return U(sx % sy), true
	case intRemU:
		if y == 0 {
			return 0, false
		}
		return x % y, true
	case intAnd:
		return x & y, true
	case intOr:
		return x | y, true
	case intXor:
		return x ^ y, true
	case intShl:
		return x << (y % w), true
	case intShrS:
		return U(sx >> (y % w)), true
	case intShrU:
		return x >> (y % w), true
	case intRotl:
		return x<<(y%w) | x>>(w-y%w), true
	case intRotr:
		return x>>(y%w) | x<<(w-y%w), true
	}
	return 0, true
}
