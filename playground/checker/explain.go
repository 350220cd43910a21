package checker

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
)

// Explain explains the outcomes r.Outcome selects (default: the
// condition's) of the test r.Test of r.Source, as wmm explain does.
func Explain(r Request) *Response {
	start := time.Now()
	e, err := explanation(r)
	if err != nil {
		return failed(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteExplainText(&buf, e); err != nil {
		return failed(err)
	}
	return &Response{Explain: buf.String(), Seconds: time.Since(start).Seconds()}
}

// A Graph is one execution graph, drawn as SVG by wmm graph.
type Graph struct {
	Title string `json:"title"`
	SVG   string `json:"svg"`
}

// Draw draws the executions of the outcomes r.Outcome selects, as wmm
// graph does: one execution of an allowed outcome, the simplest candidate
// of each axiom a forbidden one breaks.
func Draw(r Request) *Response {
	start := time.Now()
	e, err := explanation(r)
	if err != nil {
		return failed(err)
	}
	resp := &Response{Graphs: []Graph{}}
	for _, g := range e.Graphs() {
		var buf bytes.Buffer
		if err := reports.WriteSVG(&buf, g); err != nil {
			return failed(err)
		}
		resp.Graphs = append(resp.Graphs, Graph{Title: g.Title, SVG: buf.String()})
	}
	resp.Seconds = time.Since(start).Seconds()
	return resp
}

// explanation loads the test r asks about and explains its outcomes,
// with the defaults of wmm explain (4 outcomes in full, one candidate per
// axiom).
func explanation(r Request) (*reports.Explain, error) {
	name := r.Model
	if name == "" {
		name = litmus.DefaultModel
	}
	m, err := axioms.Lookup(name, r.Variants...)
	if err != nil {
		return nil, err
	}
	t, err := pick(r.Source, r.Test)
	if err != nil {
		return nil, err
	}
	p, err := t.Selected(r.Outcome, litmus.Pos{File: "outcome", Line: 1, Col: 1})
	if err != nil {
		return nil, err
	}
	sel := p.String()
	if r.Outcome == "" && t.Condition == nil {
		sel = "any values"
	}
	opts := enumerate.Options{Limits: limits()}
	opts.Limits.Candidates = 0
	ex, err := enumerate.ExplainWith(t, m, opts, p.Eval, enumerate.ExplainOptions{Keep: 1, MaxCandidates: enumerate.DefaultMaxCandidates})
	if err != nil {
		return nil, err
	}
	return &reports.Explain{Explanation: ex, Model: m.Name(), Selection: sel, Limit: 4,
		Order: func(x *model.Execution) []model.EventID { return enumerate.ConstrainedOrder(m, x) }}, nil
}

// pick loads src and returns its test called name, or its first test
// when name is empty.
func pick(src, name string) (*litmus.Test, error) {
	tests, err := load(src)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, t := range tests {
		if name == "" || t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	if name == "" {
		return nil, fmt.Errorf("%s holds no test", File)
	}
	return nil, fmt.Errorf("no test %s in %s (tests: %s)", name, File, strings.Join(names, ", "))
}
