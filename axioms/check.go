package axioms

import (
	"fmt"

	"wmm/model"
)

// A Check is one named consistency check over a complete candidate
// execution (events, reads-from and a total order of all events).
type Check struct {
	Name string // the axiom's name (model.Ax...)
	// Doc and Spec say what the axiom requires and where it is stated
	// (model.Axioms).
	Doc, Spec string
	run       func(m *Model, c *checkCtx) *model.Violation
}

// checkCtx holds what the checks of one execution share.
type checkCtx struct {
	x   *model.Execution
	hb  *model.Rel
	pos []int // tot positions
}

func (c *checkCtx) label(e model.EventID) string { return c.x.Label(e) }
func (c *checkCtx) tot(a, b model.EventID) bool  { return c.pos[a] < c.pos[b] }

// Checks returns the model's checks, in the order Check runs them.
func (m *Model) Checks() []Check {
	if m.checks != nil {
		return m.checks
	}
	return m.makeChecks()
}

func (m *Model) makeChecks() []Check {
	var out []Check
	for _, c := range m.allChecks() {
		if !m.skip[c.Name] {
			a, _ := model.AxiomOf(c.Name, "")
			c.Doc, c.Spec = a.Rule, a.Spec
			out = append(out, c)
		}
	}
	return out
}

// allChecks returns every check of the model, skipped ones included.
func (m *Model) allChecks() []Check {
	common := []Check{
		{Name: model.AxWellFormed, run: checkWellFormed},
		{Name: model.AxValue, run: checkValues},
	}
	if m.sc {
		return append(common,
			Check{Name: model.AxHBTot, run: checkHBInTot},
			Check{Name: model.AxSC, run: checkSCLatest},
			Check{Name: model.AxSuspension, run: checkQueues},
		)
	}
	return append(common,
		Check{Name: model.AxHBAcyclic, run: checkAcyclic},
		Check{Name: model.AxHBTot, run: checkHBInTot},
		Check{Name: model.AxInit, run: checkInit},
		Check{Name: model.AxHB, run: checkHBConsistent},
		Check{Name: model.AxSCLast, run: checkSCLastVisible},
		Check{Name: model.AxNoTear, run: checkNoTear},
		Check{Name: model.AxSuspension, run: checkQueues},
	)
}

// Check reports whether x, with reads-from and a total order x.Tot of all
// events, is consistent under the model: nil, or the first violation
// found. It is the predicate of MODEL.md §8.8 (or, for sc, of sequential
// consistency), written straight from the definitions.
func (m *Model) Check(x *model.Execution) *model.Violation {
	if len(x.Tot) != len(x.Events) {
		return &model.Violation{Axiom: model.AxWellFormed, Msg: "tot does not order every event"}
	}
	c := &checkCtx{x: x, pos: totPositions(x)}
	for _, e := range c.pos {
		if e < 0 {
			return &model.Violation{Axiom: model.AxWellFormed, Msg: "tot does not order every event"}
		}
	}
	if m.sc {
		c.hb = x.Static()
		c.hb.Close()
	} else {
		c.hb = m.HB(x)
	}
	for _, ch := range m.Checks() {
		if v := ch.run(m, c); v != nil {
			return v
		}
	}
	return nil
}

// CheckOrder reports what Check reports for x, with less work, when the
// caller has already established every axiom that does not depend on
// the order of x.Tot: it runs only hb-acyclic (cheap, and not every
// caller checks a static hb that no read grew), sc-last-visible (C3),
// sc-reads-latest and suspensions-consistent (C7), in Check's order, so
// that its first violation is Check's. The caller must pass hb = m.HB(x)
// and guarantee the rest (MODEL.md §13.1a, S10):
//
//   - well-formed and value-consistent (C1): every cell's writer writes
//     it and wrote the value read (the search offers only such writers);
//   - init-first (C5): the static hb orders every init write before every
//     overlapping event (model.Execution.HBEdges), and hb contains it;
//   - hb-consistent (C2) and no-tear (C4): CheckRead (or CountRead) passed
//     for every read against this hb;
//   - hb-in-tot (C6): x.Tot contains hb (model.Linearize of hb).
func (m *Model) CheckOrder(x *model.Execution, hb *model.Rel) *model.Violation {
	return m.checkOrder(x, hb, true)
}

