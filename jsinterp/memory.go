package jsinterp

import (
	"encoding/binary"
	"math"
	"math/big"
	"strings"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
)

// event starts the event of expression e.
func (m *machine) event(e js.Expr, sp js.Span) *model.Event {
	text := m.p.Text(sp)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i] + " …"
	}
	if len(text) > 60 {
		text = text[:57] + "…"
	}
	l, c := m.p.LineCol(e.Pos())
	return &model.Event{Instr: text, Pos: itoa(l) + ":" + itoa(c)}
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

// emit appends an event to the trace, counting its writes as interp does:
// taint says the written value depends on reads, dep that its address or
// existence does.
func (m *machine) emit(e *model.Event, taint, dep bool) {
	e.Index = len(m.trace.Events)
	if taint {
		m.trace.Tainted = append(m.trace.Tainted, e.Index)
	}
	if e.Data.Writing() || e.Len.Writing() {
		m.trace.Writes++
		if m.branched || taint || dep || (e.Data != nil && e.Data.Kind == model.RMW) || (e.Len != nil && e.Len.Kind == model.RMW) {
			m.trace.Dependent++
		}
	}
	m.trace.Events = append(m.trace.Events, e)
	if w, ok := m.o.(interp.Watcher); ok {
		w.Emitted(e)
	}
}

// buffer is the getter memory.buffer (the threads proposal's JS API): it
// reads the memory's length and returns a SharedArrayBuffer of that
// length, fixed for the buffer's life.
func (m *machine) buffer(e *js.Member) value {
	ord := m.cfg.BufferOrd
	n := m.o.ReadLen(ord)
	ev := m.event(e, e.Span)
	ev.Len = &model.Access{Region: model.Len, Kind: model.Read, Ord: ord, Size: 1, LenRd: n}
	m.emit(ev, false, false)
	return obj(&object{kind: oBuffer, length: n, taint: true})
}

