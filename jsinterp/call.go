package jsinterp

import (
	"errors"
	"math"
	"math/big"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
	"wmm/wasm"
)

// A Linker holds a test's functions (LITMUS.md "Host functions"): the
// JavaScript functions that Wasm code imports and JS code calls, and the
// Wasm functions that JS code calls and Wasm code imports, by name. It is
// the interp.Host of Wasm code, and what the calls of JS code go to; every
// callee runs on the caller's thread, its events after the caller's in
// program order. Values cross the boundary as the WebAssembly JS API
// converts them (ToJSValue, ToWebAssemblyValue); a Wasm trap reaches JS as
// a WebAssembly.RuntimeError, and a JS exception unwinds the Wasm frames
// it meets.
type Linker struct {
	JS   map[string]*js.Program
	Wasm map[string]*wasm.Func
	// BufferOrd is the ordering of memory.buffer's length read in JS
	// functions (Config.BufferOrd).
	BufferOrd model.Ord
}

// Add adds a function: its JS code or its Wasm code (the other nil).
func (l *Linker) Add(name string, p *js.Program, f *wasm.Func) {
	if l.JS == nil {
		l.JS, l.Wasm = map[string]*js.Program{}, map[string]*wasm.Func{}
	}
	if p != nil {
		l.JS[name] = p
	} else if f != nil {
		l.Wasm[name] = f
	}
}

// returning is a return statement on its way out of its function.
type returning struct{ v value }

func (r *returning) Error() string { return "return" }

// Call runs the function a Wasm function imports as im (interp.Host).
func (l *Linker) Call(im *wasm.Import, args []interp.Value, th *interp.Thread) ([]interp.Value, error) {
	if f, ok := l.Wasm[im.Name]; ok {
		return interp.Call(f, args, th)
	}
	p, ok := l.JS[im.Name]
	if !ok {
		return nil, &interp.Stop{Status: model.Trapped, Trap: model.TrapOther}
	}
	jsArgs := make([]value, len(args))
	for i, a := range args {
		jsArgs[i] = toJSValue(a, im.Params[i])
	}
	v, err := l.callJS(p, jsArgs, th)
	if err != nil {
		return nil, err
	}
	if len(im.Results) == 0 {
		return nil, nil
	}
	r, err := toWasmValue(v, im.Results[0])
	if err != nil {
		return nil, err
	}
	return []interp.Value{r}, nil
}

// callJS runs the JS function p with args on th. Its result is the value
// it returns (undefined when it returns none); its error is a *thrown
// exception or an *interp.Stop.
func (l *Linker) callJS(p *js.Program, args []value, th *interp.Thread) (value, error) {
	if err := th.Enter(p); err != nil {
		return undef, err
	}
	defer th.Leave(p)
	cfg := Config{Config: th.Config, BufferOrd: l.BufferOrd}
	if cfg.BufferOrd == 0 {
		cfg.BufferOrd = model.SeqCst
	}
	m := &machine{cfg: cfg, o: th.Oracle, p: p, slots: make([]value, p.Slots), trace: th.Trace,
		steps: th.Steps, branched: th.Branched, memory: &object{kind: oMemory}, link: l, th: th}
	for i, v := range p.Params {
		m.slots[v.Slot] = arg(args, i)
	}
	err := m.block(p.Body)
	th.Steps, th.Branched = m.steps, m.branched
	var r *returning
	var s *stopped
	switch {
	case errors.As(err, &r):
		return r.v, nil
	case errors.As(err, &s):
		return undef, &interp.Stop{Status: s.status}
	}
	return undef, err
}

// callFunction runs one of the test's functions, called by name from JS
// code.
func (m *machine) callFunction(name string, args []value) (value, error) {
	if m.link == nil {
		return undef, typeError("%s is not defined", name)
	}
	th := m.thread()
	th.Steps, th.Branched = m.steps, m.branched
	defer func() { m.steps, m.branched = th.Steps, th.Branched }()
	if p, ok := m.link.JS[name]; ok {
		return m.link.callJS(p, args, th)
	}
	f, ok := m.link.Wasm[name]
	if !ok {
		return undef, typeError("%s is not defined", name)
	}
	wargs := make([]interp.Value, len(f.Params))
	for i, p := range f.Params {
		v, err := toWasmValue(arg(args, i), p.Type)
		if err != nil {
			return undef, err
		}
		wargs[i] = v
	}
	res, err := interp.Call(f, wargs, th)
	var s *interp.Stop
	switch {
	case errors.As(err, &s) && s.Status == model.Trapped:
		return undef, throw("RuntimeError", "%s trapped", name)
	case s != nil:
		return undef, &stopped{s.Status}
	case err != nil:
		return undef, err // a JS exception thrown through the Wasm function
	case len(res) == 0:
		return undef, nil
	}
	return toJSValue(res[0], f.Results[0]), nil
}

// thread returns the state the machine hands to the functions it calls.
func (m *machine) thread() *interp.Thread {
	if m.th == nil {
		m.th = &interp.Thread{Config: m.cfg.Config, Oracle: m.o, Trace: m.trace,
			Active: map[any]int{m.p: 1}, Depth: 1}
	}
	return m.th
}

// toJSValue is ToJSValue of the WebAssembly JS API: i32 as a signed
// Number, i64 as a BigInt, floats as Numbers.
func toJSValue(v interp.Value, t wasm.ValType) value {
	var x value
	switch t {
	case wasm.I32:
		x = num(float64(int32(uint32(v.Bits))))
	case wasm.I64:
		x = bigv(big.NewInt(int64(v.Bits)))
	case wasm.F32:
		x = num(float64(math.Float32frombits(uint32(v.Bits))))
	default:
		x = num(math.Float64frombits(v.Bits))
	}
	return x.with(v.Taint)
}

// toWasmValue is ToWebAssemblyValue of the WebAssembly JS API: ToInt32
// for i32, ToBigInt64 for i64 (a TypeError for a Number or undefined),
// ToNumber for floats (a TypeError for a BigInt).
func toWasmValue(v value, t wasm.ValType) (interp.Value, error) {
	if t == wasm.I64 {
		b, err := toBigInt(v)
		if err != nil {
			return interp.Value{}, err
		}
		return interp.Value{Bits: bigBits(b), Taint: v.taint}, nil
	}
	f, err := toNumber(v)
	if err != nil {
		return interp.Value{}, err
	}
	var bits uint64
	switch t {
	case wasm.I32:
		bits = uint64(toUint32Bits(f))
	case wasm.F32:
		bits = uint64(math.Float32bits(float32(f)))
	default:
		bits = math.Float64bits(f)
	}
	return interp.Value{Bits: bits, Taint: v.taint}, nil
}
