package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLimits runs the reproducers of testdata/limits (inputs that once ran
// for minutes or out of memory) under a tight budget each: the result is
// unknown, never a verdict; the message names the budget, how far the
// search got and the flag; the exit status is 2. The budget, not the
// input, decides how long each takes.
func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want []string // in the "Result unknown" line
	}{
		{"timeout", []string{"--timeout", "300ms", "sumloads16.yaml"},
			[]string{"out of time (--timeout 300ms)", "paths", "candidates", "raise it with --timeout"}},
		{"timeout-in-a-path", []string{"--timeout", "300ms", "--unroll", "100000000", "spinwait.yaml"},
			[]string{"out of time (--timeout 300ms) in the value fixpoint", "raise it with --timeout"}},
		// sumloads40.yaml, the racing loads that once took 3.8 GB, stops at
		// a memory budget as well, but slowly on a loaded machine; one long
		// path allocates faster.
		{"memory", []string{"--mem-limit", "16MiB", "--timeout", "120s", "--unroll", "100000000", "spinwait.yaml"},
			[]string{"out of memory (--mem-limit 16MiB) in the value fixpoint", "raise it with --mem-limit"}},
		{"candidates", []string{"--max-candidates", "3", "six_threads.yaml"},
			[]string{"too many candidate executions (--max-candidates 3) in the reads-from and total-order search", "4 candidates", "raise it with --max-candidates"}},
		{"paths", []string{"--max-paths", "100", "sumloads16.yaml"},
			[]string{"too many paths: thread T0 has more than 100 paths (--max-paths 100)", "raise it with --max-paths, or lower --unroll"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check"}, tt.args...)
			args[len(args)-1] = filepath.Join("testdata", "limits", args[len(args)-1])
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != exitInput {
				t.Errorf("exit status %d, want %d", code, exitInput)
			}
			out := stdout.String()
			line := ""
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "Result unknown: ") {
					line = l
				}
			}
			if line == "" {
				t.Fatalf("no 'Result unknown' line in\n%s\nstderr:\n%s", out, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("line %q lacks %q", line, w)
				}
			}
			for _, verdict := range []string{"Outcomes", "Observation", "Expect", "Executions"} {
				if strings.Contains(out, verdict) {
					t.Errorf("an unknown result prints %q:\n%s", verdict, out)
				}
			}
			if !strings.Contains(stderr.String(), "result unknown: ") || !strings.Contains(stderr.String(), "1 check(s) unknown") {
				t.Errorf("stderr does not say the result is unknown:\n%s", stderr.String())
			}
		})
	}
}

// TestLimitsOthersRun checks that a test out of budget does not stop the
// others of the run, and the JSON of an unknown result (LITMUS.md): no
// outcomes, no observation, ok false, and the "unknown" object.
func TestLimitsOthersRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--json", "--max-paths", "100", filepath.Join("testdata", "limits", "mixed.yaml")}, &stdout, &stderr)
	if code != exitInput {
		t.Errorf("exit status %d, want %d", code, exitInput)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d JSON lines, want 2:\n%s", len(lines), stdout.String())
	}
	type unknown struct {
		Reason, Budget, Limit, Flag, Phase string
		Paths                              int64
	}
	var sb, sum struct {
		Name        string
		Outcomes    []map[string]any
		Observation *string
		OK          bool
		Unknown     *unknown
	}
	if err := json.Unmarshal([]byte(lines[0]), &sb); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &sum); err != nil {
		t.Fatal(err)
	}
	if sb.Name != "SB" || !sb.OK || sb.Unknown != nil || len(sb.Outcomes) != 3 || sb.Observation == nil || *sb.Observation != "never" {
		t.Errorf("SB, before the test out of budget, did not get its verdict: %s", lines[0])
	}
	u := sum.Unknown
	if sum.Name != "SumLoads16" || sum.OK || sum.Observation != nil || len(sum.Outcomes) != 0 || u == nil {
		t.Fatalf("SumLoads16 out of budget: %s", lines[1])
	}
	if u.Budget != "path" || u.Limit != "100" || u.Flag != "--max-paths" || u.Paths < 100 || !strings.HasPrefix(u.Reason, "too many paths") || u.Phase == "" {
		t.Errorf("unknown object %+v", *u)
	}
}

