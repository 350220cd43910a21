package budget

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

var sizeUnits = []struct {
	suffix string
	mult   uint64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// ParseSize reads a size in bytes: a number with an optional unit, KiB,
// MiB, GiB, TiB (powers of 1024; K, M, G, T mean the same), KB, MB, GB,
// TB (powers of 1000) or B: "512MiB", "2GiB", "1.5G", "100000".
func ParseSize(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	mult := uint64(1)
	for _, u := range sizeUnits {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("invalid size %q (want a number of bytes with an optional unit: 512MiB, 2GiB)", s)
	}
	v := f * float64(mult)
	if v >= math.MaxUint64 {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return uint64(v), nil
}

// FormatSize prints a byte count with the largest binary unit that
// divides it to one decimal: 2GiB, 1.5GiB, 640KiB, 100B.
func FormatSize(n uint64) string {
	units := []struct {
		suffix string
		mult   uint64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}
	for _, u := range units {
		if n >= u.mult {
			v := float64(n) / float64(u.mult)
			return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) + u.suffix
		}
	}
	return strconv.FormatUint(n, 10) + "B"
}
