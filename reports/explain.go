package reports

import (
	"fmt"
	"io"
	"strings"

	"wmm/enumerate"
	"wmm/model"
)

// An Explain is the explanation of some outcomes of one test under one
// model, ready to print as text (WriteExplainText) or JSON
// (WriteExplainJSON).
type Explain struct {
	*enumerate.Explanation
	Model string
	// Selection says which outcomes were asked about, for example "the
	// condition's proposition" or "T1:r0=1 /\ T1:r1=0".
	Selection string
	// Limit is the number of outcomes explained in full (0: all); the
	// others are listed.
	Limit int
	// Order returns the constrained events of an execution in total
	// order (MODEL.md §13.1 step 6); nil prints the whole total order.
	Order func(x *model.Execution) []model.EventID
}

// shown returns the outcomes to explain in full and the others. With a
// limit, a forbidden outcome whose candidates break the same axioms as
// one already chosen waits until every other kind has had its turn.
func (e *Explain) shown() (full, rest []*enumerate.OutcomeExplanation) {
	if e.Limit <= 0 || len(e.Outcomes) <= e.Limit {
		return e.Outcomes, nil
	}
	seen := map[string]bool{}
	var later []*enumerate.OutcomeExplanation
	for _, oe := range e.Outcomes {
		sig := axiomsOf(oe)
		if oe.Allowed || !seen[sig] {
			seen[sig] = true
			full = append(full, oe)
		} else {
			later = append(later, oe)
		}
	}
	full = append(full, later...)
	return full[:e.Limit], full[e.Limit:]
}

// axiomsOf lists the axioms an outcome's candidates break ("no-tear,
// hb-consistent (c)"), or says it is allowed.
func axiomsOf(oe *enumerate.OutcomeExplanation) string {
	if oe.Allowed {
		return "allowed"
	}
	var names []string
	for _, g := range oe.Groups {
		names = append(names, axiomName(g.Axiom, g.Clause))
	}
	if names == nil {
		return "forbidden"
	}
	return "forbidden: " + strings.Join(names, ", ")
}

// order returns the total order to print for an allowed outcome's witness.
func (e *Explain) order(x *model.Execution) []model.EventID {
	if e.Order != nil {
		return e.Order(x)
	}
	return x.Tot
}

// WriteExplainText prints the explanation for people: for each outcome
// asked about, whether the model allows it; for an allowed outcome one
// execution that has it (events per thread, reads-from per run of bytes,
// the happens-before edges that synchronisation adds, the total order of
// the constrained events); for a forbidden one the candidate executions
// that would give it, counted per violated axiom, and for the simplest of
// each axiom the events and edges that break it.
func WriteExplainText(w io.Writer, e *Explain) error {
	p := &printer{w: w}
	t := e.Result.Test
	p.linef("Test %s, model %s", t.Name, e.Model)
	if t.Condition != nil {
		p.linef("Condition %s", t.Condition)
	}
	p.linef("Outcomes asked about: those with %s", e.Selection)
	p.linef("Key: T1.0 is the first event of thread T1, init the memory's allocation; po is program order, rf reads-from, sync a reads-from between SC accesses of one range (a happens-before edge), hb happens-before, tot the total order.")
	full, rest := e.shown()
	switch {
	case len(e.Outcomes) == 0 && e.Truncated:
		p.linef("")
		p.linef("No candidate execution with %s was found before the search stopped.", e.Selection)
	case len(e.Outcomes) == 0:
		p.linef("")
		p.linef("No candidate execution gives an outcome with %s: no choice of writes makes the reads return such values.", e.Selection)
	}
	for _, oe := range full {
		p.linef("")
		if oe.Allowed {
			p.allowed(e, oe)
		} else {
			p.forbidden(oe)
		}
	}
	if len(rest) > 0 {
		p.linef("")
		p.linef("%d more outcome(s) with %s, not explained here (raise --limit):", len(rest), e.Selection)
		p.rest(rest)
	}
	if e.Truncated {
		p.linef("")
		p.linef("The search stopped after %d candidate executions (raise --max-candidates): the counts above are lower bounds, and forbidden outcomes may be missing.", e.Searched)
	}
	return p.err
}

