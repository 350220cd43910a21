package engine

import (
	"fmt"
	"runtime"

	"wmm/litmus"
	"wmm/wasm"
)

// A Harness is a test compiled for the engines: the module and everything
// a backend needs to drive it. Backends read it; they do not change it.
type Harness struct {
	Test *litmus.Test
	// Isolated is true when every instance needs a memory of its own (the
	// test grows the memory or reads its size): then each thread function
	// runs one instance per call and returns its status and locals, and
	// the host creates a fresh module instance for every instance.
	Isolated bool
	// Stacked is true when the isolated instances follow one another at
	// the top of one growing memory instead of each creating its own
	// (Options.Stack; stack.go): then MemPages is 0, MemMax the stack's
	// maximum, StackGroup the instances one stack holds, each taking
	// the test's initial pages at its start.
	Stacked    bool
	StackGroup int
	// Module is the binary module. It exports t0, t1, ... (one function
	// per thread), setup and wake, and imports ("env", "mem") or exports
	// "mem", as MemoryMode says.
	Module     []byte
	MemoryMode MemoryMode
	// MemPages and MemMax are the memory's size and maximum in pages.
	MemPages, MemMax uint32
	// Locals[t] is the number of locals thread t records.
	Locals []int
	// Layout places the data of a batch (batch mode only).
	Layout Layout
	// Init lists the writes that give each instance its initial contents,
	// at addresses relative to the instance's base.
	Init []litmus.Init
	// Atoms are the memory atoms (and size) read after every instance.
	Atoms []litmus.Loc
	// Waits is true when the test waits, so that the host must watch for
	// threads stuck in a wait (batch mode; see waits.go).
	Waits bool
	// Delays are the largest random delays of successive batches (in
	// isolated mode, instances), used in turn.
	Delays []uint32
	// SpinLimit is the barrier's spin limit.
	SpinLimit uint32
	// SyncEvery is how many instances the threads run between two
	// meetings at the barrier (batch mode; 1 unless Options.SyncEvery
	// says otherwise, and always 1 for a test that waits).
	SyncEvery int
	// Alive is how many isolated instances may exist at once within the
	// run's memory budget (isolated mode).
	Alive int

	maxMemory uint32 // Options.MaxMemory, for messages
}

// Compile analyses t and builds its harness.
func Compile(t *litmus.Test, opts Options) (*Harness, error) {
	h, m, err := compile(t, opts)
	if err != nil {
		return nil, err
	}
	h.Module, err = wasm.Encode(m)
	if err != nil {
		return nil, fmt.Errorf("test %s: encoding the harness: %w", t.Name, err)
	}
	return h, nil
}

// compile builds the harness and its module, not yet encoded.
func compile(t *litmus.Test, opts Options) (*Harness, *wasm.Module, error) {
	opts = opts.withDefaults()
	if err := refuseJS(t); err != nil {
		return nil, nil, err
	}
	if err := refuseHost(t); err != nil {
		return nil, nil, err
	}
	if err := refuseMemoryControl(t); err != nil {
		return nil, nil, err
	}
	p, err := analyze(t, opts)
	if err != nil {
		return nil, nil, err
	}
	if len(t.Threads) > maxThreads {
		return nil, nil, &UnsupportedError{t.Name, fmt.Sprintf("more than %d threads", maxThreads)}
	}
	h := &Harness{Test: t, Isolated: p.mode == modeIsolated, MemoryMode: opts.Memory, Init: t.Init, Atoms: p.atoms,
		Waits: p.waits && p.mode == modeBatch, Delays: opts.delays(), SpinLimit: opts.SpinLimit}
	if h.SpinLimit == 0 {
		h.SpinLimit = SpinLimitFor(len(t.Threads), runtime.NumCPU())
	}
	for _, th := range t.Threads {
		h.Locals = append(h.Locals, len(th.Code.Locals))
	}
	h.maxMemory = opts.MaxMemory
	if h.Isolated {
		h.MemPages, h.MemMax = t.Memory.Pages, max(t.Memory.Max, t.Memory.Pages)
		if !p.grows {
			// Only a grow can tell the maximum; without one the memory
			// is made at its initial size, which the JavaScript runners
			// may then reset and reuse (jsConfig.Reuse).
			h.MemMax = h.MemPages
		}
		if err := checkBudget(t.Name, h, opts.MemBudget); err != nil {
			return nil, nil, err
		}
		h.Alive = h.alive(opts.MemBudget, isolatedCollect)
		// A test that grows is stacked where it can be; one that does
		// not is better off reusing its memories (above).
		if opts.Stack && p.grows {
			if growth, ok := p.stackGrowth(); ok {
				h.stackShape(t.Memory.Pages, growth, opts.MemBudget)
			}
		}
		return h, isolatedModule(p, h), nil
	}
	batch := opts.Batch
	if h.Waits {
		// An instance whose thread is stuck costs a watchdog round trip;
		// keep batches short enough to finish well within the deadline.
		batch = min(batch, waitBatch)
	}
	if !p.static && p.limit > wasm.MaxPages*pageSize-ctlSize-1<<20 {
		return nil, nil, &UnsupportedError{t.Name, fmt.Sprintf("the batch harness puts the whole test memory of %d pages in each instance's slot (some address is computed), and with its control area that is more than a memory may have (%d pages)", t.Memory.Pages, wasm.MaxPages)}
	}
	h.SyncEvery = opts.syncEvery(len(t.Threads), runtime.NumCPU())
	if h.Waits {
		// The stuck protocol counts per instance from a barrier.
		h.SyncEvery = 1
	}
	h.Layout = newLayout(h.Locals, p.window, opts.Stride, batch)
	h.MemPages, h.MemMax = h.Layout.Pages, h.Layout.Pages
	if err := checkBudget(t.Name, h, opts.MemBudget); err != nil {
		return nil, nil, err
	}
	return h, batchModule(p, h), nil
}

