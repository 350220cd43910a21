package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/conform"
	"wmm/engine"
	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/model"
)

// TestValidateWrongModel validates against a deliberately wrong model that
// allows one outcome only, which the engine never produces: validate must
// report each observed outcome as forbidden, with its count and the
// command that repeats the experiment, and exit with status 1.
func TestValidateWrongModel(t *testing.T) {
	defer func(f func(*litmus.Test, enumerate.Model, enumerate.Options) (*enumerate.Result, error)) {
		enumerateRun = f
	}(enumerateRun)
	enumerateRun = func(tt *litmus.Test, m enumerate.Model, opts enumerate.Options) (*enumerate.Result, error) {
		names := tt.Names(nil, nil)
		o := model.Outcome{}.Over(locNames(names))
		o[0].Value = 99
		return &enumerate.Result{Test: tt, Model: "wrong", Names: names, Outcomes: []model.Outcome{o}}, nil
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"validate", "-n", "40", "--memory", "imported", "--test", "^Single$", "--seed", "7", "testdata/run/det.yaml"}, &stdout, &stderr)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	want := "testdata/run/det.yaml:3:1: test Single: outcome T0:r0=5; i32[0]=5 seen 40 of 40 times on wazero is forbidden by wrong\n" +
		"\treproduce: wmm validate --engine wazero --model wasm --iterations 40 --memory imported --seed 7 --test '^Single$' testdata/run/det.yaml\n"
	if d := cmp.Diff(want, stderr.String()); d != "" {
		t.Errorf("stderr (-want +got):\n%s", d)
	}
	for _, line := range []string{
		"40 *> T0:r0=5; i32[0]=5   FORBIDDEN by wrong",
		"Not seen (allowed by wrong): T0:r0=99; i32[0]=0",
		"Coverage 0 of 1 allowed outcomes (0%)",
		"Forbidden by wrong: 1 outcome(s), 40 runs",
		"Summary: wazero against model wasm: 1 tests run, 1 with forbidden outcomes, 0 skipped",
	} {
		if !strings.Contains(stdout.String(), line) {
			t.Errorf("stdout lacks %q:\n%s", line, stdout.String())
		}
	}
	// A bundled test is repeated by its name.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"validate", "-n", "10", "--memory", "imported", "--catalog", "Copy+overlap"}, &stdout, &stderr); code != exitFailed {
		t.Errorf("--catalog: exit %d, want %d", code, exitFailed)
	}
	if want := "\treproduce: wmm validate --engine wazero --model wasm --iterations 10 --memory imported --catalog Copy+overlap\n"; !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("--catalog: stderr %q does not end with %q", stderr.String(), want)
	}
}

func locNames(locs []litmus.Loc) []string {
	var out []string
	for _, l := range locs {
		out = append(out, l.String())
	}
	return out
}

// TestCompareNames checks that the comparison puts the model's and the
// engine's outcomes over the same names: a thread that traps on one side
// only gets T:trap=0 on the other.
func TestCompareNames(t *testing.T) {
	tt := litmustest.Parse(t, "t.yaml", `name: T
threads:
  T0: |
    (local $r0 i32)
    (local.set $r0 (i32.const 1))
`)[0]
	trapNames := append(tt.Names(nil, nil), litmus.Loc{Kind: litmus.LocTrap, Thread: "T0"})
	mres := &enumerate.Result{Test: tt, Model: "m", Names: trapNames, Outcomes: []model.Outcome{
		{{Name: "T0:r0", Value: 1}, {Name: "T0:trap", Value: 0}},
		{{Name: "T0:r0", Value: 0}, {Name: "T0:trap", Value: 1}},
	}}
	res := runEngine(t, tt)
	v := conform.Compare(mres, res)
	if d := cmp.Diff([]string{"T0:r0", "T0:trap"}, locNames(v.Names)); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
	if len(v.Forbidden) != 0 || len(v.NotSeen) != 1 || v.NotSeen[0].String() != "T0:r0=0; T0:trap=1" {
		t.Errorf("forbidden %v, not seen %v", v.Forbidden, v.NotSeen)
	}
}

// runEngine runs t a few times on wazero.
func runEngine(t *testing.T, tt *litmus.Test) *engine.Result {
	t.Helper()
	res, err := engine.Run(context.Background(), tt, engine.Wazero{}, engine.Options{Iterations: 10})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
