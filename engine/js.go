package engine

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"wmm/litmus"
)

//go:embed harness.js
var harnessSrc []byte

// harnessJS is harness.js with version.js.
var harnessJS = withVersion(harnessSrc)

//go:embed version.js
var versionJS []byte

// withVersion returns script with version.js appended: the one
// engineVersion of every script wmm writes for node, deno and bun.
func withVersion(script []byte) []byte {
	return slices.Concat(script, []byte("\n"), versionJS)
}

// A JS runner drives a JavaScript runtime (node, deno or bun) as a
// subprocess with the embedded harness.js: one worker thread per test
// thread, all sharing one WebAssembly.Memory.
type JS struct {
	// Runtime is "node", "deno" or "bun".
	Runtime string
	// Path is the runtime's executable.
	Path string
}

// Name returns the runtime's name.
func (j JS) Name() string { return j.Runtime }

// command returns the command line that runs script with config.
func (j JS) command(ctx context.Context, script, config string) *exec.Cmd {
	// --expose-gc lets the isolated harness collect the memories of a
	// group before the next (harness.js, collect): V8's memory.grow costs
	// time in proportion to the shared memories an isolate still holds.
	switch j.Runtime {
	case "deno":
		// --no-config: a deno.json in a directory above the temporary
		// one (deno looks for it from the script up) would otherwise be
		// read, and one that is not a config stops the run.
		return exec.CommandContext(ctx, j.Path, "run", "-A", "--no-config", "--v8-flags=--expose-gc", script, config)
	case "node":
		return exec.CommandContext(ctx, j.Path, "--expose-gc", script, config)
	}
	return exec.CommandContext(ctx, j.Path, script, config)
}

// jsConfig is what harness.js reads.
type jsConfig struct {
	ModulePath string    `json:"modulePath"`
	Isolated   bool      `json:"isolated"`
	MemPages   uint32    `json:"memPages"`
	MemMax     uint32    `json:"memMax"`
	TestPages  uint32    `json:"testPages"`
	Locals     []int     `json:"locals"`
	Layout     jsLayout  `json:"layout"`
	Init       []jsWrite `json:"init"`
	Atoms      []jsAtom  `json:"atoms"`
	Waits      bool      `json:"waits"`
	Delays     []uint32  `json:"delays"`
	SpinLimit  uint32    `json:"spinLimit"`
	Iterations int       `json:"iterations"`
	Seed       uint32    `json:"seed"`
	DeadlineMs int64     `json:"deadlineMs"`
	BudgetMs   int64     `json:"budgetMs"`
	KeySize    int       `json:"keySize"`
	// Group is how many isolated instances (and memories) the harness
	// creates ahead at once, within the memory budget.
	Group int `json:"group"`
	// HasSetup: the test has setup code, which an instance in the main
	// thread runs on each isolated memory before the threads start.
	HasSetup bool `json:"hasSetup"`
	// Reuse: no grow can change the isolated memory's length (its
	// maximum is its initial size), so the harness resets and reuses the
	// first group's memories and instances instead of creating new ones.
	Reuse bool `json:"reuse"`
	// Stacked: the instances follow one another at the top of one
	// growing memory (Harness.Stacked), StackGroup of them per memory.
	Stacked    bool `json:"stacked"`
	StackGroup int  `json:"stackGroup"`
	// Defined: the module defines and exports the memory; the main
	// thread creates it by instantiating the module, and the workers
	// instantiate WorkerModulePath, the same harness importing it.
	Defined          bool   `json:"defined"`
	WorkerModulePath string `json:"workerModulePath"`
}

type jsLayout struct {
	Results    []uint32 `json:"results"`
	RecordSize []uint32 `json:"recordSize"`
	Slots      uint32   `json:"slots"`
	Stride     uint32   `json:"stride"`
	Batch      int      `json:"batch"`
}

type jsWrite struct {
	Addr  uint32 `json:"addr"`
	Width int    `json:"width"`
	Value string `json:"value"` // decimal: JSON numbers lose 64-bit precision
}

type jsAtom struct {
	Size  bool   `json:"size"`
	Addr  uint32 `json:"addr"`
	Width int    `json:"width"`
}

// jsResult is the harness's final line.
type jsResult struct {
	Counts     map[string]int `json:"counts"`
	Iterations int            `json:"iterations"`
	Dropped    int            `json:"dropped"`
	ElapsedMs  int64          `json:"elapsedMs"`
	Version    string         `json:"version"`
	Notes      []string       `json:"notes"`
	Measured   int            `json:"measured"`
	Concurrent int            `json:"concurrent"`
}

