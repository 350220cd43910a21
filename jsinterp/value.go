package jsinterp

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"wmm/js"
)

// kind is the type of a value (ECMA-262 §6.1).
type kind uint8

const (
	kUndef kind = iota
	kNum
	kBig
	kBool
	kStr
	kObj
)

// value is a JS value, with whether it was computed from memory (for the
// enumerator's value domain: interp.Trace.Tainted).
type value struct {
	k     kind
	n     float64
	b     *big.Int
	s     string
	o     *object
	taint bool
}

// objKind says what an object is.
type objKind uint8

const (
	oMemory objKind = iota + 1
	oAtomics
	oBuffer   // a SharedArrayBuffer over the memory, of fixed length
	oTyped    // a typed array
	oDataView // a DataView
	oError    // a RangeError or TypeError
	oCtor     // a constructor or function of the subset (name in name)
)

// object is an object of the subset.
type object struct {
	kind   objKind
	buf    *object // the viewed buffer (typed arrays, DataViews)
	length uint64  // buffer: byte length; typed array: elements; DataView: bytes
	off    uint64  // byte offset of a view
	elem   *js.ElemType
	name   string // error or constructor name
	taint  bool   // depends on a length read from memory
}

var undef = value{}

func num(f float64) value         { return value{k: kNum, n: f} }
func bigv(b *big.Int) value       { return value{k: kBig, b: b} }
func boolean(b bool) value        { return value{k: kBool, n: b2f(b)} }
func str(s string) value          { return value{k: kStr, s: s} }
func obj(o *object) value         { return value{k: kObj, o: o} }
func (v value) with(t bool) value { v.taint = v.taint || t; return v }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// thrown is a JS exception in flight: a RangeError or a TypeError.
type thrown struct {
	err *object
	msg string
}

func (t *thrown) Error() string { return t.err.name + ": " + t.msg }

func throw(name, format string, args ...any) error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &thrown{err: &object{kind: oError, name: name}, msg: msg}
}

func rangeError(format string, args ...any) error { return throw("RangeError", format, args...) }
func typeError(format string, args ...any) error  { return throw("TypeError", format, args...) }

// truthy is ToBoolean.
func truthy(v value) bool {
	switch v.k {
	case kNum:
		return v.n != 0 && !math.IsNaN(v.n)
	case kBig:
		return v.b.Sign() != 0
	case kBool:
		return v.n != 0
	case kStr:
		return v.s != ""
	case kObj:
		return true
	}
	return false
}

// toNumber is ToNumber for primitives (objects never reach it: package js
// keeps them out of conversions).
func toNumber(v value) (float64, error) {
	switch v.k {
	case kNum, kBool:
		return v.n, nil
	case kBig:
		return 0, typeError("cannot convert a BigInt value to a number")
	case kStr:
		return stringToNumber(v.s), nil
	case kObj:
		return math.NaN(), nil
	}
	return math.NaN(), nil
}

// stringToNumber is StringToNumber (ECMA-262 §7.1.4.1.1).
func stringToNumber(s string) float64 {
	s = strings.TrimFunc(s, isJSSpace)
	if s == "" {
		return 0
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			b, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "_+-") {
				return math.NaN()
			}
			f, _ := new(big.Float).SetInt(b).Float64()
			return f
		}
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return math.NaN()
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return math.NaN()
	}
	return f
}

func isJSSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0xFEFF, 0x2028, 0x2029:
		return true
	}
	return r > 0x7f && strings.ContainsRune("\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", r)
}

// toBigInt is ToBigInt: Numbers are a TypeError, strings are parsed.
func toBigInt(v value) (*big.Int, error) {
	switch v.k {
	case kBig:
		return v.b, nil
	case kBool:
		return big.NewInt(int64(v.n)), nil
	case kStr:
		s := strings.TrimFunc(v.s, isJSSpace)
		if s == "" {
			return new(big.Int), nil
		}
		base, digits := 10, s
		if len(s) > 2 && s[0] == '0' {
			switch s[1] {
			case 'x', 'X':
				base, digits = 16, s[2:]
			case 'o', 'O':
				base, digits = 8, s[2:]
			case 'b', 'B':
				base, digits = 2, s[2:]
			}
		}
		b, ok := new(big.Int).SetString(digits, base)
		if !ok || strings.Contains(digits, "_") || base != 10 && strings.ContainsAny(digits[:1], "+-") {
			return nil, throw("SyntaxError", "cannot convert %s to a BigInt", v.s)
		}
		return b, nil
	case kNum:
		return nil, typeError("cannot convert a Number to a BigInt")
	}
	return nil, typeError("cannot convert undefined to a BigInt")
}

