package enumerate

import (
	"math/big"
	"math/bits"
	"strconv"
)

// A Count counts executions exactly: a uint64 while it fits, a big.Int
// beyond (16 racing i32 loads stand for 2^64 executions). The zero Count is
// 0. Counts are values; their methods return new ones.
type Count struct {
	n   uint64
	big *big.Int // nil while the count fits in n
}

// CountOf returns the Count n.
func CountOf(n uint64) Count { return Count{n: n} }

func (c Count) bigInt() *big.Int {
	if c.big != nil {
		return c.big
	}
	return new(big.Int).SetUint64(c.n)
}

func fromBig(b *big.Int) Count {
	if b.IsUint64() {
		return Count{n: b.Uint64()}
	}
	return Count{big: b}
}

// Add returns c + d.
func (c Count) Add(d Count) Count {
	if c.big == nil && d.big == nil {
		if s, carry := bits.Add64(c.n, d.n, 0); carry == 0 {
			return Count{n: s}
		}
	}
	return fromBig(new(big.Int).Add(c.bigInt(), d.bigInt()))
}

// Mul returns c × d.
func (c Count) Mul(d Count) Count {
	if c.big == nil && d.big == nil {
		if hi, lo := bits.Mul64(c.n, d.n); hi == 0 {
			return Count{n: lo}
		}
	}
	return fromBig(new(big.Int).Mul(c.bigInt(), d.bigInt()))
}

// IsZero reports whether c is 0.
func (c Count) IsZero() bool { return c.big == nil && c.n == 0 }

// Uint64 returns c, and whether it fits in a uint64 (if not, the largest
// uint64).
func (c Count) Uint64() (uint64, bool) {
	if c.big != nil {
		return ^uint64(0), false
	}
	return c.n, true
}

// Cmp compares c and d: -1, 0 or +1.
func (c Count) Cmp(d Count) int {
	if c.big == nil && d.big == nil {
		switch {
		case c.n < d.n:
			return -1
		case c.n > d.n:
			return 1
		}
		return 0
	}
	return c.bigInt().Cmp(d.bigInt())
}

// String prints c in decimal, exactly.
func (c Count) String() string {
	if c.big != nil {
		return c.big.String()
	}
	return strconv.FormatUint(c.n, 10)
}

// maxJSONInt is the largest integer every JSON reader holds exactly
// (JavaScript's Number.MAX_SAFE_INTEGER, 2^53-1).
const maxJSONInt = 1<<53 - 1

// MarshalJSON writes c as a JSON number when a double holds it exactly
// (up to 2^53-1), and as a string of its decimal digits beyond, so that no
// reader overflows (LITMUS.md, "wmm check --json").
func (c Count) MarshalJSON() ([]byte, error) {
	if c.big == nil && c.n <= maxJSONInt {
		return strconv.AppendUint(nil, c.n, 10), nil
	}
	return strconv.AppendQuote(nil, c.String()), nil
}

// Saturated returns c, or the largest uint64 when c does not fit.
func (c Count) Saturated() uint64 {
	n, _ := c.Uint64()
	return n
}
