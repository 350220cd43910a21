package engine

import (
	"fmt"
	"strings"

	"wmm/litmus"
	"wmm/wasm"
)

// A mode is how the instances of a test share memory.
type mode uint8

const (
	// modeBatch puts many instances in one harness memory, each in its
	// own slot, and runs them in a loop inside Wasm behind a barrier.
	modeBatch mode = iota + 1
	// modeIsolated gives every instance a memory of its own, exactly the
	// test's: for tests that grow the memory or read its size.
	modeIsolated
)

func (m mode) String() string {
	if m == modeIsolated {
		return "isolated"
	}
	return "batch"
}

// An UnsupportedError says why a test cannot run on a real engine.
type UnsupportedError struct {
	Test   string
	Reason string
}

// Error returns "test NAME: reason".
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("test %s: %s", e.Test, e.Reason)
}

// A plan is what the analysis of a test decides about running it.
type plan struct {
	test  *litmus.Test
	mode  mode
	limit uint64 // the test memory's size in bytes: accesses beyond trap
	// window is how many bytes from its base an instance may touch: the
	// footprint of the fixed addresses rounded up to 64 when every address
	// is fixed, or the whole test memory otherwise.
	window uint32
	static bool // every access has a fixed address (and fill/copy a fixed length)
	waits  bool // some thread waits (the stuck protocol is compiled in)
	grows  bool // some thread or the setup code grows the memory
	atoms  []litmus.Loc
	// operands holds the constant operands of every memory instruction.
	operands map[*wasm.Instr][]operand
}

// analyze decides how t runs, or says why it cannot.
func analyze(t *litmus.Test, opts Options) (*plan, error) {
	p := &plan{test: t, limit: uint64(t.Memory.Pages) * wasm.PageSize, static: true, operands: map[*wasm.Instr][]operand{}}
	if len(t.Threads) == 0 {
		return nil, &UnsupportedError{t.Name, "no threads"}
	}
	if t.Memory.Max > opts.MaxMemory || t.Memory.Pages > opts.MaxMemory {
		return nil, &UnsupportedError{t.Name, fmt.Sprintf("memory of %d pages (max %d) is more than the limit of %d pages per instance (--max-memory)", t.Memory.Pages, t.Memory.Max, opts.MaxMemory)}
	}
	for _, th := range t.Threads {
		if len(th.After) > 0 {
			return nil, &UnsupportedError{t.Name, fmt.Sprintf("thread %s starts after %s (after:); the engine runner starts every thread at once, so it cannot run such a test", th.Name, strings.Join(th.After, ", "))}
		}
	}
	u := usage{}
	if t.Setup != nil {
		u.scanFunc(t.Setup, p)
		if u.waits {
			return nil, &UnsupportedError{t.Name, "memory.atomic.wait in setup code is not supported by the engine runner"}
		}
	}
	for _, th := range t.Threads {
		u.scanFunc(th.Code, p)
	}
	p.waits, p.grows = u.waits, u.grow
	p.atoms = t.MemLocs()
	p.mode = modeBatch
	if u.grow || u.size {
		p.mode = modeIsolated
		if u.infiniteWait {
			return nil, &UnsupportedError{t.Name, "a test that grows the memory or reads its size runs with one memory per instance, where a wait that may block forever cannot be detected; not supported by the engine runner"}
		}
	}
	p.window = p.windowSize(u.footprint)
	return p, nil
}

// windowSize returns the bytes of an instance's slot.
func (p *plan) windowSize(footprint uint64) uint32 {
	for _, in := range p.test.Init {
		footprint = max(footprint, p.inBounds(uint64(in.Addr), uint64(in.Width)))
	}
	for _, a := range p.atoms {
		if a.Kind == litmus.LocMem {
			footprint = max(footprint, p.inBounds(uint64(a.Addr), uint64(a.Width)))
		}
	}
	if !p.static {
		return uint32(p.limit)
	}
	return roundUp(uint32(max(footprint, 1)), 64)
}

// inBounds returns the end of the access [addr, addr+width) when it is
// within the test memory, and 0 otherwise (it traps and touches nothing).
func (p *plan) inBounds(addr, width uint64) uint64 {
	if addr+width > p.limit {
		return 0
	}
	return addr + width
}

// usage collects what the test's code uses.
type usage struct {
	grow, size, waits, infiniteWait bool
	footprint                       uint64
}

func (u *usage) scanFunc(f *wasm.Func, p *plan) {
	ops := constOperands(f.Body)
	for in, args := range ops {
		p.operands[in] = args
		u.access(in, args, p)
	}
}

// access records one memory instruction with its constant operands.
func (u *usage) access(in *wasm.Instr, args []operand, p *plan) {
	a := in.Op.Info().Access
	switch a.Kind {
	case wasm.AccessGrow:
		u.grow = true
		return
	case wasm.AccessSize:
		u.size = true
		return
	case wasm.AccessFence:
		return
	case wasm.AccessWait:
		u.waits = true
		if !args[2].known || int64(args[2].v) < 0 {
			u.infiniteWait = true
		}
	case wasm.AccessFill, wasm.AccessCopy:
		u.bulk(args, a.Kind == wasm.AccessCopy, p)
		return
	}
	if !args[0].known {
		p.static = false
		return
	}
	u.footprint = max(u.footprint, p.inBounds(args[0].v+uint64(in.Mem.Offset), uint64(a.Width)))
}

// bulk records a memory.fill (d, v, n) or memory.copy (d, s, n).
func (u *usage) bulk(args []operand, isCopy bool, p *plan) {
	d, n := args[0], args[2]
	if !d.known || !n.known || (isCopy && !args[1].known) {
		p.static = false
		return
	}
	u.footprint = max(u.footprint, p.inBounds(d.v, n.v))
	if isCopy {
		u.footprint = max(u.footprint, p.inBounds(args[1].v, n.v))
	}
}
