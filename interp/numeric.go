package interp

import (
	"math/bits"

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
	switch op {
	case wasm.OpI32Eqz:
		return b2u(x == 0)
	case wasm.OpI64Eqz:
		return b2u(a == 0)
	case wasm.OpI32Clz:
		return uint64(bits.LeadingZeros32(x))
	case wasm.OpI32Ctz:
		return uint64(bits.TrailingZeros32(x))
	case wasm.OpI32Popcnt:
		return uint64(bits.OnesCount32(x))
	case wasm.OpI64Clz:
		return uint64(bits.LeadingZeros64(a))
	case wasm.OpI64Ctz:
		return uint64(bits.TrailingZeros64(a))
	case wasm.OpI64Popcnt:
		return uint64(bits.OnesCount64(a))
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
	if op.Info().In[0] == wasm.I64 {
		return binary64(op, a, b)
	}
	x, y := uint32(a), uint32(b)
	switch op {
	case wasm.OpI32Eq:
		return b2u(x == y), true
	case wasm.OpI32Ne:
		return b2u(x != y), true
	case wasm.OpI32LtS:
		return b2u(int32(x) < int32(y)), true
	case wasm.OpI32LtU:
		return b2u(x < y), true
	case wasm.OpI32GtS:
		return b2u(int32(x) > int32(y)), true
	case wasm.OpI32GtU:
		return b2u(x > y), true
	case wasm.OpI32LeS:
		return b2u(int32(x) <= int32(y)), true
	case wasm.OpI32LeU:
		return b2u(x <= y), true
	case wasm.OpI32GeS:
		return b2u(int32(x) >= int32(y)), true
	case wasm.OpI32GeU:
		return b2u(x >= y), true
	}
	z, ok := binary32(op, x, y)
	return uint64(z), ok
}

func binary32(op wasm.Op, x, y uint32) (uint32, bool) {
	switch op {
	case wasm.OpI32Add:
		return x + y, true
	case wasm.OpI32Sub:
		return x - y, true
	case wasm.OpI32Mul:
		return x * y, true
	case wasm.OpI32DivS:
		if y == 0 || (int32(x) == -1<<31 && int32(y) == -1) {
			return 0, false
		}
		return uint32(int32(x) / int32(y)), true
	case wasm.OpI32DivU:
		if y == 0 {
			return 0, false
		}
		return x / y, true
	case wasm.OpI32RemS:
		if y == 0 {
			return 0, false
		}
		if int32(y) == -1 {
			return 0, true
		}
		return uint32(int32(x) % int32(y)), true
	case wasm.OpI32RemU:
		if y == 0 {
			return 0, false
		}
		return x % y, true
	case wasm.OpI32And:
		return x & y, true
	case wasm.OpI32Or:
		return x | y, true
	case wasm.OpI32Xor:
		return x ^ y, true
	case wasm.OpI32Shl:
		return x << (y % 32), true
	case wasm.OpI32ShrS:
		return uint32(int32(x) >> (y % 32)), true
	case wasm.OpI32ShrU:
		return x >> (y % 32), true
	case wasm.OpI32Rotl:
		return bits.RotateLeft32(x, int(y%32)), true
	case wasm.OpI32Rotr:
		return bits.RotateLeft32(x, -int(y%32)), true
	}
	return 0, true
}

func binary64(op wasm.Op, x, y uint64) (uint64, bool) {
	switch op {
	case wasm.OpI64Eq:
		return b2u(x == y), true
	case wasm.OpI64Ne:
		return b2u(x != y), true
	case wasm.OpI64LtS:
		return b2u(int64(x) < int64(y)), true
	case wasm.OpI64LtU:
		return b2u(x < y), true
	case wasm.OpI64GtS:
		return b2u(int64(x) > int64(y)), true
	case wasm.OpI64GtU:
		return b2u(x > y), true
	case wasm.OpI64LeS:
		return b2u(int64(x) <= int64(y)), true
	case wasm.OpI64LeU:
		return b2u(x <= y), true
	case wasm.OpI64GeS:
		return b2u(int64(x) >= int64(y)), true
	case wasm.OpI64GeU:
		return b2u(x >= y), true
	case wasm.OpI64Add:
		return x + y, true
	case wasm.OpI64Sub:
		return x - y, true
	case wasm.OpI64Mul:
		return x * y, true
	case wasm.OpI64DivS:
		if y == 0 || (int64(x) == -1<<63 && int64(y) == -1) {
			return 0, false
		}
		return uint64(int64(x) / int64(y)), true
	case wasm.OpI64DivU:
		if y == 0 {
			return 0, false
		}
		return x / y, true
	case wasm.OpI64RemS:
		if y == 0 {
			return 0, false
		}
		if int64(y) == -1 {
			return 0, true
		}
		return uint64(int64(x) % int64(y)), true
	case wasm.OpI64RemU:
		if y == 0 {
			return 0, false
		}
		return x % y, true
	case wasm.OpI64And:
		return x & y, true
	case wasm.OpI64Or:
		return x | y, true
	case wasm.OpI64Xor:
		return x ^ y, true
	case wasm.OpI64Shl:
		return x << (y % 64), true
	case wasm.OpI64ShrS:
		return uint64(int64(x) >> (y % 64)), true
	case wasm.OpI64ShrU:
		return x >> (y % 64), true
	case wasm.OpI64Rotl:
		return bits.RotateLeft64(x, int(y%64)), true
	case wasm.OpI64Rotr:
		return bits.RotateLeft64(x, -int(y%64)), true
	}
	return 0, true
}
