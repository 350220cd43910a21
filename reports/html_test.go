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

// TestHTMLTables checks a report's extra table: shown before the tests,
// escaped, a row that names a test of the report linked to its section
// and one that names no such test not linked, bad cells in red, and a
// report with a table but no test says nothing about tests.
func TestHTMLTables(t *testing.T) {
	c, _ := herdCheck(t, herdCases[1]) // SB+sc
	tab := &HTMLTable{Title: "Campaign <x>", Header: []string{"test", "wazero"}, Summary: "2 tests",
		Rows: []HTMLRow{
			{Test: "SB+sc", Cells: []HTMLCell{{Text: "SB+sc"}, {Text: "3/10 FORBIDDEN", Bad: true}}, Bad: true},
			{Test: "MP", Cells: []HTMLCell{{Text: "MP"}, {Text: "0/10"}}},
		}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, &HTMLReport{Title: "r", Model: "wasm", Tables: []*HTMLTable{tab}, Tests: []*HTMLTest{{Check: c, Family: "sb"}}}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	checks := []struct {
		what string
		ok   bool
	}{
		{"the title escaped", strings.Contains(s, "<h2>Campaign &lt;x&gt;</h2>")},
		{"the table before the tests", strings.Index(s, "Campaign &lt;x&gt;") < strings.Index(s, `<section id="test-SB_sc">`)},
		{"the test's row linked", strings.Contains(s, `<a href="#test-SB_sc">SB&#43;sc</a>`)},
		{"the other row not linked", strings.Contains(s, `<td class="mono">MP</td>`)},
		{"the bad cell in red", strings.Contains(s, `<span class="failed">3/10 FORBIDDEN</span>`)},
		{"one row marked", strings.Count(s, `<tr class="fail">`) == 1},
		{"the summary", strings.Contains(s, "<pre>2 tests</pre>")},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("report: %s fails", c.what)
		}
	}
	buf.Reset()
	if err := WriteHTML(&buf, &HTMLReport{Title: "r", Tables: []*HTMLTable{tab}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "test(s)") || strings.Contains(buf.String(), `href="#test-`) {
		t.Errorf("a report without tests speaks of tests:\n%s", buf.String())
	}
}
