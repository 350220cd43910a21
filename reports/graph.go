package reports

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"wmm/enumerate"
	"wmm/model"
)

// A Graph is an execution prepared for drawing (WriteDOT, WriteSVG): its
// events as nodes in thread columns and its relations as labelled edges,
// with the relations that break an axiom marked.
type Graph struct {
	Title   string
	Caption []string // lines under the title
	X       *model.Execution
	Nodes   []GraphNode // in event order
	Edges   []GraphEdge // in a stable order
}

// A GraphNode is one event.
type GraphNode struct {
	ID    model.EventID
	Label string   // "T1.0", "init"
	Lines []string // the instruction, then one line per action
	// LenLines marks the lines about the length location.
	LenLines []bool
	// Length says the event writes the length or reads it SC (the
	// allocation, memory.grow, memory.size): drawn apart from the
	// others.
	Length bool
	Trap   string // why the thread trapped after it, or ""
	Tot    int    // 1-based position among the constrained events, 0 if none
	Red    bool   // the violation names it
}

// A GraphEdge is one relation between two events.
type GraphEdge struct {
	From, To model.EventID
	Kind     enumerate.EdgeKind
	Label    string
	Length   bool // reads-from of the length location
	Red      bool // part of what breaks the axiom
}

// NewWitnessGraph returns the graph of a consistent execution: program
// order, reads-from per run of bytes (synchronising reads-from marked
// sync), suspension edges, and the position in tot of each constrained
// event (order lists them in tot order).
func NewWitnessGraph(title string, x *model.Execution, order []model.EventID) *Graph {
	g := newGraph(title, x, order)
	g.addSusp(enumerate.HBEdges(x, x.Tot))
	if len(order) > 0 {
		g.Caption = append(g.Caption, "tot (constrained events): "+labels(x, order))
	}
	g.sortEdges()
	return g
}

// NewRefutedGraph returns the graph of an inconsistent candidate with the
// relations that break the axiom in red: the reads-from the axiom names,
// the edges of each happens-before path it relies on, and, as red tot
// edges, each total-order fact. When the violation depends on tot, the
// order tried is the one of the refutation's branch that met it.
func NewRefutedGraph(title string, r *enumerate.Refuted) *Graph {
	x := r.X
	v, order := r.Violation, []model.EventID(nil)
	if r.Tot != nil {
		v, order = branchOf(r)
	}
	g := newGraph(title, x, order)
	g.addSusp(enumerate.HBEdges(x, order))
	g.Caption = append(g.Caption, wrap(v.Error(), 100)...)
	if order != nil {
		g.Caption = append(g.Caption, "order tried: "+labels(x, order)+" …")
	}
	g.mark(v, Core(x, v, order))
	g.sortEdges()
	return g
}

// branchOf returns the violation and order of the refutation branch that
// met r's violation (the deepest), or of its first branch.
func branchOf(r *enumerate.Refuted) (*model.Violation, []model.EventID) {
	for _, l := range r.Tot.Leaves {
		if l.Violation != nil && l.Violation.Error() == r.Violation.Error() {
			return l.Violation, l.Order
		}
	}
	for _, l := range r.Tot.Leaves {
		if l.Violation != nil {
			return l.Violation, l.Order
		}
	}
	return r.Violation, nil
}