// TestBudgetFlags checks that bad budget values are usage errors.
func TestBudgetFlags(t *testing.T) {
	for _, tt := range []struct{ flag, want string }{
		{"--timeout=-1s", "expected a duration of 0 (no limit) or more"},
		{"--timeout=soon", "expected a duration like 30s"},
		{"--mem-limit=lots", "invalid size"},
		{"--mem-limit=10KiB", "at least 1MiB"},
		{"--max-candidates=-1", "expected 0 or more"},
		{"--max-paths=x", "expected an integer"},
		{"--unroll=-5", "expected -1 (the test's unroll:) or an iteration count"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", tt.flag, "--catalog", "SB"}, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tt.flag, code, stderr.String(), tt.want)
		}
	}
}

// TestWastUnsupportedNoVerdict checks that a .wast script whose check the
// importer cannot translate gives no outcomes and no verdict (issue 12):
// the result is unknown, the unsupported part is named, the exit status is
// 2.
func TestWastUnsupportedNoVerdict(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", "--format", format, filepath.Join("testdata", "limits", "wast_unsupported_check.wast")}, &stdout, &stderr)
		out := stdout.String()
		if code != exitInput {
			t.Errorf("%s: exit status %d, want %d", format, code, exitInput)
		}
		for _, bad := range []string{"Outcomes", "Expect always: ok", `"ok":true`, `"observation":"`} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: the output gives a verdict (%q):\n%s", format, bad, out)
			}
		}
		if !strings.Contains(out, "unsupported: the check") || !strings.Contains(out, "unknown") {
			t.Errorf("%s: the output does not say the result is unknown and why:\n%s", format, out)
		}
	}
}

// TestExactCounts checks a count past 64 bits (issue 12: it printed 0).
// Racing16's doc says why it has 2^64 executions.
func TestExactCounts(t *testing.T) {
	file := filepath.Join("testdata", "limits", "racing16.yaml")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", file}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Executions 18446744073709551616 (") {
		t.Errorf("text does not give 2^64 executions:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"check", "--json", file}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"executions":"18446744073709551616"`) {
		t.Errorf("JSON does not give 2^64 executions as a string:\n%s", stdout.String())
	}
}

// TestUsageChecks checks flag values and help topics that used to pass
// silently (issue 12): each is a usage error, exit status 2.
func TestUsageChecks(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"help", "nosuch"}, `unknown help topic "nosuch"`},
		{[]string{"run", "--stride", "7", "--catalog", "SB"}, "--stride: expected a multiple of 64"},
		{[]string{"run", "--batch", "0", "--catalog", "SB"}, "--batch: expected 1 or more"},
		{[]string{"run", "--batch", "-1", "--catalog", "SB"}, "--batch: expected 1 or more"},
		{[]string{"check", "--unroll", "-5", "--catalog", "SB"}, "expected -1 (the test's unroll:)"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help", "check"}, &stdout, &stderr); code != exitOK || !strings.Contains(stdout.String(), "wmm check mp.yaml") {
		t.Errorf("wmm help check: exit %d, output %q", code, stdout.String())
	}
}

// TestHex checks --hex: outcome values in hex, the condition as written.
func TestHex(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--hex", filepath.Join("testdata", "limits", "racing16.yaml")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "* T0:r=0x0\n") {
		t.Errorf("no hex outcome in\n%s", stdout.String())
	}
}

