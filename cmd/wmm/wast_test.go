package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckWast checks threads-proposal scripts from the command line:
// each script the importer supports gives the verdict it asserts, a
// directory stands for its .wast files too, and a script outside the
// supported subset is an input error that says why.
func TestCheckWast(t *testing.T) {
	wast := filepath.Join("..", "..", "wast", "testdata", "wast")
	tests := []struct {
		args       []string
		code       int
		stdout     []string // substrings of standard output
		stderr     string   // substring of standard error
		okVerdicts int      // how many "Expect always: ok" lines
	}{
		{args: []string{"MP.wast"}, stdout: []string{"Test MP.wast (wasm)", "i32[24]=1; i32[32]=0"}, okVerdicts: 1},
		{args: []string{"MP_atomic.wast", "LB.wast", "LB_atomic.wast", "SB.wast", "SB_atomic.wast"}, okVerdicts: 5},
		{args: []string{"simple.wast", "thread.wast", "wait_notify.wast"}, stdout: []string{"T2:ret25=42"}, okVerdicts: 3},
		{args: []string{"nested.wast", "deeply_nested.wast"}, stdout: []string{"Test nested.wast (wasm)", "Test deeply_nested.wast (wasm)"}, okVerdicts: 2},
		{args: []string{"../wast-bad/nested.wast"}, code: exitInput, stderr: "nested.wast:11:3: unsupported: a thread spawned after its parent's first call"},
		{args: []string{"../wast-good"}, stdout: []string{"Test setup.wast (wasm)", "Test sequential.wast.L13 (wasm)"}, okVerdicts: 4},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := []string{"check"}
			for _, a := range tc.args {
				args = append(args, filepath.Join(wast, a))
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			out := stdout.String()
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("standard output lacks %q:\n%s", s, out)
				}
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("standard error lacks %q:\n%s", tc.stderr, stderr.String())
			}
			if n := strings.Count(out, "Expect always: ok"); n != tc.okVerdicts {
				t.Errorf("%d verdicts hold, want %d:\n%s", n, tc.okVerdicts, out)
			}
		})
	}
}
