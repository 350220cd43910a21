package suite

import (
	"slices"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
)

const src = `name: A
threads:
  T0: |
    (local $r0 i32)
    (local.set $r0 (i32.load (i32.const 0)))
condition: exists (T0:r0=0)
expect: {wasm: always, sc: always, js+x: always}
---
name: B
threads:
  T0: |
    (i32.store (i32.const 0) (i32.const 1))
`

func load(t *testing.T) []*litmus.Test {
	t.Helper()
	return litmustest.Parse(t, "t.yaml", src)
}

func names(jobs []Job) []string {
	var out []string
	for _, j := range jobs {
		out = append(out, j.Test.Name+"/"+j.Model.Name())
	}
	return out
}

// TestPlan checks the models each test is checked under: the models named
// for every test, or every model each test's expect: names (the default
// first, then the others sorted), and an unknown model as an error.
func TestPlan(t *testing.T) {
	tests := load(t)
	jobs, err := Plan(tests, []string{"sc", "wasm"}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"A/sc", "A/wasm", "B/sc", "B/wasm"}, names(jobs)); d != "" {
		t.Errorf("--model sc,wasm (-want +got):\n%s", d)
	}
	if _, err := Plan(tests[1:], nil, nil, true); err != nil {
		t.Errorf("--every-model on a test without expect: %v", err)
	}
	if _, err := Plan(tests, nil, nil, true); err == nil {
		t.Errorf("--every-model with expect key js+x: no error for the unknown variant")
	}
	if _, err := Plan(tests, []string{"nosuch"}, nil, false); err == nil {
		t.Errorf("--model nosuch: no error")
	}
}

// TestRunOrder checks that results come back in job order whatever the
// number of workers, and that Done is called once per job.
func TestRunOrder(t *testing.T) {
	jobs, err := Plan(load(t), []string{"wasm", "sc"}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		var done atomic.Int32
		results := Run(jobs, Options{Workers: workers, Enum: enumerate.Options{}, Done: func(Job) { done.Add(1) }})
		var got []string
		for i, r := range results {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			got = append(got, r.Res.Test.Name+"/"+r.Res.Model)
			if r.Res.Test != jobs[i].Test {
				t.Errorf("result %d is of test %s, job of %s", i, r.Res.Test.Name, jobs[i].Test.Name)
			}
		}
		if !slices.Equal(got, names(jobs)) || int(done.Load()) != len(jobs) {
			t.Errorf("workers %d: results %v, Done called %d times, want %v", workers, got, done.Load(), names(jobs))
		}
	}
}
