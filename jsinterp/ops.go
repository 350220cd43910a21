package jsinterp

import (
	"math"
	"math/big"
)

// maxBigBits bounds the BigInts a thread may compute; beyond it the
// operation throws a RangeError, as engines do at their own (larger)
// limit.
const maxBigBits = 1 << 16

// toNumeric is ToNumeric: a BigInt stays one, anything else becomes a
// Number.
func toNumeric(v value) (value, error) {
	if v.k == kBig {
		return v, nil
	}
	f, err := toNumber(v)
	return num(f).with(v.taint), err
}

// binop applies a binary operator other than && and || (ECMA-262
// ApplyStringOrNumericBinaryOperator, the relational and equality
// operators).
func binop(op string, l, r value) (value, error) {
	t := l.taint || r.taint
	switch op {
	case "===":
		return boolean(strictEqual(l, r)).with(t), nil
	case "!==":
		return boolean(!strictEqual(l, r)).with(t), nil
	case "==":
		return boolean(looseEqual(l, r)).with(t), nil
	case "!=":
		return boolean(!looseEqual(l, r)).with(t), nil
	case "<", ">", "<=", ">=":
		return boolean(compare(op, l, r)).with(t), nil
	case "instanceof":
		return boolean(l.k == kObj && l.o.kind == oError && r.k == kObj && l.o.name == r.o.name).with(t), nil
	case "+":
		if l.k == kStr || r.k == kStr {
			return str(toString(l) + toString(r)).with(t), nil
		}
	}
	a, err := toNumeric(l)
	if err != nil {
		return undef, err
	}
	b, err := toNumeric(r)
	if err != nil {
		return undef, err
	}
	if a.k != b.k {
		return undef, typeError("cannot mix BigInt and other types, use explicit conversions")
	}
	var v value
	if a.k == kBig {
		v, err = bigOp(op, a.b, b.b)
	} else {
		v, err = numOp(op, a.n, b.n)
	}
	return v.with(t), err
}

func numOp(op string, a, b float64) (value, error) {
	switch op {
	case "+":
		return num(a + b), nil
	case "-":
		return num(a - b), nil
	case "*":
		return num(a * b), nil
	case "/":
		return num(a / b), nil
	case "%":
		return num(math.Mod(a, b)), nil
	case "**":
		if math.IsNaN(b) || math.Abs(a) == 1 && math.IsInf(b, 0) {
			return num(math.NaN()), nil
		}
		return num(math.Pow(a, b)), nil
	case "&":
		return num(float64(toInt32(a) & toInt32(b))), nil
	case "|":
		return num(float64(toInt32(a) | toInt32(b))), nil
	case "^":
		return num(float64(toInt32(a) ^ toInt32(b))), nil
	case "<<":
		return num(float64(toInt32(a) << (toUint32Bits(b) & 31))), nil
	case ">>":
		return num(float64(toInt32(a) >> (toUint32Bits(b) & 31))), nil
	case ">>>":
		return num(float64(toUint32Bits(a) >> (toUint32Bits(b) & 31))), nil
	}
	return undef, typeError("unknown operator %s", op)
}

// bigArith are the BigInt operators that cannot throw but for the size
// of their result, which bigOp checks after them.
var bigArith = map[string]func(z, a, b *big.Int) *big.Int{
	"+": (*big.Int).Add, "-": (*big.Int).Sub, "*": (*big.Int).Mul,
	"&": (*big.Int).And, "|": (*big.Int).Or, "^": (*big.Int).Xor,
}

