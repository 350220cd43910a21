package reports

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/enumerate"
	"wmm/model"
)

func edgeTexts(g *Graph) []string {
	var out []string
	for _, e := range g.Edges {
		s := g.X.Label(e.From) + " " + e.Label + " " + g.X.Label(e.To)
		if e.Red {
			s += " (red)"
		}
		out = append(out, s)
	}
	return out
}

// TestRefutedGraph checks the edges of MP+sc's refuted candidate: program
// order, reads-from per range (the synchronising one as sync), and in red
// what hb-consistency (c) relies on, including the spawn edge that is not
// drawn otherwise.
func TestRefutedGraph(t *testing.T) {
	x := mpSC()
	v := &model.Violation{Axiom: model.AxHB, Clause: "c", Events: []model.EventID{0, 1, 4}, Premises: []model.Premise{model.RF(0, 4), model.HB(0, 1), model.HB(1, 4)}, Msg: "T1.1 reads data cell 0 from init, but init hb T0.0 hb T1.1 overwrites it"}
	g := NewRefutedGraph("MP+sc", &enumerate.Refuted{X: x, Violation: v})
	want := []string{
		"T0.0 po T0.1 (red)",
		"T1.0 po T1.1 (red)",
		"init spawn T0.0 (red)",
		"T0.1 sync [4,8) T1.0 (red)",
		"init rf [0,4) T1.1 (red)",
	}
	if d := cmp.Diff(want, edgeTexts(g)); d != "" {
		t.Errorf("edges (-want +got):\n%s", d)
	}
	var red []string
	for _, n := range g.Nodes {
		if n.Red {
			red = append(red, n.Label)
		}
	}
	if d := cmp.Diff([]string{"init", "T0.0", "T1.1"}, red); d != "" {
		t.Errorf("red events (-want +got):\n%s", d)
	}
}

// TestWitnessGraph checks a witness graph: tot badges on the constrained
// events, no red, and the bounds checks' reads of the initial length left
// out.
func TestWitnessGraph(t *testing.T) {
	x := mpSC()
	x.DataRF[4] = []model.EventID{1, 1, 1, 1}
	x.Events[4].Data.Rd = []byte{42, 0, 0, 0}
	x.Events[4].Len = &model.Access{Region: model.Len, Kind: model.Read, Ord: model.Unord, Size: 1, LenRd: model.PageSize}
	x.LenRF[4] = 0
	x.Tot = []model.EventID{0, 1, 2, 3, 4}
	g := NewWitnessGraph("MP+sc", x, []model.EventID{0, 1, 2, 3, 4})
	want := []string{"T0.0 po T0.1", "T1.0 po T1.1", "T0.0 sync [0,4) T1.1", "T0.1 sync [4,8) T1.0"}
	if d := cmp.Diff(want, edgeTexts(g)); d != "" {
		t.Errorf("edges (-want +got):\n%s", d)
	}
	for i, n := range g.Nodes {
		if n.Tot != i+1 {
			t.Errorf("%s: tot badge %d, want %d", n.Label, n.Tot, i+1)
		}
	}
	if !g.Nodes[0].Length || g.Nodes[1].Length {
		t.Errorf("only the allocation writes the length: %v %v", g.Nodes[0].Length, g.Nodes[1].Length)
	}
}

// TestSVGWellFormed checks that the SVG parses as XML, escapes its text,
// draws one group per event and per edge, and has no NaN coordinates.
func TestSVGWellFormed(t *testing.T) {
	x := sbSC()
	x.Events[1].Instr = `i32.store "<&>"`
	v := &model.Violation{Axiom: model.AxSCLast, Clause: "ii", Events: []model.EventID{0, 3, 2}, Premises: []model.Premise{model.RF(0, 2), model.HB(0, 3), model.Tot(3, 2)}, Msg: "T0.1 reads from init, but init hb T1.0 tot T0.1"}
	r := &enumerate.Refuted{X: x, Violation: v, Tot: &enumerate.TotRefutation{Leaves: []enumerate.TotLeaf{{Order: []model.EventID{0, 3}, Violation: v}}}}
	g := NewRefutedGraph("SB+sc <test>", r)
	var buf bytes.Buffer
	if err := WriteSVG(&buf, g); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	dec := xml.NewDecoder(strings.NewReader(s))
	events, edges := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			for _, a := range se.Attr {
				if a.Name.Local == "class" && a.Value == "wmm-event" {
					events++
				}
				if a.Name.Local == "class" && strings.HasPrefix(a.Value, "wmm-edge") {
					edges++
				}
			}
		}
	}
	if events != len(g.Nodes) || edges != len(g.Edges) {
		t.Errorf("%d event groups and %d edge groups, want %d and %d", events, edges, len(g.Nodes), len(g.Edges))
	}
	if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
		t.Errorf("SVG has NaN or Inf coordinates:\n%s", s)
	}
	for _, want := range []string{"breaks the axiom", ">tot<", "&lt;test&gt;", "&#34;&lt;&amp;&gt;&#34;"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	var again bytes.Buffer
	if err := WriteSVG(&again, NewRefutedGraph("SB+sc <test>", r)); err != nil || again.String() != s {
		t.Errorf("two drawings of one graph differ")
	}
}

// TestDOT checks the DOT output: a cluster per thread, a node per event,
// an edge per graph edge, quoting.
func TestDOT(t *testing.T) {
	x := mpSC()
	v := &model.Violation{Axiom: model.AxHB, Clause: "c", Events: []model.EventID{0, 1, 4}, Premises: []model.Premise{model.RF(0, 4), model.HB(0, 1), model.HB(1, 4)}, Msg: `a "quoted" message`}
	g := NewRefutedGraph(`MP+sc`, &enumerate.Refuted{X: x, Violation: v})
	var buf bytes.Buffer
	if err := WriteDOT(&buf, g); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if n := strings.Count(s, "subgraph cluster_"); n != 3 {
		t.Errorf("%d clusters, want 3", n)
	}
	if n := strings.Count(s, " -> ") - strings.Count(s, "style=invis"); n != len(g.Edges) {
		t.Errorf("%d edges, want %d", n, len(g.Edges))
	}
	for _, want := range []string{`digraph "MP+sc" {`, `a \"quoted\" message`, `e4 [label="T1.1\l`, `e0 -> e4 [label="rf [0,4)", color="#c0152f"`, "e0 -> e1 [style=invis, weight=5];"} {
		if !strings.Contains(s, want) {
			t.Errorf("DOT lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "{") != strings.Count(s, "}") {
		t.Errorf("unbalanced braces:\n%s", s)
	}
}
