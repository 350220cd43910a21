package axioms

import (
	"fmt"

	"wmm/model"
)

// A Race is a pair of events in a data race (the paper's Fig. 17): in
// some region both access an overlapping range, at least one writes, they
// cannot synchronise (not both SC of the same range), and happens-before
// orders them in neither direction.
type Race struct {
	A, B   model.EventID
	Region model.Region
}

// DataRace returns the first data race of x under m's happens-before
// (with its suspension edges when x.Tot is set), or false when x is
// data-race-free. This is the model's own definition of a race that
// SC-DRF (the paper's Proposition 6.1) is stated with; under sc every
// program is race-free by fiat and DataRace reports none.
func (m *Model) DataRace(x *model.Execution) (Race, bool) {
	if m.sc {
		return Race{}, false
	}
	hb := m.HB(x)
	for _, a := range x.Events {
		for _, b := range x.Events[a.ID+1:] {
			for _, reg := range []model.Region{model.Len, model.Data} {
				if racy(a.Access(reg), b.Access(reg)) && !hb.Has(a.ID, b.ID) && !hb.Has(b.ID, a.ID) {
					return Race{A: a.ID, B: b.ID, Region: reg}, true
				}
			}
		}
	}
	return Race{}, false
}

// racy reports whether two actions of one region conflict and cannot
// synchronise: race-with of Fig. 17 without its hb condition.
func racy(a, b *model.Access) bool {
	if a == nil || b == nil || a.Size == 0 || b.Size == 0 {
		return false
	}
	return (a.Writing() || b.Writing()) && a.Overlap(b) && !model.Sync(a, b)
}

// String describes the race by event labels, e.g. "T0.1 and T1.2 race on
// data".
func (r Race) String(x *model.Execution) string {
	return fmt.Sprintf("%s and %s race on %s", x.Label(r.A), x.Label(r.B), r.Region)
}

// IsSeqCst checks is-seqcst of the paper's Fig. 17 on x and its total
// order x.Tot: every cell read comes from the last write of that cell
// before the read in tot. It returns nil or the first read that does not.
func IsSeqCst(x *model.Execution) *model.Violation {
	c := &checkCtx{x: x, pos: totPositions(x)}
	return checkSCLatest(nil, c)
}
