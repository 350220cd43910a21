package engine

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"
)

// isolatedCollect is the most instances an isolated run makes between two
// collections (each instantiation allocates a module and its memory);
// fewer when the memories are large (Harness.Alive).
const isolatedCollect = 64

// runIsolated runs an isolated-mode harness: every instance gets a fresh
// instantiation (and so a fresh memory of the test's size); the threads
// start together through a gate in Go and each runs its function once.
// A test whose memory cannot grow (its maximum is its initial size, as
// harness.go makes it for a test without a grow) reuses one instantiation
// instead: before each instance every byte of the memory goes back to
// zero, then the initial values and the setup code, as on a fresh memory,
// and the thread functions zero their mirror globals (isolated.go). An
// instantiation whose threads missed the deadline is never reused.
func runIsolated(ctx context.Context, eng goEngine, h *Harness, opts Options) (*RawResult, error) {
	if h.Stacked {
		return nil, fmt.Errorf("test %s: a stacked harness (Options.Stack) runs on the JavaScript runners only", h.Test.Name)
	}
	raw := &RawResult{Counts: map[string]int{}, Version: eng.version()}
	workers := make([]*worker, len(h.Locals))
	for t := range workers {
		workers[t] = startWorker(t)
	}
	defer func() {
		for _, w := range workers {
			close(w.jobs)
		}
	}()
	q := quietRuntime(len(workers))
	defer q.Restore()
	reuse := &isoReuse{on: h.MemMax == h.MemPages}
	defer reuse.drop()
	start := time.Now()
	for i := 0; i < opts.Iterations; i++ {
		if i > 0 && i%max(h.Alive, 1) == 0 && reuse.kept == nil {
			q.Collect()
		}
		if opts.Budget > 0 && time.Since(start) > opts.Budget {
			raw.Notes = append(raw.Notes, fmt.Sprintf("time budget of %s ran out after %d of %d iterations", opts.Budget, i, opts.Iterations))
			break
		}
		key, ok, err := isolatedInstance(ctx, eng, h, opts, workers, batchSeed(opts.Seed, i), h.Delays[i%len(h.Delays)], reuse)
		if err != nil {
			return nil, err
		}
		if ok {
			raw.Counts[key]++
			raw.Iterations++
		} else {
			if raw.Dropped == 0 {
				raw.Notes = append(raw.Notes, fmt.Sprintf("instances that missed the deadline of %s were dropped", opts.Deadline))
			}
			raw.Dropped++
			q.Resume()
			// The workers of a cancelled call may still be blocked.
			for t, w := range workers {
				close(w.jobs)
				workers[t] = startWorker(t)
			}
		}
		if opts.Progress != nil && ((i+1)%256 == 0 || i+1 == opts.Iterations) {
			opts.Progress(i+1, opts.Iterations)
		}
	}
	raw.Elapsed = time.Since(start)
	return raw, nil
}

// isoReuse holds the instantiation an isolated run reuses (when on), from
// the end of one instance to the start of the next.
type isoReuse struct {
	on   bool
	kept goInstance
}

// take returns the kept instantiation, reset (zeroed memory), or a new
// one.
func (r *isoReuse) take(ctx context.Context, eng goEngine) (goInstance, error) {
	if inst := r.kept; inst != nil {
		r.kept = nil
		clear(inst.mem())
		return inst, nil
	}
	return eng.instantiate(ctx)
}

// give keeps inst for the next instance when reuse is on and no thread
// runs in it (clean); otherwise it closes it.
func (r *isoReuse) give(inst goInstance, clean bool) {
	if r.on && clean && r.kept == nil {
		r.kept = inst
		return
	}
	inst.close()
}

func (r *isoReuse) drop() {
	if r.kept != nil {
		r.kept.close()
		r.kept = nil
	}
}