// wrap splits s into lines of at most n bytes at spaces.
func wrap(s string, n int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > n {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

func newGraph(title string, x *model.Execution, order []model.EventID) *Graph {
	g := &Graph{Title: title, X: x}
	for _, ev := range x.Events {
		n := GraphNode{ID: ev.ID, Label: x.Label(ev.ID), Length: lengthEvent(ev), Tot: slices.Index(order, ev.ID) + 1}
		n.Lines, n.LenLines = nodeLines(ev)
		if ev.Trap != model.NoTrap {
			n.Trap = ev.Trap.String()
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, t := range x.Threads {
		for i := 1; i < len(t.Events); i++ {
			g.Edges = append(g.Edges, GraphEdge{From: t.Events[i-1], To: t.Events[i], Kind: enumerate.EdgePO, Label: "po"})
		}
	}
	for _, e := range enumerate.RFEdges(x) {
		if e.Region == model.Len && !interestingLenRF(x, e) {
			continue
		}
		g.Edges = append(g.Edges, GraphEdge{From: e.From, To: e.To, Kind: e.Kind, Label: rfLabel(e), Length: e.Region == model.Len})
	}
	return g
}

// lengthEvent reports whether ev writes the length or reads it SC.
func lengthEvent(ev *model.Event) bool {
	return ev.Len != nil && (ev.Len.Kind != model.Read || ev.Len.Ord == model.SeqCst)
}

// interestingLenRF reports whether a reads-from edge of the length is worth
// drawing: in an execution where something besides the allocation writes
// the length (memory.grow), every one; otherwise all but the bounds checks,
// which every access makes and which all read the initial length.
func interestingLenRF(x *model.Execution, e enumerate.Edge) bool {
	for _, ev := range x.Events {
		if ev.Len.Writing() && ev.Len.Kind == model.RMW {
			return true
		}
	}
	return x.Events[e.To].Len.Ord != model.Unord
}

func rfLabel(e enumerate.Edge) string {
	if e.Region == model.Len {
		return e.Kind.String() + " len"
	}
	return fmt.Sprintf("%s %s", e.Kind, model.Cells(e.Lo, e.Hi))
}

// nodeLines returns an event's text: its instruction, then its actions.
func nodeLines(ev *model.Event) ([]string, []bool) {
	var lines []string
	var isLen []bool
	add := func(s string, l bool) {
		lines = append(lines, s)
		isLen = append(isLen, l)
	}
	if ev.Instr != "" {
		add(ev.Instr, false)
	}
	if ev.Len != nil {
		add(ev.Len.String(), true)
	}
	if ev.Data != nil {
		add(ev.Data.String(), false)
	}
	if ev.Susp != nil {
		add(ev.Susp.String(), false)
	}
	if ev.Fence {
		add("fence", false)
	}
	if ev.Trap != model.NoTrap {
		add("trap: "+ev.Trap.String(), false)
	}
	return lines, isLen
}

// addSusp adds the suspension edges among hb.
func (g *Graph) addSusp(hb []enumerate.Edge) {
	for _, e := range hb {
		if e.Kind == enumerate.EdgeSusp {
			g.Edges = append(g.Edges, GraphEdge{From: e.From, To: e.To, Kind: e.Kind, Label: "susp"})
		}
	}
}

// mark colours the events v names and the edges of the facts red, adding
// the edges that are not drawn otherwise (spawn, join, init, tot, and
// length reads-from left out).
func (g *Graph) mark(v *model.Violation, facts []Fact) {
	for _, id := range v.Events {
		g.Nodes[id].Red = true
	}
	for _, f := range facts {
		switch f.Kind {
		case enumerate.EdgeRF, enumerate.EdgeSync:
			for _, e := range f.Via {
				g.markEdge(GraphEdge{From: e.From, To: e.To, Kind: e.Kind, Label: rfLabel(e), Length: e.Region == model.Len})
			}
		case enumerate.EdgeHB:
			for _, e := range f.Via {
				g.markHB(e)
			}
		case enumerate.EdgeTot:
			g.markEdge(GraphEdge{From: f.From, To: f.To, Kind: enumerate.EdgeTot, Label: "tot"})
		}
	}
}

// markHB marks one generating edge of happens-before: a synchronising
// reads-from is drawn already (per run of bytes), the others may not be.
func (g *Graph) markHB(e enumerate.Edge) {
	if e.Kind == enumerate.EdgeSync {
		found := false
		for i := range g.Edges {
			if ge := &g.Edges[i]; ge.From == e.From && ge.To == e.To && ge.Kind == enumerate.EdgeSync {
				ge.Red, found = true, true
			}
		}
		if found {
			return
		}
	}
	g.markEdge(GraphEdge{From: e.From, To: e.To, Kind: e.Kind, Label: e.Kind.String()})
}

// markEdge colours the edge equal to e red, adding it if it is not there.
func (g *Graph) markEdge(e GraphEdge) {
	for i := range g.Edges {
		if ge := &g.Edges[i]; ge.From == e.From && ge.To == e.To && ge.Kind == e.Kind && ge.Label == e.Label {
			ge.Red = true
			return
		}
	}
	e.Red = true
	g.Edges = append(g.Edges, e)
}

// sortEdges puts the edges in a stable order: by kind, source, target,
// label.
func (g *Graph) sortEdges() {
	slices.SortStableFunc(g.Edges, func(a, b GraphEdge) int {
		switch {
		case a.Kind != b.Kind:
			return int(a.Kind) - int(b.Kind)
		case a.From != b.From:
			return int(a.From - b.From)
		case a.To != b.To:
			return int(a.To - b.To)
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// Graphs returns the graphs of the outcomes e explains in full: the
// witness of each allowed one, and each example candidate of each
// forbidden one.
func (e *Explain) Graphs() []*Graph {
	var out []*Graph
	name := e.Result.Test.Name
	full, _ := e.shown()
	for _, oe := range full {
		if oe.Allowed {
			if oe.Witness != nil {
				title := fmt.Sprintf("%s: %s (allowed under %s)", name, oe.Outcome, e.Model)
				out = append(out, NewWitnessGraph(title, oe.Witness, e.order(oe.Witness)))
			}
			continue
		}
		for _, g := range oe.Groups {
			for i, r := range g.Examples {
				title := fmt.Sprintf("%s: %s (forbidden under %s: %s, candidate %d of %d)", name, oe.Outcome, e.Model, axiomName(g.Axiom, g.Clause), i+1, g.Count)
				out = append(out, NewRefutedGraph(title, r))
			}
		}
	}
	return out
}

// WitnessGraphs returns the graph of one execution per allowed outcome of
// r, at most limit of them (0: all), in outcome order. order gives the
// constrained events of an execution in tot order (nil: none shown).
func WitnessGraphs(r *enumerate.Result, modelName string, order func(*model.Execution) []model.EventID, limit int) []*Graph {
	var out []*Graph
	for _, o := range r.Outcomes {
		if limit > 0 && len(out) == limit {
			break
		}
		x := r.Witness(o)
		if x == nil {
			continue
		}
		var ord []model.EventID
		if order != nil {
			ord = order(x)
		}
		out = append(out, NewWitnessGraph(fmt.Sprintf("%s: %s (allowed under %s)", r.Test.Name, o, modelName), x, ord))
	}
	return out
}

// GraphName returns the file name (without extension) of the nth graph of
// a test: the test's name with anything but letters, digits and . _ + -
// turned into _, then -n ("SB+sc-1").
func GraphName(test string, n int) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._+-", r)) {
			return r
		}
		return '_'
	}, test) + "-" + strconv.Itoa(n)
}
