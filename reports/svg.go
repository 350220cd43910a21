package reports

import (
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strings"

	"wmm/enumerate"
	"wmm/model"
)

// Sizes of the SVG drawing, in pixels. Text is monospace, so its width is
// known from its length.
const (
	svgMargin     = 20.0
	svgCharW      = 6.7 // width of a character at svgFont
	svgTitleCharW = 8.7 // width of a character of the title (14px, bold)
	svgFont       = 11.0
	svgLineH      = 14.0
	svgPadX       = 8.0
	svgPadY       = 6.0
	svgColGap     = 80.0
	svgRowGap     = 34.0
	svgBandGap    = 30.0
	svgMinNode    = 96.0
)

// A box is a node's place in the drawing.
type box struct{ x, y, w, h float64 }

func (b box) cx() float64 { return b.x + b.w/2 }
func (b box) cy() float64 { return b.y + b.h/2 }

// svgLayout places the nodes of a graph: the setup thread's events at the
// top, centred; one column per test thread, its events top to bottom in
// program order, the i-th events of all threads on one row; the observer's
// events at the bottom.
type svgLayout struct {
	g       *Graph
	boxes   []box
	width   float64
	height  float64
	headers []svgHeader // thread names above the columns
	column  []int       // per event: its column, -1 in a band
}

type svgHeader struct {
	x, y float64
	text string
}

func layout(g *Graph) *svgLayout {
	l := &svgLayout{g: g, boxes: make([]box, len(g.Nodes)), column: make([]int, len(g.Nodes))}
	for i := range g.Nodes {
		l.boxes[i].w, l.boxes[i].h = nodeSize(&g.Nodes[i])
		l.column[i] = -1
	}
	var cols []model.Thread
	var bandTop, bandBottom []model.EventID
	for _, t := range g.X.Threads {
		switch t.Role {
		case model.RoleSetup:
			bandTop = append(bandTop, t.Events...)
		case model.RoleObserver:
			bandBottom = append(bandBottom, t.Events...)
		default:
			cols = append(cols, t)
		}
	}
	colW := make([]float64, len(cols))
	rows := 0
	for c, t := range cols {
		colW[c] = float64(len(t.Name)+len(threadStatus(t)))*svgCharW + 2*svgPadX
		for _, id := range t.Events {
			colW[c] = max(colW[c], l.boxes[id].w)
			l.column[id] = c
		}
		rows = max(rows, len(t.Events))
	}
	content := 0.0
	for _, w := range colW {
		content += w
	}
	content += svgColGap * float64(max(len(cols)-1, 0))
	for _, id := range slices.Concat(bandTop, bandBottom) {
		content = max(content, l.boxes[id].w)
	}
	content = max(content, float64(len([]rune(g.Title)))*svgTitleCharW)
	for _, s := range g.Caption {
		content = max(content, float64(len([]rune(s)))*svgCharW)
	}
	content = max(content, legendWidth(g))
	l.width = content + 2*svgMargin + 60 // room for edges bending right
	y := svgMargin + 22 + 16*float64(len(g.Caption)) + 12
	y = l.band(bandTop, y)
	y = l.columns(cols, colW, content, rows, y)
	y = l.band(bandBottom, y)
	l.height = y + 40
	return l
}

// band stacks events vertically, centred, from y; it returns the y below.
func (l *svgLayout) band(ids []model.EventID, y float64) float64 {
	if len(ids) == 0 {
		return y
	}
	for _, id := range ids {
		b := &l.boxes[id]
		b.x, b.y = (l.width-60)/2-b.w/2, y
		y += b.h + svgRowGap
	}
	return y - svgRowGap + svgBandGap
}

// columns places the test threads' events; it returns the y below them.
func (l *svgLayout) columns(cols []model.Thread, colW []float64, content float64, rows int, y float64) float64 {
	if len(cols) == 0 {
		return y
	}
	used := 0.0
	for _, w := range colW {
		used += w
	}
	used += svgColGap * float64(len(cols)-1)
	x := svgMargin + (content-used)/2
	rowY := make([]float64, rows+1)
	rowY[0] = y + 18
	for r := 0; r < rows; r++ {
		h := 0.0
		for _, t := range cols {
			if r < len(t.Events) {
				h = max(h, l.boxes[t.Events[r]].h)
			}
		}
		rowY[r+1] = rowY[r] + h + svgRowGap
	}
	for c, t := range cols {
		l.headers = append(l.headers, svgHeader{x: x + colW[c]/2, y: y + 8, text: t.Name + threadStatus(t)})
		for r, id := range t.Events {
			b := &l.boxes[id]
			b.x, b.y = x+(colW[c]-b.w)/2, rowY[r]
		}
		x += colW[c] + svgColGap
	}
	return rowY[rows] - svgRowGap + svgBandGap
}