// CheckOrderBesideSCLast is CheckOrder without sc-last-visible (C3), for
// a caller that has established C3 for x.Tot itself
// (model.Forcing.SCLastVisibleUnder).
func (m *Model) CheckOrderBesideSCLast(x *model.Execution, hb *model.Rel) *model.Violation {
	return m.checkOrder(x, hb, false)
}

func (m *Model) checkOrder(x *model.Execution, hb *model.Rel, scLast bool) *model.Violation {
	if len(x.Tot) != len(x.Events) {
		return &model.Violation{Axiom: model.AxWellFormed, Msg: "tot does not order every event"}
	}
	c := &checkCtx{x: x, hb: hb, pos: totPositions(x)}
	for _, e := range c.pos {
		if e < 0 {
			return &model.Violation{Axiom: model.AxWellFormed, Msg: "tot does not order every event"}
		}
	}
	for _, ch := range m.Checks() {
		switch ch.Name {
		case model.AxHBAcyclic, model.AxSC:
		case model.AxSCLast:
			if !scLast {
				continue
			}
		case model.AxSuspension:
			if !x.HasSuspension() {
				continue // C7 concerns suspension events only
			}
		default:
			continue
		}
		if v := ch.run(m, c); v != nil {
			return v
		}
	}
	return nil
}

// forReads calls f for every (reader, region, cell, writer) of x, until
// it returns a violation.
func forReads(x *model.Execution, f func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation) *model.Violation {
	for _, e := range x.Events {
		if v := forCells(x, e.ID, func(reg model.Region, cell uint64, w model.EventID) *model.Violation {
			return f(e.ID, reg, cell, w)
		}); v != nil {
			return v
		}
	}
	return nil
}

// forCells calls f for every (region, cell, writer) that event r reads,
// until it returns a violation.
func forCells(x *model.Execution, r model.EventID, f func(reg model.Region, cell uint64, w model.EventID) *model.Violation) *model.Violation {
	var v *model.Violation
	x.ReadCells(r, func(reg model.Region, cell uint64, w *model.EventID) bool {
		v = f(reg, cell, *w)
		return v == nil
	})
	return v
}

func checkWellFormed(_ *Model, c *checkCtx) *model.Violation {
	return forReads(c.x, func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
		if w < 0 || int(w) >= len(c.x.Events) {
			return model.NewViolation(model.AxWellFormed, "", reg, []model.EventID{r}, func() string {
				return fmt.Sprintf("%s reads %s cell %d from no write", c.label(r), reg, cell)
			})
		}
		wa := c.x.Events[w].Access(reg)
		if w == r || !wa.Writing() || !wa.Covers(cell) {
			return model.NewViolation(model.AxWellFormed, "", reg, []model.EventID{r, w}, func() string {
				return fmt.Sprintf("%s reads %s cell %d from %s, which does not write it", c.label(r), reg, cell, c.label(w))
			})
		}
		return nil
	})
}

func checkValues(_ *Model, c *checkCtx) *model.Violation {
	return forReads(c.x, func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
		got := c.x.Events[r].Access(reg).ReadCell(cell)
		want := c.x.Events[w].Access(reg).WriteCell(cell)
		if got != want {
			return model.NewViolation(model.AxValue, "", reg, []model.EventID{r, w}, func() string {
				return fmt.Sprintf("%s reads %d at %s cell %d, but %s wrote %d there", c.label(r), got, reg, cell, c.label(w), want)
			}).Because(model.RF(w, r))
		}
		return nil
	})
}

func checkAcyclic(_ *Model, c *checkCtx) *model.Violation {
	if e, ok := c.hb.Irreflexive(); !ok {
		return model.HBCycle(c.x, e)
	}
	return nil
}

