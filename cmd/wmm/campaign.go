package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/campaign"
	"wmm/engine"
	"wmm/litmus"
	"wmm/reports"
)

var campaignLong = `Campaign runs a family of tests through the models and the engines in one
command, in the manner of litmus7 and mcompare7: every test (files,
directories such as a wmm gen family, or --catalog) is checked under the
chosen models (--model, repeatable, default wasm; --every-model for all of
wasm, js, js2017 and sc) and run on the chosen engines (--engine,
repeatable, default wazero; --engine none for the models only), once per
--memory way. The models' checks run in parallel on all cores; the engine
runs one test at a time, since a test's threads need the cores.

The table has a row per test and a column per model (the observation of
the condition: never, sometimes, always; FAIL when an expect: fails) and
per engine (runs that satisfied the condition / runs, both memory ways
added; FORBIDDEN when the engine produced an outcome the first model
forbids). The summary counts the observations per model, the tests on
which two models differ, per engine the tests with a forbidden outcome and
those whose condition the first model allows but no run showed, and lists
every forbidden outcome with the wmm validate command that repeats it.
--html FILE also writes the table and the summary as a self-contained
HTML page (failures in red); wmm report --campaign puts the same table
above the tests of a report, each row linked to its test. With --json,
campaign prints one JSON object per test instead, as
LITMUS.md specifies ("wmm campaign --json").

Long campaigns:
  --state FILE   append each test's JSON object to FILE as it is done; run
                 the same command again after an interruption and it goes
                 on from where it stopped (FILE must be of the same
                 campaign: same tests, models, engines and options)
  --shard I/N    run only the I-th of N contiguous slices of the tests;
                 each slice writes its JSON objects (--json or --state)
  --merge        read the JSON objects of every shard (the arguments are
                 their files, in any order) and print the table of the
                 whole campaign; a test missing from every file, a file of
                 another campaign or a test present twice with different
                 results is an error, so nothing is lost or counted twice

Exit status: 0 when no engine produced a forbidden outcome and every
expect: held, 1 otherwise, 2 when some input could not be read or checked,
an engine could not start or run a test, the shards merged do not make a
whole campaign, or the run was interrupted.`

const campaignExample = `  wmm gen --size 6 --threads 4 -o family/
  wmm campaign family/                               every test on wazero, 100000 runs each
  wmm campaign --engine wazero --engine node -n 1e5 --state fam.jsonl family/
  wmm campaign --every-model --engine none family/   where the models differ
  wmm campaign --catalog sb mp                       catalogue families

  # over 8 machines (a CI matrix, GNU parallel, a Slurm array, ...):
  wmm campaign --shard 3/8 --state shard3.jsonl family/   on machine 3
  wmm campaign --merge shard*.jsonl                        anywhere, afterwards`

// campaignFlags are the flags of wmm campaign.
type campaignFlags struct {
	engineFlags
	modelFlags
	engines    []string
	models     []string
	everyModel bool
	state      string
	merge      bool
	html       string
}

func newCampaignCmd() *cobra.Command {
	var f campaignFlags
	cmd := command("campaign [--engine E]... [--model M]... FILE|DIR... | campaign --merge FILE...", "Run a family of tests through models and engines and tabulate the results", campaignLong+"\n\nEngines:\n"+engineList, campaignExample, nil,
		func(cmd *cobra.Command, args []string) error {
			if f.merge {
				if len(args) == 0 {
					return &usageError{cmd: cmd, err: errors.New("--merge: no files given (the JSON objects of the shards)")}
				}
				return doCampaignMerge(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &f)
			}
			if err := needInputs(cmd, f.catalog, args); err != nil {
				return err
			}
			opts, err := f.options()
			if err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			return doCampaign(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &f, opts)
		})
	fl := cmd.Flags()
	fl.StringSliceVar(&f.engines, "engine", []string{"wazero"}, "an engine to run the tests on (repeatable; none: no engine)")
	f.engineFlags.registerRuns(cmd)
	fl.StringSliceVar(&f.models, "model", nil, "a memory model to check the tests under: wasm, js, js2017 or sc (repeatable; default wasm); engines are judged by the first")
	fl.BoolVar(&f.everyModel, "every-model", false, "check every test under every model: wasm, js, js2017 and sc")
	fl.StringVar(&f.state, "state", "", "append each test's JSON object to `FILE` as it is done, and resume from it")
	fl.BoolVar(&f.merge, "merge", false, "merge the JSON objects of a campaign's shards (the arguments) into its table")
	fl.StringVar(&f.html, "html", "", "also write the table and summary as a self-contained HTML page to `FILE`")
	f.modelFlags.register(fl)
	return cmd
}

