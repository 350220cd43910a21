package jsinterp

import (
	"math"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
)

// atomicTarget is ValidateIntegerTypedArray then ValidateAtomicAccess: the
// typed array (an integer type other than Uint8Clamped; Int32 or BigInt64
// when waitable) and the byte address of its element at the index.
func atomicTarget(args []value, waitable bool) (*object, uint64, error) {
	ta := arg(args, 0)
	if ta.k != kObj || ta.o.kind != oTyped {
		return nil, 0, typeError("Argument is not a typed array")
	}
	o := ta.o
	t := o.elem
	if waitable {
		if t.Name != "Int32" && t.Name != "BigInt64" {
			return nil, 0, typeError("[object %sArray] is not an int32 or BigInt64 typed array.", t.Name)
		}
	} else if !t.IntegerUnclamped() && !t.Big {
		return nil, 0, typeError("[object %sArray] is not an integer shared typed array.", t.Name)
	}
	i, err := toIndex(arg(args, 1))
	if err != nil {
		return nil, 0, err
	}
	if i >= o.length {
		return nil, 0, rangeError("Invalid atomic access index")
	}
	return o, o.off + i*uint64(t.Size), nil
}

// operandBits converts an Atomics operand for an element of type t:
// ToBigInt for BigInt arrays, else ToIntegerOrInfinity (intOnly) or
// ToNumber; it returns the element bits and the converted value.
func operandBits(t *js.ElemType, v value, intOnly bool) (uint64, value, error) {
	if t.Big {
		b, err := toBigInt(v)
		if err != nil {
			return 0, undef, err
		}
		return bigBits(b), bigv(b).with(v.taint), nil
	}
	var f float64
	var err error
	if intOnly {
		f, err = toIntegerOrInfinity(v)
	} else {
		f, err = toNumber(v)
	}
	if err != nil {
		return 0, undef, err
	}
	return numberBits(t, f), num(f).with(v.taint), nil
}

// atomics runs Atomics.name(args...) (ECMA-262 §25.4): SC accesses and
// read-modify-writes of the element, wait and notify.
func (m *machine) atomics(e *js.Call, name string, args []value) (value, error) {
	waitable := name == "wait" || name == "notify"
	o, ea, err := atomicTarget(args, waitable)
	if err != nil {
		return undef, err
	}
	dep := arg(args, 1).taint || o.taint
	m.branched = m.branched || dep
	t := o.elem
	switch name {
	case "load":
		return m.load(e, e.Span, t, ea, model.SeqCst, true, true, dep), nil
	case "store":
		bits, v, err := operandBits(t, arg(args, 2), true)
		if err != nil {
			return undef, err
		}
		m.store(e, e.Span, t, ea, model.SeqCst, true, orderBytes(bits, t.Size, true), v.taint, dep)
		return v, nil
	case "wait":
		return m.wait(e, t, ea, args, dep)
	case "notify":
		return m.notify(e, ea, args)
	case "compareExchange":
		exp, _, err := operandBits(t, arg(args, 2), true)
		if err != nil {
			return undef, err
		}
		rep, rv, err := operandBits(t, arg(args, 3), true)
		if err != nil {
			return undef, err
		}
		taint := rv.taint || arg(args, 2).taint
		return m.rmw(e, t, ea, dep, taint, func(old uint64) uint64 {
			if old == truncate(exp, t.Size) {
				return rep
			}
			return old // ES: a failed compareExchange writes back what it read
		}), nil
	}
	bits, v, err := operandBits(t, arg(args, 2), false)
	if err != nil {
		return undef, err
	}
	op := func(old uint64) uint64 {
		switch name {
		case "add":
			return old + bits
		case "sub":
			return old - bits
		case "and":
			return old & bits
		case "or":
			return old | bits
		case "xor":
			return old ^ bits
		}
		return bits // exchange
	}
	return m.rmw(e, t, ea, dep, v.taint, op), nil
}

func truncate(v uint64, size int) uint64 {
	if size >= 8 {
		return v
	}
	return v & (1<<(8*uint(size)) - 1)
}

