package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/reports"
	"wmm/suite"
)

const diffLong = `Diff compares two memory models on litmus tests: for each test, the
outcomes one model allows and the other forbids, and, for each of them,
why the stricter model forbids it: its candidate executions with those
values (every choice of writers that makes the reads return them),
counted by the axiom and clause each breaks, with the violation of the
simplest one. An outcome no candidate of the stricter model gives comes
from a difference in the events the two models emit (JavaScript's failed
compare-exchange writes, its grown memory is zeroed in advance, its
waits and notifies are critical sections).

Name the two models with --model, twice or comma-separated; a model may
carry variants joined with "+" (wasm+no-dagger). Files and directories
are read as wmm check reads them; --catalog compares over the bundled
catalogue (arguments then select tests or families).

Output: one block per test that differs, then a summary line: how many
of the tests compared differ, and which. With --json,
one JSON object per test, differing or not: {"name", "models", "differs",
"outcomes" (how many each allows), "only_first", "only_second" (each
outcome with "candidates" and "forbidden_by": axiom, clause, count,
example)}.

Exit status: 0 when the models were compared (whether or not they
differ), 2 when some input could not be read or checked.`

const diffExample = `  wmm diff --model wasm --model js --catalog    every difference over the catalogue
  wmm diff --model js,js2017 --catalog jshistory
  wmm diff --model wasm,wasm+no-dagger sb.yaml
  wmm diff --json --model wasm,sc mp.yaml`

// diffFlags are the flags of wmm diff.
type diffFlags struct {
	models   []string
	unroll   int
	json     bool
	catalog  bool
	features []string
	budgetFlags
}

func newDiffCmd() *cobra.Command {
	var f diffFlags
	cmd := command("diff --model A --model B [FILE|DIR|NAME]...", "Compare the outcomes two models allow", diffLong+"\n\n"+modelHelp(), diffExample, nil,
		func(cmd *cobra.Command, args []string) error {
			if len(f.models) != 2 {
				return &usageError{cmd: cmd, err: fmt.Errorf("expected two models (--model A --model B), found %d", len(f.models))}
			}
			if err := needInputs(cmd, f.catalog, args); err != nil {
				return err
			}
			return doDiff(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f)
		})
	fl := cmd.Flags()
	fl.StringSliceVar(&f.models, "model", nil, "the two models to compare: wasm, js, js2017 or sc, with +variants (give it twice)")
	registerUnroll(fl, &f.unroll)
	f.budgetFlags.register(fl, "candidate executions one test's search may look at (0: no limit); past it the result is unknown", 0)
	fl.BoolVar(&f.json, "json", false, "print one JSON object per test")
	registerCatalog(fl, &f.catalog, "compare over the")
	registerFeatures(fl, &f.features)
	return cmd
}

// doDiff loads the tests, runs each under both models, explains every
// outcome only one allows by the other's axioms, and prints the diffs.
func doDiff(stdout, stderr io.Writer, args []string, f diffFlags) error {
	a, err := axioms.Lookup(f.models[0])
	if err != nil {
		return err
	}
	b, err := axioms.Lookup(f.models[1])
	if err != nil {
		return err
	}
	if a.Name() == b.Name() {
		return fmt.Errorf("both models are %s: nothing to compare", a.Name())
	}
	tests, loadErr := loadTests(args, f.catalog, f.features)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	var jobs []suite.Job
	for _, t := range tests {
		jobs = append(jobs, suite.Job{Test: t, Model: a}, suite.Job{Test: t, Model: b})
	}
	opts := enumerate.Options{Unroll: f.unroll, UnrollSet: f.unroll >= 0, Limits: f.limits(true)}
	results := runJobs(jobs, opts, false, stderr)
	var diffs []*reports.Diff
	for i := 0; i < len(results); i += 2 {
		t := jobs[i].Test
		if results[i].Err != nil || results[i+1].Err != nil {
			// Each model's error, once when both are the same (an error
			// in the test, not in one model's search).
			var prev string
			for k := i; k <= i+1; k++ {
				if err := results[k].Err; err != nil {
					err, _ = unknownResult(t, jobs[k].Model.Name(), err)
					if err.Error() != prev {
						errs.Wrap(t.Pos, err)
					}
					prev = err.Error()
				}
			}
			continue
		}
		d := reports.NewDiff(results[i].Res, results[i+1].Res)
		if err := suite.ExplainDiff(d, t, a, b, opts); err != nil {
			err, _ = unknownResult(t, a.Name()+" vs "+b.Name(), err)
			errs.Wrap(t.Pos, err)
			continue
		}
		diffs = append(diffs, d)
		if !d.Differs() && !f.json {
			continue
		}
		if err := writeDiff(stdout, d, f.json); err != nil {
			return err
		}
	}
	if !f.json && len(diffs) > 0 {
		fmt.Fprintln(stdout, reports.DiffSummary(diffs))
	}
	return errs.Err()
}

// writeDiff prints one diff as text or JSON.
func writeDiff(w io.Writer, d *reports.Diff, asJSON bool) error {
	if asJSON {
		return reports.WriteDiffJSON(w, d)
	}
	reports.WriteDiffText(w, d)
	return nil
}
