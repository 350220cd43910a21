// Package gen generates litmus tests from cycles of relaxations, in the
// manner of herdtools7's diy7, with WebAssembly's vocabulary: a cycle is a
// sequence of edges between memory accesses (communication edges Rfe, Fre,
// Coe and their internal forms Rfi, Fri, Coi; program-order edges Pod and
// Pos with R/W ends), each end annotated with the access's ordering
// (plain or SC atomic) and width (8, 16, 32 or 64 bits). Build turns one
// cycle into a litmus test whose condition observes exactly the cycle;
// Enumerate lists every cycle up to a size over a set of edges.
package gen

import (
	"fmt"
	"strings"

	"wmm/litmus"
)

// A Dir is the direction of an access: a read or a write.
type Dir uint8

// The directions.
const (
	R Dir = iota
	W
)

func (d Dir) String() string {
	if d == W {
		return "W"
	}
	return "R"
}

// A Kind is what an edge relates.
type Kind uint8

// The kinds of edges. Po is program order (Pod: to a different location,
// Pos: to the same one); Rf, Fr and Co are reads-from, from-reads and
// coherence, external (between threads) or internal (in program order).
const (
	Po Kind = iota
	Rf
	Fr
	Co
)

// An Order is the ordering annotation of an access.
type Order uint8

// The orderings. OrderAny is an end left unannotated: it takes the
// annotation of the other edge at the same access, or plain.
const (
	OrderAny Order = iota
	Plain
	SC
)

// An Ann is the annotation of one end of an edge: the access's ordering
// and width in bits (0: unannotated).
type Ann struct {
	Order Order
	Width int
}

// DefaultAnn is the annotation of an access that no edge annotates: a
// plain 32-bit access.
var DefaultAnn = Ann{Plain, 32}

// String returns the annotation as written after an edge: P or Sc (_ when
// the ordering is left open), then the width unless it is open.
func (a Ann) String() string {
	s := "_"
	switch a.Order {
	case Plain:
		s = "P"
	case SC:
		s = "Sc"
	}
	if a.Width != 0 {
		s += fmt.Sprint(a.Width)
	}
	return s
}

// merge returns a with its open parts taken from b; ok is false when both
// give a part and they differ.
func (a Ann) merge(b Ann) (Ann, bool) {
	ok := true
	if a.Order == OrderAny {
		a.Order = b.Order
	} else if b.Order != OrderAny && b.Order != a.Order {
		ok = false
	}
	if a.Width == 0 {
		a.Width = b.Width
	} else if b.Width != 0 && b.Width != a.Width {
		ok = false
	}
	return a, ok
}

// complete fills the open parts of a with DefaultAnn's.
func (a Ann) complete() Ann {
	a, _ = a.merge(DefaultAnn)
	return a
}

// An Edge is one relaxation of a cycle: from an access of direction Src to
// one of direction Dst.
type Edge struct {
	Kind     Kind
	Ext      bool // Rf, Fr, Co: between threads
	SameLoc  bool // Po: Pos rather than Pod
	Src, Dst Dir
	// SrcAnn and DstAnn annotate the two accesses; Annotated says whether
	// the edge was written with them.
	SrcAnn, DstAnn Ann
	Annotated      bool
	Off            int // byte offset in the cycle text, for errors
}

// External reports whether the edge goes from one thread to another.
func (e Edge) External() bool { return e.Kind != Po && e.Ext }

// Pod reports whether the edge changes location.
func (e Edge) Pod() bool { return e.Kind == Po && !e.SameLoc }

// Base returns the edge's name without annotations: Rfe, PodWR, ...
func (e Edge) Base() string {
	switch e.Kind {
	case Po:
		s := "Pod"
		if e.SameLoc {
			s = "Pos"
		}
		return s + e.Src.String() + e.Dst.String()
	default:
		s := [...]string{Rf: "Rf", Fr: "Fr", Co: "Co"}[e.Kind]
		if e.Ext {
			return s + "e"
		}
		return s + "i"
	}
}

// String returns the edge as written: its base name, then its two ends'
// annotations when it has them.
func (e Edge) String() string {
	if !e.Annotated {
		return e.Base()
	}
	return e.Base() + e.SrcAnn.String() + e.DstAnn.String()
}