func checkHBInTot(_ *Model, c *checkCtx) *model.Violation {
	n := len(c.x.Events)
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			ea, eb := model.EventID(a), model.EventID(b)
			if c.hb.Has(ea, eb) && !c.tot(ea, eb) {
				return model.NewViolation(model.AxHBTot, "", model.Data, []model.EventID{ea, eb}, func() string {
					return fmt.Sprintf("%s hb %s but %s tot %s", c.label(ea), c.label(eb), c.label(eb), c.label(ea))
				}).Because(model.HB(ea, eb), model.Tot(eb, ea))
			}
		}
	}
	return nil
}

func checkInit(_ *Model, c *checkCtx) *model.Violation {
	for _, i := range c.x.Events {
		if i.Data == nil || i.Data.Ord != model.Init || !i.Data.Writing() {
			continue
		}
		for _, e := range c.x.Events {
			if e != i && e.Data != nil && e.Data.Size > 0 && e.Data.Overlap(i.Data) && !c.hb.Has(i.ID, e.ID) {
				ii, ee := i.ID, e.ID
				return model.NewViolation(model.AxInit, "", model.Data, []model.EventID{ii, ee}, func() string {
					return fmt.Sprintf("init write %s does not happen before the overlapping %s", c.label(ii), c.label(ee))
				})
			}
		}
	}
	return nil
}

func checkHBConsistent(m *Model, c *checkCtx) *model.Violation {
	x := c.x
	return forReads(x, func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
		return m.hbConsistent(x, c.hb, r, reg, cell, w)
	})
}

// hbConsistent checks C2 for one cell that r reads from w, against hb
// (nothing when the model skips C2).
func (m *Model) hbConsistent(x *model.Execution, hb *model.Rel, r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
	if m.skip[model.AxHB] {
		return nil
	}
	if hb.Has(r, w) {
		return model.NewViolation(model.AxHB, "a", reg, []model.EventID{r, w}, func() string {
			return fmt.Sprintf("%s reads from %s, which it happens before", x.Label(r), x.Label(w))
		}).Because(model.RF(w, r), model.HB(r, w))
	}
	if e := shadowing(x, hb, r, reg, cell, w); e != model.NoEvent {
		return model.NewViolation(model.AxHB, "c", reg, []model.EventID{w, e, r}, func() string {
			return fmt.Sprintf("%s reads %s cell %d from %s, but %s hb %s hb %s overwrites it", x.Label(r), reg, cell, x.Label(w), x.Label(w), x.Label(e), x.Label(r))
		}).Because(model.RF(w, r), model.HB(w, e), model.HB(e, r))
	}
	return nil
}

// shadowing returns a write of cell other than w with w hb it hb r (so
// that r reading cell from w breaks C2 (c)), or NoEvent.
func shadowing(x *model.Execution, hb *model.Rel, r model.EventID, reg model.Region, cell uint64, w model.EventID) model.EventID {
	for _, e := range x.WritesCovering(reg, cell) {
		if e != w && hb.Has(w, e) && hb.Has(e, r) {
			return e
		}
	}
	return model.NoEvent
}

func checkSCLastVisible(m *Model, c *checkCtx) *model.Violation {
	x := c.x
	var v *model.Violation
	for _, re := range x.Events {
		if !x.EachWriter(re.ID, func(reg model.Region, w model.EventID) bool {
			v = m.scLastVisible(x, c.hb, c.tot, re.ID, reg, w)
			return v == nil
		}) {
			return v
		}
	}
	return nil
}

// scLastVisible checks C3 for the pair (r reads from w in region reg)
// against hb and the order tot (MODEL.md §8.3).
func (m *Model) scLastVisible(x *model.Execution, hb *model.Rel, tot func(a, b model.EventID) bool, r model.EventID, reg model.Region, w model.EventID) *model.Violation {
	var v *model.Violation
	m.scPatterns(x, hb, r, reg, w, func(p scPattern) bool {
		v = scBroken(x, tot, r, reg, w, p)
		return v == nil
	})
	return v
}

