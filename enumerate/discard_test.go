package enumerate

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"wmm/axioms"
	"wmm/internal/litmustest"
)

// TestDiscardIsSingleCheckFill checks MODEL.md §17.2's claim that the
// default discard, one unordered write of the range without notears, has
// the outcomes of n one-byte unordered writes after one bounds check: each
// test of the discard family has the same outcomes under wasm as the
// test with every (memory.discard D N) replaced by (memory.fill D 0 N)
// has under wasm+bulk-single-check (which changes only fill and copy).
func TestDiscardIsSingleCheckFill(t *testing.T) {
	src, err := os.ReadFile("../catalog/discard.yaml")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\(memory\.discard (\(i32\.const \d+\)) (\(i32\.const \d+\))\)`)
	filled := call.ReplaceAll(src, []byte("(memory.fill $1 (i32.const 0) $2)"))
	if n := len(call.FindAll(src, -1)); n < 15 {
		t.Fatalf("only %d discards rewritten", n)
	}
	discards := litmustest.Parse(t, "discard.yaml", string(src))
	fills := litmustest.Parse(t, "fill.yaml", string(filled))
	for i, d := range discards {
		want := outcomeStrings(mustRun(t, d, axioms.Wasm()))
		got := outcomeStrings(mustRun(t, fills[i], axioms.MustLookup("wasm", "bulk-single-check")))
		if !slices.Equal(want, got) {
			t.Errorf("%s: discard's outcomes %v, fill's %v", d.Name, want, got)
		}
	}
}

func outcomeStrings(r *Result) []string {
	var out []string
	for _, o := range r.Outcomes {
		out = append(out, o.String())
	}
	slices.Sort(out)
	return out
}
