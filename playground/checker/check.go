package checker

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"wmm/budget"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
	"wmm/suite"
)

// A Result is the result of one test under one model: the object wmm check
// --json prints, its text form, and the rows of the outcome table.
type Result struct {
	JSON json.RawMessage `json:"json"`
	Text string          `json:"text"`
	Rows []Row           `json:"rows"`
}

// A Row is one outcome of a check.
type Row struct {
	// Outcome is the outcome as wmm check prints it ("T0:r0=0; T1:r0=1").
	Outcome string `json:"outcome"`
	// Prop is the proposition that selects it, for explain and graph
	// ("T0:r0=0 /\ T1:r0=1").
	Prop string `json:"prop"`
	// Satisfies is set when the outcome satisfies the test's condition
	// (wmm check marks it with *).
	Satisfies bool `json:"satisfies"`
}

// Check checks every test of r.Source under r.Model with r.Variants,
// as wmm check --json does.
func Check(r Request) *Response {
	start := time.Now()
	tests, err := load(r.Source)
	if err != nil {
		return failed(err)
	}
	var models []string
	if r.Model != "" {
		models = []string{r.Model}
	}
	jobs, err := suite.Plan(tests, models, r.Variants, false)
	if err != nil {
		return failed(err)
	}
	results := suite.Run(jobs, suite.Options{Enum: enumerate.Options{Limits: limits()}, Workers: 1})
	resp := &Response{}
	var errs litmus.ErrorList
	for i, res := range results {
		var c *reports.Check
		switch {
		case errors.Is(res.Err, budget.ErrExceeded):
			c = reports.NewUnknown(jobs[i].Test, jobs[i].Model.Name(), res.Err)
		case res.Err != nil:
			errs.Wrap(jobs[i].Test.Pos, res.Err)
			continue
		default:
			c = reports.NewCheck(res.Res)
		}
		resp.Checks = append(resp.Checks, newResult(c))
	}
	if err := errs.Err(); err != nil {
		resp.Errors = failed(err).Errors
	}
	resp.Seconds = time.Since(start).Seconds()
	return resp
}

// newResult renders one check.
func newResult(c *reports.Check) Result {
	var j, text bytes.Buffer
	reports.WriteJSON(&j, c) // to a buffer: no error
	reports.WriteText(&text, c)
	out := Result{JSON: bytes.TrimSpace(j.Bytes()), Text: text.String(), Rows: []Row{}}
	for _, o := range c.Outcomes {
		out.Rows = append(out.Rows, Row{
			Outcome:   o.String(),
			Prop:      Prop(o),
			Satisfies: c.Test.Condition != nil && c.Test.Condition.Prop.Eval(o),
		})
	}
	return out
}

// Prop returns the proposition, in the condition syntax, that selects
// exactly the outcome o: "T0:r0=0 /\ T1:r0=1".
func Prop(o model.Outcome) string {
	if len(o) == 0 {
		return "true"
	}
	parts := make([]string, len(o))
	for i, b := range o {
		parts[i] = b.Name + "=" + strconv.FormatUint(b.Value, 10)
	}
	return strings.Join(parts, ` /\ `)
}
