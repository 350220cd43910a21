package checker

import (
	"encoding/json"
	"strings"
	"testing"

	"wmm/litmus"
	"wmm/model"
)

// source returns the canonical YAML of a catalogue test.
func source(t *testing.T, name string) string {
	t.Helper()
	for _, e := range Catalog() {
		if e.Name == name {
			return e.Source
		}
	}
	t.Fatalf("no catalogue test %s", name)
	return ""
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, test, model string
		outcomes, sat     int
		observation       string
	}{
		{"store buffering, SC", "SB+sc", "", 3, 0, "never"},
		{"store buffering, plain", "SB", "wasm", 4, 1, "sometimes"},
		{"message passing under sc", "MP", "sc", 3, 0, "never"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := Check(Request{Op: "check", Source: source(t, tc.test), Model: tc.model})
			if len(resp.Errors) > 0 || len(resp.Checks) != 1 {
				t.Fatalf("errors %v, %d checks", resp.Errors, len(resp.Checks))
			}
			c := resp.Checks[0]
			var j struct {
				Name, Observation string
				Outcomes          []map[string]uint64
			}
			if err := json.Unmarshal(c.JSON, &j); err != nil {
				t.Fatal(err)
			}
			sat := 0
			for _, r := range c.Rows {
				if r.Satisfies {
					sat++
				}
			}
			if j.Name != tc.test || len(j.Outcomes) != tc.outcomes || len(c.Rows) != tc.outcomes || sat != tc.sat || j.Observation != tc.observation {
				t.Errorf("got %s: %d outcomes, %d rows, %d satisfy, %s; want %d outcomes, %d satisfy, %s",
					j.Name, len(j.Outcomes), len(c.Rows), sat, j.Observation, tc.outcomes, tc.sat, tc.observation)
			}
		})
	}
}

func TestCheckErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"YAML syntax", "name: x\nthreads: [\n", 2, 10, "invalid YAML"},
		{"unknown key", "name: x\nthredas: {}\n", 2, 1, "thredas"},
		{"WAT", "name: x\nthreads:\n  T0: |\n    (i32.lod (i32.const 0))\n", 4, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := Check(Request{Op: "check", Source: tc.src})
			if len(resp.Errors) == 0 {
				t.Fatalf("no error")
			}
			for _, e := range resp.Errors {
				if e.Line == tc.line && (tc.col == 0 || e.Col == tc.col) && strings.Contains(e.Msg, tc.msg) && strings.HasPrefix(e.Text, File+":") {
					return
				}
			}
			t.Errorf("errors %+v, want one at line %d col %d containing %q", resp.Errors, tc.line, tc.col, tc.msg)
		})
	}
}

// TestProp checks that each row's proposition selects its outcome, and
// only it.
func TestProp(t *testing.T) {
	src := source(t, "SB")
	tests, err := litmus.Load(File, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := Check(Request{Source: src}).Checks[0]
	var j struct{ Outcomes []model.Outcome }
	if err := json.Unmarshal(c.JSON, &j); err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Rows {
		p, err := tests[0].ParseProp(r.Prop, litmus.Pos{})
		if err != nil {
			t.Fatalf("%s: %v", r.Prop, err)
		}
		n := 0
		for _, o := range j.Outcomes {
			if p.Eval(o) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s selects %d outcomes, want 1", r.Prop, n)
		}
	}
}

func TestExplainAndDraw(t *testing.T) {
	src := source(t, "SB+sc")
	ex := Explain(Request{Op: "explain", Source: src})
	if len(ex.Errors) > 0 || !strings.Contains(ex.Explain, "forbidden") {
		t.Errorf("explain: %v\n%s", ex.Errors, ex.Explain)
	}
	g := Draw(Request{Op: "graph", Source: src, Outcome: `T0:r0=1 /\ T1:r0=1`})
	if len(g.Errors) > 0 || len(g.Graphs) != 1 || !strings.HasPrefix(g.Graphs[0].SVG, "<svg") {
		t.Errorf("graph: %v, %d graphs", g.Errors, len(g.Graphs))
	}
	bad := Draw(Request{Op: "graph", Source: src, Test: "nope"})
	if len(bad.Errors) != 1 || !strings.Contains(bad.Errors[0].Msg, "no test nope") {
		t.Errorf("graph of a missing test: %+v", bad.Errors)
	}
}

func TestCatalog(t *testing.T) {
	entries := Catalog()
	if len(entries) < 20 {
		t.Fatalf("%d entries", len(entries))
	}
	for _, e := range entries {
		tests, err := litmus.Load(File, []byte(e.Source))
		if err != nil || len(tests) != 1 || tests[0].Name != e.Name || e.Doc == "" || e.Family == "" {
			t.Errorf("%s: the entry does not load back alone: %v", e.Name, err)
		}
	}
}

func TestHandle(t *testing.T) {
	for _, tc := range []struct{ req, want string }{
		{`{"op":"catalog"}`, `"models":[{"name":"wasm"`},
		{`{"op":"frobnicate"}`, `unknown request frobnicate`},
		{`not json`, `"errors":[`},
	} {
		if got := string(Handle([]byte(tc.req))); !strings.Contains(got, tc.want) {
			t.Errorf("Handle(%s) = %.200s, want %s", tc.req, got, tc.want)
		}
	}
}