// isolatedInstance runs one instance and returns its raw outcome key. It
// reports false when the instance missed its deadline.
func isolatedInstance(ctx context.Context, eng goEngine, h *Harness, opts Options, workers []*worker, seed uint64, delay uint32, reuse *isoReuse) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	inst, err := reuse.take(ctx, eng)
	if err != nil {
		return "", false, err
	}
	// The instance is closed only once no thread runs in it: a run cut
	// short (its deadline, an error) cancels the threads' calls and waits
	// for them, a while, before closing; a thread that still has not
	// returned keeps the instance, which is then left to it rather than
	// closed under it. Only an instance whose threads all returned of
	// themselves (finished) may be kept for reuse.
	pending := 0
	finished := false
	done := make(chan callResult, len(workers))
	ictx, cancel := context.WithTimeout(ctx, opts.Deadline)
	defer func() {
		cancel()
		for timeout := time.After(2 * time.Second); pending > 0; pending-- {
			select {
			case <-done:
			case <-timeout:
				return
			}
		}
		reuse.give(inst, finished)
	}()
	writeInit(inst.mem(), 0, h)
	if err := isolatedSetup(ctx, inst, h); err != nil {
		return "", false, err
	}
	g := &gate{n: int32(len(workers))}
	params := []uint64{seed, uint64(delay) + 1}
	for t, w := range workers {
		fn, err := inst.fn(fmt.Sprintf("t%d", t))
		if err != nil {
			return "", false, err
		}
		w.jobs <- workerJob{ctx: ictx, fn: fn, params: params, gate: g, done: done}
		pending++
	}
	results := make([][]uint64, len(workers))
	for range workers {
		select {
		case r := <-done:
			pending--
			if r.err != nil {
				if ictx.Err() != nil {
					return "", false, ctx.Err()
				}
				if !inst.trap(r.err) {
					return "", false, fmt.Errorf("test %s: %w", h.Test.Name, r.err)
				}
				if r.vals, err = trappedResult(inst, h, r.thread); err != nil {
					return "", false, err
				}
			}
			results[r.thread] = r.vals
		case <-ictx.Done():
			return "", false, ctx.Err()
		}
	}
	finished = true
	return isolatedKey(h, results, inst.mem()), true, nil
}

// trappedResult returns the result of thread t's function when the
// engine trapped in it: the trapped status, then the locals the thread
// had at the trap, from their mirror globals.
func trappedResult(inst goInstance, h *Harness, t int) ([]uint64, error) {
	vals := []uint64{statusTrapped}
	for j := range h.Locals[t] {
		v, err := inst.global(t, MirrorGlobal(t, j))
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// writeInit writes the initial contents of the instance at base. Entries
// beyond the test memory (which the loader does not accept) are left out.
func writeInit(mem []byte, base uint32, h *Harness) {
	limit := uint64(h.Test.Memory.Pages) * pageSize
	for _, in := range h.Init {
		if uint64(in.Addr)+uint64(in.Width) > limit || uint64(base)+uint64(in.Addr)+uint64(in.Width) > uint64(len(mem)) {
			continue
		}
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], in.Value)
		copy(mem[base+in.Addr:], buf[:in.Width])
	}
}

// isolatedKey builds the raw outcome key from the thread functions'
// results (status, then locals) and the final memory.
func isolatedKey(h *Harness, results [][]uint64, mem []byte) string {
	key := make([]byte, 0, h.KeySize())
	for t, vals := range results {
		key = append(key, byte(vals[0]))
		for _, v := range vals[1 : 1+h.Locals[t]] {
			key = binary.LittleEndian.AppendUint64(key, v)
		}
	}
	pages := uint32(len(mem) / pageSize)
	for _, a := range h.Atoms {
		key = binary.LittleEndian.AppendUint64(key, atomValue(a, mem, pages))
	}
	return string(key)
}

func isolatedSetup(ctx context.Context, inst goInstance, h *Harness) error {
	setup, err := inst.fn("setup")
	if err != nil {
		return err
	}
	res, err := setup(ctx, nil)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	if res[0] != statusDone {
		return fmt.Errorf("test %s: the setup code does not complete (it traps)", h.Test.Name)
	}
	return nil
}
