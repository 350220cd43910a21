package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wmm/budget"
	"wmm/conform"
	"wmm/engine"
	"wmm/litmus"
)

var runLong = `Run runs litmus tests on a real WebAssembly engine, many times, and prints
how often each outcome was observed, in the style of litmus7.

Each test is compiled into one binary module whose threads run many
instances of the test per call, each instance in fresh memory locations,
all threads of an instance started together by a barrier in shared memory
and delayed by a random number of spin-loop turns after it (--delay). A
test that grows the memory or reads its size gets a memory of its own for
every instance instead (slower). A trap ends a thread's instance with
T:trap=1; a thread left waiting forever in memory.atomic.wait is detected
and reported as T:stuck=1.

Engines (--engine):
` + engineList + `
The histogram marks with * the outcomes that satisfy the test's condition.
With --json, run prints one JSON object per test as LITMUS.md specifies.
A test the runner cannot run is reported and skipped. Exit status: 0 on
success, 2 when some input could not be read, the engine cannot start, no
test ran (all skipped, or none selected) or a test ran zero iterations.`

const runExample = `  wmm run sb.yaml                         100000 iterations on wazero
  wmm run --engine node --iterations 1e6 --catalog sb
  wmm run --engine wazero-interp --json --catalog`

// engineList documents the engines for the help texts.
var engineList = func() string {
	var sb strings.Builder
	for _, e := range engine.Engines {
		fmt.Fprintf(&sb, "  %-14s %s\n", e.Name, e.Doc)
	}
	return sb.String()
}()

// engineFlags are the flags run and validate share.
type engineFlags struct {
	engine     string
	iterations string
	json       bool
	delay      string
	stride     uint32
	batch      int
	memory     string
	memModes   []engine.MemoryMode
	maxMemory  uint32
	deadline   time.Duration
	timeout    time.Duration
	seed       uint64
	test       string
	testRE     *regexp.Regexp
	catalog    bool
	features   []string
	spin       uint32
	sync       string
	shard      shardFlag
}

func (f *engineFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.engine, "engine", "wazero", "the engine to run on (see above)")
	f.registerRuns(cmd)
}

// registerRuns adds the flags of engine runs other than --engine (wmm
// campaign's --engine is repeatable).
func (f *engineFlags) registerRuns(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.iterations, "iterations", "n", "100000", "instances of each test to run (1e6 and 1_000_000 are accepted)")
	fl.BoolVar(&f.json, "json", false, "print one JSON object per test")
	fl.StringVar(&f.delay, "delay", "auto", "largest random delay after the barrier, in spin-loop turns: a number (0: none), or auto to vary it between batches")
	fl.Uint32Var(&f.stride, "stride", engine.DefaultStride, "least distance in bytes between two instances' locations (multiple of 64)")
	fl.IntVar(&f.batch, "batch", engine.DefaultBatch, "instances per call into the engine")
	fl.StringVar(&f.memory, "memory", "both", "how the threads get their shared memory: imported (created by the host, imported by the module), exported (defined and exported by the module), or both, each test run and reported once per way")
	fl.Uint32Var(&f.maxMemory, "max-memory", engine.DefaultMaxMemory, "refuse tests whose memory has more pages than this")
	fl.DurationVar(&f.deadline, "deadline", 20*time.Second, "longest time one batch may take before it is cancelled")
	fl.DurationVar(&f.timeout, "timeout", 0, "stop each test after this much time, with the iterations done so far (0: no limit)")
	fl.Uint64Var(&f.seed, "seed", 0, "seed of the random delays (0: a fixed default)")
	fl.Uint32Var(&f.spin, "spin", 0, "turns a thread spins at the barrier before it sleeps (0: 100000, or 500 when threads outnumber cores)")
	fl.StringVar(&f.sync, "sync", "1", "instances the threads run between two meetings at the barrier: 1 (every instance starts together), a number K (a barrier every K instances; in between, a thread waits, at most the spin limit, only for threads a few instances behind it: far faster when threads outnumber cores, but fewer threads overlap on a quiet machine), or auto (64 when threads outnumber cores, else 1); tests that wait always use 1")
	fl.StringVar(&f.test, "test", "", "run only the tests whose name matches this regular expression")
	registerCatalog(fl, &f.catalog, "run the")
	registerFeatures(fl, &f.features)
	f.shard.register(fl)
}

