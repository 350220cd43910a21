package checker

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"wmm/axioms"
	"wmm/conform"
	"wmm/engine"
	"wmm/enumerate"
	"wmm/litmus"
)

// RunIterations is the default number of instances of "Run on this
// browser".
const RunIterations = 10000

// RunMemory bounds the memory a browser run may reserve.
const RunMemory = 1 << 30

// RunGroup is the most isolated instances (each a shared memory) a browser
// run creates at once. V8 in a browser reserves gigabytes of address
// space per Wasm memory inside its sandbox, whatever the memory's size:
// Chromium refused a group of a few hundred ("could not allocate
// memory") where node, started by wmm run, did not.
const RunGroup = 16

// limitGroup caps the group of a harness.js configuration at RunGroup.
func limitGroup(cfg json.RawMessage) (json.RawMessage, error) {
	var m map[string]any
	if err := json.Unmarshal(cfg, &m); err != nil {
		return nil, err
	}
	if g, ok := m["group"].(float64); ok && g > RunGroup {
		m["group"] = RunGroup
	}
	return json.Marshal(m)
}

// Engine is the engine name of a browser run's results.
const Engine = "browser"

// A Run is the answer to "judge": the browser's histogram of one test
// judged by the model, as wmm validate --json prints it, and the raw
// outcome keys harness.js counted, each with its outcome, so that a
// reproducer that counts raw keys can say which are forbidden.
type Run struct {
	Record *conform.Record `json:"record"`
	Keys   []Key           `json:"keys"`
}

// A Key is one raw outcome key of a browser run.
type Key struct {
	Key     string `json:"key"` // hex, as harness.js counts it
	Outcome string `json:"outcome"`
	Allowed bool   `json:"allowed"`
}

// harness compiles the test r names for harness.js, with the browser's
// core count (r.Cores) deciding the barrier's spin limit as the machine's
// does for wmm run.
func harness(r Request) (*engine.Harness, engine.Options, error) {
	t, err := pick(r.Source, r.Test)
	if err != nil {
		return nil, engine.Options{}, err
	}
	if engine.HasJS(t) {
		return nil, engine.Options{}, fmt.Errorf("test %s has JavaScript threads: the browser runner runs Wasm threads only (use wmm run --engine node)", t.Name)
	}
	opts := engine.Options{Iterations: r.Iterations, MemBudget: RunMemory, Stack: true}
	if opts.Iterations <= 0 {
		opts.Iterations = RunIterations
	}
	opts.SpinLimit = engine.SpinLimitFor(len(t.Threads), max(r.Cores, 1))
	h, err := engine.Compile(t, opts)
	return h, opts, err
}

// Compile compiles the test r.Test of r.Source for harness.js, as wmm run
// does for node: the same module and configuration.
func Compile(r Request) *Response {
	start := time.Now()
	h, opts, err := harness(r)
	if err != nil {
		return failed(err)
	}
	job, err := engine.NewJSJob(h, opts)
	if err != nil {
		return failed(err)
	}
	if job.Config, err = limitGroup(job.Config); err != nil {
		return failed(err)
	}
	return &Response{Job: job, Threads: len(h.Locals), Seconds: time.Since(start).Seconds()}
}

// Judge names the outcomes of the result harness.js reported for the test
// r.Test of r.Source (r.Result) and compares them with the outcomes
// r.Model allows, as wmm validate does.
func Judge(r Request) *Response {
	start := time.Now()
	if len(r.Result) == 0 {
		return failed(errors.New("judge: no result"))
	}
	h, _, err := harness(r)
	if err != nil {
		return failed(err)
	}
	res, err := engine.DecodeJS(h, Engine, r.Result)
	if err != nil {
		return failed(err)
	}
	name := r.Model
	if name == "" {
		name = litmus.DefaultModel
	}
	m, err := axioms.Lookup(name, r.Variants...)
	if err != nil {
		return failed(err)
	}
	mres, err := enumerate.Run(h.Test, m, enumerate.Options{Limits: limits()})
	if err != nil {
		return failed(err)
	}
	c := conform.Compare(mres, res)
	run := &Run{Record: conform.NewRecord(res, c), Keys: []Key{}}
	run.Keys, err = rawKeys(h, r.Result, c)
	if err != nil {
		return failed(err)
	}
	return &Response{Run: run, Seconds: time.Since(start).Seconds()}
}

// rawKeys names the outcome of each raw key of a harness.js result over
// the comparison's names.
func rawKeys(h *engine.Harness, result json.RawMessage, c *conform.Comparison) ([]Key, error) {
	var line struct {
		Result struct {
			Counts map[string]int `json:"counts"`
		} `json:"result"`
	}
	if err := json.Unmarshal(result, &line); err != nil {
		return nil, err
	}
	out := []Key{}
	for k := range line.Result.Counts {
		one, err := json.Marshal(map[string]any{"result": map[string]any{"counts": map[string]int{k: 1}, "iterations": 1}})
		if err != nil {
			return nil, err
		}
		res, err := engine.DecodeJS(h, Engine, one)
		if err != nil {
			return nil, err
		}
		o := res.Over(c.Names)[0].Outcome
		out = append(out, Key{Key: k, Outcome: o.String(), Allowed: c.Allowed.Contains(o)})
	}
	slices.SortFunc(out, func(a, b Key) int { return strings.Compare(a.Key, b.Key) })
	return out, nil
}
