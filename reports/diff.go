package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// A Diff compares the outcomes two models allow for one test: those only
// one of them allows, each with why the other forbids it.
type Diff struct {
	Test *litmus.Test
	A, B string // the two models' names
	// Names are the names of both runs (a thread that traps or blocks
	// under one model only has its T:trap or T:stuck here, 0 under the
	// other); every outcome below is over them.
	Names []litmus.Loc
	// CountA and CountB are how many outcomes each model allows.
	CountA, CountB int
	// OnlyA are the outcomes A allows and B forbids, OnlyB the reverse,
	// sorted.
	OnlyA, OnlyB []*DiffOutcome
}

// A DiffOutcome is an outcome one model allows and the other forbids.
type DiffOutcome struct {
	Outcome model.Outcome
	// Candidates counts the candidate executions of the forbidding model
	// that give the outcome (0: no choice of writes gives it, for example
	// because the models' events differ); Reasons groups them by the axiom
	// each breaks.
	Candidates int
	Reasons    []DiffReason
}

// A DiffReason is an axiom (and clause) that candidates of a forbidden
// outcome break, with how many do and the first one's violation.
type DiffReason struct {
	Axiom, Clause string
	Count         int
	Example       string // the violation of the simplest candidate, as Error() prints it
}

// NewDiff compares two runs of one test: a under model A, b under model
// B. The reasons are left empty; Explain fills them in.
func NewDiff(a, b *enumerate.Result) *Diff {
	d := &Diff{Test: a.Test, A: a.Model, B: b.Model, CountA: len(a.Outcomes), CountB: len(b.Outcomes)}
	has := map[string]bool{}
	for _, n := range append(append([]litmus.Loc(nil), a.Names...), b.Names...) {
		has[n.String()] = true
	}
	status := func(k litmus.LocKind) func(string) bool {
		return func(th string) bool { return has[litmus.Loc{Kind: k, Thread: th}.String()] }
	}
	d.Names = a.Test.Names(status(litmus.LocTrap), status(litmus.LocStuck))
	sa, sb := d.set(a.Outcomes), d.set(b.Outcomes)
	for _, o := range sa.Minus(sb) {
		d.OnlyA = append(d.OnlyA, &DiffOutcome{Outcome: o})
	}
	for _, o := range sb.Minus(sa) {
		d.OnlyB = append(d.OnlyB, &DiffOutcome{Outcome: o})
	}
	return d
}

// set returns outcomes over d.Names.
func (d *Diff) set(outcomes []model.Outcome) *model.OutcomeSet {
	s := &model.OutcomeSet{}
	for _, o := range outcomes {
		s.Add(d.Over(o))
	}
	return s
}

// Over returns o over d.Names: a name o lacks (a status name) is 0.
func (d *Diff) Over(o model.Outcome) model.Outcome {
	names := make([]string, len(d.Names))
	for i, n := range d.Names {
		names[i] = n.String()
	}
	return o.Over(names)
}

// Differs reports whether the two models allow different outcomes.
func (d *Diff) Differs() bool { return len(d.OnlyA)+len(d.OnlyB) > 0 }

// Explain records, for the outcomes of only (d.OnlyA or d.OnlyB), why the
// other model forbids them, from ex, that model's explanation of them.
func (d *Diff) Explain(only []*DiffOutcome, ex *enumerate.Explanation) {
	byKey := map[string]*DiffOutcome{}
	for _, do := range only {
		byKey[do.Outcome.String()] = do
	}
	for _, oe := range ex.Outcomes {
		do := byKey[d.Over(oe.Outcome).String()]
		if do == nil || oe.Allowed {
			continue
		}
		do.Candidates += oe.Candidates
		for _, g := range oe.Groups {
			r := DiffReason{Axiom: g.Axiom, Clause: g.Clause, Count: g.Count}
			if len(g.Examples) > 0 {
				r.Example = g.Examples[0].Violation.Error()
			}
			do.Reasons = append(do.Reasons, r)
		}
	}
}