// scBroken returns the violation of pattern p (which holds under hb) of
// the pair (r reads from w in region reg) under the order tot, or nil.
func scBroken(x *model.Execution, tot func(a, b model.EventID) bool, r model.EventID, reg model.Region, w model.EventID, p scPattern) *model.Violation {
	var v *model.Violation
	switch w2 := p.w2; p.clause {
	case "i":
		if tot(w, w2) && tot(w2, r) {
			v = model.NewViolation(model.AxSCLast, "i", reg, []model.EventID{w, w2, r}, func() string {
				return fmt.Sprintf("%s reads from %s (they synchronise), but %s tot %s tot %s and %s writes the same range", x.Label(r), x.Label(w), x.Label(w), x.Label(w2), x.Label(r), x.Label(w2)) + scWord(x.Events[w2].Access(reg))
			}).Because(model.RF(w, r), model.Tot(w, w2), model.Tot(w2, r))
		}
	case "ii":
		if tot(w2, r) {
			v = model.NewViolation(model.AxSCLast, "ii", reg, []model.EventID{w, w2, r}, func() string {
				return fmt.Sprintf("%s reads from %s, but %s hb %s tot %s, and %s, %s are SC of the same range", x.Label(r), x.Label(w), x.Label(w), x.Label(w2), x.Label(r), x.Label(w2), x.Label(r))
			}).Because(model.RF(w, r), model.HB(w, w2), model.Tot(w2, r))
		}
	case "iii":
		if tot(w, w2) {
			v = model.NewViolation(model.AxSCLast, "iii", reg, []model.EventID{w, w2, r}, func() string {
				return fmt.Sprintf("%s reads from %s, but %s tot %s hb %s, and %s, %s are SC writes of the same range", x.Label(r), x.Label(w), x.Label(w), x.Label(w2), x.Label(r), x.Label(w), x.Label(w2))
			}).Because(model.RF(w, r), model.Tot(w, w2), model.HB(w2, r))
		}
	}
	return v
}

// An scPattern is one way C3 constrains tot for a read r of w's bytes: a
// write w2 such that, by clause (i), w tot w2 tot r is forbidden; by (ii) †
// (w hb w2 holds), w2 tot r is forbidden; by (iii) ‡ (w2 hb r holds),
// w tot w2 is forbidden.
type scPattern struct {
	clause string // "i", "ii" or "iii"
	w2     model.EventID
}

// scPatterns calls yield with every pattern of C3 (MODEL.md §8.3) for the
// pair (r reads from w in region reg) under hb, until yield returns
// false. Check and the tot search test the patterns against tot,
// ForcedOrder derives tot edges from them.
func (m *Model) scPatterns(x *model.Execution, hb *model.Rel, r model.EventID, reg model.Region, w model.EventID, yield func(scPattern) bool) {
	if !hb.Has(w, r) {
		return
	}
	m.scPatternsAnyHB(x, r, reg, w, func(p scPattern) bool {
		return !p.holds(hb, w, r) || yield(p)
	})
}