// needInputs checks that the command line names tests to run.
func (f *engineFlags) needInputs(cmd *cobra.Command, args []string) error {
	return needInputs(cmd, f.catalog, args)
}

// options converts the flags into engine options.
func (f *engineFlags) options() (engine.Options, error) {
	n, err := parseCount(f.iterations)
	if err != nil {
		return engine.Options{}, fmt.Errorf("--iterations: %v", err)
	}
	if f.memModes, err = engine.ParseMemoryModes(f.memory); err != nil {
		return engine.Options{}, fmt.Errorf("--memory: %v", err)
	}
	mem := f.memModes[0]
	delay := 0
	if f.delay != "auto" {
		d, err := strconv.Atoi(f.delay)
		if err != nil || d < 0 {
			return engine.Options{}, fmt.Errorf("--delay: expected auto or a number of spin-loop turns, found %q", f.delay)
		}
		delay = d
		if d == 0 {
			delay = -1
		}
	}
	sync := 1
	if f.sync == "auto" {
		sync = -1
	} else if sync, err = strconv.Atoi(f.sync); err != nil || sync < 1 {
		return engine.Options{}, fmt.Errorf("--sync: expected auto or a number of instances from 1, found %q", f.sync)
	}
	if f.stride == 0 || f.stride > 1<<24 || f.stride%64 != 0 {
		return engine.Options{}, fmt.Errorf("--stride: expected a multiple of 64 from 64 to %d bytes, found %d", 1<<24, f.stride)
	}
	if f.batch < 1 {
		return engine.Options{}, fmt.Errorf("--batch: expected 1 or more instances, found %d", f.batch)
	}
	if f.test != "" {
		if f.testRE, err = regexp.Compile(f.test); err != nil {
			return engine.Options{}, fmt.Errorf("--test: %v", err)
		}
	}
	return engine.Options{
		Iterations: n, Batch: f.batch, Delay: delay, Stride: f.stride, Memory: mem, MaxMemory: f.maxMemory,
		Deadline: f.deadline, Budget: f.timeout, Seed: f.seed, SpinLimit: f.spin, SyncEvery: sync,
	}, nil
}

// parseCount parses an iteration count: digits with optional _ or an
// exponent form such as 1e6.
func parseCount(s string) (int, error) {
	t := strings.ReplaceAll(s, "_", "")
	var n float64
	if _, err := fmt.Sscanf(t, "%g", &n); err != nil || n < 1 || n > 1e12 || n != float64(int64(n)) {
		return 0, fmt.Errorf("expected a positive whole number of iterations, found %q", s)
	}
	return int(n), nil
}

// selectTests keeps the tests whose names match the --test pattern and
// then those of the --shard.
func (f *engineFlags) selectTests(tests []*litmus.Test) []*litmus.Test {
	return f.shard.selectTests(f.matching(tests))
}

// matching keeps the tests whose names match the --test pattern.
func (f *engineFlags) matching(tests []*litmus.Test) []*litmus.Test {
	if f.testRE == nil {
		return tests
	}
	var out []*litmus.Test
	for _, t := range tests {
		if f.testRE.MatchString(t.Name) {
			out = append(out, t)
		}
	}
	return out
}

func newRunCmd() *cobra.Command {
	var flags engineFlags
	cmd := command("run [--engine E] [--iterations N] FILE...", "Run litmus tests on a real engine and print the observed outcomes", runLong, runExample, flags.needInputs,
		func(cmd *cobra.Command, args []string) error {
			opts, err := flags.options()
			if err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			return doRun(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &flags, opts)
		})
	flags.register(cmd)
	return cmd
}

// loadForEngine looks up the engine, loads the tests and selects them.
// The returned error list holds the loading errors; err is fatal.
func loadForEngine(paths []string, flags *engineFlags) (tests []*litmus.Test, r engine.Runner, errs litmus.ErrorList, err error) {
	if r, err = engine.Lookup(flags.engine); err != nil {
		return nil, nil, nil, err
	}
	tests, lerr := loadTests(paths, flags.catalog, flags.features)
	errs.Wrap(litmus.Pos{}, lerr)
	return flags.selectTests(tests), r, errs, nil
}

