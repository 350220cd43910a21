package enumerate

import "wmm/litmus"

// Executions returns how many consistent executions c stands for: 0 when
// it breaks an axiom, otherwise 1, or, when the enumeration counted the
// valid writers of passive reads instead of enumerating them (see
// Model.FreeRead), their product. The sum over the consistent candidates
// of a run is its Stats.Consistent plus Stats.Cut.
func (c *Candidate) Executions() int {
	if c.Violation != nil {
		return 0
	}
	return max(c.weight, 1)
}

// A Tally counts the consistent executions of a run per outcome. Pass its
// Add as Options.OnCandidate; once the run is over, Counts gives the
// numbers over the run's observed names.
type Tally struct {
	raws   map[string]*rawOutcome
	counts map[string]int
}

// Add counts the executions a complete candidate stands for.
func (t *Tally) Add(c *Candidate) {
	if c.Cut || c.Violation != nil {
		return
	}
	if t.raws == nil {
		t.raws, t.counts = map[string]*rawOutcome{}, map[string]int{}
	}
	k := c.raw.key()
	t.raws[k] = c.raw
	t.counts[k] += c.Executions()
}

// Counts returns the consistent executions per outcome over names, keyed
// by the outcome's String().
func (t *Tally) Counts(names []litmus.Loc) map[string]int {
	out := map[string]int{}
	for k, r := range t.raws {
		out[r.over(names).String()] += t.counts[k]
	}
	return out
}