// TestLimitsEveryCommand checks that a budget applies the same way on
// every command that searches: under a tight budget, check, explain,
// graph, report, diff and validate (its model side) give the same line,
// "FILE:LINE:COL: test NAME (MODEL): result unknown: REASON" naming the
// budget, how far the search got and the flag that raises it, and exit
// status 2. validate's --timeout bounds the engine run, so its model side
// is tried with the other budgets only; explain and graph use
// --max-candidates for a bound of their own (their counts are then lower
// bounds, not unknown). The progress counts after a
// timeout or a memory stop depend on the machine, so those lines are
// compared up to "after": what comes before it and the flag at the end.
func TestLimitsEveryCommand(t *testing.T) {
	dir := t.TempDir()
	sumloads := filepath.Join("testdata", "limits", "sumloads16.yaml")
	spin := filepath.Join("testdata", "limits", "spinwait.yaml")
	six := filepath.Join("testdata", "limits", "six_threads.yaml")
	commands := []struct {
		name  string
		args  []string
		model string // in the line: the model, or the first of diff's two
		time  bool   // the command's --timeout bounds the model's search
		cands bool   // the command's --max-candidates bounds the model's search
	}{
		{"check", []string{"check"}, "wasm", true, true},
		{"explain", []string{"explain"}, "wasm", true, false},
		{"graph", []string{"graph", "-o", dir}, "wasm", true, false},
		{"report", []string{"report", "--html", filepath.Join(dir, "r.html")}, "wasm", true, true},
		{"diff", []string{"diff", "--model", "wasm", "--model", "sc"}, "wasm", true, true},
		{"validate", []string{"validate", "--engine", "wazero"}, "wasm", false, true},
	}
	budgets := []struct {
		name  string
		args  []string // the budget's flags and the test file
		time  bool     // the budget is --timeout
		cands bool     // the budget is --max-candidates
		exact bool     // the whole line is the same every time
		want  string   // the line after "result unknown: ", up to the time taken or the round
		tail  string   // the end of the line
	}{
		{"paths", []string{"--max-paths", "100", sumloads}, false, false, true,
			"too many paths: thread T0 has more than 100 paths (--max-paths 100) in the value fixpoint and paths (round 2) after",
			": 102 paths, 0 candidates, 0 executions; raise it with --max-paths, or lower --unroll"},
		{"candidates", []string{"--max-candidates", "3", six}, false, true, false,
			"too many candidate executions (--max-candidates 3) in the reads-from and total-order search after",
			"executions; raise it with --max-candidates"},
		{"time", []string{"--timeout", "300ms", "--unroll", "100000000", spin}, true, false, false,
			"out of time (--timeout 300ms) in the value fixpoint and paths", "; raise it with --timeout"},
		{"memory", []string{"--mem-limit", "16MiB", "--unroll", "100000000", spin}, false, false, false,
			"out of memory (--mem-limit 16MiB) in the value fixpoint and paths", "; raise it with --mem-limit"},
	}
	for _, b := range budgets {
		for _, c := range commands {
			if b.time && !c.time || b.cands && !c.cands {
				continue
			}
			t.Run(b.name+"/"+c.name, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				code := run(append(slices.Clone(c.args), b.args...), &stdout, &stderr)
				if code != exitInput {
					t.Errorf("exit status %d, want %d", code, exitInput)
				}
				file := b.args[len(b.args)-1]
				name := map[string]string{sumloads: "SumLoads16", spin: "SpinUnroll", six: "SixThreads"}[file]
				prefix := fmt.Sprintf("%s:1:1: test %s (%s): result unknown: %s ", file, name, c.model, b.want)
				var line string
				for _, l := range strings.Split(stderr.String(), "\n") {
					if strings.HasPrefix(l, prefix) {
						line = l
						break
					}
				}
				if line == "" || !strings.HasSuffix(line, b.tail) {
					t.Fatalf("stderr lacks the line %q...%q:\n%s", prefix, b.tail, stderr.String())
				}
				if b.exact {
					// Only the time taken differs: "after 12ms: 102 paths".
					rest := strings.TrimPrefix(line, prefix)
					if i := strings.Index(rest, ":"); i < 0 || rest[i:] != b.tail {
						t.Errorf("line %q: after the time, want %q", line, b.tail)
					}
				}
				if strings.Count(stderr.String(), prefix) != 1 {
					t.Errorf("the line is not given once:\n%s", stderr.String())
				}
			})
		}
	}
}
