package enumerate

import (
	"testing"

	"wmm/axioms"
	"wmm/litmus"
)

// TestReferenceProposals checks that every test of the families of
// issue 16's proposals (memory.discard, MODEL.md §17; memory.protect,
// §18; several memories, §19) is small enough for the reference
// enumerator under each model that tells its variants apart, and that the
// fast search agrees with it there (TestReferenceAgrees covers them too,
// but would skip a test silently if it grew too big).
func TestReferenceProposals(t *testing.T) {
	families := []struct {
		file    string
		atLeast int
		models  []string
	}{
		{"../catalog/discard.yaml", 12, []string{"wasm", "wasm+discard-sc"}},
		{"../catalog/protect.yaml", 12, []string{"wasm", "wasm+protect-sc"}},
		{"../catalog/multimem.yaml", 12, []string{"wasm", "js"}},
	}
	for _, f := range families {
		tests, err := litmus.LoadFile(f.file)
		if err != nil {
			t.Fatal(err)
		}
		if len(tests) < f.atLeast {
			t.Errorf("%s: %d tests, want at least %d", f.file, len(tests), f.atLeast)
		}
		for _, tt := range tests {
			for _, key := range f.models {
				if !compareWithReference(t, tt, axioms.MustLookup(key), *referenceBudget, 20000) {
					t.Errorf("%s/%s: too big for the reference", tt.Name, key)
				}
			}
		}
	}
}
