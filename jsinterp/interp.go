// Package jsinterp runs one JS thread of a litmus test (a js.Program) and
// records, in program order, the memory events its accesses make, as
// package interp does for WebAssembly: JS accesses are ECMAScript Shared
// Data Block events (MODEL.md "JavaScript threads"): typed-array element
// access is an unordered access whose notears flag is ES's [[NoTear]],
// Atomics are SC accesses or RMWs (compareExchange always writes),
// DataView accesses never are tear-free, memory.buffer reads the memory's
// length and memory.grow is the grow of the WebAssembly memory.
//
// Like interp, it knows nothing about memory models: every value read
// from memory and every nondeterministic choice is asked of an
// interp.Oracle.
package jsinterp

import (
	"errors"
	"math"
	"math/big"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
)

// Config holds what a run depends on besides the code.
type Config struct {
	interp.Config
	// BufferOrd is the ordering of the length read made by the getter
	// memory.buffer: model.SeqCst by default (MODEL.md "JavaScript
	// threads", variant js-buffer-unord makes it model.Unord).
	BufferOrd model.Ord
	// Link holds the test's functions, which the code calls by name; nil
	// when the test has none.
	Link *Linker
}

// stopped ends a run early: cut by a bound, or blocked in a wait.
type stopped struct{ status model.Status }

func (s *stopped) Error() string { return s.status.String() }

// branching is break or continue on its way to its loop.
type branching struct{ cont bool }

func (b *branching) Error() string { return "break" }

type machine struct {
	cfg    Config
	o      interp.Oracle
	p      *js.Program
	slots  []value
	trace  *interp.Trace
	steps  int
	memory *object
	// branched is set once the thread has branched on a value read from
	// memory (or caught an exception): every later write depends on
	// reads (interp.Trace.Dependent).
	branched bool
	// link holds the test's functions; th is the thread's state handed to
	// them (nil until the first call).
	link *Linker
	th   *interp.Thread
}

const defaultMaxSteps = 100000

// Run executes p and returns its trace. Trace.Locals holds the final
// values of p's registers, encoded as Register describes; an exception
// that no catch handles ends the thread with Status Trapped.
func Run(p *js.Program, cfg Config, o interp.Oracle) *interp.Trace {
	if cfg.MaxSteps == 0 {
		cfg.MaxSteps = defaultMaxSteps
	}
	if cfg.BufferOrd == 0 {
		cfg.BufferOrd = model.SeqCst
	}
	m := &machine{cfg: cfg, o: o, p: p, slots: make([]value, p.Slots),
		trace: &interp.Trace{Status: model.Done}, memory: &object{kind: oMemory}, link: cfg.Link}
	err := m.block(p.Body)
	var t *thrown
	var s *stopped
	switch {
	case errors.As(err, &t):
		m.trace.Status, m.trace.Trap = model.Trapped, model.TrapOther
	case errors.As(err, &s):
		m.trace.Status = s.status
	}
	for _, r := range p.Registers {
		m.trace.Locals = append(m.trace.Locals, register(m.slots[r.Slot]))
	}
	return m.trace
}

// Register returns how the final value of a register appears in an
// outcome (LITMUS.md "JavaScript threads"). It is exported for tests
// and documentation; Run applies it.
var _ = register

func (m *machine) step() error {
	m.steps++
	if m.steps > m.cfg.MaxSteps {
		return &stopped{model.Cut}
	}
	return nil
}

func (m *machine) block(list []js.Stmt) error {
	for _, s := range list {
		if err := m.stmt(s); err != nil {
			return err
		}
	}
	return nil
}

// control notes that the thread branches on v.
func (m *machine) control(v value) bool {
	m.branched = m.branched || v.taint
	return truthy(v)
}

