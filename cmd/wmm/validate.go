package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/conform"
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
2 when some input could not be read or checked, the engine cannot start,
no test ran (all skipped, or none selected) or a test ran zero iterations.`

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
	cmd := command("validate [--engine E] [--model M] FILE...", "Run litmus tests on a real engine and compare with the model", validateLong, validateExample, flags.engineFlags.needInputs,
		func(cmd *cobra.Command, args []string) error {
			opts, err := flags.options()
			if err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			m, err := axioms.Lookup(flags.model, flags.variants...)
			if err != nil {
				return &usageError{cmd: cmd, err: fmt.Errorf("--model: %v", err)}
			}
			return doValidate(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &flags, opts, m)
		})
	flags.engineFlags.register(cmd)
	cmd.Flags().StringVar(&flags.model, "model", "wasm", "the memory model: wasm, js, js2017 or sc")
	cmd.Flags().StringVar(&flags.repro, "repro", "", "for each test with forbidden outcomes, write a standalone reproducer (test.wat/.wasm and config.json) to a directory under this one, and the runners it needs beside it (runner.cjs for node/deno/bun, wazero-runner/ for wazero)")
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
	noteLowering(stderr, r, tests)
	sum := &conform.Summary{Engine: r.Name(), Model: m.Name()}
	for _, t := range tests {
		mr := &modelResult{test: t, model: m, opts: flags.enumOptions()}
		for _, mode := range memoryModes(t, flags.memModes) {
			if ctx.Err() != nil || mr.err != nil {
				break // interrupted, or no model result: start nothing more
			}
			opts.Memory = mode
			validateMode(ctx, stdout, stderr, t, mr, r, opts, flags, sum, &errs)
		}
	}
	if !flags.json {
		sum.WriteText(stdout)
	}
	if len(errs) == 0 {
		if err := sum.Err(); err != nil {
			return err
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if sum.Failed > 0 {
		return &exitError{code: exitFailed}
	}
	return nil
}

// validateMode validates t with its memory made one way (opts.Memory).
func validateMode(ctx context.Context, stdout, stderr io.Writer, t *litmus.Test, mr *modelResult, r engine.Runner, opts engine.Options, flags *validateFlags, sum *conform.Summary, errs *litmus.ErrorList) {
	c, err := validateOne(ctx, stderr, t, mr, r, opts)
	if failed(stderr, sum, errs, t, err) {
		return
	}
	sum.Add(c.Result, c)
	if flags.json {
		conform.WriteJSON(stdout, conform.NewRecord(c.Result, c))
	} else {
		conform.WriteText(stdout, c.Result, c)
	}
	c.WriteForbidden(stderr, reproduce(t, flags, opts.Memory))
	if flags.repro != "" && len(c.Forbidden) > 0 {
		var os []model.Outcome
		for _, f := range c.Forbidden {
			os = append(os, f.Outcome)
		}
		dir, err := engine.WriteRepro(flags.repro, c.Result, c.Names, os)
		if err != nil {
			errs.Add(t.Pos, fmt.Sprintf("--repro: %v", err))
		} else {
			fmt.Fprintf(stderr, "%s: test %s: reproducer written to %s\n", t.Pos, t.Name, dir)
		}
	}
}

// validateOne computes the model's outcomes of t (mr, once for all the
// memory modes), runs t and compares.
func validateOne(ctx context.Context, stderr io.Writer, t *litmus.Test, mr *modelResult, r engine.Runner, opts engine.Options) (*conform.Comparison, error) {
	if _, err := engine.Compile(t, opts); err != nil && !engine.RunsMixed(t, r) {
		return nil, err // refuse before the model's work
	}
	mres, err := mr.get()
	if err != nil {
		return nil, err
	}
	res, err := runOne(ctx, stderr, t, r, opts)
	if err != nil {
		return nil, err
	}
	return conform.Compare(mres, res), nil
}

// enumerateRun computes a model's outcomes; tests replace it with a
// deliberately wrong model.
var enumerateRun = enumerate.Run

// A modelResult is the model's outcomes of one test, computed when first
// asked for and kept for the test's other memory modes: they do not
// depend on how the engine makes the memory. validate's --timeout bounds
// the engine run; the model's search has the default time budget
// (budget.Defaults) and the other budgets' flags.
type modelResult struct {
	test  *litmus.Test
	model *axioms.Model
	opts  enumerate.Options
	done  bool
	res   *enumerate.Result
	err   error
}

// get returns the result, computing it the first time. A search out of
// budget is the line every command gives (unknownResult).
func (mr *modelResult) get() (*enumerate.Result, error) {
	if mr.done {
		return mr.res, mr.err
	}
	mr.done = true
	mr.res, mr.err = enumerateRun(mr.test, mr.model, mr.opts)
	if mr.err == nil {
		return mr.res, nil
	}
	if err, ok := unknownResult(mr.test, mr.model.Name(), mr.err); ok {
		mr.err = err
		return nil, err
	}
	var e *litmus.Error
	if errors.As(mr.err, &e) { // keep the error's position in front
		mr.err = &litmus.Error{Pos: e.Pos, Err: fmt.Errorf("model %s: %w", mr.model.Name(), cmp.Or(e.Err, errors.New(e.Msg)))}
	} else {
		mr.err = fmt.Errorf("model %s: %w", mr.model.Name(), mr.err)
	}
	return nil, mr.err
}

// reproduce returns the command line that repeats the experiment on t.
func reproduce(t *litmus.Test, flags *validateFlags, mode engine.MemoryMode) string {
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
	if flags.sync != "1" {
		args = append(args, "--sync", flags.sync)
	}
	args = append(args, "--memory", strings.Fields(mode.Describe())[0])
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
