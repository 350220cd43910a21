package engine

import (
	"fmt"
	"testing"

	"wmm/litmus"
	"wmm/wasm"
)

// TestLowerAcqRel checks that the engines run acqrel atomics as seqcst
// (MODEL.md §16.4 R1): the rewritten code has no ordering immediate
// left, and LowersAcqRel names exactly the tests whose code writes one.
func TestLowerAcqRel(t *testing.T) {
	const src = "name: %s\nfeatures: [acqrel]\nthreads:\n  T0: |\n    (drop (i32.atomic.rmw.add %s (i32.const 0) (i32.const 1)))\n    atomic.fence %s\n"
	for _, tc := range []struct {
		order string
		want  bool
	}{{"acqrel", true}, {"seqcst", true}, {"", false}} {
		tests, err := litmus.Load("t.yaml", []byte(fmt.Sprintf(src, "T", tc.order, tc.order)))
		if err != nil {
			t.Fatal(err)
		}
		tt := tests[0]
		if got := LowersAcqRel(tt); got != tc.want {
			t.Errorf("%q: LowersAcqRel = %v, want %v", tc.order, got, tc.want)
		}
		for _, in := range tt.Threads[0].Code.Body {
			c := in
			lowerOrder(&c)
			if c.Mem.Order != wasm.SeqCst || c.Mem.WriteOrder != wasm.SeqCst || c.Mem.OrderPos != (wasm.Pos{}) {
				t.Errorf("%q: %s keeps its ordering %+v", tc.order, c.Op, c.Mem)
			}
		}
	}
}
