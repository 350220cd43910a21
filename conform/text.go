package conform

import (
	"fmt"
	"io"

	"wmm/engine"
	"wmm/litmus"
)

// WriteText prints a result in the style of litmus7: the histogram with *
// on the outcomes that satisfy the condition (and, when c is not nil,
// FORBIDDEN on those the model forbids), the condition, the observation,
// the comparison with the model and the rate.
func WriteText(w io.Writer, res *engine.Result, c *Comparison) {
	t := res.Test
	mode := res.Config.Mode + " mode"
	if res.Config.Stacked {
		mode += ", stacked"
	}
	fmt.Fprintf(w, "Test %s on %s: %d iterations (%s, %s)\n", t.Name, res.Version, res.Iterations, mode, memoryWay(res.Config.Memory))
	lines := Lines(res, c)
	fmt.Fprintf(w, "Histogram (%d states)\n", len(lines))
	width := len(fmt.Sprint(res.Iterations))
	for _, l := range lines {
		mark := ":>"
		if t.Condition != nil && t.Condition.Prop.Eval(l.Outcome) {
			mark = "*>"
		}
		suffix := ""
		if c != nil && !l.Allowed {
			suffix = "   FORBIDDEN by " + c.Model
		}
		fmt.Fprintf(w, "%*d %s %s%s\n", width, l.N, mark, l.Outcome, suffix)
	}
	if t.Condition != nil {
		pos, neg := conditionCounts(t, lines)
		seen := "not seen"
		if pos > 0 {
			seen = fmt.Sprintf("seen %d times", pos)
		}
		fmt.Fprintf(w, "Condition %s: %s\n", t.Condition, seen)
		fmt.Fprintf(w, "Observation %s %s %d %d\n", t.Name, litmus.ObservationOf(pos, neg).Herd(), pos, neg)
	}
	if res.Dropped > 0 {
		fmt.Fprintf(w, "Dropped %d unfinished instances\n", res.Dropped)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	if c != nil {
		c.writeText(w)
	}
	if cc, ok := res.Concurrency(); ok {
		fmt.Fprintf(w, "Concurrency %.1f%% of instances had every thread running at once\n", 100*cc)
	}
	fmt.Fprintf(w, "Rate %.0f iterations/s (%.2f s)\n\n", res.Rate(), res.Elapsed.Seconds())
}

// memoryWay describes how the threads got their memory (engine.Config's
// Memory).
func memoryWay(m string) string {
	if m == "define" {
		return "exported memory"
	}
	return "imported memory"
}

// writeText prints the comparison's part of a test's report.
func (c *Comparison) writeText(w io.Writer) {
	for _, o := range c.NotSeen {
		fmt.Fprintf(w, "Not seen (allowed by %s): %s\n", c.Model, o)
	}
	if cov, ok := c.Coverage(); ok {
		fmt.Fprintf(w, "Coverage %d of %d allowed outcomes (%.0f%%)\n", c.Seen(), c.Allowed.Len(), 100*cov)
	} else {
		fmt.Fprintf(w, "Coverage undefined: %s allows no outcome\n", c.Model)
	}
	if len(c.Forbidden) == 0 {
		fmt.Fprintf(w, "Forbidden by %s: none seen\n", c.Model)
		return
	}
	fmt.Fprintf(w, "Forbidden by %s: %d outcome(s), %d runs\n", c.Model, len(c.Forbidden), c.ForbiddenRuns)
}

// WriteForbidden prints one error per forbidden outcome (for stderr),
// each with the command line repro that repeats the experiment.
func (c *Comparison) WriteForbidden(w io.Writer, repro string) {
	t := c.Result.Test
	for _, f := range c.Forbidden {
		fmt.Fprintf(w, "%s: test %s: outcome %s seen %d of %d times on %s is forbidden by %s\n",
			t.Pos, t.Name, f.Outcome, f.N, c.Result.Iterations, c.Result.Engine, c.Model)
		if !c.Cut.IsZero() {
			fmt.Fprintf(w, "\tnote: the model's answer is bounded (%s executions cut at the loop bound); this outcome may need more loop iterations (--unroll)\n", c.Cut)
		}
		fmt.Fprintf(w, "\treproduce: %s\n", repro)
	}
}
