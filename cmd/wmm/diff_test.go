package main

import "testing"

// TestDiffCommand runs wmm diff in process and compares its exit status,
// standard output and standard error with testdata/diff-NAME.golden
// (rewritten by go test -update).
func TestDiffCommand(t *testing.T) {
	checkCommands(t, "diff-", nil, []commandCase{
		// MODEL.md §11.1's Wasm/JS differences, one test each, and a test
		// the models agree on.
		{"catalog", []string{"diff", "--model", "wasm", "--model", "js", "--catalog", "SB+MP+casfail", "SB+waitne+notify", "Grow+loststore", "SB+sc"}},
		{"json", []string{"diff", "--json", "--model", "js,js2017", "--catalog", "SCDRF+ddagger", "SB+sc"}},
		{"file", []string{"diff", "--model", "sc", "--model", "wasm", "testdata/mp.yaml"}},
		{"variant", []string{"diff", "--model", "wasm,wasm+no-dagger", "--catalog", "SCDRF+dagger"}},
		{"one-model", []string{"diff", "--model", "wasm", "testdata/mp.yaml"}},
		{"same-model", []string{"diff", "--model", "js,js", "testdata/mp.yaml"}},
		{"unknown-model", []string{"diff", "--model", "wasm,arm", "testdata/mp.yaml"}},
		{"no-files", []string{"diff", "--model", "wasm,js"}},
		{"missing", []string{"diff", "--model", "wasm,js", "testdata/missing.yaml"}},
		{"test-error", []string{"diff", "--model", "wasm,sc", "testdata/setup_traps.yaml"}},
	})
}
