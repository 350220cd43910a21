package catalog

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSummary checks how catalog shortens a doc to one line.
func TestSummary(t *testing.T) {
	tests := []struct {
		doc, want string
	}{
		{"One sentence.", "One sentence."},
		{"First one. Second one.", "First one."},
		{"Lines\n  folded. Next.", "Lines folded."},
		{"The paper's Fig. 18: a program. More.", "The paper's Fig. 18: a program."},
		{"Values e.g. 1. Then more.", "Values e.g. 1."},
		{"Values (e.g. a cell) differ. More.", "Values (e.g. a cell) differ."},
		{"Plain accesses. atomic.fence is code.", "Plain accesses."},
		{"See §12. It says.", "See §12."},
		{"No period at all", "No period at all"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Summary(tc.doc); got != tc.want {
			t.Errorf("Summary(%q) = %q, want %q", tc.doc, got, tc.want)
		}
	}
}

// TestClosestNames checks the suggestions for an unknown name.
func TestClosestNames(t *testing.T) {
	names := []string{"MP", "MP+sc", "SB", "SB+sc", "S+sc", "wait", "tearing", "Tear+f32"}
	tests := []struct {
		name string
		want []string
	}{
		{"mp+SC", []string{"MP+sc"}},        // case only
		{"SBsc", []string{"S+sc", "SB+sc"}}, // a tie
		{"wiat", []string{"wait"}},          // a transposition
		{"Tear", []string{"Tear+f32", "tearing"}},
		{"xy", nil},     // too short to guess
		{"nosuch", nil}, // nothing close
	}
	for _, tc := range tests {
		if d := cmp.Diff(tc.want, closestNames(tc.name, names, 5)); d != "" {
			t.Errorf("closestNames(%q) (-want +got):\n%s", tc.name, d)
		}
	}
}
