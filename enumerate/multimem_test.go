package enumerate

import (
	"testing"

	"wmm/axioms"
	"wmm/litmus"
)

// TestReferenceMultiMemory checks that every test of the multimem family
// (feature multi-memory, MODEL.md §19) is small enough for the reference
// enumerator under wasm and js, and that the fast search agrees with it
// there.
func TestReferenceMultiMemory(t *testing.T) {
	tests, err := litmus.LoadFile("../catalog/multimem.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) < 12 {
		t.Fatalf("only %d multimem tests", len(tests))
	}
	for _, tt := range tests {
		for _, key := range []string{"wasm", "js"} {
			if !compareWithReference(t, tt, axioms.MustLookup(key), *referenceBudget, 20000) {
				t.Errorf("%s/%s: too big for the reference", tt.Name, key)
			}
		}
	}
}
