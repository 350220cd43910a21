package reports

import (
	"fmt"
	"io"
	"strings"

	"wmm/enumerate"
	"wmm/model"
)

// WriteDOT prints g in graphviz's DOT language: one cluster per thread
// with its events top to bottom in program order, the setup thread (with
// the allocation, "init") at the top and the final observer at the
// bottom; reads-from edges labelled with their byte ranges, synchronising
// ones bold green, length reads-from dashed blue, suspension edges orange,
// and what breaks an axiom in red.
func WriteDOT(w io.Writer, g *Graph) error {
	p := &printer{w: w}
	p.linef("digraph %s {", dotQuote(g.Title))
	p.linef("  label=%s;", dotQuote(strings.Join(append([]string{g.Title}, g.Caption...), "\n")))
	p.linef("  labelloc=t; fontname=\"monospace\"; newrank=true; nodesep=0.6; ranksep=0.5;")
	p.linef("  node [shape=box, style=rounded, fontname=\"monospace\", fontsize=10];")
	p.linef("  edge [fontname=\"monospace\", fontsize=9];")
	for ti, t := range g.X.Threads {
		p.linef("  subgraph cluster_%d {", ti)
		p.linef("    label=%s; color=gray;", dotQuote(t.Name+threadStatus(t)))
		for _, id := range t.Events {
			p.linef("    %s;", dotNode(&g.Nodes[id]))
		}
		p.linef("  }")
	}
	dotRanks(p, g.X)
	for _, e := range g.Edges {
		p.linef("  e%d -> e%d [%s];", e.From, e.To, dotEdgeAttrs(e))
	}
	p.linef("}")
	return p.err
}

func threadStatus(t model.Thread) string {
	if t.Status == model.Done {
		return ""
	}
	return " (" + t.Status.String() + ")"
}

// dotRanks keeps the setup thread on top, the test threads below it from
// left to right in file order, and the observer at the bottom, with
// invisible edges: spawn from the setup's last event to each thread's
// first (in order, and the setup node keeps its out-edges in order), join
// from each thread's last event to the observer's first.
func dotRanks(p *printer, x *model.Execution) {
	setupLast, obsFirst := model.NoEvent, model.NoEvent
	for _, t := range x.Threads {
		if len(t.Events) == 0 {
			continue
		}
		switch t.Role {
		case model.RoleSetup:
			setupLast = t.Events[len(t.Events)-1]
		case model.RoleObserver:
			obsFirst = t.Events[0]
		}
	}
	if setupLast != model.NoEvent {
		p.linef("  e%d [ordering=out];", setupLast)
	}
	for _, t := range x.Threads {
		if len(t.Events) == 0 || t.Role != model.RoleTest {
			continue
		}
		if setupLast != model.NoEvent {
			p.linef("  e%d -> e%d [style=invis, weight=5];", setupLast, t.Events[0])
		}
		if obsFirst != model.NoEvent {
			p.linef("  e%d -> e%d [style=invis, weight=5];", t.Events[len(t.Events)-1], obsFirst)
		}
	}
}

func dotNode(n *GraphNode) string {
	var sb strings.Builder
	sb.WriteString(n.Label)
	if n.Tot > 0 {
		fmt.Fprintf(&sb, "  (tot #%d)", n.Tot)
	}
	sb.WriteString("\n")
	for _, l := range n.Lines {
		sb.WriteString(l)
		sb.WriteString("\n")
	}
	attrs := []string{"label=" + dotQuote(strings.ReplaceAll(sb.String(), "\n", "\\l"))}
	if n.Length {
		attrs = append(attrs, `style="rounded,dashed,filled"`, `fillcolor="#e3eefa"`)
	}
	if n.Red {
		attrs = append(attrs, `color="#c0152f"`, "penwidth=2")
	}
	return fmt.Sprintf("e%d [%s]", n.ID, strings.Join(attrs, ", "))
}

func dotEdgeAttrs(e GraphEdge) string {
	st := edgeStyleOf(e)
	attrs := []string{"label=" + dotQuote(e.Label), fmt.Sprintf("color=%q", st.color), fmt.Sprintf("fontcolor=%q", st.color)}
	if st.dash != "" {
		attrs = append(attrs, "style=dashed")
	}
	if st.width > 1.5 {
		attrs = append(attrs, fmt.Sprintf("penwidth=%.1f", st.width))
	}
	if e.Kind == enumerate.EdgePO {
		attrs = append(attrs, "weight=10")
	} else {
		attrs = append(attrs, "constraint=false")
	}
	return strings.Join(attrs, ", ")
}

// dotQuote quotes s as a DOT string; "\l" sequences already in s are
// kept, as left-justified line ends.
func dotQuote(s string) string {
	r := strings.NewReplacer(`"`, `\"`, "\n", `\n`)
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `\\l`, `\l`)
	return `"` + r.Replace(s) + `"`
}

// An edgeStyle is how an edge is drawn, in DOT and SVG alike.
type edgeStyle struct {
	color string
	dash  string // SVG stroke-dasharray, "" for a solid line
	width float64
}

// edgeStyleOf returns the style of an edge: its kind's, red when it is
// part of a violation.
func edgeStyleOf(e GraphEdge) edgeStyle {
	st := edgeStyle{color: "#222222", width: 1.2}
	switch e.Kind {
	case enumerate.EdgePO, enumerate.EdgeSpawn, enumerate.EdgeJoin, enumerate.EdgeInit:
		st = edgeStyle{color: "#9a9a9a", width: 1}
	case enumerate.EdgeSync:
		st = edgeStyle{color: "#1b7a3a", width: 2.2}
	case enumerate.EdgeSusp:
		st = edgeStyle{color: "#d46b08", width: 1.8}
	case enumerate.EdgeTot:
		st = edgeStyle{color: "#c0152f", dash: "6 3", width: 1.8}
	}
	if e.Length {
		st.color, st.dash = "#2a62c9", "4 3"
	}
	if e.Red {
		st.color = "#c0152f"
		st.width = max(st.width, 2.4)
	}
	return st
}