func (m *machine) stmt(s js.Stmt) error {
	if err := m.step(); err != nil {
		return err
	}
	switch s := s.(type) {
	case *js.Decl:
		for i, v := range s.Vars {
			x := undef
			if s.Inits[i] != nil {
				var err error
				if x, err = m.expr(s.Inits[i]); err != nil {
					return err
				}
			}
			m.slots[v.Slot] = x
		}
	case *js.ExprStmt:
		_, err := m.expr(s.X)
		return err
	case *js.If:
		c, err := m.expr(s.Cond)
		if err != nil {
			return err
		}
		if m.control(c) {
			return m.stmt(s.Then)
		}
		if s.Else != nil {
			return m.stmt(s.Else)
		}
	case *js.Loop:
		return m.loop(s)
	case *js.Block:
		return m.block(s.List)
	case *js.Try:
		err := m.block(s.Body.List)
		var t *thrown
		if !errors.As(err, &t) {
			return err
		}
		m.branched = true // whether it threw may depend on reads
		if s.Param >= 0 {
			m.slots[s.Param] = obj(t.err)
		}
		return m.block(s.Catch.List)
	case *js.Branch:
		return &branching{cont: s.Continue}
	case *js.Return:
		v := undef
		if s.X != nil {
			var err error
			if v, err = m.expr(s.X); err != nil {
				return err
			}
		}
		return &returning{v}
	}
	return nil
}

// loop runs while and for loops. Each iteration beyond the first is a
// back edge; more than the unroll bound cut the run, as Wasm loops do.
func (m *machine) loop(s *js.Loop) error {
	if s.Init != nil {
		if err := m.stmt(s.Init); err != nil {
			return err
		}
	}
	for iter := 0; ; iter++ {
		if s.Cond != nil {
			c, err := m.expr(s.Cond)
			if err != nil {
				return err
			}
			if !m.control(c) {
				return nil
			}
		}
		if iter > m.cfg.Unroll {
			return &stopped{model.Cut}
		}
		err := m.stmt(s.Body)
		var b *branching
		if errors.As(err, &b) {
			if !b.cont {
				return nil
			}
		} else if err != nil {
			return err
		}
		if s.Post != nil {
			if _, err := m.expr(s.Post); err != nil {
				return err
			}
		}
	}
}

