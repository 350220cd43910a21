package campaign

import (
	"fmt"
	"strconv"
	"strings"
)

// A Shard is one of N deterministic slices of a list of tests: shard I of
// N (1 ≤ I ≤ N) holds a contiguous run of the list, and the N shards,
// taken in order, hold every test exactly once. The zero Shard is the
// whole list. Contiguous slices keep the outputs of check and validate in
// input order: the shards' outputs, concatenated in shard order, are the
// unsharded output.
type Shard struct {
	I, N int
}

// ParseShard parses "I/N" (--shard): two whole numbers with 1 ≤ I ≤ N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("expected I/N (shard I of N, for example 2/8), found %q", s)
	}
	si, err1 := strconv.Atoi(strings.TrimSpace(i))
	sn, err2 := strconv.Atoi(strings.TrimSpace(n))
	switch {
	case err1 != nil || err2 != nil:
		return Shard{}, fmt.Errorf("expected I/N with whole numbers I and N, found %q", s)
	case sn < 1 || si < 1 || si > sn:
		return Shard{}, fmt.Errorf("expected I/N with 1 ≤ I ≤ N, found %q", s)
	}
	return Shard{si, sn}, nil
}

// String returns "I/N", or "1/1" for the whole list.
func (s Shard) String() string {
	if s.N == 0 {
		return "1/1"
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// Range returns the indices [lo, hi) of shard s in a list of total items:
// shard I holds the items from ⌊(I-1)·total/N⌋ to ⌊I·total/N⌋, so shard
// sizes differ by at most one.
func (s Shard) Range(total int) (lo, hi int) {
	if s.N <= 1 {
		return 0, total
	}
	return (s.I - 1) * total / s.N, s.I * total / s.N
}

// Select returns the items of shard s of list, in order.
func Select[T any](s Shard, list []T) []T {
	lo, hi := s.Range(len(list))
	return list[lo:hi]
}