// harnessMemory returns the module's memory, imported or defined.
func harnessMemory(h *Harness) wasm.Memory {
	mem := wasm.Memory{Min: h.MemPages, Max: h.MemMax, HasMax: true, Shared: true}
	if h.MemoryMode == ImportMemory {
		mem.ImportModule, mem.ImportName = "env", "mem"
	} else {
		mem.Export = "mem"
	}
	return mem
}

// A funcBuilder allocates the locals of a harness function: parameters,
// then the test code's locals, then the harness's own.
type funcBuilder struct {
	f     wasm.Func
	fr    frame
	nextL uint32
}

func newFuncBuilder(export string, params []wasm.ValType, results []wasm.ValType, code *wasm.Func) *funcBuilder {
	b := &funcBuilder{f: wasm.Func{Export: export, Results: results}}
	for _, t := range params {
		b.f.Params = append(b.f.Params, wasm.Local{Type: t})
	}
	b.fr.shift = uint32(len(params))
	b.nextL = b.fr.shift
	if code != nil {
		for _, l := range code.Locals {
			b.f.Locals = append(b.f.Locals, wasm.Local{Type: l.Type})
		}
		b.nextL += uint32(len(code.Locals))
	}
	for _, p := range []*uint32{&b.fr.base, &b.fr.gen, &b.fr.addr, &b.fr.tmp, &b.fr.inf, &b.fr.res, &b.fr.wordPA} {
		*p = b.local(wasm.I32)
	}
	b.fr.scratch = map[wasm.ValType][3]uint32{}
	for _, t := range []wasm.ValType{wasm.I32, wasm.I64, wasm.F32, wasm.F64} {
		b.fr.scratch[t] = [3]uint32{0, b.local(t), b.local(t)}
	}
	return b
}

// local adds a local of type t and returns its index.
func (b *funcBuilder) local(t wasm.ValType) uint32 {
	b.f.Locals = append(b.f.Locals, wasm.Local{Type: t})
	b.nextL++
	return b.nextL - 1
}

// wrapped returns the rewritten code inside the done, trap and stuck
// blocks; it leaves 1, 2 or 3 (done, trapped, stuck) in local status.
func wrapped(body []wasm.Instr, status uint32) wasm.Instr {
	return block(
		block(
			block(
				block(body...),
				i32(statusDone), set(status), br(2)),
			i32(statusTrapped), set(status), br(1)),
		i32(statusStuck), set(status))
}

// resetLocals zeroes the test code's locals, as a fresh call would.
func resetLocals(code *wasm.Func, shift uint32) []wasm.Instr {
	var out []wasm.Instr
	for j, l := range code.Locals {
		out = append(out, zeroOf(l.Type), set(shift+uint32(j)))
	}
	return out
}

func zeroOf(t wasm.ValType) wasm.Instr {
	switch t {
	case wasm.I64:
		return i64(0)
	case wasm.F32:
		return wasm.Instr{Op: wasm.OpF32Const}
	case wasm.F64:
		return wasm.Instr{Op: wasm.OpF64Const}
	}
	return i32(0)
}

// asI64 converts the local of type t on the stack to its bits as an i64.
func asI64(t wasm.ValType) []wasm.Instr {
	switch t {
	case wasm.I32:
		return list(ins(wasm.OpI64ExtendI32U))
	case wasm.F32:
		return list(ins(wasm.OpI32ReinterpretF32), ins(wasm.OpI64ExtendI32U))
	case wasm.F64:
		return list(ins(wasm.OpI64ReinterpretF64))
	}
	return nil
}

// delay spins a pseudo-random number of turns, 0 to delay-1, that depends
// on the instance index, the seed and the thread.
func delay(iLocal, seed, delayParam, counter uint32, thread int) []wasm.Instr {
	return append(delayTurns(iLocal, seed, delayParam, counter, thread), spinDown(counter))
}

// delayTurns sets local counter to delay's pseudo-random number of turns.
func delayTurns(iLocal, seed, delayParam, counter uint32, thread int) []wasm.Instr {
	return list(
		get(iLocal), i32(0x9E3779B1), ins(wasm.OpI32Mul), get(seed), ins(wasm.OpI32Xor),
		i32(int64(uint32(thread+1)*0x85EBCA6B)), ins(wasm.OpI32Xor), tee(counter),
		get(counter), i32(15), ins(wasm.OpI32ShrU), ins(wasm.OpI32Xor), i32(0x2C1B3C6D), ins(wasm.OpI32Mul), tee(counter),
		get(counter), i32(12), ins(wasm.OpI32ShrU), ins(wasm.OpI32Xor),
		get(delayParam), ins(wasm.OpI32RemU), set(counter),
	)
}

// spinDown spins local counter down to zero.
func spinDown(counter uint32) wasm.Instr {
	return block(loop(
		get(counter), ins(wasm.OpI32Eqz), brIf(1),
		get(counter), i32(1), ins(wasm.OpI32Sub), set(counter), br(0)))
}