// numberToBigInt is BigInt(n) for a Number: a RangeError unless integral.
func numberToBigInt(f float64) (*big.Int, error) {
	if !js.IsIntegral(f) {
		return nil, rangeError("%s cannot be converted to a BigInt because it is not an integer", numberString(f))
	}
	b, _ := new(big.Float).SetFloat64(f).Int(nil)
	return b, nil
}

// toIntegerOrInfinity is ToIntegerOrInfinity.
func toIntegerOrInfinity(v value) (float64, error) {
	f, err := toNumber(v)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || f == 0 {
		return 0, nil
	}
	return math.Trunc(f), nil
}

// toIndex is ToIndex: undefined is 0; a RangeError outside 0..2^53-1.
func toIndex(v value) (uint64, error) {
	if v.k == kUndef {
		return 0, nil
	}
	f, err := toIntegerOrInfinity(v)
	if err != nil {
		return 0, err
	}
	if f < 0 || f > 1<<53-1 {
		return 0, rangeError("invalid index %s", numberString(f))
	}
	return uint64(f), nil
}

// toUint32Bits is the modular conversion ToUint32 (ToInt32 is its signed
// reading).
func toUint32Bits(f float64) uint32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Mod(math.Trunc(f), 1<<32)
	if f < 0 {
		f += 1 << 32
	}
	return uint32(f)
}

func toInt32(f float64) int32 { return int32(toUint32Bits(f)) }

// modBits returns f (integral, finite) modulo 2^64, as ToBigInt64 etc.
func modBits(f float64) uint64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Trunc(f)
	b, _ := new(big.Float).SetFloat64(f).Int(nil)
	return bigBits(b)
}

var two64 = new(big.Int).Lsh(big.NewInt(1), 64)

// bigBits returns b modulo 2^64.
func bigBits(b *big.Int) uint64 {
	m := new(big.Int).Mod(b, two64)
	return m.Uint64()
}

// numberString is Number::toString(10) (ECMA-262 §6.1.6.1.20).
func numberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f < 0:
		return "-" + numberString(-f)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±x
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1
	switch {
	case k <= n && n <= 21:
		return digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return "0." + strings.Repeat("0", -n) + digits
	}
	sign := "+"
	if n-1 < 0 {
		sign = "-"
	}
	ex := strconv.Itoa(abs(n - 1))
	if k == 1 {
		return digits + "e" + sign + ex
	}
	return digits[:1] + "." + digits[1:] + "e" + sign + ex
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// toString is ToString for primitives.
func toString(v value) string {
	switch v.k {
	case kUndef:
		return "undefined"
	case kNum:
		return numberString(v.n)
	case kBig:
		return v.b.String()
	case kBool:
		if v.n != 0 {
			return "true"
		}
		return "false"
	case kStr:
		return v.s
	}
	switch v.o.kind {
	case oError:
		return v.o.name
	case oBuffer:
		return "[object SharedArrayBuffer]"
	}
	return "[object Object]"
}

// typeOf is the typeof operator.
func typeOf(v value) string {
	switch v.k {
	case kUndef:
		return "undefined"
	case kNum:
		return "number"
	case kBig:
		return "bigint"
	case kBool:
		return "boolean"
	case kStr:
		return "string"
	}
	if v.o.kind == oCtor {
		return "function"
	}
	return "object"
}

// Register encodings of values that are not integers (LITMUS.md
// "JavaScript threads").
const (
	// UndefinedBits is how undefined appears in an outcome: 2^63.
	UndefinedBits = 1 << 63
	canonicalNaN  = 0x7FF8000000000000
)

// waitStrings are Atomics.wait's results, observed as Wasm's wait codes.
var waitStrings = map[string]uint64{"ok": 0, "not-equal": 1, "timed-out": 2}

// Register returns how v appears in an outcome: an integral Number or a
// BigInt as the integer modulo 2^64, true and false as 1 and 0, the wait
// results "ok", "not-equal", "timed-out" as 0, 1, 2 (the codes of Wasm's
// wait), undefined as 2^63, other Numbers (fractions, infinities, NaN) as
// their float64 bits; objects and other strings are 0.
func register(v value) uint64 {
	switch v.k {
	case kUndef:
		return UndefinedBits
	case kNum:
		f := v.n
		if math.IsNaN(f) {
			return canonicalNaN
		}
		if js.IsIntegral(f) && f >= -(1<<63) && f < 1<<64 {
			if f < 0 {
				return uint64(int64(f))
			}
			return uint64(f)
		}
		return math.Float64bits(f)
	case kBig:
		return bigBits(v.b)
	case kBool:
		return uint64(v.n)
	case kStr:
		return waitStrings[v.s]
	}
	return 0
}