// options builds the campaign's options from the flags.
func (f *campaignFlags) options() (campaign.Options, error) {
	eo, err := f.engineFlags.options()
	if err != nil {
		return campaign.Options{}, err
	}
	opts := campaign.Options{Engine: eo, Memory: f.memModes, Enum: f.enumOptions(), Catalog: f.catalog, Shard: f.shard.Shard}
	names := f.models
	switch {
	case f.everyModel && len(names) > 0:
		return opts, errors.New("give --model or --every-model, not both")
	case f.everyModel:
		names = nil
		for _, m := range axioms.Models {
			names = append(names, m.Name)
		}
	case len(names) == 0:
		names = []string{litmus.DefaultModel}
	}
	for _, n := range names {
		m, err := axioms.Lookup(n, f.variants...)
		if err != nil {
			return opts, fmt.Errorf("--model: %v", err)
		}
		opts.Models = append(opts.Models, m)
	}
	for _, e := range f.engines {
		if e == "none" {
			continue
		}
		r, err := engine.Lookup(e)
		if err != nil {
			return opts, fmt.Errorf("--engine: %v", err)
		}
		opts.Engines = append(opts.Engines, r)
	}
	return opts, nil
}

// tableFlags are the campaign's flags that wmm validate shares and that
// records do not hold, for the commands that repeat a finding.
func (f *campaignFlags) tableFlags() []string {
	var out []string
	if len(f.variants) > 0 {
		out = append(out, "--variant", strings.Join(f.variants, ","))
	}
	if f.unroll >= 0 {
		out = append(out, "--unroll", fmt.Sprint(f.unroll))
	}
	if f.delay != "auto" {
		out = append(out, "--delay", f.delay)
	}
	if f.stride != engine.DefaultStride {
		out = append(out, "--stride", fmt.Sprint(f.stride))
	}
	if f.sync != "1" {
		out = append(out, "--sync", f.sync)
	}
	if f.seed != 0 {
		out = append(out, "--seed", fmt.Sprint(f.seed))
	}
	return out
}

// doCampaign runs the campaign (the shard of it, without the tests its
// state file holds) and prints its table or its JSON objects.
func doCampaign(ctx context.Context, stdout, stderr io.Writer, args []string, f *campaignFlags, opts campaign.Options) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	tests, loadErr := loadTests(args, f.catalog, f.features)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	tests = f.matching(tests) // the campaign is every test; opts.Shard slices it
	id := campaign.ID(tests, &opts)
	old, state, err := openState(f.state, id, opts.Shard, len(tests))
	if err != nil {
		return err
	}
	if state != nil {
		defer state.Close()
	}
	opts.Done = map[int]bool{}
	for _, r := range old {
		opts.Done[r.Index] = true
	}
	lo, hi := opts.Shard.Range(len(tests))
	total := hi - lo - len(old)
	p := newProgress(stderr)
	done := 0
	opts.Record = func(r *campaign.Record) error {
		done++
		el := time.Since(p.start)
		p.show("%d/%d tests, %s, %.1f tests/s: %s", done, total, el.Round(time.Second), float64(done)/el.Seconds(), r.Name)
		if state == nil {
			return nil
		}
		return campaign.WriteJSON(state, []*campaign.Record{r})
	}
	if len(old) > 0 {
		fmt.Fprintf(stderr, "wmm campaign: resuming campaign %s from %s: %d of %d tests done\n", id, f.state, len(old), hi-lo)
	}
	recs, runErr := campaign.Run(ctx, tests, opts)
	p.finish()
	all, err := campaign.Merge(campaign.Set{Source: f.state, Records: old}, campaign.Set{Source: "this run", Records: recs})
	if err != nil {
		return err
	}
	if err := printCampaign(stdout, all, f); err != nil {
		return err
	}
	switch {
	case errors.Is(runErr, context.Canceled):
		msg := fmt.Sprintf("interrupted (^C) after %d of %d tests", len(all), hi-lo)
		if f.state != "" {
			msg += "; run the same command again to resume from " + f.state
		}
		errs.Add(litmus.Pos{}, msg)
	case runErr != nil:
		errs.Wrap(litmus.Pos{}, runErr)
	}
	return campaignErr(stderr, all, errs)
}

