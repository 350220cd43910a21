package engine

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"wmm/litmus"
	"wmm/model"
)

// A Result is the observed histogram of one test on one engine.
type Result struct {
	Test   *litmus.Test
	Engine string
	// Names are the observed names: the test's, with T:trap and T:stuck
	// for threads that trapped or stuck in some run.
	Names []litmus.Loc
	// Histogram lists the distinct outcomes over Names, sorted, with how
	// often each was seen.
	Histogram  []Count
	Iterations int // instances counted in the histogram
	Dropped    int // instances that did not finish (deadline)
	Elapsed    time.Duration
	Version    string
	Config     Config
	Notes      []string
	// Measured and Concurrent: see RawResult.
	Measured, Concurrent int

	trapped, stuck map[string]bool
	// h and raw are the harness and the raw counts the result came from
	// (for reproducers).
	h   *Harness
	raw map[string]int
}

// A Count is one line of a histogram.
type Count struct {
	Outcome model.Outcome
	N       int
}

// Config records how a run was made, for reports.
type Config struct {
	Mode string // "batch" or "isolated"
	// Stacked: isolated instances ran one after another at the top of
	// one growing memory (Harness.Stacked).
	Stacked bool
	Memory  string // "import" or "define"
	Delays  []uint32
	Stride  uint32
	Batch   int
}

// Concurrency returns the fraction of measured instances whose threads
// all overlapped in time, and false when none was measured.
func (r *Result) Concurrency() (float64, bool) {
	if r.Measured == 0 {
		return 0, false
	}
	return float64(r.Concurrent) / float64(r.Measured), true
}

// Rate returns the iterations per second.
func (r *Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Iterations) / r.Elapsed.Seconds()
}

// Trapped reports whether thread trapped in some run.
func (r *Result) Trapped(thread string) bool { return r.trapped[thread] }

// Stuck reports whether thread was stuck in some run.
func (r *Result) Stuck(thread string) bool { return r.stuck[thread] }

// Over returns the histogram over other names (for example the union of
// the engine's and a model's), merging outcomes that become equal.
func (r *Result) Over(names []litmus.Loc) []Count {
	strs := locStrings(names)
	index := map[string]int{}
	var out []Count
	for _, c := range r.Histogram {
		o := c.Outcome.Over(strs)
		k := o.String()
		if i, ok := index[k]; ok {
			out[i].N += c.N
			continue
		}
		index[k] = len(out)
		out = append(out, Count{o, c.N})
	}
	slices.SortFunc(out, func(a, b Count) int { return model.Compare(a.Outcome, b.Outcome) })
	return out
}

func locStrings(names []litmus.Loc) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.String()
	}
	return out
}

// A raw outcome, decoded from its key: every thread's status and locals
// and the atoms' values.
type rawOutcome struct {
	status []byte
	locals [][]uint64
	atoms  []uint64
}

// KeySize returns the length of a raw outcome key: for each thread a
// status byte and 8 little-endian bytes per local, then 8 bytes per atom.
func (h *Harness) KeySize() int {
	n := 8 * len(h.Atoms)
	for _, l := range h.Locals {
		n += 1 + 8*l
	}
	return n
}

// decodeKey splits a raw outcome key.
func (h *Harness) decodeKey(key string) (rawOutcome, error) {
	if len(key) != h.KeySize() {
		return rawOutcome{}, fmt.Errorf("raw outcome of %d bytes, expected %d", len(key), h.KeySize())
	}
	var r rawOutcome
	off := 0
	u64 := func() uint64 {
		v := binary.LittleEndian.Uint64([]byte(key[off : off+8]))
		off += 8
		return v
	}
	for _, n := range h.Locals {
		st := key[off]
		if st < statusDone || st > statusStuck {
			return rawOutcome{}, fmt.Errorf("raw outcome with thread status %d", st)
		}
		r.status = append(r.status, st)
		off++
		ls := make([]uint64, n)
		for j := range ls {
			ls[j] = u64()
		}
		r.locals = append(r.locals, ls)
	}
	for range h.Atoms {
		r.atoms = append(r.atoms, u64())
	}
	return r, nil
}

// Decode names the outcomes of a raw result.
func (h *Harness) Decode(raw *RawResult) (*Result, error) {
	t := h.Test
	res := &Result{Test: t, Iterations: raw.Iterations, Dropped: raw.Dropped, Elapsed: raw.Elapsed, Version: raw.Version, Notes: raw.Notes,
		Measured: raw.Measured, Concurrent: raw.Concurrent, h: h, raw: raw.Counts, trapped: map[string]bool{}, stuck: map[string]bool{}}
	type entry struct {
		r rawOutcome
		n int
	}
	var entries []entry
	for key, n := range raw.Counts {
		r, err := h.decodeKey(key)
		if err != nil {
			return nil, fmt.Errorf("engine result for %s: %w", t.Name, err)
		}
		for i, th := range t.Threads {
			res.trapped[th.Name] = res.trapped[th.Name] || r.status[i] == statusTrapped
			res.stuck[th.Name] = res.stuck[th.Name] || r.status[i] == statusStuck
		}
		entries = append(entries, entry{r, n})
	}
	res.Names = t.Names(res.Trapped, res.Stuck)
	index := map[string]int{}
	for _, e := range entries {
		o := h.outcome(e.r, res.Names)
		k := o.String()
		if i, ok := index[k]; ok {
			res.Histogram[i].N += e.n
			continue
		}
		index[k] = len(res.Histogram)
		res.Histogram = append(res.Histogram, Count{o, e.n})
	}
	slices.SortFunc(res.Histogram, func(a, b Count) int { return model.Compare(a.Outcome, b.Outcome) })
	return res, nil
}

// outcome builds the outcome of a raw outcome over names.
func (h *Harness) outcome(r rawOutcome, names []litmus.Loc) model.Outcome {
	out := make(model.Outcome, len(names))
	for i, n := range names {
		out[i] = model.Binding{Name: n.String(), Value: h.value(r, n)}
	}
	return out
}

// value returns the value of one observed name in a raw outcome.
func (h *Harness) value(r rawOutcome, l litmus.Loc) uint64 {
	switch l.Kind {
	case litmus.LocMem, litmus.LocSize:
		if i := slices.Index(h.Atoms, l); i >= 0 {
			return r.atoms[i]
		}
		return 0
	}
	ti := slices.IndexFunc(h.Test.Threads, func(th litmus.Thread) bool { return th.Name == l.Thread })
	if ti < 0 {
		return 0
	}
	switch l.Kind {
	case litmus.LocTrap:
		return b2u(r.status[ti] == statusTrapped)
	case litmus.LocStuck:
		return b2u(r.status[ti] == statusStuck)
	case litmus.LocLocal:
		code := h.Test.Threads[ti].Code
		if j, ok := code.LocalIndex(l.Local); ok {
			v := r.locals[ti][j]
			if code.Locals[j].Type.Bits() == 32 {
				v &= 0xFFFFFFFF
			}
			return v
		}
	}
	return 0
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// atomValue reads atom a from an instance's test memory mem (the bytes
// from the instance's base), whose size is pages pages. An atom beyond the
// size reads 0.
func atomValue(a litmus.Loc, mem []byte, pages uint32) uint64 {
	if a.Kind == litmus.LocSize {
		return uint64(pages)
	}
	end := uint64(a.Addr) + uint64(a.Width)
	if end > uint64(pages)*pageSize || end > uint64(len(mem)) {
		return 0
	}
	var buf [8]byte
	copy(buf[:], mem[a.Addr:end])
	return binary.LittleEndian.Uint64(buf[:])
}
