package enumerate

import (
	"testing"

	"wmm/axioms"
	"wmm/litmus"
)

// TestReferenceAcqRel holds the acqrel family (MODEL.md §16) to the
// reference enumerator: every test of catalog/acqrel.yaml must be small
// enough for it, under wasm and every model its expect: names, and the
// fast search must find the same outcomes and executions, except the
// tests of four threads listed in tooBigForReference, whose total orders
// are too many for the brute force (the catalogue pass of
// TestReferenceAgrees skips tests over its budget silently; this one
// names them).
func TestReferenceAcqRel(t *testing.T) {
	tooBigForReference := map[string]bool{
		"IRIW+rel+acq": true, "IRIW+sc+acq": true, "CoRR+rel+acq": true, "CoRR+sc+acq": true,
		"MP+rel+rmw+acq": true, "MP+rel+scrmw+acq": true,
	}
	compared := map[string]bool{}
	tests, err := litmus.LoadFile("../catalog/acqrel.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) < 12 {
		t.Fatalf("the acqrel family has %d tests, want at least 12", len(tests))
	}
	for _, tt := range tests {
		if tooBigForReference[tt.Name] {
			continue
		}
		for _, key := range expectModels(tt) {
			m, err := axioms.Lookup(key)
			if err != nil {
				t.Fatalf("%s: %v", tt.Name, err)
			}
			if !compareWithReference(t, tt, m, 400000, 20000) {
				t.Errorf("%s/%s: too big for the reference", tt.Name, key)
				continue
			}
			compared[tt.Name] = true
		}
	}
	if len(compared) < 12 {
		t.Errorf("compared %d acqrel tests with the reference, want at least 12", len(compared))
	}
}
