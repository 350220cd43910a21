package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/budget"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
	"wmm/suite"
)

const checkLong = `Check computes, for each litmus test, every outcome the memory model
allows, and whether the test's condition is never, sometimes or always
observable (herd7's observation). When the test states an expectation for
the model (expect:), check says whether it holds.

Each file holds one test or several (YAML documents separated by ---). A
directory stands for the .yaml and .yml files in it. With --catalog, check
runs the bundled catalogue instead (wmm catalog lists it); names given then
select tests or families of it.

The model is the WebAssembly relaxed memory model by the letter of the spec
(--model wasm); --model js, js2017 and sc select the JavaScript models and
sequential consistency, and --variant applies the interpretations of
MODEL.md §12 (wmm check --help lists them). --every-model checks each test
under every model (with variants) its expect: names, which is how the
catalogue is checked.

Loops run at most --unroll iterations beyond the first (default: the
test's unroll:, else 2); executions that need more are counted as cut.

Output: a text block per test (outcomes marked * satisfy the condition),
or with --json one JSON object per test and model, one per line, as
LITMUS.md specifies; --format herd prints herd7's log format.

Exit status: 0 when every expectation holds, 1 when one fails, 2 when some
input could not be read or checked.`

const checkExample = `  wmm check mp.yaml                        outcomes and verdict under wasm
  wmm check --model js --model sc mp.yaml  the same under two other models
  wmm check --variant init-notear tear.yaml
  wmm check --skip no-tear tear.yaml       what the other axioms allow
  wmm check --json catalog/                one JSON line per test
  wmm check --catalog                      the whole bundled catalogue
  wmm check --catalog --every-model sb mp  families sb and mp, every expectation
  wmm check --json --shard 2/4 family/     the second quarter of the family's tests`

// checkFlags holds the flags of wmm check.
type checkFlags struct {
	models []string
	inputFlags
	json       bool
	format     string
	everyModel bool
	hex        bool
	shard      shardFlag
	// cpuProfile and memProfile name files for Go's CPU and heap
	// profiles of the run (go tool pprof reads them).
	cpuProfile, memProfile string
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := command("check [FILE|DIR|NAME]...", "Check litmus tests against the memory model", checkLong+"\n\n"+modelHelp(), checkExample, f.needInputs,
		func(cmd *cobra.Command, args []string) error {
			stop, err := startProfiles(f.cpuProfile, f.memProfile)
			if err != nil {
				return err
			}
			err = doCheck(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f)
			if perr := stop(); err == nil {
				err = perr
			}
			return err
		})
	fl := cmd.Flags()
	fl.StringSliceVar(&f.models, "model", nil, "memory model: wasm, js, js2017 or sc (repeatable; default wasm)")
	fl.BoolVar(&f.json, "json", false, "print one JSON object per test and model (same as --format json)")
	fl.StringVar(&f.format, "format", "text", "output format: text, json or herd")
	f.register(fl, "check")
	fl.BoolVar(&f.hex, "hex", false, "print the outcomes' values in hex (0x01020304) in the text form")
	fl.BoolVar(&f.everyModel, "every-model", false, "check each test under every model its expect: names")
	f.shard.register(fl)
	fl.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof reads it)")
	fl.StringVar(&f.memProfile, "memprofile", "", "write a heap profile at the end of the run to `FILE`")
	return cmd
}

// modelHelp lists the models and variants for the help text.
func modelHelp() string {
	var sb strings.Builder
	sb.WriteString("Models:\n")
	for _, m := range axioms.Models {
		fmt.Fprintf(&sb, "  %-26s %s\n", m.Name, m.Doc)
	}
	sb.WriteString("Variants (of wasm):\n")
	for _, v := range axioms.Variants {
		fmt.Fprintf(&sb, "  %-26s %s\n", v.Name, v.Doc)
	}
	sb.WriteString("Axioms --skip can drop (what the other axioms allow without it):\n")
	for _, name := range axioms.Skippable {
		a, _ := model.AxiomOf(name, "")
		fmt.Fprintf(&sb, "  %-26s %s\n", name, a.Spec)
	}
	return strings.TrimRight(sb.String(), "\n")
}