// rmw is an atomic read-modify-write of the element at ea; it returns the
// value read.
func (m *machine) rmw(e *js.Call, t *js.ElemType, ea uint64, dep, taint bool, op func(uint64) uint64) value {
	rd := m.o.ReadData(ea, t.Size, model.SeqCst)
	old := leUint(rd)
	ev := m.event(e, e.Span)
	ev.Data = &model.Access{Region: model.Data, Kind: model.RMW, Ord: model.SeqCst, Off: ea, Size: uint64(t.Size),
		Rd: rd, Wr: orderBytes(truncate(op(old), t.Size), t.Size, true)}
	m.emit(ev, taint, dep)
	return fromBytes(t, rd, true).with(true)
}

func leUint(b []byte) uint64 {
	var u uint64
	for i := len(b) - 1; i >= 0; i-- {
		u = u<<8 | uint64(b[i])
	}
	return u
}

// wait is Atomics.wait(ta, i, value, timeout) (DoWait): an SC read of the
// element inside the waiter list's critical section; "not-equal" when it
// differs from value (the critical section is still an event), else the
// thread suspends until woken ("ok"), timed out ("timed-out") or forever.
func (m *machine) wait(e *js.Call, t *js.ElemType, ea uint64, args []value, dep bool) (value, error) {
	want, _, err := operandBits(t, arg(args, 2), false)
	if err != nil {
		return undef, err
	}
	q := math.NaN()
	if ta := arg(args, 3); ta.k != kUndef {
		if q, err = toNumber(ta); err != nil {
			return undef, err
		}
	}
	timeout := int64(-1) // infinite
	if !math.IsNaN(q) && !math.IsInf(q, 1) {
		ns := math.Max(q, 0) * 1e6
		timeout = int64(math.Min(ns, math.MaxInt64/2))
	}
	rd := m.o.ReadData(ea, t.Size, model.SeqCst)
	ev := m.event(e, e.Span)
	ev.Data = &model.Access{Region: model.Data, Kind: model.Read, Ord: model.SeqCst, Off: ea, Size: uint64(t.Size), NoTears: true, Rd: rd}
	m.branched = true // whether it suspends depends on the value read
	if leUint(rd) != truncate(want, t.Size) {
		if m.cfg.Sem.WaitCritical || !m.cfg.Sem.JSWaitNoCritical {
			ev.Susp = &model.Susp{Kind: model.Critical, Addr: ea}
		}
		m.emit(ev, false, dep)
		return str("not-equal").with(true), nil
	}
	ev.Susp = &model.Susp{Kind: model.Wait, Addr: ea, Timeout: timeout}
	m.emit(ev, false, dep)
	pos := ev.Pos
	switch m.o.WaitEnd(timeout >= 0, timeout < 0 || m.cfg.Sem.FiniteWaitMayBlock) {
	case interp.Woken:
		m.emit(&model.Event{Susp: &model.Susp{Kind: model.Woken, Addr: ea}, Instr: "(woken)", Pos: pos}, false, false)
		return str("ok").with(true), nil
	case interp.TimedOut:
		m.emit(&model.Event{Susp: &model.Susp{Kind: model.Timeout, Addr: ea}, Instr: "(timed out)", Pos: pos}, false, false)
		return str("timed-out").with(true), nil
	}
	return undef, &stopped{model.Blocked}
}

// notify is Atomics.notify(ta, i, count): wakes up to count waiters
// (all when count is undefined) and returns how many it woke.
func (m *machine) notify(e *js.Call, ea uint64, args []value) (value, error) {
	k := uint32(math.MaxUint32)
	if c := arg(args, 2); c.k != kUndef {
		f, err := toIntegerOrInfinity(c)
		if err != nil {
			return undef, err
		}
		k = uint32(math.Min(math.Max(f, 0), math.MaxUint32))
	}
	j := m.o.Notify(k)
	ev := m.event(e, e.Span)
	ev.Susp = &model.Susp{Kind: model.Notify, Addr: ea, N: j, K: k}
	m.emit(ev, false, false)
	return num(float64(j)), nil
}