func (m *machine) exprs(list []js.Expr) ([]value, error) {
	out := make([]value, len(list))
	for i, e := range list {
		v, err := m.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (m *machine) expr(e js.Expr) (value, error) {
	if err := m.step(); err != nil {
		return undef, err
	}
	switch e := e.(type) {
	case *js.Num:
		return num(e.V), nil
	case *js.BigInt:
		return bigv(e.V), nil
	case *js.Str:
		return str(e.V), nil
	case *js.Bool:
		return boolean(e.V), nil
	case *js.Ident:
		return m.ident(e), nil
	case *js.Assign:
		return m.assign(e)
	case *js.Binary:
		l, err := m.expr(e.L)
		if err != nil {
			return undef, err
		}
		if e.Op == "&&" || e.Op == "||" {
			if m.control(l) == (e.Op == "||") {
				return l, nil
			}
			return m.expr(e.R)
		}
		r, err := m.expr(e.R)
		if err != nil {
			return undef, err
		}
		return binop(e.Op, l, r)
	case *js.Unary:
		x, err := m.expr(e.X)
		if err != nil {
			return undef, err
		}
		return unop(e.Op, x)
	case *js.Update:
		return m.update(e)
	case *js.Cond:
		t, err := m.expr(e.Test)
		if err != nil {
			return undef, err
		}
		if m.control(t) {
			return m.expr(e.Then)
		}
		return m.expr(e.Else)
	case *js.Index:
		x, i, err := m.ref(e)
		if err != nil {
			return undef, err
		}
		return m.getElem(e, x, i)
	case *js.Member:
		x, err := m.expr(e.X)
		if err != nil {
			return undef, err
		}
		return m.getProp(e, x)
	case *js.Call:
		return m.call(e)
	case *js.New:
		args, err := m.exprs(e.Args)
		if err != nil {
			return undef, err
		}
		return m.construct(e, args)
	}
	return undef, nil
}

func (m *machine) ident(e *js.Ident) value {
	if e.Slot >= 0 {
		return m.slots[e.Slot]
	}
	switch e.Global {
	case js.Undefined:
		return undef
	case js.NaN:
		return num(math.NaN())
	case js.Infinity:
		return num(math.Inf(1))
	case js.Memory:
		return obj(m.memory)
	case js.Atomics:
		return obj(&object{kind: oAtomics})
	}
	return obj(&object{kind: oCtor, name: e.Name})
}

// ref evaluates the object and the index of an element reference.
func (m *machine) ref(e *js.Index) (value, value, error) {
	x, err := m.expr(e.X)
	if err != nil {
		return undef, undef, err
	}
	i, err := m.expr(e.I)
	return x, i, err
}

func (m *machine) assign(e *js.Assign) (value, error) {
	switch t := e.Target.(type) {
	case *js.Ident:
		var old value
		if e.Op != "=" {
			old = m.slots[t.Slot]
		}
		v, err := m.assigned(e, old)
		if err != nil {
			return undef, err
		}
		m.slots[t.Slot] = v
		return v, nil
	case *js.Index:
		x, i, err := m.ref(t)
		if err != nil {
			return undef, err
		}
		var old value
		if e.Op != "=" {
			if old, err = m.getElem(t, x, i); err != nil {
				return undef, err
			}
		}
		v, err := m.assigned(e, old)
		if err != nil {
			return undef, err
		}
		return v, m.setElem(t, x, i, v)
	}
	return undef, nil
}

// assigned evaluates the right-hand side of e and returns the value e
// assigns: that value, or for a compound assignment (+= and the like)
// old combined with it.
func (m *machine) assigned(e *js.Assign, old value) (value, error) {
	v, err := m.expr(e.Value)
	if err != nil || e.Op == "=" {
		return v, err
	}
	return binop(e.Op[:len(e.Op)-1], old, v)
}

func (m *machine) update(e *js.Update) (value, error) {
	var old value
	var x, i value
	var err error
	ix, isElem := e.X.(*js.Index)
	if isElem {
		if x, i, err = m.ref(ix); err != nil {
			return undef, err
		}
		if old, err = m.getElem(ix, x, i); err != nil {
			return undef, err
		}
	} else {
		old = m.slots[e.X.(*js.Ident).Slot]
	}
	if old.k != kBig {
		f, err := toNumber(old)
		if err != nil {
			return undef, err
		}
		old = num(f).with(old.taint)
	}
	one := num(1)
	if old.k == kBig {
		one = bigv(big.NewInt(1))
	}
	op := "+"
	if e.Op == "--" {
		op = "-"
	}
	nv, err := binop(op, old, one)
	if err != nil {
		return undef, err
	}
	if isElem {
		err = m.setElem(ix, x, i, nv)
	} else {
		m.slots[e.X.(*js.Ident).Slot] = nv
	}
	if e.Prefix {
		return nv, err
	}
	return old, err
}

// call runs Number(x), BigInt(x) and the methods of the subset.
func (m *machine) call(e *js.Call) (value, error) {
	if id, ok := e.Fn.(*js.Ident); ok {
		args, err := m.exprs(e.Args)
		if err != nil {
			return undef, err
		}
		if id.Global == js.Function {
			return m.callFunction(id.Name, args)
		}
		x := undef
		if len(args) > 0 {
			x = args[0]
		}
		if id.Global == js.NumberFn {
			if len(args) == 0 {
				return num(0), nil
			}
			if x.k == kBig {
				f, _ := new(big.Float).SetInt(x.b).Float64()
				return num(f).with(x.taint), nil
			}
			f, err := toNumber(x)
			return num(f).with(x.taint), err
		}
		if x.k == kNum {
			b, err := numberToBigInt(x.n)
			return bigv(b).with(x.taint), err
		}
		b, err := toBigInt(x)
		return bigv(b).with(x.taint), err
	}
	f := e.Fn.(*js.Member)
	recv, err := m.expr(f.X)
	if err != nil {
		return undef, err
	}
	args, err := m.exprs(e.Args)
	if err != nil {
		return undef, err
	}
	if recv.k != kObj {
		return undef, typeError("%s is not a function", m.p.Text(f.Span))
	}
	switch recv.o.kind {
	case oAtomics:
		return m.atomics(e, f.Name, args)
	case oMemory:
		if f.Name == "grow" {
			return m.grow(e, args)
		}
		if mm := js.MemoryMethodNamed(f.Name); mm != nil {
			return m.memoryAccess(e, mm, args)
		}
	case oDataView:
		if f.Name != "grow" {
			return m.dataView(e, recv.o, f.Name, args)
		}
	}
	return undef, typeError("%s is not a function", m.p.Text(f.Span))
}

// arg returns args[i], or undefined.
func arg(args []value, i int) value {
	if i < len(args) {
		return args[i]
	}
	return undef
}