// nodeSize returns the size of a node's box.
func nodeSize(n *GraphNode) (float64, float64) {
	w := float64(len([]rune(n.Label))+8) * svgCharW
	for _, s := range n.Lines {
		w = max(w, float64(len([]rune(s)))*svgCharW)
	}
	return max(w+2*svgPadX, svgMinNode), float64(len(n.Lines)+1)*svgLineH + 2*svgPadY
}

// WriteSVG draws g as a standalone SVG document, laid out by wmm itself
// (no graphviz): thread columns with events top to bottom in program
// order, the allocation ("init") and setup code at the top, the final
// observer at the bottom; program order in grey, reads-from labelled with
// byte ranges (synchronising reads-from bold green, length reads-from and
// events that write or SC-read the length dashed blue), suspension edges
// orange, the position of constrained events in tot as numbered badges,
// and what breaks an axiom in red. A legend explains the edges drawn.
func WriteSVG(w io.Writer, g *Graph) error {
	l := layout(g)
	p := &printer{w: w}
	p.linef(`<svg xmlns="http://www.w3.org/2000/svg" class="wmm-graph" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="monospace" font-size="%.0f">`, l.width, l.height, l.width, l.height, svgFont)
	p.linef(`<title>%s</title>`, esc(g.Title))
	p.markers(g)
	p.linef(`<rect width="100%%" height="100%%" fill="#ffffff"/>`)
	p.linef(`<text x="%.1f" y="%.1f" font-size="14" font-weight="bold">%s</text>`, svgMargin, svgMargin+12, esc(g.Title))
	for i, c := range g.Caption {
		p.linef(`<text x="%.1f" y="%.1f" font-size="11" fill="#444444">%s</text>`, svgMargin, svgMargin+30+16*float64(i), esc(c))
	}
	for _, h := range l.headers {
		p.linef(`<text x="%.1f" y="%.1f" text-anchor="middle" font-weight="bold">%s</text>`, h.x, h.y, esc(h.text))
	}
	for i := range g.Edges {
		p.edge(l, &g.Edges[i])
	}
	for i := range g.Nodes {
		p.node(&g.Nodes[i], l.boxes[i])
	}
	p.legend(g, l)
	p.linef(`</svg>`)
	return p.err
}

func esc(s string) string { return html.EscapeString(s) }

// markerID names the arrowhead of one colour.
func markerID(color string) string { return "wmm-arrow-" + strings.TrimPrefix(color, "#") }

// markers defines one arrowhead per colour the edges use.
func (p *printer) markers(g *Graph) {
	var colors []string
	edges := slices.Clone(g.Edges)
	for _, it := range legendItems(g) {
		edges = append(edges, it.edge)
	}
	for _, e := range edges {
		if c := edgeStyleOf(e).color; !slices.Contains(colors, c) {
			colors = append(colors, c)
		}
	}
	slices.Sort(colors)
	p.linef(`<defs>`)
	for _, c := range colors {
		p.linef(`<marker id="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`, markerID(c), c)
	}
	p.linef(`</defs>`)
}

