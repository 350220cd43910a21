// Package campaign runs campaigns in the manner of litmus7 and mcompare7:
// every test of a selection (a generated family, catalogue tests, files)
// checked under the chosen models and run on the chosen engines, one
// Record per test. A campaign is split over machines by Shard (a
// deterministic slice), resumed from the records an interrupted run left
// (Options.Done), and put back together by Merge, which refuses records
// of another campaign and counts no test twice; WriteTable prints the
// comparison table and its summary. The model checks run on suite's pool
// of workers; the engine runs one test at a time, since a test's threads
// need the machine's cores to run at once. The command prints and exits.
package campaign

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"wmm/axioms"
	"wmm/budget"
	"wmm/conform"
	"wmm/engine"
	"wmm/enumerate"
	"wmm/internal/parallel"
	"wmm/litmus"
	"wmm/suite"
)

// Options say what a campaign runs and how.
type Options struct {
	// Models are the models each test is checked under (at least one);
	// the engines' histograms are judged by the first.
	Models []*axioms.Model
	// Engines run each test once per memory mode in Memory (none: a
	// campaign of the models only).
	Engines []engine.Runner
	Engine  engine.Options
	Memory  []engine.MemoryMode
	Enum    enumerate.Options
	// Catalog says the tests are the bundled catalogue's (a record's
	// source is then "catalog", and the commands that repeat a finding
	// use --catalog).
	Catalog bool
	// Shard is the slice of the tests this run runs (zero: all).
	Shard Shard
	// Done holds the indices of tests already done (resuming a campaign
	// from its state file): they are not run again.
	Done map[int]bool
	// Workers is the number of model checks run at once (0: GOMAXPROCS).
	Workers int
	// RunEngine runs one test on an engine (nil: engine.Run); tests
	// replace it with a deterministic one.
	RunEngine func(ctx context.Context, t *litmus.Test, r engine.Runner, opts engine.Options) (*engine.Result, error)
	// Record, if not nil, is called with each record as soon as it is
	// done, in index order (the command appends it to the state file and
	// shows progress).
	Record func(*Record) error
}

