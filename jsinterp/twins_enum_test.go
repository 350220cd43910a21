package jsinterp_test

import (
	"path/filepath"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/golden"
	"wmm/internal/litmustest"
)

// TestTwinTests checks each file of testdata/twin_*.yaml, a test with a JS
// thread and its twin where that thread is written in Wasm: under the js
// model, where a Wasm cmpxchg and wait emit the events of ES's
// compareExchange and wait, both must have the same outcomes and the same
// number of executions (the JS code's events are those of the Wasm code
// but for the bounds reads, which constrain nothing here). Under wasm too
// when the pair has no compare-exchange or not-equal wait.
func TestTwinTests(t *testing.T) {
	golden.Files(t, "testdata/twin_*.yaml", 1, func(t *testing.T, f string, src []byte) {
		tests := litmustest.Parse(t, f, string(src))
		if len(tests) != 2 {
			t.Fatalf("%d tests, want a test and its twin", len(tests))
		}
		for _, name := range []string{"js", "wasm"} {
			if name == "wasm" && (filepath.Base(f) == "twin_cas.yaml" || filepath.Base(f) == "twin_waitnotify.yaml") {
				continue
			}
			m := axioms.MustLookup(name)
			var res [2]*enumerate.Result
			for i, tt := range tests {
				var err error
				if res[i], err = enumerate.Run(tt, m, enumerate.Options{}); err != nil {
					t.Fatalf("%s/%s: %v", tt.Name, name, err)
				}
			}
			if a, b := res[0].String(), res[1].String(); a != b {
				t.Errorf("under %s: outcomes differ\nJS:\n%sWasm:\n%s", name, a, b)
			}
			if a, b := res[0].Stats.Consistent, res[1].Stats.Consistent; a != b {
				t.Errorf("under %s: %d executions with the JS thread, %d with its Wasm twin", name, a, b)
			}
		}
	})
}
