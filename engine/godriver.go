package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The Go driver runs a harness on an engine that lives in this process
// (wazero, wasmtime): one goroutine per thread, each locked to an OS
// thread, calling its thread function once per batch.

// goEngine is what the driver needs of an in-process engine.
type goEngine interface {
	// instantiate creates a fresh memory and the module instance(s) that
	// use it.
	instantiate(ctx context.Context) (goInstance, error)
	// version names the engine and its version.
	version() string
}

// goInstance is one instantiated harness.
type goInstance interface {
	// mem returns the memory's bytes; they alias the memory.
	mem() []byte
	// fn returns a function of the harness callable from one goroutine
	// at a time (thread functions t<k>, setup, wake). ctx bounds the call.
	fn(name string) (goFunc, error)
	// global reads the exported i64 global name of thread t's instance
	// (isolated mode: MirrorGlobal), after thread t's call returned.
	global(t int, name string) (uint64, error)
	// trap reports whether err, returned by a call, is a trap of the
	// engine (rather than cancellation or a failure of the host).
	trap(err error) bool
	close()
}

// goFunc calls a function with i32/i64 parameters and results as uint64.
type goFunc func(ctx context.Context, params []uint64) ([]uint64, error)

// A ctlPort reads and writes the control words of a batch harness from
// one goroutine while the threads run, through the harness's own atomic
// functions ctl and setctl.
type ctlPort struct {
	ld, st goFunc
}

// newCtlPort returns a port for one goroutine's use.
func newCtlPort(inst goInstance) (*ctlPort, error) {
	ld, err := inst.fn("ctl")
	if err != nil {
		return nil, err
	}
	st, err := inst.fn("setctl")
	if err != nil {
		return nil, err
	}
	return &ctlPort{ld, st}, nil
}

func (c *ctlPort) load(addr uint32) uint32 {
	res, err := c.ld(context.Background(), []uint64{uint64(addr)})
	if err != nil || len(res) == 0 {
		return 0
	}
	return uint32(res[0])
}

func (c *ctlPort) store(addr, v uint32) {
	c.st(context.Background(), []uint64{uint64(addr), uint64(v)})
}

// errDeadline reports a batch that missed its deadline.
var errDeadline = errors.New("batch deadline exceeded")

// runGo runs h on eng in this process.
func runGo(ctx context.Context, eng goEngine, h *Harness, opts Options) (*RawResult, error) {
	if h.Isolated {
		return runIsolated(ctx, eng, h, opts)
	}
	d := &batchDriver{eng: eng, h: h, opts: opts, raw: &RawResult{Counts: map[string]int{}, Version: eng.version()},
		skew: newSkewTuner(len(h.Locals))}
	return d.run(ctx)
}

// batchDriver runs the batches of a batch-mode harness.
type batchDriver struct {
	eng  goEngine
	h    *Harness
	opts Options
	raw  *RawResult

	quiet *quiet // the runtime settings while thread code runs
	// budgetEnd is when the run's time budget runs out (zero: never).
	budgetEnd time.Time
	// sleeps and arrivals count barrier sleeps and thread arrivals.
	sleeps, arrivals uint64
	inst             goInstance
	workers          []*worker
	fns              []goFunc // the thread functions
	setup            goFunc
	wake             goFunc
	ctl              *ctlPort // the driver goroutine's
	skew             *skewTuner
}

// A worker is a goroutine locked to an OS thread that calls a function
// when asked.
type worker struct {
	jobs chan workerJob
}

type workerJob struct {
	ctx    context.Context
	fn     goFunc
	params []uint64
	gate   *gate // when not nil, passed just before the call
	done   chan<- callResult
}

type callResult struct {
	thread int
	vals   []uint64
	err    error
}

func startWorker(thread int) *worker {
	w := &worker{jobs: make(chan workerJob)}
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for j := range w.jobs {
			if j.gate != nil {
				j.gate.pass()
			}
			vals, err := j.fn(j.ctx, j.params)
			j.done <- callResult{thread, vals, err}
		}
	}()
	return w
}

// A gate lets a known number of goroutines start together: each passes
// when all have arrived.
type gate struct {
	n       int32
	arrived atomic.Int32
}

func (g *gate) pass() {
	g.arrived.Add(1)
	for spins := 0; g.arrived.Load() < g.n; spins++ {
		if spins%1024 == 1023 {
			runtime.Gosched()
		}
	}
}

// open instantiates the harness and starts the workers.
func (d *batchDriver) open(ctx context.Context) error {
	inst, err := d.eng.instantiate(ctx)
	if err != nil {
		return err
	}
	d.inst, d.workers, d.fns = inst, nil, nil
	for t := range d.h.Locals {
		fn, err := inst.fn(fmt.Sprintf("t%d", t))
		if err != nil {
			return err
		}
		d.fns = append(d.fns, fn)
		d.workers = append(d.workers, startWorker(t))
	}
	if d.setup, err = inst.fn("setup"); err != nil {
		return err
	}
	if d.ctl, err = newCtlPort(inst); err != nil {
		return err
	}
	d.wake, err = inst.fn("wake")
	return err
}

