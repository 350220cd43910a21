package reports

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/model"
)

// diffTest loads a one-thread test whose outcomes bind T0:r0 (and
// T0:trap where a run says the thread traps).
func diffTest(t *testing.T) *litmus.Test {
	t.Helper()
	return litmustest.Parse(t, "d.yaml", "name: D\nthreads:\n  T0: |\n    (local $r0 i32)\n    (local.set $r0 (i32.load (i32.const 0)))\n")[0]
}

func diffOutcome(kv ...any) model.Outcome {
	var o model.Outcome
	for i := 0; i < len(kv); i += 2 {
		o = append(o, model.Binding{Name: kv[i].(string), Value: uint64(kv[i+1].(int))})
	}
	return o
}

// TestNewDiff checks the set differences, over the union of the two runs'
// names: a status name one run lacks is 0 in its outcomes.
func TestNewDiff(t *testing.T) {
	tt := diffTest(t)
	r0 := litmus.Loc{Kind: litmus.LocLocal, Thread: "T0", Local: "r0"}
	trap := litmus.Loc{Kind: litmus.LocTrap, Thread: "T0"}
	a := &enumerate.Result{Test: tt, Model: "wasm", Names: []litmus.Loc{r0, trap}, Outcomes: []model.Outcome{
		diffOutcome("T0:r0", 0, "T0:trap", 0), diffOutcome("T0:r0", 0, "T0:trap", 1), diffOutcome("T0:r0", 1, "T0:trap", 0),
	}}
	b := &enumerate.Result{Test: tt, Model: "js", Names: []litmus.Loc{r0}, Outcomes: []model.Outcome{
		diffOutcome("T0:r0", 0), diffOutcome("T0:r0", 2),
	}}
	d := NewDiff(a, b)
	var onlyA, onlyB []string
	for _, do := range d.OnlyA {
		onlyA = append(onlyA, do.Outcome.String())
	}
	for _, do := range d.OnlyB {
		onlyB = append(onlyB, do.Outcome.String())
	}
	want := []string{"T0:r0=0; T0:trap=1", "T0:r0=1; T0:trap=0"}
	if diff := cmp.Diff(want, onlyA); diff != "" {
		t.Errorf("only wasm (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"T0:r0=2; T0:trap=0"}, onlyB); diff != "" {
		t.Errorf("only js (-want +got):\n%s", diff)
	}
	if !d.Differs() || d.CountA != 3 || d.CountB != 2 {
		t.Errorf("Differs %v, counts %d %d", d.Differs(), d.CountA, d.CountB)
	}
}

// TestDiffExplain checks that reasons land on the outcome they explain,
// matched over the diff's names.
func TestDiffExplain(t *testing.T) {
	tt := diffTest(t)
	r0 := litmus.Loc{Kind: litmus.LocLocal, Thread: "T0", Local: "r0"}
	a := &enumerate.Result{Test: tt, Model: "wasm", Names: []litmus.Loc{r0}, Outcomes: []model.Outcome{diffOutcome("T0:r0", 0), diffOutcome("T0:r0", 1)}}
	b := &enumerate.Result{Test: tt, Model: "js", Names: []litmus.Loc{r0}, Outcomes: []model.Outcome{diffOutcome("T0:r0", 0)}}
	d := NewDiff(a, b)
	v := &model.Violation{Axiom: model.AxHB, Clause: "c", Msg: "T0.0 reads from init, but ..."}
	ex := &enumerate.Explanation{Outcomes: []*enumerate.OutcomeExplanation{
		{Outcome: diffOutcome("T0:r0", 0), Allowed: true},
		{Outcome: diffOutcome("T0:r0", 1), Candidates: 3, Groups: []*enumerate.ViolationGroup{
			{Axiom: model.AxHB, Clause: "c", Count: 2, Examples: []*enumerate.Refuted{{Violation: v}}},
			{Axiom: model.AxSCLast, Clause: "i", Count: 1},
		}},
	}}
	d.Explain(d.OnlyA, ex)
	want := []DiffReason{
		{Axiom: model.AxHB, Clause: "c", Count: 2, Example: "hb-consistent (c): T0.0 reads from init, but ..."},
		{Axiom: model.AxSCLast, Clause: "i", Count: 1},
	}
	if diff := cmp.Diff(want, d.OnlyA[0].Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if d.OnlyA[0].Candidates != 3 {
		t.Errorf("candidates %d, want 3", d.OnlyA[0].Candidates)
	}

	var text, js bytes.Buffer
	WriteDiffText(&text, d)
	wantText := `Test D: wasm allows 1 outcome(s) js forbids
  only wasm: T0:r0=1
    js forbids all 3 candidate execution(s):
      2 by hb-consistent (c), e.g. T0.0 reads from init, but ...
      1 by sc-last-visible (i)
`
	if diff := cmp.Diff(wantText, text.String()); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if err := WriteDiffJSON(&js, d); err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"name":"D","models":["wasm","js"],"differs":true,"outcomes":[2,1],"only_first":[{"outcome":{"T0:r0":1},"candidates":3,"forbidden_by":[{"axiom":"hb-consistent","clause":"c","count":2,"example":"hb-consistent (c): T0.0 reads from init, but ..."},{"axiom":"sc-last-visible","clause":"i","count":1}]}],"only_second":[]}` + "\n"
	if diff := cmp.Diff(wantJSON, js.String()); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
}

// TestDiffTextNoCandidate checks the line for an outcome no candidate of
// the stricter model gives, and the one-line form of an equal pair.
func TestDiffTextNoCandidate(t *testing.T) {
	tt := diffTest(t)
	r0 := litmus.Loc{Kind: litmus.LocLocal, Thread: "T0", Local: "r0"}
	a := &enumerate.Result{Test: tt, Model: "wasm", Names: []litmus.Loc{r0}, Outcomes: []model.Outcome{diffOutcome("T0:r0", 0)}}
	b := &enumerate.Result{Test: tt, Model: "js", Names: []litmus.Loc{r0}, Outcomes: []model.Outcome{diffOutcome("T0:r0", 0), diffOutcome("T0:r0", 5)}}
	var out bytes.Buffer
	WriteDiffText(&out, NewDiff(a, b))
	WriteDiffText(&out, NewDiff(a, a))
	want := `Test D: js allows 1 outcome(s) wasm forbids
  only js: T0:r0=5
    wasm: no candidate execution gives these values
Test D: wasm and wasm allow the same 1 outcome(s)
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if got := DiffSummary([]*Diff{NewDiff(a, b), NewDiff(a, a)}); got != "1 of 2 test(s) differ between wasm and js: D" {
		t.Errorf("summary %q", got)
	}
}