// WriteDiffText prints d as a block:
//
//	Test SB+waitne+notify: wasm allows 1 outcome(s) js forbids
//	  only wasm: T0:r0=1; T0:r1=0; T1:r0=0; T1:r1=0
//	    js forbids all 64 candidate execution(s):
//	      64 by hb-consistent (c), e.g. T0.2 reads data cell 8 from init, ...
//
// A test the models agree on prints one line.
func WriteDiffText(w io.Writer, d *Diff) {
	if !d.Differs() {
		fmt.Fprintf(w, "Test %s: %s and %s allow the same %d outcome(s)\n", d.Test.Name, d.A, d.B, d.CountA)
		return
	}
	var parts []string
	if n := len(d.OnlyA); n > 0 {
		parts = append(parts, fmt.Sprintf("%s allows %d outcome(s) %s forbids", d.A, n, d.B))
	}
	if n := len(d.OnlyB); n > 0 {
		parts = append(parts, fmt.Sprintf("%s allows %d outcome(s) %s forbids", d.B, n, d.A))
	}
	fmt.Fprintf(w, "Test %s: %s\n", d.Test.Name, strings.Join(parts, "; "))
	writeOnly(w, d.A, d.B, d.OnlyA)
	writeOnly(w, d.B, d.A, d.OnlyB)
}

// writeOnly prints the outcomes only model allows and why other forbids
// each: per axiom, how many candidate executions break it, and the
// violation of the simplest.
func writeOnly(w io.Writer, only, other string, outs []*DiffOutcome) {
	for _, do := range outs {
		fmt.Fprintf(w, "  only %s: %s\n", only, do.Outcome)
		if do.Candidates == 0 {
			fmt.Fprintf(w, "    %s: no candidate execution gives these values\n", other)
			continue
		}
		fmt.Fprintf(w, "    %s forbids all %d candidate execution(s):\n", other, do.Candidates)
		for _, r := range do.Reasons {
			fmt.Fprintf(w, "      %d by %s", r.Count, axiomName(r.Axiom, r.Clause))
			if r.Example != "" {
				_, msg, _ := strings.Cut(r.Example, ": ")
				fmt.Fprintf(w, ", e.g. %s", msg)
			}
			fmt.Fprintln(w)
		}
	}
}

// DiffSummary returns one line about a set of diffs: how many tests
// differ, and which.
func DiffSummary(ds []*Diff) string {
	if len(ds) == 0 {
		return "no test compared"
	}
	var names []string
	for _, d := range ds {
		if d.Differs() {
			names = append(names, d.Test.Name)
		}
	}
	what := fmt.Sprintf("%d of %d test(s) differ between %s and %s", len(names), len(ds), ds[0].A, ds[0].B)
	if len(names) == 0 {
		return what
	}
	return what + ": " + strings.Join(names, ", ")
}

// diffJSON is the JSON object of one diff (wmm diff --json).
type diffJSON struct {
	Name    string            `json:"name"`
	Models  [2]string         `json:"models"`
	Differs bool              `json:"differs"`
	Counts  [2]int            `json:"outcomes"`
	OnlyA   []diffOutcomeJSON `json:"only_first"`
	OnlyB   []diffOutcomeJSON `json:"only_second"`
}

type diffOutcomeJSON struct {
	Outcome    model.Outcome    `json:"outcome"`
	Candidates int              `json:"candidates"`
	Forbidden  []diffReasonJSON `json:"forbidden_by"`
}

type diffReasonJSON struct {
	Axiom   string `json:"axiom"`
	Clause  string `json:"clause,omitempty"`
	Count   int    `json:"count"`
	Example string `json:"example,omitempty"`
}

// WriteDiffJSON prints d as one JSON object on one line: the test, the
// two models, whether they differ, how many outcomes each allows, and the
// outcomes only the first and only the second allow, each with the
// axioms the other model's candidate executions for it break.
func WriteDiffJSON(w io.Writer, d *Diff) error {
	j := diffJSON{Name: d.Test.Name, Models: [2]string{d.A, d.B}, Differs: d.Differs(), Counts: [2]int{d.CountA, d.CountB},
		OnlyA: outcomesJSON(d.OnlyA), OnlyB: outcomesJSON(d.OnlyB)}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func outcomesJSON(outs []*DiffOutcome) []diffOutcomeJSON {
	out := []diffOutcomeJSON{}
	for _, do := range outs {
		o := diffOutcomeJSON{Outcome: do.Outcome, Candidates: do.Candidates, Forbidden: []diffReasonJSON{}}
		for _, r := range do.Reasons {
			o.Forbidden = append(o.Forbidden, diffReasonJSON(r))
		}
		out = append(out, o)
	}
	return out
}
