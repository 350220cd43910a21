package enumerate

import "wmm/litmus"

// Executions returns how many consistent executions c stands for: 0 when
// it breaks an axiom, otherwise 1, or, when the enumeration counted the
// valid writers of passive reads instead of enumerating them (see
// Model.FreeRead), their product. The sum over the consistent candidates
// of a run is its Stats.Consistent plus Stats.Cut.
func (c *Candidate) Executions() Count {
	if c.Violation != nil {
		return Count{}
	}
	if c.weight.IsZero() {
		return CountOf(1)
	}
	return c.weight
}

// A Tally counts the consistent executions of a run per outcome. Pass its
// Add as Options.OnCandidate; once the run is over, Counts gives the
// numbers over the run's observed names.
type Tally struct {
	raws   map[string]*rawOutcome
	counts map[string]Count
}

// Add counts the executions a complete candidate stands for.
func (t *Tally) Add(c *Candidate) {
	if c.Cut || c.Violation != nil {
		return
	}
	if t.raws == nil {
		t.raws, t.counts = map[string]*rawOutcome{}, map[string]Count{}
	}
	k := c.raw.key()
	t.raws[k] = c.raw
	t.counts[k] = t.counts[k].Add(c.Executions())
}

// Counts returns the consistent executions per outcome over names, keyed
// by the outcome's String().
func (t *Tally) Counts(names []litmus.Loc) map[string]Count {
	out := map[string]Count{}
	for k, r := range t.raws {
		o := r.over(names).String()
		out[o] = out[o].Add(t.counts[k])
	}
	return out
}
