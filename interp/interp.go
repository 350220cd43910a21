// Package interp is the operational interpreter of one thread's
// WebAssembly code. It executes a wasm.Func and records, in program order,
// the events that the threads proposal's semantics emits for each
// instruction (MODEL.md §5), with the values read and written.
//
// The interpreter knows nothing about memory models. Every value it reads
// from memory and every nondeterministic choice (whether a grow fails
// spuriously, how a suspended wait ends, how many waiters a notify wakes)
// is asked of an Oracle. Package enumerate answers in every possible way and
// lets the model decide which answers are consistent.
package interp

import (
	"wmm/model"
	"wmm/wasm"
)

// An Oracle answers the interpreter's questions. Implementations may
// answer anything; the interpreter only requires that ReadData returns n
// bytes.
type Oracle interface {
	// ReadLen returns the length in bytes that a read of the length cell
	// returns.
	ReadLen(ord model.Ord) uint64
	// ReadData returns the n bytes that a read of data[off, off+n)
	// returns.
	ReadData(off uint64, n int, ord model.Ord) []byte
	// GrowSucceeds decides whether a memory.grow that has room below the
	// maximum succeeds (false is a spurious failure, MODEL.md §5.7).
	GrowSucceeds() bool
	// WaitEnd decides how a suspended wait ends, among the allowed ends.
	WaitEnd(canTimeout, canBlock bool) WaitEnd
	// Notify decides how many waiters a notify with limit k wakes.
	Notify(k uint32) uint32
}

// A Watcher is an Oracle that wants to see the thread's events as they are
// emitted, for example to answer reads from the thread's own earlier
// writes.
type Watcher interface {
	Emitted(e *model.Event)
}

// A WaitEnd is how a suspended wait ends.
type WaitEnd uint8

// The ends of a suspended wait.
const (
	Woken    WaitEnd = iota + 1 // resumed by a notify: result 0
	TimedOut                    // resumed by its timeout: result 2
	Blocked                     // never resumed
)

// Config holds what a run depends on besides the code.
type Config struct {
	Sem      model.Semantics
	Unroll   int    // back-edges allowed per loop entry (iterations beyond the first)
	MaxPages uint32 // the memory's maximum size in pages
	// MoreMaxPages are the maximum sizes in pages of memories 1, 2, ...
	// (multi-memory, MODEL.md §19.1).
	MoreMaxPages []uint32
	// ImportLenRead makes the thread's first event an SC read of the
	// length (the import check of instantiation, MODEL.md §6.4).
	ImportLenRead bool
	// Protect says that the test protects pages (memory.protect, feature
	// protect): every access first reads the protection state of the
	// pages it touches (MODEL.md §18.1).
	Protect bool
	// MaxSteps bounds the instructions one run may execute (0: a default).
	MaxSteps int
	// Host runs the functions the code imports (call); nil when the test
	// has none, and then a call traps.
	Host Host
}

// A Trace is the result of one run of a thread.
type Trace struct {
	Events []*model.Event // in program order; Thread, ID are left to the caller
	Locals []uint64       // final values of all locals (parameters first)
	Status model.Status
	Trap   model.TrapKind // why the thread trapped, when Status is Trapped
	// Tainted lists the indices (into Events) of writes whose value was
	// computed from values read from memory: the places where
	// out-of-thin-air values could enter (MODEL.md §13.3).
	Tainted []int
	// Dependent counts the writes whose value, address or very existence
	// depends on values read from data memory: RMWs, stores of computed
	// values or to computed addresses, and every write after a branch (or
	// a possible trap, or a wait) on a read value. A value at the end of a
	// chain of such writes needs that many distinct writes, which bounds
	// the value-domain fixpoint. Writes counts every write: with memory
	// that can grow, every write depends on the length its bounds check
	// reads.
	Dependent, Writes int
}

// A value on the operand stack or in a local: its bits (i32 and f32 in the
// low 32 bits) and whether it was computed from a value read from memory.
type value struct {
	bits  uint64
	taint bool
}

// signal says how executing a sequence of instructions ended.
type signal uint8

const (
	fallThrough signal = iota
	branch             // a br to an enclosing label (machine.depth says which)
	returned
	stopped // trapped, blocked, cut, or out of steps
)

type machine struct {
	cfg    Config
	oracle Oracle
	fn     *wasm.Func
	stack  []value
	locals []value
	trace  *Trace
	depth  uint32 // the pending branch's remaining label depth
	steps  int
	// branched is set once the thread has branched on a value computed
	// from memory: every later write depends on reads.
	branched bool
	// th is the thread's state handed to calls (nil until the first call
	// of a run that Run started); exc is the JS exception that unwinds
	// this function.
	th  *Thread
	exc error
}

const defaultMaxSteps = 100000

// Run executes f, which must have passed wasm.Validate, and returns its
// trace.
func Run(f *wasm.Func, cfg Config, o Oracle) *Trace {
	if cfg.MaxSteps == 0 {
		cfg.MaxSteps = defaultMaxSteps
	}
	m := &machine{cfg: cfg, oracle: o, fn: f, trace: &Trace{Status: model.Done}}
	m.locals = make([]value, len(f.Params)+len(f.Locals))
	if cfg.Host != nil {
		m.th = &Thread{Config: cfg, Oracle: o, Trace: m.trace}
		m.th.Active = map[any]int{f: 1}
		m.th.Depth = 1
	}
	if cfg.ImportLenRead {
		n := o.ReadLen(model.SeqCst)
		m.emit(&model.Event{Len: lenAccess(model.Read, model.SeqCst, n, 0), Instr: "(instantiation: import check)"}, nil)
	}
	m.seq(f.Body)
	m.trace.Locals = make([]uint64, len(m.locals))
	for i, v := range m.locals {
		m.trace.Locals[i] = v.bits
	}
	return m.trace
}

