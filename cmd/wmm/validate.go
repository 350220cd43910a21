package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/engine"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

var validateLong = `Validate checks a real engine against the memory model: for each test it
computes the outcomes the model allows (as check does), runs the test on the
engine (as run does) and compares.

Every outcome the engine produced that the model forbids is an error: it is
reported with the test, the outcome, how often it was seen and the command
that repeats the experiment, and the exit status is 1. Allowed outcomes the
engine never produced are listed as "not seen"; that is information, not a
failure (weak behaviours are rare, and some never appear on a given
machine). The coverage is the fraction of allowed outcomes the engine
produced. On a catalogue, a summary gives per family (per file) the tests
run, those with forbidden outcomes, the coverage and the iteration rate.

When the model's answer is bounded (loops cut at --unroll iterations), an
outcome that needs more iterations is missing from the allowed set, and the
engine may produce it: such a report says so.

Engines (--engine):
` + engineList + `
With --json, validate prints one JSON object per test as LITMUS.md
specifies. Exit status: 0 when no forbidden outcome was seen, 1 otherwise,
2 when some input could not be read or checked or the engine cannot start.`

const validateExample = `  wmm validate --catalog                    the whole catalogue on wazero
  wmm validate --engine node -n 1e6 --catalog sb
  wmm validate --engine wazero-interp --variant init-notear tests.yaml`

// validateFlags are the flags of wmm validate.
type validateFlags struct {
	engineFlags
	model string
	repro string
	modelFlags
}

func newValidateCmd() *cobra.Command {
	var flags validateFlags
	cmd := &cobra.Command{
		Use:     "validate [--engine E] [--model M] FILE...",
		Short:   "Run litmus tests on a real engine and compare with the model",
		Long:    validateLong,
		Example: validateExample,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needInputs(cmd, flags.catalog, args); err != nil {
				return err
			}
			opts, err := flags.options()
			if err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			m, err := axioms.Lookup(flags.model, flags.variants...)
			if err != nil {
				return &usageError{cmd: cmd, err: fmt.Errorf("--model: %v", err)}
			}
			return doValidate(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &flags, opts, m)
		},
	}
	flags.engineFlags.register(cmd)
	cmd.Flags().StringVar(&flags.model, "model", "wasm", "the memory model: wasm, js, js2017 or sc")
	cmd.Flags().StringVar(&flags.repro, "repro", "", "for each test with forbidden outcomes, write a standalone reproducer (test.wat/.wasm, repro.cjs for node/deno/bun, main.go for wazero) to a directory under this one")
	flags.modelFlags.register(cmd.Flags())
	return cmd
}

// doValidate validates every test and prints the results and a summary.
func doValidate(ctx context.Context, stdout, stderr io.Writer, paths []string, flags *validateFlags, opts engine.Options, m *axioms.Model) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	tests, r, errs, err := loadForEngine(paths, &flags.engineFlags)
	if err != nil {
		return err
	}
	sum := &summary{engine: r.Name(), model: m.Name()}
	for _, t := range tests {
		v, err := validateOne(ctx, stderr, t, m, r, opts, flags)
		var unsupported *engine.UnsupportedError
		switch {
		case errors.As(err, &unsupported):
			fmt.Fprintf(stderr, "%s: skipped: %s\n", t.Pos, unsupported.Reason)
			sum.skip(t, unsupported.Reason)
			continue
		case err != nil:
			errs.Add(t.Pos, err.Error())
			continue
		}
		sum.add(v)
		if flags.json {
			writeEngineJSON(stdout, engineJSONOf(v.res, v))
		} else {
			writeRunText(stdout, v.res, v)
		}
		v.reportForbidden(stderr)
		if flags.repro != "" && len(v.forbidden) > 0 {
			var os []model.Outcome
			for _, f := range v.forbidden {
				os = append(os, f.outcome)
			}
			dir, err := engine.WriteRepro(flags.repro, v.res, v.names, os)
			if err != nil {
				errs.Add(t.Pos, fmt.Sprintf("--repro: %v", err))
			} else {
				fmt.Fprintf(stderr, "%s: test %s: reproducer written to %s\n", t.Pos, t.Name, dir)
			}
		}
	}
	if !flags.json {
		sum.write(stdout)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if sum.failed > 0 {
		return &exitError{code: exitFailed}
	}
	return nil
}

