// Package reports renders results: the text and JSON of wmm check, and
// (in other files) herd7-compatible logs, explanations, execution graphs,
// HTML reports (with engine results, read by package conform), the
// differences between two models and the catalogue's listing. It formats;
// it decides nothing.
package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"wmm/budget"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// A Check is the result of checking one test under one model, ready to
// print.
type Check struct {
	Test     *litmus.Test
	Model    string
	Names    []litmus.Loc
	Outcomes []model.Outcome
	Verdict  litmus.Verdict
	Stats    enumerate.Stats
	Notes    []string
	// Unknown, when set, says why the check has no result: a budget ran
	// out, or the test could not be imported in full. Such a check has no
	// outcomes and no verdict (Verdict.OK is false).
	Unknown *Unknown
}

// Unknown says why a check has no result.
type Unknown struct {
	// Reason is the whole message: "out of time (--timeout 1s) in ...".
	Reason string
	// Budget names the budget that ran out (time, memory, candidate,
	// path), Limit its value and Flag the flag that raises it; all empty
	// when no budget ran out.
	Budget, Limit, Flag string
	Progress            budget.Progress
}

// NewUnknown returns the check of test t under the model called
// modelName that has no result because of err: an error that wraps a
// *budget.Exceeded, or any other reason.
func NewUnknown(t *litmus.Test, modelName string, err error) *Check {
	u := &Unknown{Reason: err.Error()}
	var ex *budget.Exceeded
	if errors.As(err, &ex) {
		u.Reason = ex.Error()
		u.Budget, u.Limit, u.Flag, u.Progress = ex.Kind.String(), ex.Limit, ex.Kind.Flag(), ex.Progress
	}
	return &Check{Test: t, Model: modelName, Unknown: u}
}

// NewCheck judges an enumeration result against the test's condition and
// expectation.
func NewCheck(r *enumerate.Result) *Check {
	return &Check{
		Test: r.Test, Model: r.Model, Names: r.Names, Outcomes: r.Outcomes,
		Verdict: r.Test.Judge(r.Model, r.Outcomes), Stats: r.Stats, Notes: r.Notes,
	}
}

// WriteText prints c as a block in the spirit of herd7's:
//
//	Test MP+sc (wasm)
//	Outcomes 3
//	  T1:r0=0; T1:r1=0
//	  ...
//	Condition exists (T1:r0=1 /\ T1:r1=0)
//	Observation never: 0 of 3 outcomes satisfy it
//	Expect never: ok
//	Executions 3 (candidates 4, cut 0)
func WriteText(w io.Writer, c *Check) {
	fmt.Fprintf(w, "Test %s (%s)\n", c.Test.Name, c.Model)
	if u := c.Unknown; u != nil {
		fmt.Fprintf(w, "Result unknown: %s\n", u.Reason)
		if cond := c.Test.Condition; cond != nil && u.Budget != "" {
			fmt.Fprintf(w, "Condition %s\n", cond)
		}
		return
	}
	fmt.Fprintf(w, "Outcomes %d\n", len(c.Outcomes))
	for _, o := range c.Outcomes {
		mark := "  "
		if c.Test.Condition != nil && c.Test.Condition.Prop.Eval(o) {
			mark = "* "
		}
		text := o.String()
		if text == "" {
			text = "(no names: the test observes nothing)"
		}
		fmt.Fprintf(w, "%s%s\n", mark, text)
	}
	if cond := c.Test.Condition; cond != nil {
		fmt.Fprintf(w, "Condition %s\n", cond)
		fmt.Fprintf(w, "Observation %s: %d of %d outcomes satisfy it\n", c.Verdict.Observation, c.Verdict.Positive, len(c.Outcomes))
	}
	if e := c.Verdict.Expect; e != nil {
		status := "ok"
		if !c.Verdict.OK {
			status = "FAILED (observed " + c.Verdict.Observation.String() + ")"
		}
		fmt.Fprintf(w, "Expect %s: %s\n", e.Word, status)
	}
	fmt.Fprintf(w, "Executions %s (candidates %d, cut %s)\n", c.Stats.Consistent, c.Stats.Candidates, c.Stats.Cut)
	for _, n := range c.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
}

