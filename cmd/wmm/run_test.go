package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// normalizeRun replaces what varies between runs of deterministic tests:
// the rates, the concurrency, barrier sleeps and the engine's version.
func normalizeRun(s string) string {
	s = regexp.MustCompile(`Rate \d+ iterations/s \([0-9.]+ s\)`).ReplaceAllString(s, "Rate R iterations/s (T s)")
	s = regexp.MustCompile(`(?m)^Concurrency [0-9.]+% .*\n`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(?m)^Note: threads slept at the barrier .*\n`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(?m)^Note: the machine was oversubscribed: .*\n`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(Test \S+ on )[^:\n]*:`).ReplaceAllString(s, "${1}ENGINE:")
	// The rate column of validate's summary.
	return regexp.MustCompile(`(?m)^(\S+ +\d+ +\d+ +\d+/\d+ \(\d+%\)) +\d+$`).ReplaceAllString(s, "${1} R")
}

// TestEngineCommands runs wmm run and wmm validate on tests whose outcome
// does not depend on timing and compares the output with
// testdata/run/NAME.golden (rates and engine versions normalised).
func TestEngineCommands(t *testing.T) {
	checkCommands(t, "run/", normalizeRun, []commandCase{
		{"run", []string{"run", "-n", "300", "testdata/run/det.yaml"}},
		{"run-interp-define", []string{"run", "--engine", "wazero-interp", "--memory", "define", "-n", "100", "--test", "^Trap$", "testdata/run/det.yaml"}},
		{"validate", []string{"validate", "-n", "300", "testdata/run/det.yaml"}},
		{"run-unknown-engine", []string{"run", "--engine", "v8", "testdata/run/det.yaml"}},
		{"run-bad-delay", []string{"run", "--delay", "soon", "testdata/run/det.yaml"}},
		{"run-bad-iterations", []string{"run", "-n", "1.5", "testdata/run/det.yaml"}},
		{"run-too-big", []string{"run", "testdata/run/big.yaml", "testdata/run/det.yaml", "--test", "Big|Single", "-n", "10"}},
		{"validate-missing-file", []string{"validate", "-n", "10", "testdata/run/missing.yaml"}},
		{"validate-catalog", []string{"validate", "-n", "100", "--catalog", "Copy+overlap", "Fill+oob"}},
		{"run-no-input", []string{"run", "-n", "10"}},
		// Issue 12: a run that ran nothing is not a success (exit 2).
		{"run-none-selected", []string{"run", "-n", "10", "--test", "^NoSuchTest$", "testdata/run/det.yaml"}},
		{"run-all-skipped", []string{"run", "-n", "10", "testdata/run/big.yaml"}},
		{"validate-zero-iterations", []string{"validate", "--timeout", "1ns", "-n", "1000", "--test", "^Single$", "testdata/run/det.yaml"}},
	})
}

// TestEngineJSON checks the JSON objects of run and validate against
// LITMUS.md: the fields every object has, and those only validate adds.
func TestEngineJSON(t *testing.T) {
	for _, cmdName := range []string{"run", "validate"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{cmdName, "--json", "-n", "50", "--memory", "imported", "testdata/run/det.yaml"}, &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("wmm %s: exit %d\n%s", cmdName, code, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
		if len(lines) != 3 {
			t.Fatalf("wmm %s --json: %d lines, want 3:\n%s", cmdName, len(lines), stdout.String())
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(lines[1]), &obj); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"name", "engine", "iterations", "histogram", "condition_seen", "iterations_per_second"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("wmm %s --json: no %q in %s", cmdName, k, lines[1])
			}
		}
		h := obj["histogram"].([]any)[0].(map[string]any)
		want := map[string]any{"T0:r0": 1.0, "T1:r0": 18446744073709551615.0, "T0:trap": 1.0}
		if d := cmp.Diff(want, h["outcome"]); d != "" || h["count"] != 50.0 || obj["condition_seen"] != true || obj["name"] != "Trap" {
			t.Errorf("wmm %s --json: unexpected %s (outcome -want +got):\n%s", cmdName, lines[1], d)
		}
		_, hasAllowed := h["allowed"]
		_, hasForbidden := obj["forbidden_seen"]
		notSeen, hasNotSeen := obj["not_seen"]
		if validate := cmdName == "validate"; hasAllowed != validate || hasForbidden != validate || hasNotSeen != validate {
			t.Errorf("wmm %s --json: allowed %v, forbidden_seen %v, not_seen %v present", cmdName, hasAllowed, hasForbidden, hasNotSeen)
		} else if validate && (h["allowed"] != true || obj["forbidden_seen"] != 0.0 || len(notSeen.([]any)) != 0) {
			t.Errorf("wmm validate --json: %s", lines[1])
		}
	}
}

// TestRunNode runs the deterministic tests on node, when it is installed.
func TestRunNode(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed (apt-get install nodejs); skipping the node engine")
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "--engine", "node", "-n", "200", "--memory", "imported", "testdata/run/det.yaml"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{"200 *> T0:r0=5; i32[0]=5", "200 *> T0:r0=1; T1:r0=18446744073709551615; T0:trap=1", "200 *> T0:r0=4; T0:stuck=1", "Summary: node against model wasm: 3 tests run, 0 with forbidden outcomes"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
}