// openState reads the records of an earlier run of this campaign's shard
// from the state file, rewrites the file without a last line cut short,
// and opens it for appending. No file name: no state.
func openState(name, id string, shard campaign.Shard, total int) ([]*campaign.Record, *os.File, error) {
	if name == "" {
		return nil, nil, nil
	}
	var old []*campaign.Record
	if b, err := os.ReadFile(name); err == nil {
		recs, err := campaign.ReadJSON(strings.NewReader(string(b)), name, true)
		if err != nil {
			return nil, nil, err
		}
		lo, hi := shard.Range(total)
		for _, r := range recs {
			if r.Campaign != id {
				return nil, nil, fmt.Errorf("%s: holds campaign %s, not this one (%s): other tests, models, engines or options; remove the file or give another --state", name, r.Campaign, id)
			}
			if r.Index < lo || r.Index >= hi {
				return nil, nil, fmt.Errorf("%s: holds test %d (%s), which is not in shard %s", name, r.Index+1, r.Name, shard)
			}
		}
		if old, err = campaign.Merge(campaign.Set{Source: name, Records: recs}); err != nil {
			return nil, nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	// Rewrite the file without a line cut short, then append to it.
	var b strings.Builder
	if err := campaign.WriteJSON(&b, old); err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(name+".tmp", []byte(b.String()), 0o644); err != nil {
		return nil, nil, err
	}
	if err := os.Rename(name+".tmp", name); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	return old, f, err
}

// doCampaignMerge merges the shards' JSON objects and prints the whole
// campaign.
func doCampaignMerge(stdout, stderr io.Writer, files []string, f *campaignFlags) error {
	all, err := readCampaign(files)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return errors.New("--merge: the files hold no campaign record")
	}
	if miss := campaign.Missing(all, 0, all[0].Of); len(miss) > 0 {
		return fmt.Errorf("--merge: %d of the campaign's %d tests are in none of the files (tests %s): merge every shard, or finish the shards that were interrupted", len(miss), all[0].Of, campaign.Ranges(miss))
	}
	if err := printCampaign(stdout, all, f); err != nil {
		return err
	}
	return campaignErr(stderr, all, nil)
}

// printCampaign prints the records as the table or as JSON lines, and
// writes the HTML page --html asks for.
func printCampaign(w io.Writer, recs []*campaign.Record, f *campaignFlags) error {
	opts := campaign.TableOptions{Flags: f.tableFlags()}
	if f.html != "" {
		var buf bytes.Buffer
		rep := &reports.HTMLReport{Title: "wmm campaign", Tables: []*reports.HTMLTable{campaign.HTMLTable(recs, opts)}}
		if err := reports.WriteHTML(&buf, rep); err != nil {
			return err
		}
		if err := os.WriteFile(f.html, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if f.json {
		return campaign.WriteJSON(w, recs)
	}
	campaign.WriteTable(w, recs, opts)
	return nil
}

// campaignErr prints the records' errors on stderr and returns the
// campaign's exit: errs and the records' errors (exit 2), else a
// forbidden outcome or a failed expectation (exit 1).
func campaignErr(stderr io.Writer, recs []*campaign.Record, errs litmus.ErrorList) error {
	for _, r := range recs {
		for _, v := range r.Models {
			if v.Error != "" {
				fmt.Fprintf(stderr, "%s (%s)\n", v.Error, v.Model)
			}
		}
		for _, run := range r.Runs {
			if run.Error != "" {
				fmt.Fprintf(stderr, "%s (%s, %s memory)\n", run.Error, run.Engine, run.Memory)
			}
		}
	}
	s := campaign.Summarize(recs)
	if s.Errors > 0 {
		errs.Add(litmus.Pos{}, fmt.Sprintf("%d model check(s) or engine run(s) failed (see above)", s.Errors))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	var why []string
	if n := len(s.Findings); n > 0 {
		why = append(why, fmt.Sprintf("%d engine run(s) produced an outcome the model forbids", n))
	}
	if s.Failed > 0 {
		why = append(why, fmt.Sprintf("%d test(s) failed an expectation", s.Failed))
	}
	if len(why) > 0 {
		return &exitError{code: exitFailed, err: errors.New(strings.Join(why, "; "))}
	}
	return nil
}
