package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"wmm/enumerate"
	"wmm/model"
)

// explainJSON is the JSON object of wmm explain --json: one per test.
type explainJSON struct {
	Name      string        `json:"name"`
	Model     string        `json:"model"`
	Condition *string       `json:"condition"`
	Selection string        `json:"selection"`
	Outcomes  []outcomeJSON `json:"outcomes"`
	Searched  int           `json:"searched"`
	Truncated bool          `json:"truncated"`
}

type outcomeJSON struct {
	Outcome    model.Outcome  `json:"outcome"`
	Allowed    bool           `json:"allowed"`
	Candidates int            `json:"candidates,omitempty"`
	Witness    *executionJSON `json:"witness,omitempty"`
	Violations []groupJSON    `json:"violations,omitempty"`
}

type groupJSON struct {
	Axiom    string        `json:"axiom"`
	Clause   string        `json:"clause,omitempty"`
	Rule     string        `json:"rule,omitempty"`
	Count    int           `json:"count"`
	Examples []refutedJSON `json:"examples"`
}

type refutedJSON struct {
	Execution executionJSON `json:"execution"`
	Violation violationJSON `json:"violation"`
	Facts     []factJSON    `json:"facts,omitempty"`
	Tot       *totJSON      `json:"tot,omitempty"`
}

type violationJSON struct {
	Axiom   string   `json:"axiom"`
	Clause  string   `json:"clause,omitempty"`
	Message string   `json:"message"`
	Events  []string `json:"events"`
}

type factJSON struct {
	Kind  string     `json:"kind"`
	From  string     `json:"from"`
	To    string     `json:"to"`
	Via   []edgeJSON `json:"via,omitempty"`
	Later bool       `json:"later,omitempty"`
}

type edgeJSON struct {
	Kind   string     `json:"kind"`
	From   string     `json:"from"`
	To     string     `json:"to"`
	Region string     `json:"region,omitempty"`
	Cells  *[2]uint64 `json:"cells,omitempty"`
}

type totJSON struct {
	Constrained []string     `json:"constrained"`
	Branches    []branchJSON `json:"branches"`
	More        int          `json:"more"`
	Truncated   bool         `json:"truncated"`
}

type branchJSON struct {
	Order     []string       `json:"order"`
	Violation *violationJSON `json:"violation,omitempty"`
	Facts     []factJSON     `json:"facts,omitempty"`
	Seen      bool           `json:"seen,omitempty"`
}

type executionJSON struct {
	Threads   []threadJSON `json:"threads"`
	ReadsFrom []edgeJSON   `json:"reads_from"`
	// Sync lists the happens-before edges synchronisation adds.
	Sync []edgeJSON `json:"sync"`
	// Order is the total order of the constrained events (witnesses).
	Order []string `json:"order,omitempty"`
}

type threadJSON struct {
	Name   string      `json:"name"`
	Role   string      `json:"role"`
	Status string      `json:"status"`
	Events []eventJSON `json:"events"`
}

type eventJSON struct {
	Label   string       `json:"label"`
	Instr   string       `json:"instr,omitempty"`
	Pos     string       `json:"pos,omitempty"`
	Actions []actionJSON `json:"actions"`
	Trap    string       `json:"trap,omitempty"`
}

type actionJSON struct {
	Kind    string     `json:"kind"`
	Ord     string     `json:"ord,omitempty"`
	Region  string     `json:"region,omitempty"`
	Cells   *[2]uint64 `json:"cells,omitempty"`
	NoTears bool       `json:"notears,omitempty"`
	Read    *uint64    `json:"read,omitempty"`
	Written *uint64    `json:"written,omitempty"`
	// Bytes describes what a sparse write (the allocation, grow's zero
	// fill) writes: "zeros", or "zeros but" the runs that are not.
	Bytes   string  `json:"bytes,omitempty"`
	Addr    *uint64 `json:"addr,omitempty"`
	Timeout *int64  `json:"timeout,omitempty"`
	Woke    *uint32 `json:"woke,omitempty"`
	Count   *uint32 `json:"count,omitempty"`
	Text    string  `json:"text"`
}

