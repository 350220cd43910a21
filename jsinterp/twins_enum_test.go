package jsinterp_test

import (
	"path/filepath"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
)

// TestTwinTests checks each file of testdata/twin_*.yaml, a test with a JS
// thread and its twin where that thread is written in Wasm: under the js
// model, where a Wasm cmpxchg and wait emit the events of ES's
// compareExchange and wait, both must have the same outcomes and the same
// number of executions (the JS code's events are those of the Wasm code
// but for the bounds reads, which constrain nothing here). Under wasm too
// when the pair has no compare-exchange or not-equal wait.
func TestTwinTests(t *testing.T) {
	files, err := filepath.Glob("testdata/twin_*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no twin files (%v)", err)
	}
	for _, f := range files {
		tests, err := litmus.LoadFile(f)
		if err != nil || len(tests) != 2 {
			t.Fatalf("%s: %v (%d tests)", f, err, len(tests))
		}
		for _, name := range []string{"js", "wasm"} {
			if name == "wasm" && (filepath.Base(f) == "twin_cas.yaml" || filepath.Base(f) == "twin_waitnotify.yaml") {
				continue
			}
			m := axioms.MustLookup(name)
			var res [2]*enumerate.Result
			for i, tt := range tests {
				if res[i], err = enumerate.Run(tt, m, enumerate.Options{}); err != nil {
					t.Fatalf("%s/%s: %v", tt.Name, name, err)
				}
			}
			if a, b := res[0].String(), res[1].String(); a != b {
				t.Errorf("%s under %s: outcomes differ\nJS:\n%sWasm:\n%s", f, name, a, b)
			}
			if a, b := res[0].Stats.Consistent, res[1].Stats.Consistent; a != b {
				t.Errorf("%s under %s: %d executions with the JS thread, %d with its Wasm twin", f, name, a, b)
			}
		}
	}
}