func (j JS) config(h *Harness, opts Options, modulePath string) jsConfig {
	c := jsConfig{
		ModulePath: modulePath, Isolated: h.Isolated, MemPages: h.MemPages, MemMax: h.MemMax,
		TestPages: h.Test.Memory.Pages, Locals: h.Locals, Waits: h.Waits, Delays: h.Delays, SpinLimit: h.SpinLimit,
		Iterations: opts.Iterations, Seed: uint32(opts.Seed), DeadlineMs: opts.Deadline.Milliseconds(),
		BudgetMs: opts.Budget.Milliseconds(), KeySize: h.KeySize(), Group: h.alive(opts.MemBudget, 256),
		Layout: jsLayout{Results: h.Layout.Results, RecordSize: h.Layout.RecordSize, Slots: h.Layout.Slots, Stride: h.Layout.Stride, Batch: h.Layout.Batch},
		Init:   []jsWrite{}, Atoms: []jsAtom{}, HasSetup: h.Test.Setup != nil, Reuse: h.Isolated && h.MemMax == h.MemPages,
		Defined: h.MemoryMode == DefineMemory, Stacked: h.Stacked, StackGroup: h.StackGroup,
	}
	for _, in := range h.Init {
		c.Init = append(c.Init, jsWrite{in.Addr, in.Width, strconv.FormatUint(in.Value, 10)})
	}
	for _, a := range h.Atoms {
		c.Atoms = append(c.Atoms, jsAtom{Size: a.Kind == litmus.LocSize, Addr: a.Addr, Width: a.Width})
	}
	return c
}

// Run implements Runner.
func (j JS) Run(ctx context.Context, h *Harness, opts Options) (*RawResult, error) {
	opts = opts.withDefaults()
	dir, err := os.MkdirTemp("", "wmm-js-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	script, modPath, cfgPath := filepath.Join(dir, "harness.cjs"), filepath.Join(dir, "harness.wasm"), filepath.Join(dir, "config.json")
	c := j.config(h, opts, modPath)
	workerModule, err := workerModule(h, opts)
	if err != nil {
		return nil, err
	}
	c.WorkerModulePath = filepath.Join(dir, "worker.wasm")
	cfg, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{script, harnessJS}, {modPath, h.Module}, {c.WorkerModulePath, workerModule}, {cfgPath, cfg}} {
		if err := os.WriteFile(f.path, f.data, 0o644); err != nil {
			return nil, err
		}
	}
	return j.exec(ctx, h, opts, script, cfgPath)
}

// exec runs the harness and reads its output.
func (j JS) exec(ctx context.Context, h *Harness, opts Options, script, cfgPath string) (*RawResult, error) {
	cmd := j.command(ctx, script, cfgPath)
	cmd.Dir = filepath.Dir(script)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", j.Runtime, err)
	}
	res, readErr := j.read(out, opts)
	waitErr := cmd.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if readErr != nil {
		return nil, fmt.Errorf("%s: %v\n%s", j.Runtime, readErr, lastLines(stderr.String(), 20))
	}
	if waitErr != nil {
		return nil, fmt.Errorf("%s: %v\n%s", j.Runtime, waitErr, lastLines(stderr.String(), 20))
	}
	return j.raw(h, res)
}

// read reads the harness's JSON lines up to the result.
func (j JS) read(out interface{ Read([]byte) (int, error) }, opts Options) (*jsResult, error) {
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		var line struct {
			Progress *int      `json:"progress"`
			Result   *jsResult `json:"result"`
			Error    string    `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("unexpected output %q", sc.Text())
		}
		switch {
		case line.Error != "":
			return nil, errors.New(line.Error)
		case line.Result != nil:
			return line.Result, nil
		case line.Progress != nil && opts.Progress != nil:
			opts.Progress(*line.Progress, opts.Iterations)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, errors.New("the harness ended without a result")
}

// raw converts the harness's result, whose keys are hex.
func (j JS) raw(h *Harness, res *jsResult) (*RawResult, error) {
	raw := &RawResult{Counts: map[string]int{}, Iterations: res.Iterations, Dropped: res.Dropped,
		Elapsed: time.Duration(res.ElapsedMs) * time.Millisecond, Version: res.Version, Notes: res.Notes,
		Measured: res.Measured, Concurrent: res.Concurrent}
	for k, n := range res.Counts {
		b, err := hex.DecodeString(k)
		if err != nil || len(b) != h.KeySize() {
			return nil, fmt.Errorf("%s: bad outcome key %q", j.Runtime, k)
		}
		raw.Counts[string(b)] += n
	}
	return raw, nil
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := bytes.Split(bytes.TrimRight([]byte(s), "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
