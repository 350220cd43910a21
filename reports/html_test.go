package reports

import (
	"bytes"
	"strings"
	"testing"

	"wmm/conform"
)

// TestHTML checks a report of one test with one graph and one engine run
// that saw a forbidden outcome: self-contained, the graph and the chart
// inline, the forbidden outcome in red, the row marked, the same bytes
// twice.
func TestHTML(t *testing.T) {
	hc := herdCases[1] // SB+sc
	c, _ := herdCheck(t, hc)
	c.Names = c.Test.Names(nil, nil)
	g := NewWitnessGraph("SB+sc: one", sbSC(), nil)
	run := &conform.Record{Name: "SB+sc", Engine: "wazero", Iterations: 100, Histogram: []conform.Count{
		{Outcome: outcome(t, "T0:r0=0; T1:r0=1"), Count: 60},
		{Outcome: outcome(t, "T0:r0=0; T1:r0=0"), Count: 1},
		{Outcome: outcome(t, "T0:r0=1; T1:r0=0"), Count: 39},
	}}
	rep := &HTMLReport{Title: "a <report>", Model: "wasm", Tests: []*HTMLTest{{Check: c, Family: "sb", Graphs: []*Graph{g}, Undrawn: 2, Runs: []*conform.Record{run}}}}
	var buf, again bytes.Buffer
	if err := WriteHTML(&buf, rep); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	checks := []struct {
		what string
		ok   bool
	}{
		{"no script", !strings.Contains(s, "<script")},
		{"no link to the network", strings.Count(s, "http") == strings.Count(s, `xmlns="http://www.w3.org/2000/svg"`)},
		{"one graph", strings.Count(s, `class="wmm-graph"`) == 1},
		{"one chart", strings.Count(s, `class="wmm-chart"`) == 1},
		{"the forbidden outcome in red", strings.Contains(s, `>1 FORBIDDEN</text>`)},
		{"an allowed outcome never seen", strings.Contains(s, `0 not seen`)},
		{"the row marked", strings.Contains(s, `<tr class="fail">`)},
		{"the undrawn outcomes said", strings.Contains(s, "2 more allowed outcome(s) are not drawn")},
		{"the title escaped", strings.Contains(s, "<title>a &lt;report&gt;</title>")},
		{"the summary", strings.Contains(s, "wazero: 1 forbidden")},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("report: %s fails", c.what)
		}
	}
	if err := WriteHTML(&again, rep); err != nil || again.String() != s {
		t.Errorf("two renderings differ")
	}
}
