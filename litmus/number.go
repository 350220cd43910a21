package litmus

import "strings"

// parseUint parses an unsigned integer literal: decimal digits, or 0x (or
// 0X) and hex digits, with single _ allowed between digits as in the
// WebAssembly text format. ok is false when s is not such a literal; big is
// true when it is one but exceeds 2^64-1.
// isHexLiteral reports whether an integer literal is written in hex
// (0x or 0X after an optional sign), so that printing keeps its radix.
func isHexLiteral(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

func parseUint(s string) (v uint64, ok, big bool) {
	base := uint64(10)
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return 0, false, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '_' {
			continue
		}
		d := digitValue(s[i])
		if d >= base {
			return 0, false, false
		}
		if v > (1<<64-1-d)/base {
			big = true
		}
		v = v*base + d
	}
	if big {
		return 0, true, true
	}
	return v, true, false
}

// parseInt parses an integer literal with an optional sign. It returns the
// sign and the magnitude.
func parseInt(s string) (neg bool, mag uint64, ok, big bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	mag, ok, big = parseUint(s)
	if neg && mag > 1<<63 {
		big = true
	}
	return neg, mag, ok, big
}

func digitValue(c byte) uint64 {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0')
	case 'a' <= c && c <= 'f':
		return uint64(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return uint64(c-'A') + 10
	}
	return 99
}

// fits reports whether the integer (neg, mag) lies in the range of a
// bits-wide integer, signed or unsigned: -2^(bits-1) to 2^bits-1.
func fits(neg bool, mag uint64, bits int) bool {
	if bits >= 64 {
		return !neg || mag <= 1<<63
	}
	if neg {
		return mag <= 1<<(bits-1)
	}
	return mag < 1<<bits
}

// reduce returns the integer (neg, mag) modulo 2^bits.
func reduce(neg bool, mag uint64, bits int) uint64 {
	v := mag
	if neg {
		v = -mag
	}
	if bits < 64 {
		v &= 1<<bits - 1
	}
	return v
}
