package interp

import (
	"wmm/model"
	"wmm/wasm"
)

// A Host runs the functions that Wasm code imports (LITMUS.md "Host
// functions"): JavaScript functions, or the test's Wasm functions. The
// callee runs on the caller's thread: it appends its events to th.Trace,
// after the caller's and in program order, asks th.Oracle, and counts its
// steps in th.Steps. Call returns the results, converted to the import's
// result types, or an error: a *Stop when the thread trapped, blocked or
// was cut in the callee, any other error an exception thrown by JavaScript
// code, which unwinds the Wasm frames it meets and reaches the JS frame
// that catches it (or ends the thread).
type Host interface {
	Call(im *wasm.Import, args []Value, th *Thread) ([]Value, error)
}

// A Value is a value passed to or returned from a call: its bits (i32
// and f32 in the low 32 bits) and whether it was computed from values read
// from memory.
type Value struct {
	Bits  uint64
	Taint bool
}

// A Thread is the state of a thread's run that a call hands on to its
// callee and gets back: the configuration, the oracle, the trace so far,
// the steps taken, whether the thread has branched on a value read from
// memory, and the calls under way (for the recursion bound).
type Thread struct {
	Config   Config
	Oracle   Oracle
	Trace    *Trace
	Steps    int
	Branched bool
	// Active counts the activations under way of each function (keyed by
	// its code): a call that would make more than Config.Unroll+1 of one
	// function, or more than MaxDepth in all, cuts the run, as a loop's
	// back edges beyond the bound do.
	Active map[any]int
	Depth  int
}

// MaxDepth bounds the calls under way on one thread, whatever the unroll
// bound: deeper runs are cut.
const MaxDepth = 64

// Enter records an activation of the function whose code is key, or
// returns a *Stop that cuts the run when the bound forbids it. Leave undoes
// it.
func (th *Thread) Enter(key any) error {
	if th.Active == nil {
		th.Active = map[any]int{}
	}
	if th.Active[key] > th.Config.Unroll || th.Depth >= MaxDepth {
		return &Stop{Status: model.Cut}
	}
	th.Active[key]++
	th.Depth++
	return nil
}

// Leave ends an activation that Enter recorded.
func (th *Thread) Leave(key any) {
	th.Active[key]--
	th.Depth--
}

// A Stop is how a call ended when the thread stopped in it: Status is
// Trapped (with Trap saying why), Blocked or Cut.
type Stop struct {
	Status model.Status
	Trap   model.TrapKind
}

func (s *Stop) Error() string { return s.Status.String() }

// Call runs f, a Wasm function of the test that passed wasm.Validate, on
// th with the arguments args (one per parameter), and returns its results
// or how it stopped (see Host). Its events are appended to th.Trace; the
// trace's status is left as it was.
func Call(f *wasm.Func, args []Value, th *Thread) ([]Value, error) {
	if err := th.Enter(f); err != nil {
		return nil, err
	}
	defer th.Leave(f)
	cfg := th.Config
	if cfg.MaxSteps == 0 {
		cfg.MaxSteps = defaultMaxSteps
	}
	status, trap := th.Trace.Status, th.Trace.Trap
	th.Trace.Status, th.Trace.Trap = model.Done, model.NoTrap
	m := &machine{cfg: cfg, oracle: th.Oracle, fn: f, trace: th.Trace, steps: th.Steps, branched: th.Branched, th: th}
	m.locals = make([]value, len(f.Params)+len(f.Locals))
	for i, a := range args {
		if i < len(f.Params) {
			m.locals[i] = value{a.Bits, a.Taint}
		}
	}
	s := m.seq(f.Body)
	th.Steps, th.Branched = m.steps, m.branched
	st, tk := th.Trace.Status, th.Trace.Trap
	th.Trace.Status, th.Trace.Trap = status, trap
	switch {
	case m.exc != nil:
		return nil, m.exc
	case s == stopped:
		return nil, &Stop{Status: st, Trap: tk}
	}
	out := make([]Value, len(f.Results))
	for i := len(out) - 1; i >= 0; i-- {
		v := m.pop()
		out[i] = Value{v.bits, v.taint}
	}
	return out, nil
}

// call executes call: the imported function runs on this thread through
// the configuration's Host.
func (m *machine) call(in *wasm.Instr) signal {
	if m.cfg.Host == nil || int(in.Index) >= len(m.fn.Imports) {
		return m.trap(model.TrapOther)
	}
	im := &m.fn.Imports[in.Index]
	args := make([]Value, len(im.Params))
	for i := len(args) - 1; i >= 0; i-- {
		v := m.pop()
		args[i] = Value{v.bits, v.taint}
	}
	th := m.th
	if th == nil {
		th = &Thread{Config: m.cfg, Oracle: m.oracle, Trace: m.trace}
		m.th = th
	}
	th.Steps, th.Branched = m.steps, m.branched
	res, err := m.cfg.Host.Call(im, args, th)
	m.steps, m.branched = th.Steps, th.Branched
	if err != nil {
		if s, ok := err.(*Stop); ok {
			if s.Status == model.Trapped {
				return m.trap(s.Trap)
			}
			return m.stop(s.Status)
		}
		m.exc = err // a JS exception: it unwinds this function
		return m.trap(model.TrapOther)
	}
	for i, t := range im.Results {
		var v Value
		if i < len(res) {
			v = res[i]
		}
		if t == wasm.I32 || t == wasm.F32 {
			v.Bits = uint64(uint32(v.Bits))
		}
		m.push(value{v.Bits, v.Taint})
	}
	return fallThrough
}
