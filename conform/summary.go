package conform

import (
	"errors"
	"fmt"
	"io"

	"wmm/engine"
	"wmm/litmus"
)

// A Summary collects the results of a run (wmm run) or of a validation
// (wmm validate), per family.
type Summary struct {
	Engine, Model string
	Families      []*Family
	Skipped       []string         // "NAME (POS): reason" of each test skipped
	Tests, Failed int              // tests run, and those with forbidden outcomes
	Empty         []*engine.Result // the results of zero iterations
}

// A Family is the summary of the tests of one family.
type Family struct {
	Name          string
	Tests, Failed int
	Seen, Allowed int // allowed outcomes seen, of all allowed outcomes
	Iterations    int
	Seconds       float64
}

func (s *Summary) family(name string) *Family {
	for _, f := range s.Families {
		if f.Name == name {
			return f
		}
	}
	f := &Family{Name: name}
	s.Families = append(s.Families, f)
	return f
}

// Add counts the result of one test, compared with the model when c is
// not nil.
func (s *Summary) Add(res *engine.Result, c *Comparison) {
	t := res.Test
	f := s.family(t.Family())
	f.Tests++
	s.Tests++
	if res.Iterations == 0 {
		s.Empty = append(s.Empty, res)
	}
	f.Iterations += res.Iterations
	f.Seconds += res.Elapsed.Seconds()
	if c == nil {
		return
	}
	if len(c.Forbidden) > 0 {
		f.Failed++
		s.Failed++
	}
	f.Allowed += c.Allowed.Len()
	f.Seen += c.Seen()
}

// Skip records a test the engine could not run.
func (s *Summary) Skip(t *litmus.Test, reason string) {
	s.Skipped = append(s.Skipped, fmt.Sprintf("%s (%s): %s", t.Name, t.Pos, reason))
}

// ErrNoTest is the error Err returns (wrapped) when no test ran.
var ErrNoTest = errors.New("no test ran")

// Err says why the run shows nothing about the engine, or returns nil: a
// test ran zero iterations (a litmus.ErrorList, one error per test, with
// the engine's note that says why), or no test ran at all (ErrNoTest, with
// the reason: each was skipped, or none was given). A result that rests on
// no run is not a success.
func (s *Summary) Err() error {
	var errs litmus.ErrorList
	for _, res := range s.Empty {
		why := "no batch finished"
		if n := len(res.Notes); n > 0 {
			why = res.Notes[n-1]
		}
		errs.Addf(res.Test.Pos, "test %s ran zero iterations: %s", res.Test.Name, why)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	switch {
	case s.Tests > 0:
		return nil
	case len(s.Skipped) > 0:
		return fmt.Errorf("%w: the %d test(s) given were all skipped", ErrNoTest, len(s.Skipped))
	}
	return fmt.Errorf("%w: no test was given or selected", ErrNoTest)
}

// WriteText prints the summary table.
func (s *Summary) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Summary: %s against model %s: %d tests run, %d with forbidden outcomes, %d skipped\n",
		s.Engine, s.Model, s.Tests, s.Failed, len(s.Skipped))
	if len(s.Families) > 0 {
		fmt.Fprintf(w, "%-16s %6s %10s %16s %14s\n", "family", "tests", "forbidden", "coverage", "iterations/s")
	}
	for _, f := range s.Families {
		cov := "-"
		if f.Allowed > 0 {
			cov = fmt.Sprintf("%d/%d (%.0f%%)", f.Seen, f.Allowed, 100*float64(f.Seen)/float64(f.Allowed))
		}
		rate := 0.0
		if f.Seconds > 0 {
			rate = float64(f.Iterations) / f.Seconds
		}
		fmt.Fprintf(w, "%-16s %6d %10d %16s %14.0f\n", f.Name, f.Tests, f.Failed, cov, rate)
	}
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "Skipped %s\n", sk)
	}
}
