package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/internal/golden"
	"wmm/litmus"
)

// TestCommands runs wmm in process and compares its exit status, standard
// output and standard error with testdata/NAME.golden.
func TestCommands(t *testing.T) {
	checkCommands(t, "", nil, []commandCase{
		{"check", []string{"check", "testdata/mp.yaml"}},
		{"check-errors", []string{"check", "testdata/bad.yaml", "testdata/mp.yaml"}},
		{"check-dir", []string{"check", "testdata/dir"}},
		{"check-duplicate", []string{"check", "testdata/mp.yaml", "testdata/dup.yaml", "testdata/mp.yaml"}},
		{"check-missing", []string{"check", "testdata/missing.yaml"}},
		{"check-no-files", []string{"check"}},
		{"check-help", []string{"check", "--help"}},
		{"check-json", []string{"check", "--json", "testdata/mp.yaml"}},
		{"check-herd", []string{"check", "--format", "herd", "testdata/mp.yaml", "testdata/fail.yaml"}},
		{"check-models", []string{"check", "--model", "sc", "--model", "js2017", "testdata/fail.yaml"}},
		{"check-every-model", []string{"check", "--every-model", "testdata/fail.yaml"}},
		{"check-fail", []string{"check", "testdata/fail.yaml"}},
		{"check-catalog", []string{"check", "--catalog", "--json", "SB+sc", "Grow+loststore"}},
		{"check-catalog-unknown", []string{"check", "--catalog", "nosuchtest"}},
		{"check-unknown-model", []string{"check", "--model", "x86", "testdata/mp.yaml"}},
		{"check-unknown-variant", []string{"check", "--variant", "fast", "testdata/mp.yaml"}},
		{"check-skip-no-tear", []string{"check", "--catalog", "--skip", "no-tear", "Tear+i32+setup"}},
		{"check-skip-builtin", []string{"check", "--skip", "hb-in-tot", "testdata/mp.yaml"}},
		{"check-skip-every-model", []string{"check", "--catalog", "--every-model", "--skip", "no-tear", "SB"}},
		{"check-bad-format", []string{"check", "--format", "xml", "testdata/mp.yaml"}},
		{"check-feature", []string{"check", "--feature", "acqrel", "testdata/acqrel.yaml"}},
		{"check-feature-missing", []string{"check", "testdata/acqrel.yaml"}},
		{"check-feature-unknown", []string{"check", "--feature", "acqrl", "testdata/acqrel.yaml"}},
		{"campaign-models", []string{"campaign", "--engine", "none", "--every-model", "testdata/mp.yaml", "testdata/fail.yaml"}},
		{"campaign-help", []string{"help", "campaign"}},
		{"campaign-bad-shard", []string{"campaign", "--shard", "4/3", "testdata/mp.yaml"}},
		{"campaign-merge-bad", []string{"campaign", "--merge", "testdata/mp.yaml"}},
		{"fmt", []string{"fmt", "testdata/mp.yaml", "testdata/canonical.yaml"}},
		{"fmt-list", []string{"fmt", "-l", "testdata/mp.yaml", "testdata/canonical.yaml", "testdata/bad.yaml"}},
		{"fmt-help", []string{"help", "fmt"}},
		{"gen", []string{"gen", "PodWWPSc", "RfeScSc", "PodRRScP", "Fre"}},
		{"gen-errors", []string{"gen", "PodWR+Rfe+PodWX+Fre"}},
		{"gen-help", []string{"help", "gen"}},
		{"gen-both", []string{"gen", "--size", "4", "SB"}},
		{"unknown-command", []string{"frobnicate"}},
		{"unknown-flag", []string{"check", "--frobnicate", "testdata/mp.yaml"}},
		{"version-args", []string{"version", "extra"}},
	})
}

// A commandCase is a run of wmm whose result a golden file holds.
type commandCase struct {
	name string   // the subtest, and the golden file's name
	args []string // the command line after "wmm"
}

// checkCommands runs wmm in process for each case, in a subtest of its
// name, and compares the result (after normalize, when not nil) with
// testdata/PREFIXNAME.golden.
func checkCommands(t *testing.T, prefix string, normalize func(string) string, cases []commandCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := runGolden(tc.args)
			if normalize != nil {
				got = normalize(got)
			}
			compareGolden(t, prefix+tc.name, got)
		})
	}
}

// compareGolden compares got with testdata/NAME.golden, which -update
// rewrites.
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name+".golden"), got)
}

// runGolden runs wmm with args and returns the golden-file text of it:
// the command line, the exit status, stdout and stderr.
func runGolden(args []string) string {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	out := herdTime.ReplaceAllString(stdout.String(), "Time $1 (elapsed)")
	return fmt.Sprintf("wmm %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s",
		strings.Join(args, " "), code, out, stderr.String())
}

// herdTime matches the Time line of herd's log format, whose seconds vary
// from run to run.
var herdTime = regexp.MustCompile(`(?m)^Time (\S+) [0-9.]+$`)

// TestRootHelp checks that the help lists every subcommand. (It is not a
// golden file: the list grows as commands are added.)
func TestRootHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit status %d, stderr:\n%s", code, stderr.String())
	}
	for _, newCmd := range commands {
		cmd := newCmd()
		if !strings.Contains(stdout.String(), cmd.Name()+" ") || !strings.Contains(stdout.String(), cmd.Short) {
			t.Errorf("help does not list %s (%q):\n%s", cmd.Name(), cmd.Short, stdout.String())
		}
	}
}