// validateOne computes the model's outcomes of t, runs t and compares.
func validateOne(ctx context.Context, stderr io.Writer, t *litmus.Test, m *axioms.Model, r engine.Runner, opts engine.Options, flags *validateFlags) (*validation, error) {
	if _, err := engine.Compile(t, opts); err != nil {
		return nil, err // refuse before the model's work
	}
	mres, err := enumerateRun(t, m, flags.enumOptions())
	if err != nil {
		return nil, fmt.Errorf("model %s: %v", m.Name(), err)
	}
	res, err := runOne(ctx, stderr, t, r, opts)
	if err != nil {
		return nil, err
	}
	v := compare(mres, res)
	v.repro = reproduce(t, flags)
	return v, nil
}

// enumerateRun computes a model's outcomes; tests replace it with a
// deliberately wrong model.
var enumerateRun = enumerate.Run

// A validation compares what an engine observed with what a model allows.
type validation struct {
	res           *engine.Result
	model         string
	names         []litmus.Loc // the union of the model's and the engine's names
	allowed       model.OutcomeSet
	forbidden     []judged // observed outcomes the model forbids
	forbiddenRuns int
	notSeen       []model.Outcome
	cut           int // model executions left out by the loop bound
	repro         string
}

// compare joins a model's result and an engine's histogram over the same
// names: T:trap and T:stuck for a thread that traps or is stuck on either
// side, with 0 where a side has no such name.
func compare(mres *enumerate.Result, res *engine.Result) *validation {
	t := res.Test
	mTrap, mStuck := map[string]bool{}, map[string]bool{}
	for _, n := range mres.Names {
		switch n.Kind {
		case litmus.LocTrap:
			mTrap[n.Thread] = true
		case litmus.LocStuck:
			mStuck[n.Thread] = true
		}
	}
	v := &validation{res: res, model: mres.Model, cut: mres.Stats.Cut}
	v.names = t.Names(func(th string) bool { return mTrap[th] || res.Trapped(th) }, func(th string) bool { return mStuck[th] || res.Stuck(th) })
	strs := make([]string, len(v.names))
	for i, n := range v.names {
		strs[i] = n.String()
	}
	for _, o := range mres.Outcomes {
		v.allowed.Add(o.Over(strs))
	}
	var seen model.OutcomeSet
	for _, c := range res.Over(v.names) {
		seen.Add(c.Outcome)
		if !v.allowed.Contains(c.Outcome) {
			v.forbidden = append(v.forbidden, judged{c.Outcome, c.N, false})
			v.forbiddenRuns += c.N
		}
	}
	v.notSeen = v.allowed.Minus(&seen)
	return v
}

// coverage returns the fraction of allowed outcomes the engine produced.
func (v *validation) coverage() float64 {
	if v.allowed.Len() == 0 {
		return 1
	}
	return float64(v.allowed.Len()-len(v.notSeen)) / float64(v.allowed.Len())
}

// writeText prints the comparison's part of a test's report.
func (v *validation) writeText(w io.Writer) {
	for _, o := range v.notSeen {
		fmt.Fprintf(w, "Not seen (allowed by %s): %s\n", v.model, o)
	}
	fmt.Fprintf(w, "Coverage %d of %d allowed outcomes (%.0f%%)\n", v.allowed.Len()-len(v.notSeen), v.allowed.Len(), 100*v.coverage())
	if len(v.forbidden) == 0 {
		fmt.Fprintf(w, "Forbidden by %s: none seen\n", v.model)
		return
	}
	fmt.Fprintf(w, "Forbidden by %s: %d outcome(s), %d runs\n", v.model, len(v.forbidden), v.forbiddenRuns)
}

// reportForbidden prints one error per forbidden outcome on stderr.
func (v *validation) reportForbidden(w io.Writer) {
	t := v.res.Test
	for _, f := range v.forbidden {
		fmt.Fprintf(w, "%s: test %s: outcome %s seen %d of %d times on %s is forbidden by %s\n",
			t.Pos, t.Name, f.outcome, f.n, v.res.Iterations, v.res.Engine, v.model)
		if v.cut > 0 {
			fmt.Fprintf(w, "\tnote: the model's answer is bounded (%d executions cut at the loop bound); this outcome may need more loop iterations (--unroll)\n", v.cut)
		}
		fmt.Fprintf(w, "\treproduce: %s\n", v.repro)
	}
}