// seq executes a sequence of instructions.
func (m *machine) seq(body []wasm.Instr) signal {
	for i := range body {
		if s := m.step(&body[i]); s != fallThrough {
			return s
		}
	}
	return fallThrough
}

// stop ends the run with a status.
func (m *machine) stop(s model.Status) signal {
	m.trace.Status = s
	return stopped
}

// trap ends the run with a trap. The trapping event, if any, has already
// been emitted with its Trap field set.
func (m *machine) trap(k model.TrapKind) signal {
	m.trace.Trap = k
	return m.stop(model.Trapped)
}

func (m *machine) push(v value) { m.stack = append(m.stack, v) }

// popControl pops a branch condition, noting whether it came from memory.
func (m *machine) popControl() value {
	v := m.pop()
	m.branched = m.branched || v.taint
	return v
}

func (m *machine) pop() value {
	v := m.stack[len(m.stack)-1]
	m.stack = m.stack[:len(m.stack)-1]
	return v
}

// step executes one instruction.
func (m *machine) step(in *wasm.Instr) signal {
	m.steps++
	if m.steps > m.cfg.MaxSteps {
		return m.stop(model.Cut)
	}
	info := in.Op.Info()
	switch info.Class {
	case wasm.ClassControl:
		return m.control(in)
	case wasm.ClassParametric:
		if in.Op == wasm.OpDrop {
			m.pop()
			return fallThrough
		}
		c, b, a := m.pop(), m.pop(), m.pop()
		if uint32(c.bits) != 0 {
			m.push(value{a.bits, a.taint || c.taint})
		} else {
			m.push(value{b.bits, b.taint || c.taint})
		}
	case wasm.ClassLocal:
		switch in.Op {
		case wasm.OpLocalGet:
			m.push(m.locals[in.Index])
		case wasm.OpLocalSet:
			m.locals[in.Index] = m.pop()
		case wasm.OpLocalTee:
			m.locals[in.Index] = m.stack[len(m.stack)-1]
		}
	case wasm.ClassConst:
		m.push(value{bits: in.Value})
	case wasm.ClassNumeric:
		if !m.numeric(in) {
			return m.trap(model.TrapOther)
		}
	case wasm.ClassMemory:
		return m.memory(in, info.Access)
	}
	return fallThrough
}

// control executes block, loop, if, br, br_if, return, nop and
// unreachable.
func (m *machine) control(in *wasm.Instr) signal {
	switch in.Op {
	case wasm.OpNop:
		return fallThrough
	case wasm.OpUnreachable:
		return m.trap(model.TrapOther)
	case wasm.OpReturn:
		return returned
	case wasm.OpCall:
		return m.call(in)
	case wasm.OpBr:
		m.depth = in.Index
		return branch
	case wasm.OpBrIf:
		if uint32(m.popControl().bits) != 0 {
			m.depth = in.Index
			return branch
		}
		return fallThrough
	case wasm.OpBlock:
		return m.block(in.Body, in.Result)
	case wasm.OpIf:
		if uint32(m.popControl().bits) != 0 {
			return m.block(in.Body, in.Result)
		}
		return m.block(in.Else, in.Result)
	case wasm.OpLoop:
		return m.loop(in.Body)
	}
	return fallThrough
}

// block executes a block (or an if's branch) whose label is its end.
func (m *machine) block(body []wasm.Instr, result wasm.ValType) signal {
	height := len(m.stack)
	if s := m.seq(body); !m.target(s) {
		return s
	}
	m.unwind(height, result != 0)
	return fallThrough
}

// target reports whether s, how the body of a block or a loop ended, is
// a branch to that block's or loop's label, which the caller takes; a
// branch to an outer label goes on with one level fewer to go.
func (m *machine) target(s signal) bool {
	if s != branch {
		return false
	}
	if m.depth > 0 {
		m.depth--
		return false
	}
	return true
}

// loop executes a loop, whose label is its start. Each branch back to it is
// one more iteration; more than cfg.Unroll of them cut the run.
func (m *machine) loop(body []wasm.Instr) signal {
	height := len(m.stack)
	for back := 0; ; back++ {
		if s := m.seq(body); !m.target(s) {
			return s
		}
		if back >= m.cfg.Unroll {
			return m.stop(model.Cut)
		}
		m.unwind(height, false)
	}
}

// unwind drops the operands a branch leaves behind, keeping the top one
// when the label carries a result.
func (m *machine) unwind(height int, keep bool) {
	if keep {
		v := m.pop()
		m.stack = append(m.stack[:height], v)
		return
	}
	m.stack = m.stack[:height]
}

// emit appends an event to the trace. When taint is non-nil and true, the
// event's write value depends on values read from memory; dep says its
// value or address does in any way.
func (m *machine) emit(e *model.Event, taint *bool, dep ...bool) {
	e.Index = len(m.trace.Events)
	if taint != nil && *taint {
		m.trace.Tainted = append(m.trace.Tainted, e.Index)
	}
	if e.Data.Writing() || e.Len.Writing() {
		m.trace.Writes++
		if m.branched || (taint != nil && *taint) || (len(dep) > 0 && dep[0]) || (e.Data != nil && e.Data.Kind == model.RMW) || (e.Len != nil && e.Len.Kind == model.RMW) {
			m.trace.Dependent++
		}
	}
	m.trace.Events = append(m.trace.Events, e)
	if w, ok := m.oracle.(Watcher); ok {
		w.Emitted(e)
	}
}