// doCheck loads the tests, checks each under the models asked for, prints
// the results in input order, and returns the loading errors (exit 2), or
// an exitError when an expectation failed (exit 1).
func doCheck(stdout, stderr io.Writer, args []string, f checkFlags) error {
	format := f.format
	if f.json {
		format = "json"
	}
	if format != "text" && format != "json" && format != "herd" {
		return fmt.Errorf("unknown format %q (want text, json or herd)", format)
	}
	tests, loadErr := loadTests(args, f.catalog, f.features)
	tests = f.shard.selectTests(tests)
	jobs, err := suite.Plan(tests, f.models, f.variants, f.everyModel)
	if err != nil {
		return err
	}
	// A test with parts the .wast importer left out is not the script's:
	// it is not searched, and its result is unknown.
	var searched []suite.Job
	for _, j := range jobs {
		if len(j.Test.Unsupported) == 0 {
			searched = append(searched, j)
		}
	}
	ran := runJobs(searched, f.enumOptions(), format == "herd", stderr)
	results := make([]suite.Result, len(jobs))
	for i, k := 0, 0; i < len(jobs); i++ {
		if len(jobs[i].Test.Unsupported) == 0 {
			results[i] = ran[k]
			k++
		}
	}
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	failed, unknown := 0, 0
	var checks []*reports.Check
	for i, r := range results {
		var c *reports.Check
		switch {
		case len(jobs[i].Test.Unsupported) > 0:
			u := jobs[i].Test.Unsupported
			c = reports.NewUnknown(jobs[i].Test, jobs[i].Model.Name(), fmt.Errorf("the importer left out part of the script (%s), so the test is not the script's and gets no verdict", strings.Join(u, "; ")))
			unknown++
		case errors.Is(r.Err, budget.ErrExceeded):
			// The search ran out of a budget: no verdict, and the other
			// tests go on.
			c = reports.NewUnknown(jobs[i].Test, jobs[i].Model.Name(), r.Err)
			unknown++
			line, _ := unknownResult(jobs[i].Test, jobs[i].Model.Name(), r.Err)
			fmt.Fprintln(stderr, line)
		case r.Err != nil:
			errs.Wrap(jobs[i].Test.Pos, r.Err)
			continue
		default:
			c = reports.NewCheck(r.Res)
			c.Hex = f.hex
			if !c.Verdict.OK {
				failed++
			}
		}
		checks = append(checks, c)
		if err := writeCheck(stdout, format, c, r); err != nil {
			return err
		}
	}
	if format == "text" && len(checks) > 1 {
		fmt.Fprintln(stdout, reports.Summary(checks))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	if unknown > 0 {
		return fmt.Errorf("%d check(s) unknown (see above)", unknown)
	}
	if failed > 0 {
		return &exitError{code: exitFailed, err: fmt.Errorf("%d expectation(s) failed", failed)}
	}
	return nil
}

// writeCheck prints one result in the chosen format.
func writeCheck(w io.Writer, format string, c *reports.Check, r suite.Result) error {
	switch format {
	case "json":
		return reports.WriteJSON(w, c)
	case "herd":
		if c.Unknown != nil {
			_, err := fmt.Fprintf(w, "Test %s Unknown\n%s\n\n", c.Test.Name, c.Unknown.Reason)
			return err
		}
		return reports.WriteHerd(w, c, r.Tally.Counts(r.Res.Names), r.Elapsed)
	}
	reports.WriteText(w, c)
	fmt.Fprintln(w)
	return nil
}

// runJobs checks the jobs on as many goroutines as there are CPUs and
// returns the results in job order, counting the executions per outcome
// when tally is set (herd's log counts them). On a terminal, runs longer
// than a second show their progress on stderr.
func runJobs(jobs []suite.Job, enum enumerate.Options, tally bool, stderr io.Writer) []suite.Result {
	progress := newProgress(stderr)
	stop := progress.watchSearches(len(jobs))
	results := suite.Run(jobs, suite.Options{Enum: enum, Tally: tally, Done: func(j suite.Job) { progress.step(len(jobs), j.Test.Name) }})
	stop()
	progress.finish()
	return results
}
