package enumerate

import (
	"testing"

	"wmm/axioms"
	"wmm/litmus"
)

// TestReferenceProtect checks that every test of the protect family
// (feature protect, MODEL.md §18) is small enough for the reference
// enumerator under wasm and wasm+protect-sc, and that the fast search
// agrees with it there (TestReferenceAgrees covers them too, but would
// skip a test silently if it grew too big).
func TestReferenceProtect(t *testing.T) {
	tests, err := litmus.LoadFile("../catalog/protect.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) < 12 {
		t.Fatalf("only %d protect tests", len(tests))
	}
	for _, tt := range tests {
		for _, key := range []string{"wasm", "wasm+protect-sc"} {
			if !compareWithReference(t, tt, axioms.MustLookup(key), *referenceBudget, 20000) {
				t.Errorf("%s/%s: too big for the reference", tt.Name, key)
			}
		}
	}
}
