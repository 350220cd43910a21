package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"wmm/position"
)

// A Cycle is a closed sequence of edges: edge i goes from access i to
// access i+1, and the last edge back to access 0. A valid cycle has been
// checked by Check: the ends of consecutive edges agree, it has at least
// two external edges, and it comes back to the location it started from.
type Cycle []Edge

// String returns the edges as written, joined by spaces.
func (c Cycle) String() string {
	parts := make([]string, len(c))
	for i, e := range c {
		parts[i] = e.String()
	}
	return strings.Join(parts, " ")
}

// Aliases maps the names of the classic shapes to their cycles; Parse
// accepts an alias for the whole cycle, and Build names the shape in the
// test's doc.
var Aliases = map[string]string{
	"SB":   "PodWR Fre PodWR Fre",
	"MP":   "PodWW Rfe PodRR Fre",
	"LB":   "PodRW Rfe PodRW Rfe",
	"2+2W": "PodWW Coe PodWW Coe",
	"S":    "PodWW Rfe PodRW Coe",
	"R":    "PodWW Coe PodWR Fre",
	"IRIW": "Rfe PodRR Fre Rfe PodRR Fre",
	"WRC":  "Rfe PodRW Rfe PodRR Fre",
	"RWC":  "Rfe PodRR Fre PodWR Fre",
	"ISA2": "PodWW Rfe PodRW Rfe PodRR Fre",
	"CoRR": "Rfe PosRR Fre",
}

// cyclePos returns the position of byte off of a cycle given on the
// command line: file "cycle", line 1, the column counted in bytes.
func cyclePos(off int) position.Pos {
	return position.Pos{File: "cycle", Line: 1, Col: off + 1}
}

// Parse reads a cycle: edges separated by spaces or by + (diy's names,
// PodWR+Fre+PodWR+Fre), or one of the Aliases. The cycle is checked
// (Check); errors are position.Errors at the offending edge's column in s
// (file "cycle", line 1).
func Parse(s string) (Cycle, error) {
	if a, ok := Aliases[strings.TrimSpace(s)]; ok {
		s = a
	}
	edges, errs := edgeList(s, "cycle")
	c := Cycle(edges)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	if len(c) == 0 {
		errs.Add(cyclePos(0), "empty cycle: expected edges such as PodWR Fre PodWR Fre, or a shape's name (SB, MP, LB, IRIW, 2+2W, ...)")
		return nil, errs.Err()
	}
	if err := c.Check(); err != nil {
		return nil, err
	}
	return c, nil
}

// edgeList parses edges separated by spaces, tabs, commas or +. Each
// edge's Off is its byte offset in s; errors are at columns of s, in file
// (line 1).
func edgeList(s, file string) ([]Edge, position.ErrorList) {
	var edges []Edge
	var errs position.ErrorList
	for i := 0; i < len(s); {
		if strings.ContainsRune(" \t+,", rune(s[i])) {
			i++
			continue
		}
		j := i
		for j < len(s) && !strings.ContainsRune(" \t+,", rune(s[j])) {
			j++
		}
		e, at, err := ParseEdge(s[i:j])
		if err != nil {
			errs.Add(position.Pos{File: file, Line: 1, Col: i + at + 1}, err.Error())
		} else {
			e.Off = i
			edges = append(edges, e)
		}
		i = j
	}
	return edges, errs
}

// Check reports whether c is a cycle that a litmus test can show: each
// edge starts with the direction the one before it ends with, and where
// both annotate their common access they agree; there are at least two
// external edges (each starts a thread); the location changes never or at
// least twice (once cannot lead back). Errors are at the edges' columns.
func (c Cycle) Check() error {
	var errs position.ErrorList
	ext, pods := 0, 0
	for i, e := range c {
		prev := c[(i+len(c)-1)%len(c)]
		if prev.Dst != e.Src {
			errs.Addf(cyclePos(e.Off), "%s starts from a %s, but %s before it ends in a %s", e.Base(), dirWord(e.Src), prev.Base(), dirWord(prev.Dst))
		} else if _, ok := prev.DstAnn.merge(e.SrcAnn); !ok {
			errs.Addf(cyclePos(e.Off), "%s annotates its first access %s, but %s before it annotates the same access %s", e, e.SrcAnn, prev, prev.DstAnn)
		}
		if e.External() {
			ext++
		}
		if e.Kind == Rmw {
			next := c[(i+1)%len(c)]
			r, _ := prev.DstAnn.merge(e.SrcAnn)
			w, _ := e.DstAnn.merge(next.SrcAnn)
			if r.Order == Plain || w.Order == Plain {
				errs.Addf(cyclePos(e.Off), "Rmw is an atomic read-modify-write: its accesses cannot be annotated plain (P)")
			} else if r.Width != 0 && w.Width != 0 && r.Width != w.Width {
				errs.Addf(cyclePos(e.Off), "Rmw is one instruction: its read (%d bits) and its write (%d bits) must have the same width", r.Width, w.Width)
			}
		}
		if e.Pod() {
			pods++
		}
	}
	if ext < 2 {
		errs.Addf(cyclePos(0), "the cycle has %d external edge(s) (Rfe, Fre, Coe); it needs at least two, since each one starts a thread", ext)
	}
	if pods == 1 {
		for _, e := range c {
			if e.Pod() {
				errs.Addf(cyclePos(e.Off), "the cycle does not close: %s is its only change of location, so it cannot come back to the location it started from (use Pos for the same location)", e.Base())
			}
		}
	}
	return errs.Err()
}