// shut stops the workers and closes the instance. Workers still blocked
// in a call that ignores cancellation are abandoned.
func (d *batchDriver) shut() {
	for _, w := range d.workers {
		close(w.jobs)
	}
	d.workers = nil
	if d.inst != nil {
		d.inst.close()
		d.inst = nil
	}
}

func (d *batchDriver) run(ctx context.Context) (*RawResult, error) {
	d.quiet = quietRuntime(len(d.h.Locals))
	defer d.quiet.Restore()
	if err := d.open(ctx); err != nil {
		return nil, err
	}
	defer func() { d.shut() }()
	start := time.Now()
	if d.opts.Budget > 0 {
		d.budgetEnd = start.Add(d.opts.Budget)
	}
	total := d.opts.Iterations
	for done, b := 0, 0; done < total; b++ {
		if b > 0 {
			d.quiet.Collect()
		}
		if d.overBudget() {
			d.raw.Notes = append(d.raw.Notes, fmt.Sprintf("time budget of %s ran out after %d of %d iterations", d.opts.Budget, d.raw.Iterations, total))
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(d.h.Layout.Batch, total-done)
		err := d.batch(ctx, n, batchSeed(d.opts.Seed, b), d.h.Delays[b%len(d.h.Delays)])
		if errors.Is(err, errBudget) {
			d.raw.Notes = append(d.raw.Notes, fmt.Sprintf("time budget of %s ran out inside a batch, after %d of %d iterations", d.opts.Budget, d.raw.Iterations, total))
			break
		}
		if err != nil {
			return nil, err
		}
		done += n
		if d.opts.Progress != nil {
			d.opts.Progress(done, total)
		}
	}
	d.raw.Elapsed = time.Since(start)
	d.sleepNote()
	return d.raw, nil
}

// overBudget reports whether the run's time budget has run out.
func (d *batchDriver) overBudget() bool {
	return !d.budgetEnd.IsZero() && !time.Now().Before(d.budgetEnd)
}

// errBudget ends a batch cancelled because the run's budget ran out.
var errBudget = errors.New("time budget exceeded")

// sleepNote says when threads often slept at the barrier: then they
// rarely started an instance together.
func (d *batchDriver) sleepNote() {
	if d.arrivals == 0 {
		return
	}
	if r := float64(d.sleeps) / float64(d.arrivals); r > 0.1 {
		d.raw.Notes = append(d.raw.Notes, fmt.Sprintf("threads slept at the barrier in %.0f%% of arrivals: they could not run at once (%d threads, %d cores, or a loaded machine)", 100*r, len(d.h.Locals), runtime.NumCPU()))
	}
}

// batchSeed derives the delays' seed of batch b.
func batchSeed(seed uint64, b int) uint64 {
	x := seed ^ uint64(b)*0x9E3779B97F4A7C15
	x ^= x >> 31
	return x & 0xFFFFFFFF
}

// batch runs one batch of n instances and counts their outcomes.
func (d *batchDriver) batch(ctx context.Context, n int, seed uint64, delay uint32) error {
	mem := d.inst.mem()
	d.prepare(mem, n)
	timerCtl, err := newCtlPort(d.inst)
	if err != nil {
		return err
	}
	timer := time.AfterFunc(d.opts.Deadline, func() { timerCtl.store(ctlCancel, 1) })
	res, err := d.setup(ctx, []uint64{uint64(n)})
	timer.Stop()
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	if res[0] == 0xFFFFFFFF {
		return fmt.Errorf("test %s: the setup code did not finish within the deadline of %s", d.h.Test.Name, d.opts.Deadline)
	}
	if res[0] != 0 {
		return fmt.Errorf("test %s: the setup code does not complete (it traps) in instance %d", d.h.Test.Name, res[0]-1)
	}
	end := time.Now().Add(d.opts.Deadline)
	if !d.budgetEnd.IsZero() && d.budgetEnd.Before(end) {
		end = d.budgetEnd
	}
	bctx, cancel := context.WithDeadline(ctx, end)
	defer cancel()
	errs := d.launch(bctx, n, seed, delay)
	if errs == nil {
		counted := d.count(mem, n)
		d.raw.Dropped += n - counted
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if !errors.Is(errs, errDeadline) && bctx.Err() == nil {
		return fmt.Errorf("test %s: %w", d.h.Test.Name, errs)
	}
	// The last finished instance's records may still be being written.
	counted := d.count(mem, max(d.finished(mem, n)-1, 0))
	if d.overBudget() {
		// Cancelled for the budget: the unfinished instances were never
		// meant to run.
		return errBudget
	}
	d.raw.Dropped += n - counted
	d.raw.Notes = append(d.raw.Notes, fmt.Sprintf("a batch missed its deadline of %s; %d unfinished instances were dropped and the engine restarted", d.opts.Deadline, n-counted))
	d.shut()
	return d.open(ctx)
}

// finished returns how many of the first n instances every thread has
// finished. Instances finish in order.
func (d *batchDriver) finished(mem []byte, n int) int {
	for i := range n {
		for t := range d.h.Locals {
			if mem[d.h.Layout.record(t, i)] == statusNone {
				return i
			}
		}
	}
	return n
}

// launch calls every thread function on n instances and waits for all of
// them, or for the deadline.
func (d *batchDriver) launch(ctx context.Context, n int, seed uint64, delay uint32) error {
	done := make(chan callResult, len(d.workers))
	sleeps := d.ctl.load(ctlSleeps)
	defer func() {
		d.sleeps += uint64(d.ctl.load(ctlSleeps) - sleeps)
		d.arrivals += uint64(n * len(d.workers))
	}()
	params := []uint64{uint64(n), seed, uint64(delay) + 1, uint64(d.h.SpinLimit)}
	for t, w := range d.workers {
		w.jobs <- workerJob{ctx: ctx, fn: d.fns[t], params: params, done: done}
	}
	var watch sync.WaitGroup
	stop := make(chan struct{})
	if d.h.Waits {
		watch.Add(1)
		go func() {
			defer watch.Done()
			d.watchdog(ctx, stop)
		}()
	}
	var first error
	for range d.workers {
		select {
		case r := <-done:
			if r.err != nil && first == nil {
				first = r.err
			}
		case <-ctx.Done():
			close(stop)
			watch.Wait()
			d.cancel(done)
			return errDeadline
		}
	}
	close(stop)
	watch.Wait()
	return first
}

// cancelGrace is how long cancelled threads get to return.
const cancelGrace = 2 * time.Second

// cancel makes the threads of a batch that missed its deadline return:
// it sets the cancel word, which every loop of the harness checks, and
// wakes every thread asleep at the barrier or in a wait. A thread that
// still does not return (in a wait with a long finite timeout) is
// abandoned with its instance.
func (d *batchDriver) cancel(done <-chan callResult) {
	d.ctl.store(ctlCancel, 1)
	ctx := context.Background()
	timeout := time.After(cancelGrace)
	for returned := 0; returned < len(d.workers); {
		d.wake(ctx, []uint64{ctlGen})
		for t := range d.workers {
			if a := d.ctl.load(ctlWaitAddr(t)); a != 0 {
				d.wake(ctx, []uint64{uint64(a - 1)})
			}
		}
		select {
		case <-done:
			returned++
		case <-time.After(time.Millisecond):
		case <-timeout:
			d.quiet.Resume() // a thread is left running
			return
		}
	}
}

// prepare zeroes the records and slots of n instances and writes the
// initial contents.
func (d *batchDriver) prepare(mem []byte, n int) {
	l := &d.h.Layout
	for t := range d.h.Locals {
		clear(mem[l.Results[t] : l.Results[t]+uint32(n)*l.RecordSize[t]])
	}
	clear(mem[l.Slots : l.Slots+uint32(n)*l.Stride])
	for i := range n {
		writeInit(mem, l.slot(i), d.h)
	}
	d.skew.write(mem)
}

// count adds the outcomes of the finished instances among the first n to
// the histogram and returns how many finished. Instances finish in order.
func (d *batchDriver) count(mem []byte, n int) int {
	l := &d.h.Layout
	key := make([]byte, 0, d.h.KeySize())
	saw := make([]uint32, len(d.h.Locals))
	leader := make([]bool, len(d.h.Locals))
	defer d.skew.update()
	for i := range n {
		key = key[:0]
		for t, locals := range d.h.Locals {
			rec := l.record(t, i)
			if mem[rec] == statusNone {
				return i
			}
			saw[t] = sawMask(mem[rec:])
			leader[t] = mem[rec+4]&1 != 0
			key = append(key, mem[rec])
			key = append(key, mem[rec+8:rec+8+8*uint32(locals)]...)
		}
		slot := mem[l.slot(i) : l.slot(i)+l.Window]
		for _, a := range d.h.Atoms {
			key = binary.LittleEndian.AppendUint64(key, atomValue(a, slot, d.h.Test.Memory.Pages))
		}
		d.raw.Counts[string(key)]++
		d.raw.Iterations++
		if len(saw) >= 2 {
			d.raw.Measured++
			if concurrent(saw) {
				d.raw.Concurrent++
			}
			d.skew.observe(saw, leader)

		}
	}
	return n
}

// watchdog ends waits that can never be woken (see waits.go): it polls the
// control area until stop is closed.
func (d *batchDriver) watchdog(ctx context.Context, stop <-chan struct{}) {
	c, err := newCtlPort(d.inst)
	if err != nil {
		return
	}
	threads := uint32(len(d.h.Locals))
	tick := time.NewTicker(100 * time.Microsecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		g := c.load(ctlGen)
		count := c.load(ctlCount)
		stuck := c.load(ctlStuck)
		wakes := c.load(ctlWakes)
		if c.load(ctlGen) != g {
			continue
		}
		pending, claimed := stuck>>16, stuck&0xFFFF
		if pending == 0 || count+pending != threads || claimed != wakes {
			continue
		}
		c.store(ctlAbort, g)
		for t := range d.h.Locals {
			if a := c.load(ctlWaitAddr(t)); a != 0 {
				d.wake(ctx, []uint64{uint64(a - 1)})
			}
		}
	}
}