// grow is memory.grow(delta): the WebAssembly grow (MODEL.md §5.7), then
// the old size in pages, or a RangeError where Wasm returns -1.
func (m *machine) grow(e *js.Call, args []value) (value, error) {
	d := arg(args, 0)
	f, err := toNumber(d)
	if err != nil {
		return undef, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Trunc(f) < 0 || math.Trunc(f) > math.MaxUint32 {
		return undef, typeError("WebAssembly.Memory.grow(): Argument 0 must be convertible to a valid number")
	}
	m.branched = m.branched || d.taint
	k := uint64(math.Trunc(f)) * model.PageSize
	l := m.o.ReadLen(model.SeqCst)
	ev := m.event(e, e.Span)
	room := l+k <= uint64(m.cfg.MaxPages)*model.PageSize
	succeed := room
	if room && !m.cfg.Sem.NoSpuriousGrowFailure {
		succeed = m.o.GrowSucceeds()
	}
	m.branched = true // what follows depends on the length read
	if !succeed {
		ev.Len = &model.Access{Region: model.Len, Kind: model.Read, Ord: model.SeqCst, Size: 1, LenRd: l}
		m.emit(ev, false, false)
		return undef, rangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded")
	}
	ev.Len = &model.Access{Region: model.Len, Kind: model.RMW, Ord: model.SeqCst, Size: 1, LenRd: l, LenWr: l + k}
	if k > 0 && !m.cfg.Sem.GrowPreZeroed {
		ord := model.Unord
		if m.cfg.Sem.GrowZeroInit {
			ord = model.Init
		}
		ev.Data = &model.Access{Region: model.Data, Kind: model.Write, Ord: ord, Off: l, Size: k, Sparse: map[uint64]byte{}}
	}
	m.emit(ev, false, d.taint)
	return num(float64(l / model.PageSize)).with(true), nil
}

// memoryAccess is a method of the memory-access API (feature
// js-memory-api, MODEL.md §15.3): the Wasm load or store it names, as an
// exported Wasm function doing it would run. The arguments are converted
// as Wasm parameters (the address by ToInt32, read as unsigned; a stored
// value by ToInt32 or ToBigInt64, then wrapped to the width); the bounds
// check reads the current length, unordered, as every Wasm access does, so
// it sees a concurrent grow; the access is unordered, with Wasm's notears
// flag (MODEL.md §4.1); where Wasm traps, a RangeError is thrown.
func (m *machine) memoryAccess(e *js.Call, mm *js.MemoryMethod, args []value) (value, error) {
	p := arg(args, 0)
	f, err := toNumber(p)
	if err != nil {
		return undef, err
	}
	ea := uint64(uint32(toInt32(f)))
	var v value
	var bytes []byte
	if mm.Store {
		v = arg(args, 1)
		if bytes, err = rawBytes(mm.Elem, v, true); err != nil {
			return undef, err
		}
	}
	dep := p.taint
	m.branched = m.branched || dep
	size := uint64(mm.Elem.Size)
	l := m.o.ReadLen(model.Unord)
	ev := m.event(e, e.Span)
	ev.Len = &model.Access{Region: model.Len, Kind: model.Read, Ord: model.Unord, Size: 1, LenRd: l}
	if ea+size > l {
		m.emit(ev, false, dep)
		return undef, rangeError("memory.%s: address %d is out of bounds (the memory has %d bytes)", mm.Name, ea, l)
	}
	notear := size <= 4 && ea%size == 0 // tearing(t, N, ea) for i32 and i64
	d := &model.Access{Region: model.Data, Ord: model.Unord, Off: ea, Size: size, NoTears: notear}
	ev.Data = d
	if mm.Store {
		d.Kind, d.Wr = model.Write, bytes
		m.emit(ev, v.taint, dep)
		return undef, nil
	}
	d.Kind, d.Rd = model.Read, m.o.ReadData(ea, mm.Elem.Size, model.Unord)
	m.emit(ev, false, dep)
	return fromBytes(mm.Elem, d.Rd, true).with(true), nil
}

// construct is new T(buffer, byteOffset, length) for a typed array T
// (InitializeTypedArrayFromArrayBuffer) and new DataView(buffer,
// byteOffset, byteLength).
func (m *machine) construct(e *js.New, args []value) (value, error) {
	b := arg(args, 0)
	if b.k != kObj || b.o.kind != oBuffer {
		return undef, typeError("new %s: the first argument must be a buffer in the subset (memory.buffer or a view's buffer)", e.Ctor.Name)
	}
	buf := b.o
	off, err := toIndex(arg(args, 1))
	if err != nil {
		return undef, err
	}
	lenArg := arg(args, 2)
	taint := buf.taint || arg(args, 1).taint || lenArg.taint
	if e.Ctor.Global == js.DataView {
		if off > buf.length {
			return undef, rangeError("Start offset %d is outside the bounds of the buffer", off)
		}
		n := buf.length - off
		if lenArg.k != kUndef {
			if n, err = toIndex(lenArg); err != nil {
				return undef, err
			}
			if off+n > buf.length {
				return undef, rangeError("Invalid DataView length %d", n)
			}
		}
		return obj(&object{kind: oDataView, buf: buf, off: off, length: n, taint: taint}), nil
	}
	t := js.ElemTypeNamed(strings.TrimSuffix(e.Ctor.Name, "Array"))
	size := uint64(t.Size)
	if off%size != 0 {
		return undef, rangeError("start offset of %s should be a multiple of %d", e.Ctor.Name, size)
	}
	var n uint64
	if lenArg.k == kUndef {
		if buf.length%size != 0 {
			return undef, rangeError("byte length of %s should be a multiple of %d", e.Ctor.Name, size)
		}
		if off > buf.length {
			return undef, rangeError("Start offset %d is outside the bounds of the buffer", off)
		}
		n = (buf.length - off) / size
	} else {
		if n, err = toIndex(lenArg); err != nil {
			return undef, err
		}
		if off+n*size > buf.length || n > 1<<53/size {
			return undef, rangeError("Invalid typed array length: %d", n)
		}
	}
	return obj(&object{kind: oTyped, buf: buf, off: off, length: n, elem: t, taint: taint}), nil
}

// getProp reads a property: memory.buffer, the lengths and offsets of
// buffers and views, a view's buffer, an error's name. Other properties
// of the subset's objects are undefined here.
func (m *machine) getProp(e *js.Member, x value) (value, error) {
	if x.k != kObj {
		return undef, nil
	}
	o := x.o
	t := o.taint
	switch {
	case o.kind == oMemory && e.Name == "buffer":
		return m.buffer(e), nil
	case o.kind == oBuffer && e.Name == "byteLength":
		return num(float64(o.length)).with(t), nil
	case o.kind == oTyped:
		switch e.Name {
		case "length":
			return num(float64(o.length)).with(t), nil
		case "byteLength":
			return num(float64(o.length * uint64(o.elem.Size))).with(t), nil
		case "byteOffset":
			return num(float64(o.off)).with(t), nil
		case "buffer":
			return obj(o.buf), nil
		}
	case o.kind == oDataView:
		switch e.Name {
		case "byteLength":
			return num(float64(o.length)).with(t), nil
		case "byteOffset":
			return num(float64(o.off)).with(t), nil
		case "buffer":
			return obj(o.buf), nil
		}
	case o.kind == oError && e.Name == "name":
		return str(o.name), nil
	case o.kind == oCtor && e.Name == "name":
		return str(o.name), nil
	}
	return undef, nil
}

// elemIndex is the integer index a key designates in a typed array of
// length n (CanonicalNumericIndexString, IsValidIntegerIndex), or false.
func elemIndex(key value, n uint64) (uint64, bool) {
	var f float64
	switch key.k {
	case kNum:
		f = key.n
	case kBig:
		if !key.b.IsInt64() {
			return 0, false
		}
		f = float64(key.b.Int64())
		if int64(f) != key.b.Int64() {
			return 0, false
		}
	default:
		s := toString(key)
		f = stringToNumber(s)
		if numberString(f) != s {
			return 0, false // not a numeric key: an ordinary property (undefined here)
		}
	}
	if !js.IsIntegral(f) || f < 0 || f >= float64(n) {
		return 0, false
	}
	return uint64(f), true
}

// getElem is a[i]: an unordered read of the element (TypedArrayGetElement),
// or undefined when i is no valid index, with no event.
func (m *machine) getElem(e *js.Index, x, key value) (value, error) {
	if x.k != kObj || x.o.kind != oTyped {
		return undef, nil
	}
	o := x.o
	i, ok := elemIndex(key, o.length)
	m.branched = m.branched || key.taint || o.taint // whether it reads depends on them
	if !ok {
		return undef, nil
	}
	return m.load(e, e.Span, o.elem, o.off+i*uint64(o.elem.Size), model.Unord, noTear(o.elem, model.Unord), true, key.taint || o.taint), nil
}

// setElem is a[i] = v (TypedArraySetElement): the value is converted
// first (a TypeError for a Number in a BigInt array, or a BigInt in any
// other), then written unordered when i is a valid index.
func (m *machine) setElem(e *js.Index, x, key, v value) error {
	if x.k != kObj || x.o.kind != oTyped {
		return nil
	}
	o := x.o
	bytes, err := rawBytes(o.elem, v, true)
	if err != nil {
		return err
	}
	i, ok := elemIndex(key, o.length)
	m.branched = m.branched || key.taint || o.taint
	if !ok {
		return nil
	}
	m.store(e, e.Span, o.elem, o.off+i*uint64(o.elem.Size), model.Unord, noTear(o.elem, model.Unord), bytes, v.taint, key.taint || o.taint)
	return nil
}

// noTear is ES's IsNoTearConfiguration for typed-array accesses: every
// unclamped integer type, BigInt types only when SC, floats never.
func noTear(t *js.ElemType, ord model.Ord) bool {
	if t.IntegerUnclamped() {
		return true
	}
	return t.Big && ord == model.SeqCst
}

// load reads an element of type t at byte address ea and returns its value
// (RawBytesToNumeric).
func (m *machine) load(e js.Expr, sp js.Span, t *js.ElemType, ea uint64, ord model.Ord, notear, little, dep bool) value {
	rd := m.o.ReadData(ea, t.Size, ord)
	ev := m.event(e, sp)
	ev.Data = &model.Access{Region: model.Data, Kind: model.Read, Ord: ord, Off: ea, Size: uint64(t.Size),
		NoTears: notear, Float: t.Float, Rd: rd}
	m.emit(ev, false, dep)
	return fromBytes(t, rd, little).with(true)
}

// store writes bytes (already in memory order) at ea.
func (m *machine) store(e js.Expr, sp js.Span, t *js.ElemType, ea uint64, ord model.Ord, notear bool, bytes []byte, taint, dep bool) {
	ev := m.event(e, sp)
	ev.Data = &model.Access{Region: model.Data, Kind: model.Write, Ord: ord, Off: ea, Size: uint64(t.Size),
		NoTears: notear, Float: t.Float, Wr: bytes}
	m.emit(ev, taint, dep)
}

// fromBytes is RawBytesToNumeric.
func fromBytes(t *js.ElemType, b []byte, little bool) value {
	buf := make([]byte, 8)
	copy(buf, b)
	if !little {
		for i := range t.Size {
			buf[i] = b[t.Size-1-i]
		}
	}
	u := binary.LittleEndian.Uint64(buf)
	switch {
	case t.Float && t.Size == 4:
		return num(float64(math.Float32frombits(uint32(u))))
	case t.Float:
		return num(math.Float64frombits(u))
	case t.Big && t.Signed:
		return bigv(big.NewInt(int64(u)))
	case t.Big:
		return bigv(new(big.Int).SetUint64(u))
	case t.Signed:
		shift := 64 - 8*uint(t.Size)
		return num(float64(int64(u<<shift) >> shift))
	}
	return num(float64(u))
}

// rawBytes converts v for an element of type t (ToBigInt or ToNumber,
// then NumericToRawBytes).
func rawBytes(t *js.ElemType, v value, little bool) ([]byte, error) {
	var u uint64
	if t.Big {
		b, err := toBigInt(v)
		if err != nil {
			return nil, err
		}
		u = bigBits(b)
	} else {
		f, err := toNumber(v)
		if err != nil {
			return nil, err
		}
		u = numberBits(t, f)
	}
	return orderBytes(u, t.Size, little), nil
}

// numberBits is NumericToRawBytes of a Number, as an integer.
func numberBits(t *js.ElemType, f float64) uint64 {
	switch {
	case t.Float && t.Size == 4:
		return uint64(math.Float32bits(float32(f)))
	case t.Float:
		return math.Float64bits(f)
	case t.Clamped:
		return uint64(toUint8Clamp(f))
	}
	return uint64(toUint32Bits(f))
}

// toUint8Clamp is ToUint8Clamp: round half to even into 0..255.
func toUint8Clamp(f float64) uint8 {
	switch {
	case math.IsNaN(f) || f <= 0:
		return 0
	case f >= 255:
		return 255
	}
	return uint8(math.RoundToEven(f))
}

func orderBytes(u uint64, size int, little bool) []byte {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], u)
	out := append([]byte(nil), buf[:size]...)
	if !little {
		for i, j := 0, size-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// dataView runs a DataView get or set method (GetViewValue,
// SetViewValue): unordered, never tear-free, big-endian unless the
// littleEndian argument is true, a RangeError past the view's end.
func (m *machine) dataView(e *js.Call, o *object, name string, args []value) (value, error) {
	t := js.ElemTypeNamed(name[3:])
	idx, err := toIndex(arg(args, 0))
	if err != nil {
		return undef, err
	}
	get := name[:3] == "get"
	var v value
	var bytes []byte
	leArg := arg(args, 1)
	if !get {
		v, leArg = arg(args, 1), arg(args, 2)
		f := t
		// NumericToRawBytes below needs the order; convert first (SetViewValue step 5).
		if _, err := rawBytes(f, v, true); err != nil {
			return undef, err
		}
	}
	little := truthy(leArg)
	if idx+uint64(t.Size) > o.length {
		return undef, rangeError("Offset is outside the bounds of the DataView")
	}
	dep := arg(args, 0).taint || o.taint
	m.branched = m.branched || dep
	ea := o.off + idx
	if get {
		return m.load(e, e.Span, t, ea, model.Unord, false, little, dep), nil
	}
	bytes, _ = rawBytes(t, v, little)
	m.store(e, e.Span, t, ea, model.Unord, false, bytes, v.taint, dep)
	return undef, nil
}
