package engine

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSkewTuner checks the direction and size of the tuner's moves: two
// threads, 100 instances a batch, with the overlap masks that a thread
// that is early (its body done before the other began) leaves.
func TestSkewTuner(t *testing.T) {
	tests := []struct {
		name    string
		saw     [2]uint32
		leader  [2]bool
		batches int
		want    []uint32 // [T0, T0 as releaser, T1, T1 as releaser]
	}{
		// Overlap: nothing moves.
		{"overlap", [2]uint32{0b10, 0b01}, [2]bool{false, true}, 3, []uint32{0, 0, 0, 0}},
		// T0 (not releasing) always early, T1 (releasing) always late:
		// T0's offset grows by skewGain a batch, T1's stays at zero.
		{"early", [2]uint32{0b10, 0b00}, [2]bool{false, true}, 3, []uint32{3 * skewGain, 0, 0, 0}},
		// The other way round.
		{"late", [2]uint32{0b00, 0b01}, [2]bool{true, false}, 2, []uint32{0, 0, 2 * skewGain, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSkewTuner(2)
			for range tc.batches {
				for range 100 {
					s.observe(tc.saw[:], tc.leader[:])
				}
				s.update()
			}
			if diff := cmp.Diff(tc.want, s.off); diff != "" {
				t.Errorf("offsets (-want +got):\n%s", diff)
			}
		})
	}
}
