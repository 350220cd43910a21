package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/model"
)

// TestReadEngineRuns checks reading the JSON lines of wmm validate: the
// fields the report uses, outcomes in the order of their names, errors.
func TestReadEngineRuns(t *testing.T) {
	in := `{"name":"SB","engine":"wazero","iterations":10,"histogram":[{"outcome":{"T1:r0":1,"T0:r0":0},"count":7,"allowed":true}],"coverage":0.5}
{"name":"SB","engine":"node","iterations":3,"histogram":[]}
`
	runs, err := ReadEngineRuns(strings.NewReader(in), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []*EngineRun{
		{Name: "SB", Engine: "wazero", Iterations: 10, Histogram: []EngineCount{{Outcome: model.Outcome{{Name: "T1:r0", Value: 1}, {Name: "T0:r0", Value: 0}}, Count: 7}}},
		{Name: "SB", Engine: "node", Iterations: 3},
	}
	if d := cmp.Diff(want, runs); d != "" {
		t.Errorf("runs (-want +got):\n%s", d)
	}
	for _, bad := range []struct{ in, want string }{
		{`{"name":"SB"`, "r.json: object 1: unexpected EOF"},
		{`{"engine":"x"}`, "r.json: object 1: expected the name and engine of a run, found neither"},
		{`{"name":"SB","engine":"x","histogram":[{"outcome":[1],"count":1}]}`, "r.json: object 1: outcome: expected an object, found [1]"},
		{`{"name":"SB","engine":"x","histogram":[{"outcome":{"a":-1},"count":1}]}`, "r.json: object 1: outcome: value of a: json: cannot unmarshal number -1 into Go value of type uint64"},
	} {
		_, err := ReadEngineRuns(strings.NewReader(bad.in), "r.json")
		if err == nil || err.Error() != bad.want {
			t.Errorf("ReadEngineRuns(%s): error %v, want %s", bad.in, err, bad.want)
		}
	}
}

// TestHTML checks a report of one test with one graph and one engine run
// that saw a forbidden outcome: self-contained, the graph and the chart
// inline, the forbidden outcome in red, the row marked, the same bytes
// twice.
func TestHTML(t *testing.T) {
	hc := herdCases[1] // SB+sc
	c, _ := herdCheck(t, hc)
	c.Names = c.Test.Names(nil, nil)
	g := NewWitnessGraph("SB+sc: one", sbSC(), nil)
	run := &EngineRun{Name: "SB+sc", Engine: "wazero", Iterations: 100, Histogram: []EngineCount{
		{Outcome: outcome(t, "T0:r0=0; T1:r0=1"), Count: 60},
		{Outcome: outcome(t, "T0:r0=0; T1:r0=0"), Count: 1},
		{Outcome: outcome(t, "T0:r0=1; T1:r0=0"), Count: 39},
	}}
	rep := &HTMLReport{Title: "a <report>", Model: "wasm", Tests: []*HTMLTest{{Check: c, Family: "sb", Graphs: []*Graph{g}, Undrawn: 2, Runs: []*EngineRun{run}}}}
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