// TestManual checks that the command's manual, the doc comment of
// main.go, lists every command with its usage line (cobra's Use) and no
// command that does not exist.
func TestManual(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(string(src), "\n") {
		if use, ok := strings.CutPrefix(line, "//\twmm "); ok {
			listed = append(listed, use)
		}
	}
	var want []string
	for _, newCmd := range commands {
		want = append(want, newCmd().Use)
	}
	if d := cmp.Diff(want, listed); d != "" {
		t.Errorf("the usage lines of main.go's doc comment differ from the commands (-want +got):\n%s", d)
	}
}

// TestCommandDocs checks that every subcommand has a long help and
// examples, as the project's habits ask.
func TestCommandDocs(t *testing.T) {
	for _, newCmd := range commands {
		cmd := newCmd()
		if cmd.Short == "" || cmd.Long == "" || cmd.Example == "" {
			t.Errorf("command %s lacks a Short, Long or Example help text", cmd.Name())
		}
		if cmd.RunE == nil {
			t.Errorf("command %s has no RunE: its errors would not reach the exit status", cmd.Name())
		}
	}
}

// TestVersion checks the version command's output.
func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"version"}, &stdout, &stderr)
	out := stdout.String()
	if code != exitOK || !strings.HasPrefix(out, "wmm ") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("wmm version: exit %d, output:\n%s", code, out)
	}
}

// TestFmtWrite checks fmt -w: it rewrites a file that is not canonical,
// leaves a canonical one alone, and keeps a file with comments unless -f
// is given.
func TestFmtWrite(t *testing.T) {
	mp, err := os.ReadFile("testdata/mp.yaml")
	if err != nil {
		t.Fatal(err)
	}
	canonical, err := os.ReadFile("testdata/canonical.yaml")
	if err != nil {
		t.Fatal(err)
	}
	noComments := bytes.TrimPrefix(mp, []byte("# Message passing with SC atomics.\n"))
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string][]byte{"mp.yaml": mp, "plain.yaml": noComments, "canonical.yaml": canonical}
	for name, data := range files {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	got := runGolden([]string{"fmt", "-w", "canonical.yaml", "mp.yaml", "plain.yaml"})
	want := "wmm fmt -w canonical.yaml mp.yaml plain.yaml\nexit 0\n-- stdout --\n-- stderr --\n" +
		"mp.yaml: not rewritten: it has comments, which the canonical form does not keep (-f rewrites it anyway)\n"
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("fmt -w mismatch (-want +got):\n%s", d)
	}
	checkFile(t, "mp.yaml", mp)
	checkFile(t, "canonical.yaml", canonical)
	formatted := runGolden([]string{"fmt", "plain.yaml"})
	_, formatted, _ = strings.Cut(formatted, "-- stdout --\n")
	formatted, _, _ = strings.Cut(formatted, "-- stderr --\n")
	checkFile(t, "plain.yaml", []byte(formatted))
	if info, err := os.Stat("plain.yaml"); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("plain.yaml lost its permissions: %v %v", info.Mode(), err)
	}

	if code := run([]string{"fmt", "-w", "-f", "mp.yaml"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatalf("fmt -w -f: exit status %d", code)
	}
	checkFile(t, "mp.yaml", []byte(formatted))
}

// TestFmtWriteWast checks that fmt -w never replaces a .wast script by the
// YAML it converts to, whether named or found in a directory.
func TestFmtWriteWast(t *testing.T) {
	script, err := os.ReadFile("../../wast/testdata/wast/MP.wast")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("MP.wast", script, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"fmt", "-w", "MP.wast"}, {"fmt", "-w", "."}, {"fmt", "-l", "."}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK {
			t.Errorf("wmm %s: exit status %d: %s", strings.Join(args, " "), code, &stderr)
		}
		if !strings.Contains(stderr.String(), "not a YAML litmus file") || stdout.Len() != 0 {
			t.Errorf("wmm %s: stdout %q, stderr %q", strings.Join(args, " "), &stdout, &stderr)
		}
		checkFile(t, "MP.wast", script)
	}
}

func checkFile(t *testing.T, name string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, d)
	}
}

// TestPrintError checks how run reports each kind of error and the exit
// status it gives.
func TestPrintError(t *testing.T) {
	list := litmus.ErrorList{
		{Pos: litmus.Pos{File: "a.yaml", Line: 1, Col: 2}, Msg: "first"},
		{Pos: litmus.Pos{File: "b.yaml", Line: 3, Col: 4}, Msg: "second"},
	}
	tests := []struct {
		name string
		err  error
		out  string
		code int
	}{
		{"failure reported", &exitError{code: exitFailed}, "", exitFailed},
		{"failure with message", &exitError{code: exitFailed, err: errors.New("boom")}, "wmm: boom\n", exitFailed},
		{"positioned errors", list, "a.yaml:1:2: first\nb.yaml:3:4: second\n", exitInput},
		{"wrapped list", fmt.Errorf("loading: %w", list), "a.yaml:1:2: first\nb.yaml:3:4: second\n", exitInput},
		{"other error", errors.New("node not found"), "wmm: node not found\n", exitInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tc.err)
			if b.String() != tc.out {
				t.Errorf("printError printed %q, want %q", b.String(), tc.out)
			}
			if code := exitCode(tc.err); code != tc.code {
				t.Errorf("exitCode = %d, want %d", code, tc.code)
			}
		})
	}
}
