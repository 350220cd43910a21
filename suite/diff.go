package suite

import (
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
)

// ExplainDiff asks each of the two models d compares (a allows d.OnlyA,
// b d.OnlyB) why it forbids the outcomes only the other allows, and
// records the answers in d.
func ExplainDiff(d *reports.Diff, t *litmus.Test, a, b enumerate.Model, opts enumerate.Options) error {
	for _, side := range []struct {
		only   []*reports.DiffOutcome
		strict enumerate.Model
	}{{d.OnlyA, b}, {d.OnlyB, a}} {
		if len(side.only) == 0 {
			continue
		}
		want := &model.OutcomeSet{}
		for _, do := range side.only {
			want.Add(do.Outcome)
		}
		ex, err := enumerate.Explain(t, side.strict, opts, func(o model.Outcome) bool { return want.Contains(d.Over(o)) }, 1)
		if err != nil {
			return err
		}
		d.Explain(side.only, ex)
	}
	return nil
}