// rest lists outcomes by what their candidates break: how many, and the
// first few.
func (p *printer) rest(rest []*enumerate.OutcomeExplanation) {
	const few = 3
	var sigs []string
	bySig := map[string][]*enumerate.OutcomeExplanation{}
	for _, oe := range rest {
		s := axiomsOf(oe)
		if bySig[s] == nil {
			sigs = append(sigs, s)
		}
		bySig[s] = append(bySig[s], oe)
	}
	for _, s := range sigs {
		list := bySig[s]
		var names []string
		for _, oe := range list[:min(few, len(list))] {
			names = append(names, "{"+oe.Outcome.String()+"}")
		}
		if len(list) > few {
			names = append(names, "…")
		}
		p.linef("  %s: %d: %s", s, len(list), strings.Join(names, " "))
	}
}

// printer writes lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) linef(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) allowed(e *Explain, oe *enumerate.OutcomeExplanation) {
	p.linef("Outcome %s: allowed. An execution that has it:", oe.Outcome)
	x := oe.Witness
	if x == nil {
		p.linef("  (no witness was kept)")
		return
	}
	p.execution(x, "  ")
	p.syncEdges(x, "  ")
	p.linef("  Total order of the constrained events: %s", labels(x, e.order(x)))
}

func (p *printer) forbidden(oe *enumerate.OutcomeExplanation) {
	p.linef("Outcome %s: forbidden.", oe.Outcome)
	switch oe.Candidates {
	case 1:
		p.linef("1 candidate execution gives it, and it breaks an axiom:")
	default:
		p.linef("%d candidate executions give it, and each breaks an axiom:", oe.Candidates)
	}
	for _, g := range oe.Groups {
		p.linef("  %-28s %d", axiomName(g.Axiom, g.Clause), g.Count)
	}
	n := 0
	for _, g := range oe.Groups {
		for i, r := range g.Examples {
			n++
			p.linef("")
			like := ""
			if i == 0 && g.Count > 1 {
				like = fmt.Sprintf("; %d more break it", g.Count-1)
			}
			p.linef("Candidate %d: %s%s", n, axiomName(g.Axiom, g.Clause), like)
			if rule := RuleText(g.Axiom, g.Clause); rule != "" {
				p.linef("  Rule: %s", rule)
			}
			p.refuted(r, "  ")
		}
	}
}

// axiomName returns "axiom (clause)" or "axiom".
func axiomName(axiom, clause string) string {
	if clause == "" {
		return axiom
	}
	return axiom + " (" + clause + ")"
}

func (p *printer) refuted(r *enumerate.Refuted, ind string) {
	x := r.X
	p.execution(x, ind)
	p.syncEdges(x, ind)
	if r.Tot == nil {
		p.linef("%sWhy: %s", ind, r.Violation.Error())
		p.facts(x, Core(x, r.Violation, nil), ind+"  ")
		return
	}
	p.totRefutation(x, r.Tot, ind)
}

func (p *printer) totRefutation(x *model.Execution, t *enumerate.TotRefutation, ind string) {
	p.linef("%sWhy: reads-from breaks no axiom by itself, but no total order works.", ind)
	p.linef("%sOnly the order of the constrained events %s matters, and happens-before fixes part of it.", ind, strings.ReplaceAll(labels(x, t.Constrained), " ", ", "))
	p.linef("%sEach line below is a way the order can start (… is any continuation), with the axiom every such order breaks:", ind)
	for _, l := range t.Leaves {
		if l.Seen {
			p.linef("%s  %s, …: the same state as a branch above, which failed", ind, strings.ReplaceAll(labels(x, l.Order), " ", ", "))
			continue
		}
		p.linef("%s  %s, …: %s", ind, strings.ReplaceAll(labels(x, l.Order), " ", ", "), l.Violation.Error())
		p.facts(x, Core(x, l.Violation, l.Order), ind+"      ")
	}
	if t.More > 0 {
		p.linef("%s  … and %d more failed branch(es)", ind, t.More)
	}
	if t.Truncated {
		p.linef("%s  (the search stopped at its step bound; the branches above are not all of them)", ind)
	}
	if t.Found != nil {
		p.linef("%s  (yet the order %s passed: this is a bug in wmm, please report it)", ind, labels(x, t.Found))
	}
}

