package axioms

import (
	"fmt"
	"slices"

	"wmm/model"
)

// CountRead counts the choices of writers for read r, one per cell among
// cells (the candidates per cell, len cell first, each of the value r
// read there), that pass CheckRead against hb, and returns the least of
// them (by writer, cell after cell) or, when there is none, a violation.
//
// It does not try the choices one by one. CheckRead asks two things of
// them: hb-consistency (C2), cell by cell, each cell alone; and no-tear
// (C4), that a tear-free read takes bytes from at most one same-range
// tear-free write. So the valid choices are the products of the cells'
// C2-valid writers in which at most one writer counted by C4 appears:
// Π|U_i| with none of them (U_i the cell's valid writers that C4 does
// not count), plus, for each counted writer w, Π|U_i ∪ {w}| − Π|U_i|
// with w. Under sc, whose per-read check also compares cells (a read
// cannot take two cells from two writers that each write both), the
// choices are tried one by one.
func (m *Model) CountRead(x *model.Execution, hb *model.Rel, r model.EventID, cells [][]model.EventID) (uint64, []model.EventID, *model.Violation) {
	if m.sc {
		return m.countReadBrute(x, hb, r, cells)
	}
	if n, first, v, ok := m.countReadOne(x, hb, r, cells); ok {
		return n, first, v
	}
	type cell struct {
		reg  model.Region
		c    uint64
		all  []model.EventID // C2-valid writers
		free []model.EventID // those C4 does not count
	}
	cs := make([]cell, len(cells))
	// One array holds every cell's all and free lists and the counted
	// writers: a passive read is counted at every leaf of the search.
	n := 0
	for _, ws := range cells {
		n += len(ws)
	}
	buf := make([]model.EventID, 3*n)
	counted := buf[2*n : 2*n : 3*n]
	i := 0
	var invalid *model.Violation // of a cell with no valid writer
	x.ReadCells(r, func(reg model.Region, c uint64, _ *model.EventID) bool {
		cl := &cs[i]
		cl.reg, cl.c = reg, c
		nw := len(cells[i])
		cl.all, cl.free, buf = buf[:0:nw], buf[nw:nw:2*nw], buf[2*nw:]
		var first *model.Violation
		for _, w := range cells[i] {
			if v := m.hbConsistent(x, hb, r, reg, c, w); v != nil {
				if first == nil {
					first = v
				}
				continue
			}
			cl.all = append(cl.all, w)
			// C4 counts writers in the data region only.
			if reg == model.Data && m.NoTearWriter(x, r, w) {
				if !slices.Contains(counted, w) {
					counted = append(counted, w)
				}
				continue
			}
			cl.free = append(cl.free, w)
		}
		i++
		if len(cl.all) > 0 {
			return true
		}
		invalid = first
		if invalid == nil {
			invalid = model.NewViolation(model.AxValue, "", reg, []model.EventID{r}, func() string {
				return fmt.Sprintf("%s reads %s cell %d from no write", x.Label(r), reg, c)
			})
		}
		return false
	})
	if invalid != nil {
		return 0, nil, invalid
	}
	// with(w) is Π|U_i ∪ {w}| (w valid at the cell), or Π|U_i| for
	// w = NoEvent.
	with := func(w model.EventID) uint64 {
		n := uint64(1)
		for _, cl := range cs {
			k := uint64(len(cl.free))
			if w != model.NoEvent && slices.Contains(cl.all, w) && !slices.Contains(cl.free, w) {
				k++
			}
			n *= k
		}
		return n
	}
	base := with(model.NoEvent)
	total := base
	for _, w := range counted {
		total += with(w) - base
	}
	if total == 0 {
		// Some two cells can only be read from two different counted
		// writers.
		var ws []model.EventID
		for _, cl := range cs {
			if len(cl.free) == 0 && !slices.Contains(ws, cl.all[0]) {
				ws = append(ws, cl.all[0])
			}
		}
		return 0, nil, noTearViolation(x, r, ws)
	}
	// The least valid choice: cell after cell the least writer that
	// leaves the other cells a valid choice.
	feasible := func(from int, chosen model.EventID) bool {
		ok := func(w model.EventID) bool {
			for _, cl := range cs[from:] {
				if len(cl.free) == 0 && (w == model.NoEvent || !slices.Contains(cl.all, w)) {
					return false
				}
			}
			return true
		}
		if chosen != model.NoEvent || ok(model.NoEvent) {
			return ok(chosen)
		}
		return slices.ContainsFunc(counted, ok)
	}
	first := make([]model.EventID, len(cs))
	chosen := model.NoEvent
	for i, cl := range cs {
		for _, w := range cl.all {
			next := chosen
			if !slices.Contains(cl.free, w) {
				if chosen != model.NoEvent && chosen != w {
					continue
				}
				next = w
			}
			if feasible(i+1, next) {
				first[i], chosen = w, next
				break
			}
		}
	}
	return total, first, nil
}

// countReadOne is CountRead for the common case of one candidate per
// cell (the values read tell the writers apart): the one choice passes
// C2 cell by cell and C4, or the first cell that breaks C2 gives the
// violation, as the general count does. It reports false, leaving the
// count to the general case, when a cell has several candidates or the
// choice breaks C4.
func (m *Model) countReadOne(x *model.Execution, hb *model.Rel, r model.EventID, cells [][]model.EventID) (uint64, []model.EventID, *model.Violation, bool) {
	for _, ws := range cells {
		if len(ws) != 1 {
			return 0, nil, nil, false
		}
	}
	counted := model.NoEvent
	var v *model.Violation
	i := 0
	tears := false
	x.ReadCells(r, func(reg model.Region, c uint64, _ *model.EventID) bool {
		w := cells[i][0]
		i++
		if v = m.hbConsistent(x, hb, r, reg, c, w); v != nil {
			return false
		}
		if reg == model.Data && m.NoTearWriter(x, r, w) {
			if counted != model.NoEvent && counted != w {
				tears = true
				return false
			}
			counted = w
		}
		return true
	})
	if v != nil || tears {
		return 0, nil, v, v != nil
	}
	first := make([]model.EventID, len(cells))
	for i, ws := range cells {
		first[i] = ws[0]
	}
	return 1, first, nil, true
}

// countReadBrute is CountRead trying every choice.
func (m *Model) countReadBrute(x *model.Execution, hb *model.Rel, r model.EventID, cells [][]model.EventID) (uint64, []model.EventID, *model.Violation) {
	choice := make([]model.EventID, len(cells))
	var first []model.EventID
	var last *model.Violation
	var n uint64
	var pick func(i int)
	pick = func(i int) {
		if i < len(cells) {
			for _, w := range cells[i] {
				choice[i] = w
				pick(i + 1)
			}
			return
		}
		x.SetWriters(r, choice)
		if v := m.CheckRead(x, hb, r); v != nil {
			last = v
			return
		}
		if n == 0 {
			first = slices.Clone(choice)
		}
		n++
	}
	pick(0)
	return n, first, last
}
