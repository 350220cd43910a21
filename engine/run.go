package engine

import (
	"context"
	"time"

	"wmm/litmus"
)

// A Runner runs compiled harnesses on one engine. It is the whole backend
// boundary: a further engine is one type with these two methods.
type Runner interface {
	// Name returns the engine's name as --engine spells it.
	Name() string
	// Run runs opts.Iterations instances of h (fewer if opts.Budget runs
	// out, or a batch misses its deadline) and counts their raw outcomes.
	Run(ctx context.Context, h *Harness, opts Options) (*RawResult, error)
}

// A RawResult is what a Runner observed, before outcomes are named.
type RawResult struct {
	// Counts maps a raw outcome key (see Harness.KeySize) to how many
	// instances produced it.
	Counts map[string]int
	// Iterations counts the instances in Counts; Dropped those that did
	// not finish (a batch cancelled at its deadline).
	Iterations, Dropped int
	// Elapsed is the time spent running batches, setup and reading
	// results included, compilation excluded.
	Elapsed time.Duration
	// Version describes the engine (name and version), when known.
	Version string
	// Notes are remarks for the user (dropped instances, restarts).
	Notes []string
	// Measured counts the instances whose concurrency was measured, and
	// Concurrent those among them whose threads all overlapped in time
	// (see concurrency.go). Measured is 0 when nothing was measured.
	Measured, Concurrent int
}

// Run compiles t, runs it with r and names the outcomes. A run during
// which other programs kept the machine's cores busy gets a note that
// says so (load.go).
func Run(ctx context.Context, t *litmus.Test, r Runner, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	jr, isJS := r.(JS)
	load := watchLoad()
	var res *Result
	var err error
	if isJS && (HasJS(t) || HasHost(t)) {
		res, err = jr.runMixed(ctx, t, opts) // engine/mixed.go
	} else {
		opts.Stack = isJS // harness.js runs stacked harnesses (stack.go)
		res, err = runHarness(ctx, t, r, opts)
	}
	if err != nil {
		return nil, err
	}
	if note := load.note(len(t.Threads)); note != "" {
		res.Notes = append(res.Notes, note)
	}
	return res, nil
}

// runHarness compiles t, runs it with r and names the outcomes.
func runHarness(ctx context.Context, t *litmus.Test, r Runner, opts Options) (*Result, error) {
	h, err := Compile(t, opts)
	if err != nil {
		return nil, err
	}
	raw, err := r.Run(ctx, h, opts)
	if err != nil {
		return nil, err
	}
	res, err := h.Decode(raw)
	if err != nil {
		return nil, err
	}
	res.Engine = r.Name()
	res.Config = h.config()
	return res, nil
}

// config describes how h runs.
func (h *Harness) config() Config {
	return Config{Mode: modeName(h), Stacked: h.Stacked, Memory: h.MemoryMode.String(), Delays: h.Delays, Stride: h.Layout.Stride, Batch: h.Layout.Batch}
}

func modeName(h *Harness) string {
	if h.Isolated {
		return modeIsolated.String()
	}
	return modeBatch.String()
}