// scPatternsAnyHB calls yield, until it returns false, with every pattern
// of C3 for the pair (r reads from w in region reg) that some
// happens-before could make hold (scPattern.holds says which do under
// one). It is the one statement of which writes each clause of C3
// concerns.
func (m *Model) scPatternsAnyHB(x *model.Execution, r model.EventID, reg model.Region, w model.EventID, yield func(scPattern) bool) {
	if m.skip[model.AxSCLast] {
		return
	}
	ra, wa := x.Events[r].Access(reg), x.Events[w].Access(reg)
	synced := model.Sync(wa, ra) || (m.initSync && wa.Ord == model.Init && ra.Ord == model.SeqCst && len(x.Writers(r, reg)) == 1)
	daggers := m.daggers(reg)
	if !synced && !daggers {
		return
	}
	// Every clause concerns a write W' of the range of R or of W (Sync
	// and Same compare ranges): one that covers a cell R reads from W.
	// The writes of that cell, in event order, are all the candidates.
	for _, w2 := range x.WritesCovering(reg, cellFrom(x, r, reg, w)) {
		a2 := x.Events[w2].Access(reg)
		if w2 == w || w2 == r {
			continue
		}
		// (i): an SC read synchronising with W sees no later same-range SC write.
		if synced && (model.Sync(a2, ra) || (m.oldClauseA && a2.Same(ra))) && !yield(scPattern{"i", w2}) {
			return
		}
		if !daggers {
			continue
		}
		// (ii) †: W hb W' tot R with W', R synchronising.
		if model.Sync(a2, ra) && !yield(scPattern{"ii", w2}) {
			return
		}
		// (iii) ‡: W tot W' hb R with W, W' synchronising.
		if model.Sync(wa, a2) && !yield(scPattern{"iii", w2}) {
			return
		}
	}
}

// holds reports whether pattern p of the pair (r reads from w) applies
// under hb: every clause asks W hb R, (ii) W hb W' and (iii) W' hb R.
func (p scPattern) holds(hb *model.Rel, w, r model.EventID) bool {
	if !hb.Has(w, r) {
		return false
	}
	switch p.clause {
	case "ii":
		return hb.Has(w, p.w2)
	case "iii":
		return hb.Has(p.w2, r)
	}
	return true
}

// cellFrom returns a cell that r reads from w in region reg.
func cellFrom(x *model.Execution, r model.EventID, reg model.Region, w model.EventID) uint64 {
	if reg == model.Len {
		return 0
	}
	a := x.Events[r].Data
	for i, v := range x.DataRF[r] {
		if v == w {
			return a.Off + uint64(i)
		}
	}
	return a.Off
}

func scWord(a *model.Access) string {
	if a.Ord == model.SeqCst {
		return " (SC)"
	}
	return " (not SC: the ES2017 rule)"
}

func checkNoTear(m *Model, c *checkCtx) *model.Violation {
	for _, e := range c.x.Events {
		if v := m.noTear(c.x, e.ID); v != nil {
			return v
		}
	}
	return nil
}

// NoTearWriter reports whether no-tear (C4, MODEL.md §8.4) counts w
// among the writers of event r's data read: r is tear-free and w is a
// tear-free write of r's range (or, under init-notear, a zero fill). A
// read that breaks no-tear takes bytes from two counted writers, so a
// search may give each read at most one and skip the other choices.
func (m *Model) NoTearWriter(x *model.Execution, r, w model.EventID) bool {
	ra := x.Events[r].Data
	if m.skip[model.AxNoTear] || !ra.Reading() || !m.tearfree(ra) {
		return false
	}
	we := x.Events[w]
	return (ra.Same(we.Data) && m.tearfree(we.Data)) || (m.initNoTear && isZeroFill(we))
}

// noTear checks C4 for the data read of event r (MODEL.md §8.4).
func (m *Model) noTear(x *model.Execution, r model.EventID) *model.Violation {
	ra := x.Events[r].Data
	if m.skip[model.AxNoTear] || !ra.Reading() || !m.tearfree(ra) {
		return nil
	}
	// The writers C4 counts are listed only when there are two.
	var counted []model.EventID
	first := model.NoEvent
	for _, w := range x.Writers(r, model.Data) {
		we := x.Events[w]
		if (ra.Same(we.Data) && m.tearfree(we.Data)) || (m.initNoTear && isZeroFill(we)) {
			if first == model.NoEvent {
				first = w
				continue
			}
			if counted == nil {
				counted = []model.EventID{first}
			}
			counted = append(counted, w)
		}
	}
	if len(counted) > 1 {
		return noTearViolation(x, r, counted)
	}
	return nil
}