// communication gives the fixed ends of each communication edge.
var communication = map[string]Edge{
	"Rfe": {Kind: Rf, Ext: true, Src: W, Dst: R},
	"Fre": {Kind: Fr, Ext: true, Src: R, Dst: W},
	"Coe": {Kind: Co, Ext: true, Src: W, Dst: W},
	"Rfi": {Kind: Rf, Src: W, Dst: R},
	"Fri": {Kind: Fr, Src: R, Dst: W},
	"Coi": {Kind: Co, Src: W, Dst: W},
}

// ParseEdge parses one edge: a base name (Rfe, Fre, Coe, Rfi, Fri, Coi, or
// Pod/Pos followed by two of R and W), optionally followed by two end
// annotations, each an ordering (P plain, Sc SC atomic, _ open) and an
// optional width (8, 16, 32, 64): PodWRScSc, RfeP8P8, PosWR_16_32. The
// error's offset is relative to s.
func ParseEdge(s string) (Edge, int, error) {
	var e Edge
	var rest string
	if c, ok := communication[prefix(s, 3)]; ok {
		e, rest = c, s[3:]
	} else {
		if !strings.HasPrefix(s, "Pod") && !strings.HasPrefix(s, "Pos") {
			return e, 0, fmt.Errorf("unknown edge %q: expected Rfe, Fre, Coe, Rfi, Fri, Coi, or Pod/Pos and two of R, W (PodWR)%s", s, suggestEdge(s))
		}
		e = Edge{Kind: Po, SameLoc: s[2] == 's'}
		for i, d := range []*Dir{&e.Src, &e.Dst} {
			if len(s) <= 3+i || (s[3+i] != 'R' && s[3+i] != 'W') {
				return e, min(3+i, len(s)), fmt.Errorf("edge %q: expected R or W after %q", s, s[:min(3+i, len(s))])
			}
			if s[3+i] == 'W' {
				*d = W
			}
		}
		rest = s[5:]
	}
	if rest == "" {
		return e, 0, nil
	}
	var err error
	if e.SrcAnn, rest, err = parseAnn(rest); err == nil && rest == "" {
		return e, len(s), fmt.Errorf("edge %q: annotations come in pairs, one for each end (%sP for a plain target)", s, s)
	}
	if err == nil {
		e.DstAnn, rest, err = parseAnn(rest)
	}
	if err == nil && rest != "" {
		err = fmt.Errorf("edge %q: unexpected %q after the two end annotations", s, rest)
	}
	if err != nil {
		return e, len(s) - len(rest), err
	}
	e.Annotated = true
	return e, 0, nil
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// parseAnn parses one end annotation from the start of s.
func parseAnn(s string) (Ann, string, error) {
	var a Ann
	switch {
	case strings.HasPrefix(s, "Sc"):
		a.Order, s = SC, s[2:]
	case strings.HasPrefix(s, "P"):
		a.Order, s = Plain, s[1:]
	case strings.HasPrefix(s, "_"):
		s = s[1:]
	default:
		return a, s, fmt.Errorf("unknown annotation %q: expected P (plain), Sc (SC atomic) or _ (open), then an optional width 8, 16, 32 or 64", s)
	}
	for _, w := range []string{"8", "16", "32", "64"} {
		if strings.HasPrefix(s, w) {
			fmt.Sscan(w, &a.Width)
			return a, s[len(w):], nil
		}
	}
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return a, s, fmt.Errorf("unknown width in %q: expected 8, 16, 32 or 64", s)
	}
	return a, s, nil
}

// suggestEdge returns a " (did you mean X?)" hint for an unknown edge.
func suggestEdge(s string) string {
	best, dist := "", 3
	names := []string{"Rfe", "Fre", "Coe", "Rfi", "Fri", "Coi"}
	for _, p := range []string{"Pod", "Pos"} {
		for _, a := range "RW" {
			for _, b := range "RW" {
				names = append(names, p+string(a)+string(b))
			}
		}
	}
	for _, n := range names {
		if d := litmus.EditDistance(strings.ToLower(prefix(s, len(n))), strings.ToLower(n)); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}
