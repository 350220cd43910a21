package engine

import (
	"path/filepath"
	"testing"

	"wmm/internal/golden"
	"wmm/wasm"
)

// TestHarnessGolden prints the harness of a few tests in the text format
// and compares it with testdata/harness/NAME.wat, so that a change to the
// generated code shows in review.
func TestHarnessGolden(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		opts Options
	}{
		{"sb", sbYAML, Options{}},
		{"sb-define", sbYAML, Options{Memory: DefineMemory, Delay: 100}},
		{"traps", deterministicYAML(t, "trap-keeps-locals"), Options{}},
		{"dynamic", deterministicYAML(t, "alignment-and-bounds"), Options{}},
		{"bulk", deterministicYAML(t, "bulk-memory"), Options{}},
		{"wait", deterministicYAML(t, "wait-and-notify"), Options{}},
		{"grow", deterministicYAML(t, "grow-and-size"), Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, m, err := compile(loadTest(t, tc.yaml), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "harness", tc.name+".wat"), wasm.FormatModule(m))
		})
	}
}

func deterministicYAML(t *testing.T, name string) string {
	for _, d := range deterministic {
		if d.name == name {
			return d.yaml
		}
	}
	t.Fatalf("no deterministic test %s", name)
	return ""
}