func checkSCLatest(_ *Model, c *checkCtx) *model.Violation {
	x := c.x
	return forReads(x, func(r model.EventID, reg model.Region, cell uint64, w model.EventID) *model.Violation {
		latest := model.NoEvent
		for _, e := range x.Tot {
			if e == r {
				break
			}
			if a := x.Events[e].Access(reg); a.Writing() && a.Covers(cell) {
				latest = e
			}
		}
		if latest != w {
			return scNotLatest(x, r, reg, cell, w, latest)
		}
		return nil
	})
}

func checkQueues(m *Model, c *checkCtx) *model.Violation {
	if m.waitersUnordered {
		return someQueueOrder(c.x)
	}
	for _, seq := range SuspLocations(c.x, c.x.Tot) {
		q := newQueue(c.x)
		for _, e := range seq {
			if v := q.step(e); v != nil {
				return v
			}
		}
		if v := q.finish(); v != nil {
			return v
		}
	}
	return nil
}

// CheckRead checks the axioms that concern one reading event alone, given
// its reads-from and a happens-before that may still grow: hb-consistency
// (C2) of every cell it reads and no-tear (C4). The enumerator uses it to
// prune reads-from choices early; since hb only grows, a violation found
// here is final.
func (m *Model) CheckRead(x *model.Execution, hb *model.Rel, r model.EventID) *model.Violation {
	if v := forCells(x, r, func(reg model.Region, cell uint64, w model.EventID) *model.Violation {
		return m.hbConsistent(x, hb, r, reg, cell, w)
	}); v != nil {
		return v
	}
	if m.sc {
		if v := scSingleRead(x, r); v != nil {
			return v
		}
	}
	return m.noTear(x, r)
}

// scSingleRead checks, for the sc model, that one read does not take cell
// c1 from A and cell c2 from B when A also writes c2 and B also writes c1:
// in one interleaving, whichever of A and B comes later is the latest
// write of both cells.
func scSingleRead(x *model.Execution, r model.EventID) *model.Violation {
	a := x.Events[r].Data
	if !a.Reading() {
		return nil
	}
	rf := x.DataRF[r]
	for i := range rf {
		for j := i + 1; j < len(rf); j++ {
			wa, wb := rf[i], rf[j]
			if wa == wb {
				continue
			}
			ci, cj := a.Off+uint64(i), a.Off+uint64(j)
			if x.Events[wa].Data.Covers(cj) && x.Events[wb].Data.Covers(ci) {
				return model.NewViolation(model.AxSC, "", model.Data, []model.EventID{r, wa, wb}, func() string {
					return fmt.Sprintf("%s reads cell %d from %s and cell %d from %s, but each writes both", x.Label(r), ci, x.Label(wa), cj, x.Label(wb))
				}).Because(model.RF(wa, r), model.RF(wb, r))
			}
		}
	}
	return nil
}

// noTearViolation is the violation of C4 where tear-free r reads from
// the writers ws, which C4 counts.
func noTearViolation(x *model.Execution, r model.EventID, ws []model.EventID) *model.Violation {
	v := model.NewViolation(model.AxNoTear, "", model.Data, append([]model.EventID{r}, ws...), func() string {
		return fmt.Sprintf("tear-free %s reads from %s and %s, both tear-free writes of its range", x.Label(r), x.Label(ws[0]), x.Label(ws[1]))
	})
	for _, w := range ws {
		v.Because(model.RF(w, r))
	}
	return v
}

// scNotLatest is the violation of the sc model where r reads cell from w
// while latest (or no write, NoEvent) is the tot-latest write before it.
func scNotLatest(x *model.Execution, r model.EventID, reg model.Region, cell uint64, w, latest model.EventID) *model.Violation {
	return model.NewViolation(model.AxSC, "", reg, []model.EventID{r, w}, func() string {
		msg := fmt.Sprintf("%s reads %s cell %d from %s, but the latest write before it is ", x.Label(r), reg, cell, x.Label(w))
		if latest == model.NoEvent {
			return msg + "none"
		}
		return msg + x.Label(latest)
	}).Because(model.RF(w, r))
}