// noteLowering says, on w, which tests the engine runs with their acqrel
// atomics lowered to seqcst (MODEL.md §16.4 R1).
func noteLowering(w io.Writer, r engine.Runner, tests []*litmus.Test) {
	for _, t := range tests {
		if engine.LowersAcqRel(t) {
			fmt.Fprintf(w, "note: %s: %s runs acqrel atomics as seqcst, a correct but stronger implementation (MODEL.md §16.4 R1)\n", t.Name, r.Name())
		}
	}
}

// doRun runs every test and prints its histogram.
func doRun(ctx context.Context, stdout, stderr io.Writer, paths []string, flags *engineFlags, opts engine.Options) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	tests, r, errs, err := loadForEngine(paths, flags)
	if err != nil {
		return err
	}
	noteLowering(stderr, r, tests)
	sum := &conform.Summary{Engine: r.Name()}
	for _, t := range tests {
		for _, mode := range memoryModes(t, flags.memModes) {
			opts.Memory = mode
			res, err := runOne(ctx, stderr, t, r, opts)
			if failed(stderr, sum, &errs, t, err) {
				continue
			}
			sum.Add(res, nil)
			if flags.json {
				conform.WriteJSON(stdout, conform.NewRecord(res, nil))
			} else {
				conform.WriteText(stdout, res, nil)
			}
		}
	}
	if len(errs) == 0 {
		if err := sum.Err(); err != nil {
			return err
		}
	}
	return errs.Err()
}

// failed reports the error of a test, if any, and says whether there was
// one: a test the engine cannot run is skipped (said on stderr, counted in
// sum), any other error goes to errs.
func failed(stderr io.Writer, sum *conform.Summary, errs *litmus.ErrorList, t *litmus.Test, err error) bool {
	var unsupported *engine.UnsupportedError
	switch {
	case errors.As(err, &unsupported):
		fmt.Fprintf(stderr, "%s: skipped: %s\n", t.Pos, unsupported.Reason)
		sum.Skip(t, unsupported.Reason)
	case err != nil:
		errs.Wrap(t.Pos, err)
	default:
		return false
	}
	return true
}

// interruptible returns a context that an interrupt (^C) cancels, so that
// engine subprocesses are stopped.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, os.Interrupt)
}

// errInterrupted is the error of a run an interrupt stopped; one value, so
// that the list of errors names it once per test.
var errInterrupted = errors.New("interrupted (^C): the test stopped before it finished")

// runOne runs one test, with a warning when it has more threads than the
// machine has cores and a progress line on a terminal.
func runOne(ctx context.Context, stderr io.Writer, t *litmus.Test, r engine.Runner, opts engine.Options) (*engine.Result, error) {
	if n := len(t.Threads); n > runtime.NumCPU() {
		fmt.Fprintf(stderr, "%s: warning: test %s has %d threads but this machine has %d cores; its threads cannot all run at once\n", t.Pos, t.Name, n, runtime.NumCPU())
	}
	p := newProgress(stderr)
	opts.Progress = func(done, total int) {
		rate := float64(done) / time.Since(p.start).Seconds()
		p.show("%s: %d/%d iterations (%d%%), %s/s", t.Name, done, total, done*100/max(total, 1), budget.Group(int64(rate)))
	}
	res, err := engine.Run(ctx, t, r, opts)
	if errors.Is(err, context.Canceled) {
		err = errInterrupted // not "context canceled": say what happened
	}
	p.finish()
	return res, err
}

// memoryModes returns the ways t's memory is made in a run that asked for
// modes. A test with JavaScript threads has one way only: the mixed runner
// (engine/mixed.go) creates the memory in JavaScript and every thread
// imports it, so it runs once, as imported, whatever was asked.
func memoryModes(t *litmus.Test, modes []engine.MemoryMode) []engine.MemoryMode {
	if engine.HasJS(t) || engine.HasHost(t) {
		return []engine.MemoryMode{engine.ImportMemory}
	}
	return modes
}