// ID names a campaign: a hash of its tests (their canonical text, in
// order) and of every option that changes a result (models, engines,
// iterations, memory modes, delays, stride, seed, unroll). Shards and
// resumed runs of one campaign have the same ID; Merge refuses to mix
// records of two.
func ID(tests []*litmus.Test, opts *Options) string {
	h := sha256.New()
	for _, m := range opts.Models {
		fmt.Fprintf(h, "model %s\n", m.Name())
	}
	for _, r := range opts.Engines {
		fmt.Fprintf(h, "engine %s\n", r.Name())
	}
	for _, m := range opts.Memory {
		fmt.Fprintf(h, "memory %s\n", m)
	}
	e := opts.Engine
	fmt.Fprintf(h, "iterations %d batch %d delay %d stride %d seed %d\n", e.Iterations, e.Batch, e.Delay, e.Stride, e.Seed)
	fmt.Fprintf(h, "unroll %d %v\n", opts.Enum.Unroll, opts.Enum.UnrollSet)
	for _, t := range tests {
		fmt.Fprintf(h, "test %s\n%s\n", t.Name, litmus.Format(t))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Run runs the tests of opts.Shard not in opts.Done and returns their
// records in index order. An interrupted run (ctx cancelled) returns the
// records done so far with ctx's error; a test whose check or run failed
// has the error in its record, and the campaign goes on.
func Run(ctx context.Context, tests []*litmus.Test, opts Options) ([]*Record, error) {
	if len(opts.Models) == 0 {
		return nil, errors.New("campaign: no model")
	}
	if opts.RunEngine == nil {
		opts.RunEngine = engine.Run
	}
	workers := parallel.Workers(opts.Workers)
	id := ID(tests, &opts)
	lo, hi := opts.Shard.Range(len(tests))
	var todo []int
	for i := lo; i < hi; i++ {
		if !opts.Done[i] {
			todo = append(todo, i)
		}
	}
	var out []*Record
	// Chunks of a few tests per worker: the models check a chunk in
	// parallel, then the engines run it test by test, so that records
	// (and the state file) advance steadily.
	chunk := 4 * workers
	for start := 0; start < len(todo); start += chunk {
		idx := todo[start:min(start+chunk, len(todo))]
		results := check(tests, idx, &opts, workers)
		for k, i := range idx {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			rec := &Record{Campaign: id, Index: i, Of: len(tests), Name: tests[i].Name, Source: source(tests[i], opts.Catalog)}
			if c := tests[i].Condition; c != nil {
				s := c.String()
				rec.Condition = &s
			}
			res := results[k]
			for j, m := range opts.Models {
				rec.Models = append(rec.Models, verdict(tests[i], m, res[j]))
			}
			rec.Runs = runEngines(ctx, tests[i], res[0].Res, &opts)
			if ctx.Err() != nil {
				return out, ctx.Err() // the runs were cut short: not a result
			}
			out = append(out, rec)
			if opts.Record != nil {
				if err := opts.Record(rec); err != nil {
					return out, err
				}
			}
		}
	}
	return out, nil
}

// check checks the tests idx under every model on suite's pool of
// workers and returns, per test, the results in model order. A test the
// .wast importer left parts out of is not searched (its results are
// zero; verdict says why).
func check(tests []*litmus.Test, idx []int, opts *Options, workers int) [][]suite.Result {
	var jobs []suite.Job
	for _, i := range idx {
		if len(tests[i].Unsupported) > 0 {
			continue
		}
		for _, m := range opts.Models {
			jobs = append(jobs, suite.Job{Test: tests[i], Model: m})
		}
	}
	ran := suite.Run(jobs, suite.Options{Enum: opts.Enum, Workers: workers})
	out := make([][]suite.Result, len(idx))
	for k, i := range idx {
		out[k] = make([]suite.Result, len(opts.Models))
		if len(tests[i].Unsupported) == 0 {
			copy(out[k], ran)
			ran = ran[len(opts.Models):]
		}
	}
	return out
}

// source returns the record's source of t.
func source(t *litmus.Test, catalog bool) string {
	if catalog {
		return "catalog"
	}
	return t.Pos.File
}

// verdict builds the verdict of one test under one model.
func verdict(t *litmus.Test, m *axioms.Model, r suite.Result) Verdict {
	v := Verdict{Model: m.Name()}
	switch {
	case len(t.Unsupported) > 0:
		v.Unknown = "the importer left out part of the script (" + strings.Join(t.Unsupported, "; ") + ")"
		return v
	case errors.Is(r.Err, budget.ErrExceeded):
		v.Unknown = r.Err.Error()
		return v
	case r.Err != nil:
		v.Error = positioned(t, r.Err)
		return v
	}
	judged := t.Judge(m.Name(), r.Res.Outcomes)
	v.Outcomes = len(r.Res.Outcomes)
	v.OK = judged.OK
	if judged.Expect != nil {
		v.Expect = judged.Expect.Word
	}
	if judged.Observation != 0 {
		v.Observation = judged.Observation.String()
	}
	return v
}

// positioned returns err's message with t's position in front, unless it
// has one.
func positioned(t *litmus.Test, err error) string {
	msg := err.Error()
	if p := t.Pos.String(); p != "" && !strings.HasPrefix(msg, t.Pos.File+":") {
		return p + ": " + msg
	}
	return msg
}

// runEngines runs t on every engine and memory mode and judges each
// histogram by mres, the first model's result (nil when it has none).
func runEngines(ctx context.Context, t *litmus.Test, mres *enumerate.Result, opts *Options) []EngineRun {
	runs := []EngineRun{}
	for _, r := range opts.Engines {
		for _, mode := range opts.Memory {
			eo := opts.Engine
			eo.Memory = mode
			run := EngineRun{Engine: r.Name(), Memory: memoryWord(mode), Forbidden: []Forbidden{}}
			res, err := opts.RunEngine(ctx, t, r, eo)
			var unsupported *engine.UnsupportedError
			switch {
			case errors.As(err, &unsupported):
				run.Skipped = unsupported.Reason
			case err != nil:
				run.Error = positioned(t, err)
			default:
				judge(&run, t, mres, res)
			}
			runs = append(runs, run)
		}
	}
	return runs
}

// memoryWord is the record's word for a memory mode, as wmm validate
// --memory spells it.
func memoryWord(m engine.MemoryMode) string {
	return strings.Fields(m.Describe())[0]
}

// judge fills run with the histogram res, compared with the model's
// allowed outcomes when mres is not nil.
func judge(run *EngineRun, t *litmus.Test, mres *enumerate.Result, res *engine.Result) {
	run.Version = res.Version
	run.Iterations = res.Iterations
	run.Seconds = res.Elapsed.Seconds()
	var c *conform.Comparison
	if mres != nil {
		c = conform.Compare(mres, res)
		run.Model = c.Model
		for _, f := range c.Forbidden {
			run.Forbidden = append(run.Forbidden, Forbidden{f.Outcome, f.N})
		}
		run.ForbiddenRuns = c.ForbiddenRuns
		run.NotSeen = len(c.NotSeen)
		run.Allowed = c.Allowed.Len()
	}
	if t.Condition != nil {
		for _, l := range conform.Lines(res, c) {
			if t.Condition.Prop.Eval(l.Outcome) {
				run.Condition += l.N
			}
		}
	}
}
