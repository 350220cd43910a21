package main

import (
	"context"
	"encoding/json"
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

	"wmm/engine"
	"wmm/litmus"
	"wmm/model"
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
success, 2 when some input could not be read or the engine cannot start.`

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
	maxMemory  uint32
	deadline   time.Duration
	timeout    time.Duration
	seed       uint64
	test       string
	testRE     *regexp.Regexp
	catalog    bool
	spin       uint32
}

func (f *engineFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.engine, "engine", "wazero", "the engine to run on (see above)")
	fl.StringVarP(&f.iterations, "iterations", "n", "100000", "instances of each test to run (1e6 and 1_000_000 are accepted)")
	fl.BoolVar(&f.json, "json", false, "print one JSON object per test")
	fl.StringVar(&f.delay, "delay", "auto", "largest random delay after the barrier, in spin-loop turns: a number (0: none), or auto to vary it between batches")
	fl.Uint32Var(&f.stride, "stride", engine.DefaultStride, "least distance in bytes between two instances' locations (multiple of 64)")
	fl.IntVar(&f.batch, "batch", engine.DefaultBatch, "instances per call into the engine")
	fl.StringVar(&f.memory, "memory", "import", "how the module gets its shared memory: import or define")
	fl.Uint32Var(&f.maxMemory, "max-memory", engine.DefaultMaxMemory, "refuse tests whose memory has more pages than this")
	fl.DurationVar(&f.deadline, "deadline", 20*time.Second, "longest time one batch may take before it is cancelled")
	fl.DurationVar(&f.timeout, "timeout", 0, "stop each test after this much time, with the iterations done so far (0: no limit)")
	fl.Uint64Var(&f.seed, "seed", 0, "seed of the random delays (0: a fixed default)")
	fl.Uint32Var(&f.spin, "spin", 0, "turns a thread spins at the barrier before it sleeps (0: 100000, or 500 when threads outnumber cores)")
	fl.StringVar(&f.test, "test", "", "run only the tests whose name matches this regular expression")
	registerCatalog(fl, &f.catalog, "run the")
}

// options converts the flags into engine options.
func (f *engineFlags) options() (engine.Options, error) {
	n, err := parseCount(f.iterations)
	if err != nil {
		return engine.Options{}, fmt.Errorf("--iterations: %v", err)
	}
	mem, err := engine.ParseMemoryMode(f.memory)
	if err != nil {
		return engine.Options{}, fmt.Errorf("--memory: %v", err)
	}
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
	if f.stride == 0 || f.stride > 1<<24 {
		return engine.Options{}, fmt.Errorf("--stride: expected 1 to %d bytes, found %d", 1<<24, f.stride)
	}
	if f.test != "" {
		if f.testRE, err = regexp.Compile(f.test); err != nil {
			return engine.Options{}, fmt.Errorf("--test: %v", err)
		}
	}
	return engine.Options{
		Iterations: n, Batch: f.batch, Delay: delay, Stride: f.stride, Memory: mem, MaxMemory: f.maxMemory,
		Deadline: f.deadline, Budget: f.timeout, Seed: f.seed, SpinLimit: f.spin,
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

// selectTests keeps the tests whose names match the --test pattern.
func (f *engineFlags) selectTests(tests []*litmus.Test) []*litmus.Test {
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
	cmd := &cobra.Command{
		Use:     "run [--engine E] [--iterations N] FILE...",
		Short:   "Run litmus tests on a real engine and print the observed outcomes",
		Long:    runLong,
		Example: runExample,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needInputs(cmd, flags.catalog, args); err != nil {
				return err
			}
			opts, err := flags.options()
			if err != nil {
				return &usageError{cmd: cmd, err: err}
			}
			return doRun(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, &flags, opts)
		},
	}
	flags.register(cmd)
	return cmd
}

// loadForEngine looks up the engine, loads the tests and selects them.
// The returned error list holds the loading errors; err is fatal.
func loadForEngine(paths []string, flags *engineFlags) (tests []*litmus.Test, r engine.Runner, errs litmus.ErrorList, err error) {
	if r, err = engine.Lookup(flags.engine); err != nil {
		return nil, nil, nil, err
	}
	tests, lerr := loadTests(paths, flags.catalog)
	appendErrors(&errs, lerr)
	return flags.selectTests(tests), r, errs, nil
}

// doRun runs every test and prints its histogram.
func doRun(ctx context.Context, stdout, stderr io.Writer, paths []string, flags *engineFlags, opts engine.Options) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	tests, r, errs, err := loadForEngine(paths, flags)
	if err != nil {
		return err
	}
	for _, t := range tests {
		res, err := runOne(ctx, stderr, t, r, opts)
		var unsupported *engine.UnsupportedError
		switch {
		case errors.As(err, &unsupported):
			fmt.Fprintf(stderr, "%s: skipped: %s\n", t.Pos, unsupported.Reason)
			continue
		case err != nil:
			errs.Add(t.Pos, err.Error())
			continue
		}
		if flags.json {
			writeEngineJSON(stdout, engineJSONOf(res, nil))
		} else {
			writeRunText(stdout, res, nil)
		}
	}
	return errs.Err()
}

// interruptible returns a context that an interrupt (^C) cancels, so that
// engine subprocesses are stopped.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, os.Interrupt)
}

// runOne runs one test, with a warning when it has more threads than the
// machine has cores and a progress line on a terminal.
func runOne(ctx context.Context, stderr io.Writer, t *litmus.Test, r engine.Runner, opts engine.Options) (*engine.Result, error) {
	if n := len(t.Threads); n > runtime.NumCPU() {
		fmt.Fprintf(stderr, "%s: warning: test %s has %d threads but this machine has %d cores; its threads cannot all run at once\n", t.Pos, t.Name, n, runtime.NumCPU())
	}
	p := newProgress(stderr, t.Name)
	opts.Progress = p.update
	res, err := engine.Run(ctx, t, r, opts)
	p.done()
	return res, err
}

// A progress prints a progress line on stderr, when it is a terminal and
// the run has taken more than a second.
type progress struct {
	w     io.Writer
	name  string
	start time.Time
	shown bool
	tty   bool
}

func newProgress(w io.Writer, name string) *progress {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, name: name, start: time.Now(), tty: tty}
}

func (p *progress) update(done, total int) {
	if !p.tty || time.Since(p.start) < time.Second {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r%s: %d/%d iterations (%d%%)\x1b[K", p.name, done, total, done*100/max(total, 1))
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// A judged histogram line: an outcome, its count, and what the model says
// of it (nil verdict: run, not validate).
type judged struct {
	outcome model.Outcome
	n       int
	allowed bool
}

// writeRunText prints a result in the style of litmus7: the histogram with
// * on the outcomes that satisfy the condition (and, for validate, FORBIDDEN
// on those the model forbids), the condition, the observation, the rate.
func writeRunText(w io.Writer, res *engine.Result, v *validation) {
	t := res.Test
	fmt.Fprintf(w, "Test %s on %s: %d iterations (%s mode)\n", t.Name, res.Version, res.Iterations, res.Config.Mode)
	lines := judgedLines(res, v)
	fmt.Fprintf(w, "Histogram (%d states)\n", len(lines))
	width := len(fmt.Sprint(res.Iterations))
	for _, l := range lines {
		mark := ":>"
		if t.Condition != nil && t.Condition.Prop.Eval(l.outcome) {
			mark = "*>"
		}
		suffix := ""
		if v != nil && !l.allowed {
			suffix = "   FORBIDDEN by " + v.model
		}
		fmt.Fprintf(w, "%*d %s %s%s\n", width, l.n, mark, l.outcome, suffix)
	}
	if t.Condition != nil {
		pos, neg := conditionCounts(t, lines)
		seen := "not seen"
		if pos > 0 {
			seen = fmt.Sprintf("seen %d times", pos)
		}
		fmt.Fprintf(w, "Condition %s: %s\n", t.Condition, seen)
		fmt.Fprintf(w, "Observation %s %s %d %d\n", t.Name, observationWord(pos, neg), pos, neg)
	}
	if res.Dropped > 0 {
		fmt.Fprintf(w, "Dropped %d unfinished instances\n", res.Dropped)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	if v != nil {
		v.writeText(w)
	}
	if c, ok := res.Concurrency(); ok {
		fmt.Fprintf(w, "Concurrency %.1f%% of instances had every thread running at once\n", 100*c)
	}
	fmt.Fprintf(w, "Rate %.0f iterations/s (%.2f s)\n\n", res.Rate(), res.Elapsed.Seconds())
}

// judgedLines returns the histogram of res, over the validation's names
// and judged by its allowed set when v is not nil.
func judgedLines(res *engine.Result, v *validation) []judged {
	counts := res.Histogram
	if v != nil {
		counts = res.Over(v.names)
	}
	var out []judged
	for _, c := range counts {
		out = append(out, judged{c.Outcome, c.N, v == nil || v.allowed.Contains(c.Outcome)})
	}
	return out
}

// conditionCounts counts the runs whose outcome satisfies the condition's
// proposition and those that do not.
func conditionCounts(t *litmus.Test, lines []judged) (pos, neg int) {
	for _, l := range lines {
		if t.Condition.Prop.Eval(l.outcome) {
			pos += l.n
		} else {
			neg += l.n
		}
	}
	return pos, neg
}

// observationWord is litmus7's word for the observed condition.
func observationWord(pos, neg int) string {
	switch {
	case pos == 0:
		return "Never"
	case neg == 0:
		return "Always"
	}
	return "Sometimes"
}

// engineJSON is the JSON object of LITMUS.md, "wmm run --json and wmm
// validate --json".
type engineJSON struct {
	Name          string           `json:"name"`
	Engine        string           `json:"engine"`
	Version       string           `json:"version"`
	Mode          string           `json:"mode"`
	Iterations    int              `json:"iterations"`
	Dropped       int              `json:"dropped"`
	Histogram     []histogramJSON  `json:"histogram"`
	Condition     *string          `json:"condition"`
	ConditionSeen bool             `json:"condition_seen"`
	Model         string           `json:"model,omitempty"`
	ForbiddenSeen *int             `json:"forbidden_seen,omitempty"`
	NotSeen       *[]model.Outcome `json:"not_seen,omitempty"`
	Coverage      *float64         `json:"coverage,omitempty"`
	Rate          int64            `json:"iterations_per_second"`
	Concurrency   *float64         `json:"concurrency,omitempty"`
	Notes         []string         `json:"notes,omitempty"`
}

type histogramJSON struct {
	Outcome model.Outcome `json:"outcome"`
	Count   int           `json:"count"`
	Allowed *bool         `json:"allowed,omitempty"`
}

// engineJSONOf builds the JSON object of a run, judged when v is not nil.
func engineJSONOf(res *engine.Result, v *validation) engineJSON {
	t := res.Test
	j := engineJSON{Name: t.Name, Engine: res.Engine, Version: res.Version, Mode: res.Config.Mode, Iterations: res.Iterations,
		Dropped: res.Dropped, Rate: int64(res.Rate()), Notes: res.Notes, Histogram: []histogramJSON{}}
	if c, ok := res.Concurrency(); ok {
		j.Concurrency = &c
	}
	lines := judgedLines(res, v)
	for _, l := range lines {
		h := histogramJSON{Outcome: l.outcome, Count: l.n}
		if v != nil {
			h.Allowed = &l.allowed
		}
		j.Histogram = append(j.Histogram, h)
	}
	if t.Condition != nil {
		s := t.Condition.String()
		j.Condition = &s
		pos, _ := conditionCounts(t, lines)
		j.ConditionSeen = pos > 0
	}
	if v != nil {
		j.Model = v.model
		j.ForbiddenSeen = &v.forbiddenRuns
		notSeen := append([]model.Outcome{}, v.notSeen...)
		j.NotSeen = &notSeen
		c := v.coverage()
		j.Coverage = &c
	}
	return j
}

func writeEngineJSON(w io.Writer, j engineJSON) {
	b, err := json.Marshal(j)
	if err != nil {
		fmt.Fprintf(w, "{\"name\": %q, \"error\": %q}\n", j.Name, err.Error())
		return
	}
	fmt.Fprintf(w, "%s\n", b)
}