// node draws one event's box, its text and its tot badge.
func (p *printer) node(n *GraphNode, b box) {
	fill, stroke, dash, width := "#ffffff", "#333333", "", 1.0
	if n.Length {
		fill, stroke, dash = "#e3eefa", "#2a62c9", ` stroke-dasharray="5 3"`
	}
	if n.Red {
		stroke, width = "#c0152f", 2.2
	}
	p.linef(`<g class="wmm-event" id="wmm-e%d">`, n.ID)
	p.linef(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="5" fill="%s" stroke="%s" stroke-width="%.1f"%s/>`, b.x, b.y, b.w, b.h, fill, stroke, width, dash)
	ty := b.y + svgPadY + svgLineH - 3
	p.linef(`<text x="%.1f" y="%.1f" font-weight="bold">%s</text>`, b.x+svgPadX, ty, esc(n.Label))
	for i, s := range n.Lines {
		color := "#222222"
		switch {
		case n.LenLines[i]:
			color = "#2a62c9"
		case strings.HasPrefix(s, "trap"):
			color = "#c0152f"
		case i == 0:
			color = "#555555"
		}
		p.linef(`<text x="%.1f" y="%.1f" fill="%s">%s</text>`, b.x+svgPadX, ty+svgLineH*float64(i+1), color, esc(s))
	}
	if n.Tot > 0 {
		p.linef(`<circle cx="%.1f" cy="%.1f" r="9" fill="#fff3c4" stroke="#b38600"/><text x="%.1f" y="%.1f" text-anchor="middle" font-size="10">%d</text>`, b.x+b.w, b.y, b.x+b.w, b.y+3.5, n.Tot)
	}
	p.linef(`</g>`)
}

// edge draws one edge: a straight line between neighbours in program
// order, a curve bending right between events of one column or band, a
// gentle curve otherwise; and its label on a white patch.
func (p *printer) edge(l *svgLayout, e *GraphEdge) {
	a, b := l.boxes[e.From], l.boxes[e.To]
	st := edgeStyleOf(*e)
	var d string
	var lx, ly float64
	switch {
	case e.Kind == enumerate.EdgePO && a.y < b.y && math.Abs(a.cx()-b.cx()) < 1:
		d = fmt.Sprintf("M%.1f,%.1f L%.1f,%.1f", a.cx(), a.y+a.h, b.cx(), b.y)
		lx, ly = a.cx()+14, (a.y+a.h+b.y)/2+3
	case l.sameStack(e.From, e.To):
		bend := max(a.x+a.w, b.x+b.w) + 36 + 10*float64(int(e.Kind)%3)
		y1, y2 := a.cy(), b.cy()
		d = fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", a.x+a.w, y1, bend, y1, bend, y2, b.x+b.w, y2)
		lx, ly = bend-8, (y1+y2)/2
	default:
		d, lx, ly = l.route(a, b, e.From, e.To)
	}
	dash := ""
	if st.dash != "" {
		dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
	}
	p.linef(`<g class="wmm-edge wmm-%s">`, e.Kind)
	p.linef(`<path d="%s" fill="none" stroke="%s" stroke-width="%.1f"%s marker-end="url(#%s)"/>`, d, st.color, st.width, dash, markerID(st.color))
	if e.Kind != enumerate.EdgePO || e.Red {
		tw := float64(len([]rune(e.Label)))*6.1 + 6
		p.linef(`<rect x="%.1f" y="%.1f" width="%.1f" height="13" fill="#ffffff" opacity="0.85"/><text x="%.1f" y="%.1f" font-size="10" text-anchor="middle" fill="%s">%s</text>`, lx-tw/2, ly-9.5, tw, lx, ly, st.color, esc(e.Label))
	}
	p.linef(`</g>`)
}

// crosses reports whether the curve f (over t in [0, 1]) passes through
// the box of an event other than a and b.
func (l *svgLayout) crosses(f func(t float64) (float64, float64), a, b model.EventID) bool {
	for i := 1; i < 40; i++ {
		x, y := f(float64(i) / 40)
		for id, bx := range l.boxes {
			if model.EventID(id) != a && model.EventID(id) != b && x > bx.x-2 && x < bx.x+bx.w+2 && y > bx.y-2 && y < bx.y+bx.h+2 {
				return true
			}
		}
	}
	return false
}

// A curve is a candidate path for an edge: its SVG path, a function
// from t in [0, 1] to its points, and where its label goes.
type curve struct {
	d      string
	at     func(t float64) (float64, float64)
	lx, ly float64
}

func quadratic(x0, y0, cx, cy, x1, y1 float64) curve {
	at := func(t float64) (float64, float64) {
		u := 1 - t
		return u*u*x0 + 2*u*t*cx + t*t*x1, u*u*y0 + 2*u*t*cy + t*t*y1
	}
	lx, ly := at(0.5)
	return curve{fmt.Sprintf("M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f", x0, y0, cx, cy, x1, y1), at, lx, ly}
}

func cubic(x0, y0, x1, y1, x2, y2, x3, y3 float64) curve {
	at := func(t float64) (float64, float64) {
		u := 1 - t
		return u*u*u*x0 + 3*u*u*t*x1 + 3*u*t*t*x2 + t*t*t*x3, u*u*u*y0 + 3*u*u*t*y1 + 3*u*t*t*y2 + t*t*t*y3
	}
	lx, ly := at(0.5)
	return curve{fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x0, y0, x1, y1, x2, y2, x3, y3), at, lx, ly}
}

// bent returns the quadratic from a to b whose control point lies off
// the line between their centres by bend pixels, clipped to the boxes.
func bent(a, b box, bend float64) curve {
	cx, cy := (a.cx()+b.cx())/2, (a.cy()+b.cy())/2
	dx, dy := b.cx()-a.cx(), b.cy()-a.cy()
	n := math.Hypot(dx, dy)
	cx, cy = cx-dy/n*bend, cy+dx/n*bend
	sx, sy := clip(a, cx, cy)
	ex, ey := clip(b, cx, cy)
	return quadratic(sx, sy, cx, cy, ex, ey)
}

// route returns the first candidate path from a to b that passes through
// no other box: a gentle bend either way, a detour down the gap beside
// b's column, a stronger bend, a loop under or over the boxes (for events
// on one row); the gentle bend when all cross something.
func (l *svgLayout) route(a, b box, from, to model.EventID) (string, float64, float64) {
	gx, ex := b.x-24, b.x
	if a.cx() > b.cx() {
		gx, ex = b.x+b.w+24, b.x+b.w
	}
	sy := a.y + a.h
	if a.y > b.y {
		sy = a.y
	}
	under, over := max(a.y+a.h, b.y+b.h), min(a.y, b.y)
	cands := []curve{
		bent(a, b, 22), bent(a, b, -22),
		cubic(a.cx(), sy, gx, sy+(b.cy()-sy)*0.2, gx, b.cy(), ex, b.cy()),
		bent(a, b, 60), bent(a, b, -60),
		cubic(a.cx(), a.y+a.h, a.cx(), under+42, b.cx(), under+42, b.cx(), b.y+b.h),
		cubic(a.cx(), a.y, a.cx(), over-42, b.cx(), over-42, b.cx(), b.y),
	}
	for _, c := range cands {
		if !l.crosses(c.at, from, to) {
			return c.d, c.lx, c.ly
		}
	}
	return cands[0].d, cands[0].lx, cands[0].ly
}

// sameStack reports whether two events are drawn one above the other: in
// one column or in one band.
func (l *svgLayout) sameStack(a, b model.EventID) bool {
	if l.column[a] >= 0 || l.column[b] >= 0 {
		return l.column[a] == l.column[b]
	}
	return l.g.X.Events[a].Thread == l.g.X.Events[b].Thread
}

// clip returns where the line from b's centre towards (x, y) leaves b.
func clip(b box, x, y float64) (float64, float64) {
	dx, dy := x-b.cx(), y-b.cy()
	if dx == 0 && dy == 0 {
		return b.cx(), b.cy()
	}
	t := math.Inf(1)
	if dx != 0 {
		t = min(t, b.w/2/math.Abs(dx))
	}
	if dy != 0 {
		t = min(t, b.h/2/math.Abs(dy))
	}
	return b.cx() + t*dx, b.cy() + t*dy
}

// A legendItem explains one kind of edge.
type legendItem struct {
	edge GraphEdge
	text string
}

// legendItems lists the kinds of edges g draws, in a fixed order.
func legendItems(g *Graph) []legendItem {
	all := []legendItem{
		{GraphEdge{Kind: enumerate.EdgePO}, "po"},
		{GraphEdge{Kind: enumerate.EdgeRF}, "rf [bytes)"},
		{GraphEdge{Kind: enumerate.EdgeSync}, "rf that synchronises (hb)"},
		{GraphEdge{Kind: enumerate.EdgeRF, Length: true}, "rf of the length"},
		{GraphEdge{Kind: enumerate.EdgeSusp}, "suspension order (hb)"},
		{GraphEdge{Kind: enumerate.EdgeTot}, "tot"},
		{GraphEdge{Kind: enumerate.EdgeRF, Red: true}, "breaks the axiom"},
	}
	var out []legendItem
	for _, it := range all {
		if slices.ContainsFunc(g.Edges, func(e GraphEdge) bool {
			if it.edge.Red {
				return e.Red
			}
			return e.Kind == it.edge.Kind && e.Length == it.edge.Length
		}) {
			out = append(out, it)
		}
	}
	return out
}

func legendWidth(g *Graph) float64 {
	w := 0.0
	for _, it := range legendItems(g) {
		w += 40 + float64(len(it.text))*svgCharW + 18
	}
	return w
}

// legend draws a line of edge samples with what they mean.
func (p *printer) legend(g *Graph, l *svgLayout) {
	x, y := svgMargin, l.height-18
	for _, it := range legendItems(g) {
		st := edgeStyleOf(it.edge)
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		p.linef(`<path d="M%.1f,%.1f L%.1f,%.1f" stroke="%s" stroke-width="%.1f"%s marker-end="url(#%s)"/><text x="%.1f" y="%.1f" font-size="10" fill="#333333">%s</text>`,
			x, y, x+32, y, st.color, st.width, dash, markerID(st.color), x+38, y+3.5, esc(it.text))
		x += 40 + float64(len(it.text))*svgCharW + 18
	}
}