// labels returns the events' labels joined by spaces.
func labels(x *model.Execution, ids []model.EventID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = x.Label(id)
	}
	return strings.Join(s, " ")
}

// execution prints the events per thread and the reads-from.
func (p *printer) execution(x *model.Execution, ind string) {
	p.linef("%sEvents", ind)
	width := labelWidth(x)
	for _, t := range x.Threads {
		status := ""
		if t.Status != model.Done {
			status = " (" + t.Status.String() + ")"
		}
		p.linef("%s  %s%s", ind, t.Name, status)
		for _, id := range t.Events {
			ev := x.Events[id]
			p.linef("%s    %-*s %s", ind, width, x.Label(id), ev.String())
		}
	}
	p.linef("%sReads-from", ind)
	for _, line := range rfLines(x) {
		p.linef("%s  %s", ind, line)
	}
}

func labelWidth(x *model.Execution) int {
	n := 0
	for _, e := range x.Events {
		n = max(n, len(x.Label(e.ID)))
	}
	return n
}

// syncEdges prints the happens-before edges that synchronisation adds:
// reads-from between SC accesses of one range, and (once tot is known)
// the order of suspension events at one address.
func (p *printer) syncEdges(x *model.Execution, ind string) {
	var lines []string
	for _, e := range enumerate.HBEdges(x, x.Tot) {
		switch e.Kind {
		case enumerate.EdgeSync:
			lines = append(lines, fmt.Sprintf("%s hb %s: %s reads %s from it, both SC, same range", x.Label(e.From), x.Label(e.To), x.Label(e.To), regionWhat(x, e.From, e.To)))
		case enumerate.EdgeSusp:
			lines = append(lines, fmt.Sprintf("%s hb %s: suspension events at address %d, in tot order", x.Label(e.From), x.Label(e.To), x.Events[e.To].Susp.Addr))
		}
	}
	if len(lines) == 0 {
		p.linef("%sSynchronisation: none (no happens-before edges beyond program order, spawn and join)", ind)
		return
	}
	p.linef("%sSynchronisation (happens-before edges it adds)", ind)
	for _, l := range lines {
		p.linef("%s  %s", ind, l)
	}
}

// regionWhat says what r reads from w: "bytes [0,4)" or "len".
func regionWhat(x *model.Execution, w, r model.EventID) string {
	var parts []string
	for _, e := range enumerate.RFEdges(x) {
		if e.From == w && e.To == r {
			parts = append(parts, cellsText(e))
		}
	}
	return strings.Join(parts, ", ")
}

// cellsText returns "bytes [4,8)" for a data edge, "len" for the length.
func cellsText(e enumerate.Edge) string {
	if e.Region == model.Len {
		return "len"
	}
	if e.Lo >= model.MemBase(1) {
		return model.Cells(e.Lo, e.Hi)
	}
	return "bytes " + model.Range(e.Lo, e.Hi)
}

// rfLines returns one line per reading event: "T1.1 reads bytes [4,6)
// from T0.0, [6,8) from init; len from init"; cells other than memory 0's
// bytes by their names: "prot[1,2) from T0.0".
func rfLines(x *model.Execution) []string {
	var out []string
	for _, e := range x.Events {
		var data, cells, length []string
		for _, rr := range x.RFRanges(e.ID, model.Data) {
			from := model.Cells(rr.From, rr.To) + " from " + x.Label(rr.Writer)
			if rr.From >= model.MemBase(1) {
				cells = append(cells, from)
			} else {
				data = append(data, from)
			}
		}
		for _, rr := range x.RFRanges(e.ID, model.Len) {
			length = append(length, "len from "+x.Label(rr.Writer))
		}
		if data == nil && cells == nil && length == nil {
			continue
		}
		var parts []string
		if data != nil {
			parts = append(parts, "bytes "+strings.Join(data, ", "))
		}
		parts = append(parts, cells...)
		parts = append(parts, length...)
		out = append(out, x.Label(e.ID)+" reads "+strings.Join(parts, "; "))
	}
	return out
}

// facts prints the relations an explanation relies on, one per line.
func (p *printer) facts(x *model.Execution, fs []Fact, ind string) {
	for _, f := range fs {
		p.linef("%s%s", ind, f.Text(x))
	}
}
