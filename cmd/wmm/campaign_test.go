package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wmmRun runs wmm in process and returns its exit status and outputs.
func wmmRun(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// TestCampaignShards splits a model-only campaign of a generated family
// into three shards (each with its state file), merges them in another
// order, and asserts that the merge is the unsharded campaign byte for
// byte, JSON and table; that a merge with a shard missing fails and names
// the tests; and that the shards of wmm check --json, concatenated in
// order, are the unsharded output.
func TestCampaignShards(t *testing.T) {
	dir := t.TempDir()
	fam := filepath.Join(dir, "family")
	if code, _, e := wmmRun("gen", "--size", "4", "--threads", "2", "--edges", "Rfe Fre PodWR PodWW PodRR PodRW PodWRScSc", "-o", fam); code != exitOK {
		t.Fatalf("wmm gen: exit %d: %s", code, e)
	}
	base := []string{"campaign", "--engine", "none", "--every-model", "-q"}
	code, whole, e := wmmRun(append(base, "--json", fam)...)
	if code != exitOK || strings.Count(whole, "\n") < 4 {
		t.Fatalf("whole campaign: exit %d, %d records: %s", code, strings.Count(whole, "\n"), e)
	}
	_, wholeTable, _ := wmmRun(append(base, fam)...)
	var states []string
	for i := 1; i <= 3; i++ {
		state := filepath.Join(dir, fmt.Sprintf("shard%d.jsonl", i))
		code, out, e := wmmRun(append(base, "--json", "--shard", fmt.Sprintf("%d/3", i), "--state", state, fam)...)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, e)
		}
		if b, _ := os.ReadFile(state); string(b) != out {
			t.Errorf("shard %d: the state file is not the JSON printed:\n%s\nprinted:\n%s", i, b, out)
		}
		states = append(states, state)
	}
	code, merged, e := wmmRun("campaign", "--merge", "--json", states[2], states[0], states[1])
	if code != exitOK || merged != whole {
		t.Errorf("merged shards (exit %d, %s):\n%s\nwant the whole campaign:\n%s", code, e, merged, whole)
	}
	if _, table, _ := wmmRun("campaign", "--merge", states[1], states[0], states[2]); table != wholeTable {
		t.Errorf("merged table:\n%s\nwant:\n%s", table, wholeTable)
	}
	// The HTML page of the merged shards has a row per test, and a
	// report of the family with the shards' records links each row to
	// its test.
	page := filepath.Join(dir, "campaign.html")
	if code, _, e := wmmRun("campaign", "--merge", "--html", page, states[1], states[0], states[2]); code != exitOK {
		t.Fatalf("merge --html: exit %d: %s", code, e)
	}
	rows := strings.Count(whole, "\n")
	if b, _ := os.ReadFile(page); strings.Count(string(b), "<tr>")+strings.Count(string(b), `<tr class="fail">`) != rows+1 {
		t.Errorf("campaign page: want %d rows and a header:\n%s", rows, b)
	}
	report := filepath.Join(dir, "report.html")
	if code, _, e := wmmRun("report", "--html", report, "--campaign", states[0], "--campaign", states[1], "--campaign", states[2], fam); code != exitOK {
		t.Fatalf("report --campaign: exit %d: %s", code, e)
	}
	if b, _ := os.ReadFile(report); strings.Count(string(b), `<td class="mono"><a href="#test-`) != rows {
		t.Errorf("report: want %d campaign rows linked to their tests", rows)
	}
	code, _, e = wmmRun("campaign", "--merge", states[0], states[2])
	if code != exitInput || !strings.Contains(e, "are in none of the files (tests ") {
		t.Errorf("merge without shard 2: exit %d: %s", code, e)
	}

	// wmm check --json --shard: the shards concatenated are the whole.
	_, checkWhole, _ := wmmRun("check", "--json", "-q", fam)
	var cat string
	for i := 1; i <= 3; i++ {
		_, out, _ := wmmRun("check", "--json", "-q", "--shard", fmt.Sprintf("%d/3", i), fam)
		cat += out
	}
	if cat != checkWhole || checkWhole == "" {
		t.Errorf("check shards concatenated:\n%s\nwant:\n%s", cat, checkWhole)
	}
}

// TestCampaignResume starts the whole campaign from a state file that
// holds the first shard's tests and a last line cut short (a run killed
// while writing), and asserts that it runs only the rest and prints the
// whole campaign; a state file of another campaign is refused.
func TestCampaignResume(t *testing.T) {
	dir := t.TempDir()
	fam := filepath.Join(dir, "family")
	if code, _, e := wmmRun("gen", "--size", "4", "--threads", "2", "--edges", "Rfe Fre PodWR PodRR PodWW", "-o", fam); code != exitOK {
		t.Fatalf("wmm gen: exit %d: %s", code, e)
	}
	base := []string{"campaign", "--engine", "none", "--model", "wasm", "--json", "-q"}
	_, whole, _ := wmmRun(append(base, fam)...)
	_, first, _ := wmmRun(append(base, "--shard", "1/2", fam)...)
	state := filepath.Join(dir, "state.jsonl")
	if err := os.WriteFile(state, []byte(first+`{"campaign": "`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, e := wmmRun(append(base, "--state", state, fam)...)
	done := strings.Count(first, "\n")
	if code != exitOK || out != whole || !strings.Contains(e, "resuming campaign ") || !strings.Contains(e, fmt.Sprintf(": %d of %d tests done", done, strings.Count(whole, "\n"))) {
		t.Errorf("resumed: exit %d, stderr %q\n%s\nwant:\n%s", code, e, out, whole)
	}
	if b, _ := os.ReadFile(state); string(b) != whole {
		t.Errorf("state file after the resumed run:\n%s\nwant:\n%s", b, whole)
	}
	code, _, e = wmmRun("campaign", "--engine", "none", "--model", "sc", "--json", "-q", "--state", state, fam)
	if code != exitInput || !strings.Contains(e, "not this one") {
		t.Errorf("state of another campaign: exit %d: %s", code, e)
	}
}

// TestCampaignWazero runs two catalogue tests on wazero: every run is
// counted, and the SC version of SB shows no forbidden outcome (an
// engine that showed one would be wrong).
func TestCampaignWazero(t *testing.T) {
	code, out, e := wmmRun("campaign", "-q", "-n", "500", "--memory", "imported", "--catalog", "SB+sc", "MP+sc")
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, e, out)
	}
	for _, want := range []string{"SB+sc  ", "/500\n", "wazero     2 tests run (2 runs, 1000 iterations,", "0 with a forbidden outcome"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
