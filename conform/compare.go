// Package conform compares what a real engine observed with what a memory
// model allows: the outcomes over one set of names, the allowed outcomes
// seen and not seen, the forbidden outcomes seen, the coverage; and it
// writes the results of wmm run and wmm validate, as litmus7-style text and
// as the JSON objects of LITMUS.md, which it also reads back (wmm report
// --results). It decides what conforms; the command only prints and exits.
package conform

import (
	"wmm/engine"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// A Comparison is an engine's histogram of one test judged by a model's
// allowed outcomes.
type Comparison struct {
	Result *engine.Result
	Model  string
	// Names is the union of the model's and the engine's names: the
	// test's, with T:trap and T:stuck for every thread that traps or is
	// stuck on either side.
	Names         []litmus.Loc
	Allowed       model.OutcomeSet
	Forbidden     []Line // observed outcomes the model forbids
	ForbiddenRuns int    // the runs that produced them
	NotSeen       []model.Outcome
	Cut           enumerate.Count // model executions left out by the loop bound
}

// A Line is one line of a histogram: an outcome, how often it was seen,
// and whether the model allows it (always true without a model).
type Line struct {
	Outcome model.Outcome
	N       int
	Allowed bool
}

// Compare joins a model's result and an engine's histogram over the same
// names, with 0 for T:trap or T:stuck where a side has no such name.
func Compare(mres *enumerate.Result, res *engine.Result) *Comparison {
	mTrap, mStuck := map[string]bool{}, map[string]bool{}
	for _, n := range mres.Names {
		switch n.Kind {
		case litmus.LocTrap:
			mTrap[n.Thread] = true
		case litmus.LocStuck:
			mStuck[n.Thread] = true
		}
	}
	c := &Comparison{Result: res, Model: mres.Model, Cut: mres.Stats.Cut}
	c.Names = res.Test.Names(func(th string) bool { return mTrap[th] || res.Trapped(th) }, func(th string) bool { return mStuck[th] || res.Stuck(th) })
	strs := make([]string, len(c.Names))
	for i, n := range c.Names {
		strs[i] = n.String()
	}
	for _, o := range mres.Outcomes {
		c.Allowed.Add(o.Over(strs))
	}
	var seen model.OutcomeSet
	for _, n := range res.Over(c.Names) {
		seen.Add(n.Outcome)
		if !c.Allowed.Contains(n.Outcome) {
			c.Forbidden = append(c.Forbidden, Line{n.Outcome, n.N, false})
			c.ForbiddenRuns += n.N
		}
	}
	c.NotSeen = c.Allowed.Minus(&seen)
	return c
}

// Seen returns the number of allowed outcomes the engine produced.
func (c *Comparison) Seen() int { return c.Allowed.Len() - len(c.NotSeen) }

// Coverage returns the fraction of allowed outcomes the engine produced,
// and false when the model allows no outcome (there is nothing to cover:
// the coverage is undefined, not 100%).
func (c *Comparison) Coverage() (float64, bool) {
	if c.Allowed.Len() == 0 {
		return 0, false
	}
	return float64(c.Seen()) / float64(c.Allowed.Len()), true
}

// Lines returns the histogram of res, over the comparison's names and
// judged by its allowed set when c is not nil.
func Lines(res *engine.Result, c *Comparison) []Line {
	counts := res.Histogram
	if c != nil {
		counts = res.Over(c.Names)
	}
	out := make([]Line, 0, len(counts))
	for _, n := range counts {
		out = append(out, Line{n.Outcome, n.N, c == nil || c.Allowed.Contains(n.Outcome)})
	}
	return out
}

// conditionCounts counts the runs whose outcome satisfies the test's
// condition proposition and those that do not.
func conditionCounts(t *litmus.Test, lines []Line) (pos, neg int) {
	for _, l := range lines {
		if t.Condition.Prop.Eval(l.Outcome) {
			pos += l.N
		} else {
			neg += l.N
		}
	}
	return pos, neg
}