func bigOp(op string, a, b *big.Int) (value, error) {
	z := new(big.Int)
	switch op {
	case "+", "-", "*", "&", "|", "^":
		bigArith[op](z, a, b)
	case "/", "%":
		if b.Sign() == 0 {
			return undef, rangeError("Division by zero")
		}
		if op == "/" {
			z.Quo(a, b)
		} else {
			z.Rem(a, b)
		}
	case "**":
		if b.Sign() < 0 {
			return undef, rangeError("Exponent must be non-negative")
		}
		if a.BitLen() > 1 && (!b.IsInt64() || b.Int64()*int64(a.BitLen()) > maxBigBits) {
			return undef, rangeError("Maximum BigInt size exceeded")
		}
		z.Exp(a, b, nil)
	case "<<", ">>":
		if !b.IsInt64() || b.Int64() > maxBigBits || b.Int64() < -maxBigBits {
			if (op == "<<") == (b.Sign() > 0) && a.Sign() != 0 {
				return undef, rangeError("Maximum BigInt size exceeded")
			}
			if a.Sign() < 0 {
				return bigv(big.NewInt(-1)), nil
			}
			return bigv(z), nil
		}
		n := b.Int64()
		if op == ">>" {
			n = -n
		}
		if n >= 0 {
			z.Lsh(a, uint(n))
		} else {
			z.Rsh(a, uint(-n))
		}
	case ">>>":
		return undef, typeError("BigInts have no unsigned right shift, use >> instead")
	default:
		return undef, typeError("unknown operator %s", op)
	}
	if z.BitLen() > maxBigBits {
		return undef, rangeError("Maximum BigInt size exceeded")
	}
	return bigv(z), nil
}

func unop(op string, x value) (value, error) {
	t := x.taint
	switch op {
	case "!":
		return boolean(!truthy(x)).with(t), nil
	case "typeof":
		return str(typeOf(x)).with(t), nil
	case "+":
		f, err := toNumber(x)
		return num(f).with(t), err
	}
	n, err := toNumeric(x)
	if err != nil {
		return undef, err
	}
	if n.k == kBig {
		z := new(big.Int)
		if op == "-" {
			z.Neg(n.b)
		} else {
			z.Not(n.b)
		}
		return bigv(z).with(t), nil
	}
	if op == "-" {
		return num(-n.n).with(t), nil
	}
	return num(float64(^toInt32(n.n))).with(t), nil
}

// strictEqual is IsStrictlyEqual.
func strictEqual(a, b value) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case kUndef:
		return true
	case kNum, kBool:
		return a.n == b.n
	case kBig:
		return a.b.Cmp(b.b) == 0
	case kStr:
		return a.s == b.s
	}
	return a.o == b.o
}

// looseEqual is IsLooselyEqual for the values of the subset.
func looseEqual(a, b value) bool {
	if a.k == b.k {
		return strictEqual(a, b)
	}
	if a.k == kBool {
		return looseEqual(num(a.n), b)
	}
	if b.k == kBool {
		return looseEqual(a, num(b.n))
	}
	if a.k == kUndef || b.k == kUndef || a.k == kObj || b.k == kObj {
		return false
	}
	c, ok := numericCompare(a, b)
	return ok && c == 0
}

// numericCompare compares two primitives as numbers (strings converted,
// BigInts exactly); ok is false when either is NaN (or a string that is no
// BigInt against a BigInt).
func numericCompare(a, b value) (int, bool) {
	x, ok1 := asBigFloat(a, b)
	y, ok2 := asBigFloat(b, a)
	if !ok1 || !ok2 {
		return 0, false
	}
	return x.Cmp(y), true
}

// asBigFloat converts v to an exact big.Float; other says whether the
// comparison is with a BigInt (then strings are read as BigInts).
func asBigFloat(v, other value) (*big.Float, bool) {
	switch v.k {
	case kBig:
		return new(big.Float).SetInt(v.b), true
	case kStr:
		if other.k == kBig {
			b, err := toBigInt(v)
			if err != nil {
				return nil, false
			}
			return new(big.Float).SetInt(b), true
		}
	}
	f, err := toNumber(v)
	if err != nil || math.IsNaN(f) {
		return nil, false
	}
	return new(big.Float).SetFloat64(f), true
}

// compare is the relational operators (IsLessThan).
func compare(op string, a, b value) bool {
	var c int
	if a.k == kStr && b.k == kStr {
		switch {
		case a.s < b.s:
			c = -1
		case a.s > b.s:
			c = 1
		}
	} else {
		var ok bool
		if c, ok = numericCompare(a, b); !ok {
			return false
		}
	}
	switch op {
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	}
	return c >= 0
}