// WriteExplainJSON prints the explanation as one JSON object on one line.
func WriteExplainJSON(w io.Writer, e *Explain) error {
	t := e.Result.Test
	j := explainJSON{Name: t.Name, Model: e.Model, Selection: e.Selection, Outcomes: []outcomeJSON{}, Searched: e.Searched, Truncated: e.Truncated}
	if t.Condition != nil {
		s := t.Condition.String()
		j.Condition = &s
	}
	full, _ := e.shown()
	for _, oe := range e.Outcomes {
		j.Outcomes = append(j.Outcomes, outcomeOf(e, oe, slices.Contains(full, oe)))
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// outcomeOf builds the JSON of one outcome; in full, with its witness or
// refuted candidates, or only with its counts.
func outcomeOf(e *Explain, oe *enumerate.OutcomeExplanation, full bool) outcomeJSON {
	o := outcomeJSON{Outcome: oe.Outcome, Allowed: oe.Allowed, Candidates: oe.Candidates}
	if oe.Allowed && oe.Witness != nil && full {
		x := executionOf(oe.Witness)
		x.Order = labelList(oe.Witness, e.order(oe.Witness))
		o.Witness = &x
	}
	for _, g := range oe.Groups {
		gj := groupJSON{Axiom: g.Axiom, Clause: g.Clause, Rule: RuleText(g.Axiom, g.Clause), Count: g.Count, Examples: []refutedJSON{}}
		if full {
			for _, r := range g.Examples {
				gj.Examples = append(gj.Examples, refutedOf(r))
			}
		}
		o.Violations = append(o.Violations, gj)
	}
	return o
}

func refutedOf(r *enumerate.Refuted) refutedJSON {
	x := r.X
	j := refutedJSON{Execution: executionOf(x), Violation: violationOf(x, r.Violation)}
	if r.Tot == nil {
		j.Facts = factsOf(x, Core(x, r.Violation, nil))
		return j
	}
	t := &totJSON{Constrained: labelList(x, r.Tot.Constrained), Branches: []branchJSON{}, More: r.Tot.More, Truncated: r.Tot.Truncated}
	for _, l := range r.Tot.Leaves {
		b := branchJSON{Order: labelList(x, l.Order), Seen: l.Seen}
		if l.Violation != nil {
			v := violationOf(x, l.Violation)
			b.Violation = &v
			b.Facts = factsOf(x, Core(x, l.Violation, l.Order))
		}
		t.Branches = append(t.Branches, b)
	}
	j.Tot = t
	return j
}

func violationOf(x *model.Execution, v *model.Violation) violationJSON {
	return violationJSON{Axiom: v.Axiom, Clause: v.Clause, Message: v.Message(), Events: labelList(x, v.Events)}
}

func labelList(x *model.Execution, ids []model.EventID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = x.Label(id)
	}
	return out
}

func factsOf(x *model.Execution, fs []Fact) []factJSON {
	var out []factJSON
	for _, f := range fs {
		out = append(out, factJSON{Kind: f.Kind.String(), From: x.Label(f.From), To: x.Label(f.To), Via: edgesOf(x, f.Via), Later: f.Later})
	}
	return out
}

func edgesOf(x *model.Execution, es []enumerate.Edge) []edgeJSON {
	out := []edgeJSON{}
	for _, e := range es {
		j := edgeJSON{Kind: e.Kind.String(), From: x.Label(e.From), To: x.Label(e.To)}
		if (e.Kind == enumerate.EdgeRF || e.Kind == enumerate.EdgeSync) && e.Hi > e.Lo {
			j.Region = e.Region.String()
			j.Cells = &[2]uint64{e.Lo, e.Hi}
		}
		out = append(out, j)
	}
	return out
}

// syncRuns returns the reads-from runs behind the synchronisation edge e
// (an SC read of a range from an SC write of the same range), so that the
// edge names its region and cells as reads-from does; e itself when no
// run matches.
func syncRuns(rf []enumerate.Edge, e enumerate.Edge) []enumerate.Edge {
	var out []enumerate.Edge
	for _, r := range rf {
		if r.Kind == enumerate.EdgeSync && r.From == e.From && r.To == e.To {
			out = append(out, r)
		}
	}
	if out == nil {
		return []enumerate.Edge{e}
	}
	return out
}

// executionOf builds the JSON of an execution: events per thread,
// reads-from, the synchronisation edges and, if known, the order.
func executionOf(x *model.Execution) executionJSON {
	rf := enumerate.RFEdges(x)
	j := executionJSON{ReadsFrom: edgesOf(x, rf), Sync: []edgeJSON{}}
	for _, e := range enumerate.HBEdges(x, x.Tot) {
		switch e.Kind {
		case enumerate.EdgeSync:
			j.Sync = append(j.Sync, edgesOf(x, syncRuns(rf, e))...)
		case enumerate.EdgeSusp:
			j.Sync = append(j.Sync, edgesOf(x, []enumerate.Edge{e})...)
		}
	}
	for _, t := range x.Threads {
		tj := threadJSON{Name: t.Name, Role: t.Role.String(), Status: t.Status.String(), Events: []eventJSON{}}
		for _, id := range t.Events {
			tj.Events = append(tj.Events, eventOf(x, x.Events[id]))
		}
		j.Threads = append(j.Threads, tj)
	}
	return j
}

func eventOf(x *model.Execution, ev *model.Event) eventJSON {
	j := eventJSON{Label: x.Label(ev.ID), Instr: ev.Instr, Pos: ev.Pos, Actions: []actionJSON{}}
	for _, a := range []*model.Access{ev.Len, ev.Data} {
		if a != nil {
			j.Actions = append(j.Actions, accessOf(a))
		}
	}
	if s := ev.Susp; s != nil {
		aj := actionJSON{Kind: s.Kind.String(), Addr: &s.Addr, Text: s.String()}
		switch s.Kind {
		case model.Wait:
			aj.Timeout = &s.Timeout
		case model.Notify:
			aj.Woke, aj.Count = &s.N, &s.K
		}
		j.Actions = append(j.Actions, aj)
	}
	if ev.Fence {
		j.Actions = append(j.Actions, actionJSON{Kind: "fence", Text: "fence"})
	}
	if ev.Trap != model.NoTrap {
		j.Trap = ev.Trap.String()
	}
	return j
}

func accessOf(a *model.Access) actionJSON {
	j := actionJSON{Ord: a.Ord.String(), Region: a.Region.String(), NoTears: a.NoTears, Text: a.String()}
	switch a.Kind {
	case model.Read:
		j.Kind = "rd"
	case model.Write:
		j.Kind = "wr"
	default:
		j.Kind, j.Ord = "rmw", a.Ord.String()
	}
	if a.Region == model.Len {
		if a.Kind != model.Write {
			j.Read = &a.LenRd
		}
		if a.Kind != model.Read {
			j.Written = &a.LenWr
		}
		return j
	}
	j.Cells = &[2]uint64{a.Off, a.Off + a.Size}
	if a.Kind != model.Write {
		j.Read = littleEndian(a.Rd)
	}
	if a.Kind != model.Read {
		if a.Wr != nil {
			j.Written = littleEndian(a.Wr)
		} else {
			j.Bytes = a.WrittenText()
		}
	}
	return j
}

// littleEndian returns the unsigned integer that up to 8 bytes encode,
// or nil for more.
func littleEndian(b []byte) *uint64 {
	if len(b) > 8 {
		return nil
	}
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return &v
}
