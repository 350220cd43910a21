package enumerate

import (
	"encoding/json"
	"math"
	"testing"
)

// TestCount checks exact counting past 64 bits and the JSON form: a
// number up to 2^53-1, a string of digits beyond.
func TestCount(t *testing.T) {
	two64 := CountOf(1 << 32).Mul(CountOf(1 << 32))
	for _, tt := range []struct {
		name string
		c    Count
		str  string
		json string
	}{
		{"zero", Count{}, "0", "0"},
		{"small", CountOf(6), "6", "6"},
		{"2^53-1", CountOf(1<<53 - 1), "9007199254740991", "9007199254740991"},
		{"2^53", CountOf(1 << 53), "9007199254740992", `"9007199254740992"`},
		{"max uint64 + 1", CountOf(math.MaxUint64).Add(CountOf(1)), "18446744073709551616", `"18446744073709551616"`},
		{"2^64 by Mul", two64, "18446744073709551616", `"18446744073709551616"`},
		{"2^64 * 16 + 3", two64.Mul(CountOf(16)).Add(CountOf(3)), "295147905179352825859", `"295147905179352825859"`},
	} {
		if got := tt.c.String(); got != tt.str {
			t.Errorf("%s: String %s, want %s", tt.name, got, tt.str)
		}
		b, err := json.Marshal(tt.c)
		if err != nil || string(b) != tt.json {
			t.Errorf("%s: JSON %s (%v), want %s", tt.name, b, err, tt.json)
		}
	}
	if _, ok := two64.Uint64(); ok {
		t.Errorf("2^64 fits in a uint64")
	}
	if two64.Cmp(CountOf(math.MaxUint64)) <= 0 || CountOf(3).Cmp(CountOf(5)) >= 0 || two64.Cmp(CountOf(1<<32).Mul(CountOf(1<<32))) != 0 {
		t.Errorf("Cmp orders counts wrongly")
	}
	if !(Count{}).IsZero() || CountOf(1).IsZero() || two64.IsZero() {
		t.Errorf("IsZero wrong")
	}
}