func dirWord(d Dir) string {
	if d == W {
		return "write"
	}
	return "read"
}

// resolved returns the cycle with every end annotated: each access's
// annotation merged from its two edges, the rest from DefaultAnn. The
// cycle must be valid.
func (c Cycle) resolved() Cycle {
	r := slices.Clone(c)
	n := len(r)
	ann := make([]Ann, n) // access i: the target of edge i-1, the source of edge i
	for i := range r {
		ann[(i+1)%n], _ = r[i].DstAnn.merge(r[(i+1)%n].SrcAnn)
	}
	// The two accesses of an Rmw are one atomic instruction: SC, and of
	// one width.
	for i, e := range r {
		if e.Kind == Rmw {
			a, b := &ann[i], &ann[(i+1)%n]
			a.Order, b.Order = SC, SC
			w := max(a.Width, b.Width)
			a.Width, b.Width = w, w
		}
	}
	for i := range r {
		r[i].SrcAnn, r[i].DstAnn = ann[i].complete(), ann[(i+1)%n].complete()
		r[i].Annotated = true
	}
	return r
}

// kindRank orders the edges' kinds in the canonical rotation: program
// order first, then external communication, then internal.
func kindRank(e Edge) int {
	switch {
	case e.Pod():
		return 0
	case e.Kind == Po:
		return 1
	case e.Kind == Rmw:
		return 8
	case e.Ext:
		return 1 + int(e.Kind)
	}
	return 4 + int(e.Kind)
}

func compareEdge(a, b Edge) int {
	// W before R, so that a thread that writes comes first.
	return cmp.Or(cmp.Compare(kindRank(a), kindRank(b)),
		cmp.Compare(b.Src, a.Src), cmp.Compare(b.Dst, a.Dst),
		cmp.Compare(a.SrcAnn.Order, b.SrcAnn.Order), cmp.Compare(a.SrcAnn.Width, b.SrcAnn.Width),
		cmp.Compare(a.DstAnn.Order, b.DstAnn.Order), cmp.Compare(a.DstAnn.Width, b.DstAnn.Width))
}

// Canonical returns the valid cycle c resolved (every access annotated)
// and rotated to its canonical start: of the rotations whose last edge is
// external (so that access 0 starts thread 0), the least in edge order.
// Two cycles that differ only by where they start, and so give the same
// test up to the renaming of threads and locations, have the same
// canonical form.
func (c Cycle) Canonical() Cycle {
	r := c.resolved()
	var best Cycle
	for k := range r {
		if !r[(k+len(r)-1)%len(r)].External() {
			continue
		}
		rot := append(slices.Clone(r[k:]), r[:k]...)
		if best == nil || slices.CompareFunc(rot, best, compareEdge) < 0 {
			best = rot
		}
	}
	return best
}

// Name returns diy's name of the canonical cycle c: its edges joined by
// +, annotations written on program-order edges when they differ from
// DefaultAnn, and on a communication edge when one of its accesses is not
// already annotated by a program-order edge next to it.
func (c Cycle) Name() string {
	parts := make([]string, len(c))
	for i, e := range c {
		parts[i] = e.Base()
		if e.SrcAnn == DefaultAnn && e.DstAnn == DefaultAnn {
			continue
		}
		prev, next := c[(i+len(c)-1)%len(c)], c[(i+1)%len(c)]
		if e.Kind == Po || prev.Kind != Po || next.Kind != Po {
			parts[i] += nameAnn(e.SrcAnn) + nameAnn(e.DstAnn)
		}
	}
	return strings.Join(parts, "+")
}

// nameAnn writes a resolved end in a name: the width only when it is not
// DefaultAnn's.
func nameAnn(a Ann) string {
	if a.Width == DefaultAnn.Width {
		a.Width = 0
	}
	return a.String()
}

// Alias returns the name of the classic shape whose cycle has the same
// edges as c, annotations aside, or "".
func (c Cycle) Alias() string {
	for name, s := range Aliases {
		a, err := Parse(s)
		if err != nil || len(a) != len(c) {
			continue
		}
		ca := a.Canonical()
		same := true
		for i := range ca {
			if ca[i].Base() != c[i].Base() {
				same = false
				break
			}
		}
		if same {
			return name
		}
	}
	return ""
}

// annotationWords describes the annotations of a resolved cycle for a doc.
func annotationWords(c Cycle) string {
	orders, widths := map[Order]bool{}, map[int]bool{}
	for _, e := range c {
		orders[e.SrcAnn.Order] = true
		widths[e.SrcAnn.Width] = true
	}
	var s string
	switch {
	case len(orders) == 2:
		s = "plain and SC atomic accesses"
	case orders[SC]:
		s = "SC atomic accesses only"
	default:
		s = "plain accesses only"
	}
	if len(widths) > 1 {
		s += ", of mixed widths"
	} else {
		for w := range widths {
			s += fmt.Sprintf(", %d-bit", w)
		}
	}
	return s
}