// checkJSON is the JSON object of LITMUS.md, "wmm check --json".
type checkJSON struct {
	Name        string          `json:"name"`
	Model       string          `json:"model"`
	Outcomes    []model.Outcome `json:"outcomes"`
	Condition   *string         `json:"condition"`
	Observation *string         `json:"observation"`
	Expect      *string         `json:"expect"`
	OK          bool            `json:"ok"`
	Executions  enumerate.Count `json:"executions"` // a string when large
	Cut         enumerate.Count `json:"cut"`
	Candidates  int             `json:"candidates"`
	Notes       []string        `json:"notes,omitempty"`
	Unknown     *unknownJSON    `json:"unknown,omitempty"`
}

// unknownJSON is the "unknown" object of LITMUS.md: why a check has no
// result, and how far its search got.
type unknownJSON struct {
	Reason     string  `json:"reason"`
	Budget     string  `json:"budget,omitempty"`
	Limit      string  `json:"limit,omitempty"`
	Flag       string  `json:"flag,omitempty"`
	Phase      string  `json:"phase,omitempty"`
	Paths      int64   `json:"paths"`
	Candidates int64   `json:"candidates"`
	Executions int64   `json:"executions"`
	Seconds    float64 `json:"seconds"`
}

// WriteJSON prints c as one JSON object on one line.
func WriteJSON(w io.Writer, c *Check) error {
	j := checkJSON{
		Name: c.Test.Name, Model: c.Model, Outcomes: c.Outcomes, OK: c.Verdict.OK,
		Executions: c.Stats.Consistent, Cut: c.Stats.Cut, Candidates: c.Stats.Candidates, Notes: c.Notes,
	}
	if j.Outcomes == nil {
		j.Outcomes = []model.Outcome{}
	}
	if u := c.Unknown; u != nil {
		p := u.Progress
		j.Unknown = &unknownJSON{Reason: u.Reason, Budget: u.Budget, Limit: u.Limit, Flag: u.Flag,
			Paths: p.Paths, Candidates: p.Candidates, Executions: p.Executions, Seconds: p.Elapsed.Seconds()}
		if u.Budget != "" {
			j.Unknown.Phase = p.Phase.String()
		}
		j.Candidates, j.Executions = int(p.Candidates), enumerate.CountOf(uint64(p.Executions))
		j.OK = false
	}
	if cond := c.Test.Condition; cond != nil {
		s, o := cond.String(), c.Verdict.Observation.String()
		j.Condition, j.Observation = &s, &o
	}
	if e := c.Verdict.Expect; e != nil {
		j.Expect = &e.Word
	}
	if c.Unknown != nil {
		j.Observation = nil
		if c.Unknown.Budget == "" {
			j.Condition = nil // not the test's own: the importer left parts out
		}
		if e, ok := c.Test.ExpectFor(c.Model); ok {
			j.Expect = &e.Word
		}
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// Summary returns one line about a set of checks (a test under a model
// each): how many, of how many tests, and which expectations failed.
func Summary(checks []*Check) string {
	var failed, unknown []string
	tests := map[*litmus.Test]bool{}
	for _, c := range checks {
		tests[c.Test] = true
		switch {
		case c.Unknown != nil:
			unknown = append(unknown, c.Test.Name+" ("+c.Model+")")
		case !c.Verdict.OK:
			failed = append(failed, c.Test.Name+" ("+c.Model+")")
		}
	}
	what := fmt.Sprintf("%d check(s) of %d test(s)", len(checks), len(tests))
	if len(unknown) > 0 {
		what += fmt.Sprintf(", %d unknown: %s", len(unknown), strings.Join(unknown, ", "))
	}
	if len(failed) == 0 {
		if len(unknown) > 0 {
			return what + ", every expectation of the others holds"
		}
		return what + ", every expectation holds"
	}
	return fmt.Sprintf("%s, %d expectation(s) failed: %s", what, len(failed), strings.Join(failed, ", "))
}
