// Package suite plans and runs the checks of a command: each test under
// each model it asks for (a Job), run by enumerate on a pool of workers,
// with the results in job order. It decides which models a test is
// checked under (the --model list with --variant applied, or every model
// its expect: names) and how many run at once; the command prints.
package suite

import (
	"fmt"
	"slices"
	"time"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/parallel"
	"wmm/litmus"
)

// A Job is one test under one model.
type Job struct {
	Test  *litmus.Test
	Model *axioms.Model
}

// Plan pairs each test with the models to check it under: the models
// named (wasm when none) with the variants applied, or with everyModel the
// default model and every model its expect: names, the others sorted.
func Plan(tests []*litmus.Test, models, variants []string, everyModel bool) ([]Job, error) {
	if everyModel && len(variants) > 0 {
		return nil, fmt.Errorf("--every-model checks the models the tests' expect: keys name; it does not combine with --variant or --skip")
	}
	if len(models) == 0 {
		models = []string{litmus.DefaultModel}
	}
	var chosen []*axioms.Model
	for _, n := range models {
		m, err := axioms.Lookup(n, variants...)
		if err != nil {
			return nil, err
		}
		chosen = append(chosen, m)
	}
	var jobs []Job
	for _, t := range tests {
		if !everyModel {
			for _, m := range chosen {
				jobs = append(jobs, Job{t, m})
			}
			continue
		}
		keys := []string{litmus.DefaultModel}
		for k := range t.Expect {
			if k = litmus.ModelKey(k); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys[1:])
		for _, k := range keys {
			m, err := axioms.Lookup(k)
			if err != nil {
				return nil, fmt.Errorf("%s: test %s: %v", t.Pos, t.Name, err)
			}
			jobs = append(jobs, Job{t, m})
		}
	}
	return jobs, nil
}

// A Result is the outcome of one job.
type Result struct {
	Res     *enumerate.Result
	Err     error
	Elapsed time.Duration
	Tally   *enumerate.Tally // executions per outcome, when counted
}

// Options say how Run runs the jobs.
type Options struct {
	Enum  enumerate.Options
	Tally bool // count the executions per outcome (herd's log prints them)
	// Workers is the number of jobs run at once (0: GOMAXPROCS).
	Workers int
	// Done, if not nil, is called after each job, from the worker that
	// ran it (concurrently with other calls).
	Done func(Job)
}

// Run runs the jobs on a pool of workers (internal/parallel) and returns
// their results in job order.
func Run(jobs []Job, opts Options) []Result {
	results := make([]Result, len(jobs))
	parallel.For(len(jobs), opts.Workers, func(i int) {
		results[i] = runJob(jobs[i], opts)
		if opts.Done != nil {
			opts.Done(jobs[i])
		}
	})
	return results
}

// runJob runs one job.
func runJob(j Job, opts Options) Result {
	start := time.Now()
	eo := opts.Enum
	t := &enumerate.Tally{}
	if opts.Tally {
		eo.OnCandidate = t.Add
	}
	r, err := enumerate.Run(j.Test, j.Model, eo)
	return Result{r, err, time.Since(start), t}
}