// reproduce returns the command line that repeats the experiment on t.
func reproduce(t *litmus.Test, flags *validateFlags) string {
	args := []string{"wmm", "validate", "--engine", flags.engine, "--model", flags.model}
	if len(flags.variants) > 0 {
		args = append(args, "--variant", strings.Join(flags.variants, ","))
	}
	if flags.unroll >= 0 {
		args = append(args, "--unroll", fmt.Sprint(flags.unroll))
	}
	args = append(args, "--iterations", flags.iterations)
	if flags.delay != "auto" {
		args = append(args, "--delay", flags.delay)
	}
	if flags.stride != engine.DefaultStride {
		args = append(args, "--stride", fmt.Sprint(flags.stride))
	}
	if flags.memory != "import" {
		args = append(args, "--memory", flags.memory)
	}
	if flags.seed != 0 {
		args = append(args, "--seed", fmt.Sprint(flags.seed))
	}
	if flags.timeout != 0 {
		args = append(args, "--timeout", flags.timeout.String())
	}
	if flags.catalog {
		return strings.Join(append(args, "--catalog", t.Name), " ")
	}
	args = append(args, "--test", "'^"+regexpQuote(t.Name)+"$'", t.Pos.File)
	return strings.Join(args, " ")
}

// regexpQuote escapes the characters of a test name that are special in
// a regular expression (names have letters, digits and _ . + -).
func regexpQuote(s string) string {
	r := strings.NewReplacer(".", `\.`, "+", `\+`)
	return r.Replace(s)
}

// A summary collects the validations of a run per family (file).
type summary struct {
	engine, model string
	families      []*family
	skipped       []string
	tests, failed int
}

type family struct {
	name          string
	tests, failed int
	seen, allowed int
	iterations    int
	seconds       float64
}

func familyName(t *litmus.Test) string {
	base := filepath.Base(t.Pos.File)
	return strings.TrimSuffix(strings.TrimSuffix(base, filepath.Ext(base)), ".litmus")
}

func (s *summary) family(name string) *family {
	for _, f := range s.families {
		if f.name == name {
			return f
		}
	}
	f := &family{name: name}
	s.families = append(s.families, f)
	return f
}

func (s *summary) add(v *validation) {
	f := s.family(familyName(v.res.Test))
	f.tests++
	s.tests++
	if len(v.forbidden) > 0 {
		f.failed++
		s.failed++
	}
	f.allowed += v.allowed.Len()
	f.seen += v.allowed.Len() - len(v.notSeen)
	f.iterations += v.res.Iterations
	f.seconds += v.res.Elapsed.Seconds()
}

func (s *summary) skip(t *litmus.Test, reason string) {
	s.skipped = append(s.skipped, fmt.Sprintf("%s (%s): %s", t.Name, t.Pos, reason))
}

// write prints the summary table.
func (s *summary) write(w io.Writer) {
	fmt.Fprintf(w, "Summary: %s against model %s: %d tests run, %d with forbidden outcomes, %d skipped\n",
		s.engine, s.model, s.tests, s.failed, len(s.skipped))
	if len(s.families) > 0 {
		fmt.Fprintf(w, "%-16s %6s %10s %16s %14s\n", "family", "tests", "forbidden", "coverage", "iterations/s")
	}
	for _, f := range s.families {
		cov := fmt.Sprintf("%d/%d (%.0f%%)", f.seen, f.allowed, 100*float64(f.seen)/float64(max(f.allowed, 1)))
		rate := 0.0
		if f.seconds > 0 {
			rate = float64(f.iterations) / f.seconds
		}
		fmt.Fprintf(w, "%-16s %6d %10d %16s %14.0f\n", f.name, f.tests, f.failed, cov, rate)
	}
	for _, sk := range s.skipped {
		fmt.Fprintf(w, "Skipped %s\n", sk)
	}
}
