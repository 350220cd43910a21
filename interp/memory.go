package interp

import (
	"encoding/binary"
	"fmt"

	"wmm/model"
	"wmm/wasm"
)

// lenAccess builds an access of the length cell. For an RMW, n is the value
// read and w the value written.
func lenAccess(kind model.AccKind, ord model.Ord, n, w uint64) *model.Access {
	a := &model.Access{Region: model.Len, Kind: kind, Ord: ord, Size: 1}
	switch kind {
	case model.Read:
		a.LenRd = n
	case model.Write:
		a.LenWr = n
	case model.RMW:
		a.LenRd, a.LenWr = n, w
	}
	return a
}

// boundsRead is Lrd of MODEL.md §5: the unordered read of the length that
// every access performs.
func (m *machine) boundsRead() *model.Access {
	return lenAccess(model.Read, model.Unord, m.oracle.ReadLen(model.Unord), 0)
}

// newEvent starts the event of instruction in.
func newEvent(in *wasm.Instr) *model.Event {
	return &model.Event{Instr: in.Op.String(), Pos: in.Pos.String()}
}

// tearing is the spec's tearing(t, N, ea): the notears flag is set for
// integer accesses of at most 32 bits at a naturally aligned address
// (MODEL.md §4.1).
func tearing(t wasm.ValType, width int, ea uint64) bool {
	return (t == wasm.I32 || t == wasm.I64) && width <= 4 && ea%uint64(width) == 0
}

// memory executes an instruction of ClassMemory.
func (m *machine) memory(in *wasm.Instr, acc *wasm.Access) signal {
	switch acc.Kind {
	case wasm.AccessLoad, wasm.AccessStore, wasm.AccessRMW, wasm.AccessCmpxchg:
		return m.access(in, acc)
	case wasm.AccessWait:
		return m.wait(in, acc)
	case wasm.AccessNotify:
		return m.notify(in)
	case wasm.AccessFence:
		e := newEvent(in)
		e.Fence = true
		m.emit(e, nil)
	case wasm.AccessSize:
		e := newEvent(in)
		var n uint64
		if in.Mem.Mem != 0 {
			e.Data, n = m.memLenRead(in.Mem.Mem, model.SeqCst)
		} else {
			n = m.oracle.ReadLen(model.SeqCst)
			e.Len = lenAccess(model.Read, model.SeqCst, n, 0)
		}
		m.emit(e, nil)
		m.push(value{bits: n / wasm.PageSize, taint: true})
	case wasm.AccessGrow:
		m.grow(in)
	case wasm.AccessFill:
		n, v, d := m.pop(), m.pop(), m.pop()
		m.branched = m.branched || n.taint || d.taint
		if !m.protCheck(in, in.Mem.Mem, uint64(uint32(d.bits)), uint64(uint32(n.bits)), true) {
			return m.trap(model.TrapProt)
		}
		return m.fill(in, uint64(uint32(d.bits)), byte(v.bits), uint64(uint32(n.bits)), v.taint)
	case wasm.AccessCopy:
		n, s, d := m.pop(), m.pop(), m.pop()
		m.branched = m.branched || n.taint || s.taint || d.taint
		if !m.protCheck(in, in.Mem.SrcMem, uint64(uint32(s.bits)), uint64(uint32(n.bits)), false) ||
			!m.protCheck(in, in.Mem.Mem, uint64(uint32(d.bits)), uint64(uint32(n.bits)), true) {
			return m.trap(model.TrapProt)
		}
		return m.copy(in, uint64(uint32(d.bits)), uint64(uint32(s.bits)), uint64(uint32(n.bits)))
	case wasm.AccessDiscard:
		n, d := m.pop(), m.pop()
		m.branched = m.branched || n.taint || d.taint
		if !m.protCheck(in, in.Mem.Mem, uint64(uint32(d.bits)), uint64(uint32(n.bits)), true) {
			return m.trap(model.TrapProt)
		}
		return m.discard(in, uint64(uint32(d.bits)), uint64(uint32(n.bits)))
	case wasm.AccessProtect:
		n, d := m.pop(), m.pop()
		m.branched = m.branched || n.taint || d.taint
		return m.protect(in, uint64(uint32(d.bits)), uint64(uint32(n.bits)), byte(in.Value))
	}
	return fallThrough
}

// checked emits the event of an access that may trap before touching data:
// misaligned atomics and out-of-bounds addresses emit only the bounds read
// and trap (MODEL.md §5.1–§5.5, §12 A11: "unaligned" is reported first). It
// returns the event (to be completed by the caller) and whether the access
// proceeds.
func (m *machine) checked(in *wasm.Instr, ea uint64, width int, atomic bool) (*model.Event, bool) {
	e := newEvent(in)
	chk, l := m.bounds(in, in.Mem.Mem, e)
	switch {
	case atomic && ea%uint64(width) != 0:
		chk.Trap = model.TrapAlign
	case ea+uint64(width) > l:
		chk.Trap = model.TrapOOB
	default:
		if chk != e {
			m.emit(chk, nil)
		}
		return e, true
	}
	m.emit(chk, nil)
	return chk, false
}

// bounds reads the length of memory mem for the bounds check of event e:
// for memory 0 the unordered length read goes into e (MODEL.md §5.1);
// for memory k ≥ 1 it is an unordered read of the memory's length cell in
// an event of its own, before the access (§19.1), which bounds returns
// unemitted. It returns the event that holds the read and the length in
// bytes.
func (m *machine) bounds(in *wasm.Instr, mem uint32, e *model.Event) (*model.Event, uint64) {
	if mem == 0 {
		e.Len = m.boundsRead()
		return e, e.Len.LenRd
	}
	c := &model.Event{Instr: fmt.Sprintf("%s (bounds check, memory %d)", in.Op, mem), Pos: in.Pos.String()}
	var l uint64
	c.Data, l = m.memLenRead(mem, model.Unord)
	return c, l
}

// memLenRead reads the length cell of memory mem ≥ 1 with ordering ord
// (MODEL.md §19.1): the access, and the length in bytes.
func (m *machine) memLenRead(mem uint32, ord model.Ord) (*model.Access, uint64) {
	cell := model.MemLenCell(mem)
	rd := m.oracle.ReadData(cell, 4, ord)
	return &model.Access{Region: model.Data, Kind: model.Read, Ord: ord, Off: cell, Size: 4, NoTears: true, Rd: rd},
		leValue(rd) * wasm.PageSize
}

// maxPages returns the maximum size in pages of memory mem.
func (m *machine) maxPages(mem uint32) uint64 {
	if mem == 0 {
		return uint64(m.cfg.MaxPages)
	}
	if int(mem) <= len(m.cfg.MoreMaxPages) {
		return uint64(m.cfg.MoreMaxPages[mem-1])
	}
	return 0
}

// access executes loads, stores, RMWs and compare-exchanges.
func (m *machine) access(in *wasm.Instr, acc *wasm.Access) signal {
	var operand, expected value
	switch acc.Kind {
	case wasm.AccessStore, wasm.AccessRMW:
		operand = m.pop()
	case wasm.AccessCmpxchg:
		operand = m.pop() // the replacement
		expected = m.pop()
	}
	addr := m.pop()
	m.branched = m.branched || addr.taint
	ea := uint64(uint32(addr.bits)) + uint64(in.Mem.Offset)
	if !m.protCheck(in, in.Mem.Mem, ea, uint64(acc.Width), acc.Kind != wasm.AccessLoad) {
		return m.trap(model.TrapProt)
	}
	e, ok := m.checked(in, ea, acc.Width, acc.Atomic)
	if !ok {
		return m.trap(e.Trap)
	}
	ord := model.Unord
	switch {
	case acc.Atomic && in.Mem.Order == wasm.AcqRel && !m.cfg.Sem.AcqRelAsSeqCst:
		ord = model.AcqRel // MODEL.md §16.1
	case acc.Atomic:
		ord = model.SeqCst
	}
	at := model.MemBase(in.Mem.Mem) + ea // the data cell of byte ea
	d := &model.Access{Region: model.Data, Ord: ord, Off: at, Size: uint64(acc.Width),
		Float: acc.Type == wasm.F32 || acc.Type == wasm.F64}
	e.Data = d
	taint := operand.taint || expected.taint
	switch acc.Kind {
	case wasm.AccessLoad:
		d.Kind = model.Read
		d.NoTears = tearing(acc.Type, acc.Width, ea)
		d.Rd = m.oracle.ReadData(at, acc.Width, ord)
		m.push(value{bits: loadValue(d.Rd, acc), taint: true})
	case wasm.AccessStore:
		d.Kind = model.Write
		d.NoTears = tearing(acc.Type, acc.Width, ea)
		d.Wr = leBytes(operand.bits, acc.Width)
	case wasm.AccessRMW:
		d.Kind = model.RMW
		d.Rd = m.oracle.ReadData(at, acc.Width, ord)
		old := leValue(d.Rd)
		d.Wr = leBytes(rmw(acc.RMW, old, operand.bits), acc.Width)
		m.push(value{bits: old, taint: true})
	case wasm.AccessCmpxchg:
		d.Rd = m.oracle.ReadData(at, acc.Width, ord)
		old := leValue(d.Rd)
		switch {
		case old == truncate(expected.bits, acc.Width):
			d.Kind = model.RMW
			d.Wr = leBytes(operand.bits, acc.Width)
		case m.cfg.Sem.FailedCmpxchgWrites:
			d.Kind = model.RMW
			d.Wr = append([]byte(nil), d.Rd...)
		default:
			d.Kind = model.Read // a failed cmpxchg is only an SC read (§5.5)
		}
		m.push(value{bits: old, taint: true})
	}
	m.emit(e, &taint, addr.taint)
	return fallThrough
}

// loadValue extends the bytes read to the instruction's type.
func loadValue(b []byte, acc *wasm.Access) uint64 {
	v := leValue(b)
	if acc.Signed {
		shift := 64 - 8*uint(acc.Width)
		v = uint64(int64(v<<shift) >> shift)
	}
	if acc.Type == wasm.I32 || acc.Type == wasm.F32 {
		v = uint64(uint32(v))
	}
	return v
}

// truncate keeps the low width bytes of v (wrap_N).
func truncate(v uint64, width int) uint64 {
	if width >= 8 {
		return v
	}
	return v & (1<<(8*uint(width)) - 1)
}

// rmw computes an atomic read-modify-write's new value.
func rmw(op wasm.RMWOp, old, operand uint64) uint64 {
	switch op {
	case wasm.RMWAdd:
		return old + operand
	case wasm.RMWSub:
		return old - operand
	case wasm.RMWAnd:
		return old & operand
	case wasm.RMWOr:
		return old | operand
	case wasm.RMWXor:
		return old ^ operand
	case wasm.RMWXchg:
		return operand
	}
	return old
}

// leBytes returns the low width bytes of v, little-endian.
func leBytes(v uint64, width int) []byte {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	return append([]byte(nil), buf[:width]...)
}

// leValue reads a little-endian unsigned value.
func leValue(b []byte) uint64 {
	var buf [8]byte
	copy(buf[:], b)
	return binary.LittleEndian.Uint64(buf[:])
}

// grow executes memory.grow (MODEL.md §5.7).
func (m *machine) grow(in *wasm.Instr) {
	delta := m.pop()
	if in.Mem.Mem != 0 {
		m.growMem(in, in.Mem.Mem, uint64(uint32(delta.bits)))
		return
	}
	k := uint64(uint32(delta.bits)) * wasm.PageSize
	l := m.oracle.ReadLen(model.SeqCst)
	e := newEvent(in)
	room := l+k <= uint64(m.cfg.MaxPages)*wasm.PageSize
	succeed := room
	if room && !m.cfg.Sem.NoSpuriousGrowFailure {
		succeed = m.oracle.GrowSucceeds()
	}
	if !succeed {
		e.Len = lenAccess(model.Read, model.SeqCst, l, 0)
		m.emit(e, nil)
		m.push(value{bits: 0xFFFFFFFF, taint: true})
		return
	}
	e.Len = lenAccess(model.RMW, model.SeqCst, l, l+k)
	if k > 0 && !m.cfg.Sem.GrowPreZeroed {
		e.Data = m.growFill(l, k)
	}
	m.emit(e, nil)
	m.push(value{bits: l / wasm.PageSize, taint: true})
}

// growFill is grow's zero fill of [at, at+k): unordered, or init under
// GrowZeroInit (A7).
func (m *machine) growFill(at, k uint64) *model.Access {
	ord := model.Unord
	if m.cfg.Sem.GrowZeroInit {
		ord = model.Init
	}
	return &model.Access{Region: model.Data, Kind: model.Write, Ord: ord, Off: at, Size: k, Sparse: map[uint64]byte{}}
}

// growMem executes memory.grow of memory mem ≥ 1 by delta pages (MODEL.md
// §19.1): an SC read of its length cell, or on success an SC RMW of it
// (pages → pages+delta), preceded by an event of its own holding the zero
// fill of the new pages: memory 0's grow has both in one event, but an
// event has one data access. The fill comes first so that everything
// after the RMW in hb is after the fill too.
func (m *machine) growMem(in *wasm.Instr, mem uint32, delta uint64) {
	rd, n := m.memLenRead(mem, model.SeqCst)
	l := n / wasm.PageSize
	e := newEvent(in)
	room := l+delta <= m.maxPages(mem)
	succeed := room
	if room && !m.cfg.Sem.NoSpuriousGrowFailure {
		succeed = m.oracle.GrowSucceeds()
	}
	if !succeed {
		e.Data = rd
		m.emit(e, nil)
		m.push(value{bits: 0xFFFFFFFF, taint: true})
		return
	}
	if delta > 0 && !m.cfg.Sem.GrowPreZeroed {
		base := model.MemBase(mem)
		m.emit(&model.Event{Instr: in.Op.String() + " (zero fill)", Pos: in.Pos.String(),
			Data: m.growFill(base+l*wasm.PageSize, delta*wasm.PageSize)}, nil)
	}
	rd.Kind, rd.Wr = model.RMW, leBytes(l+delta, 4) // the read becomes the RMW of the cell
	e.Data = rd
	m.emit(e, nil)
	m.push(value{bits: l, taint: true})
}

// wait executes memory.atomic.wait32/64 (MODEL.md §5.9).
func (m *machine) wait(in *wasm.Instr, acc *wasm.Access) signal {
	timeout, expected, addr := m.pop(), m.pop(), m.pop()
	ea := uint64(uint32(addr.bits)) + uint64(in.Mem.Offset)
	if !m.protCheck(in, in.Mem.Mem, ea, uint64(acc.Width), false) {
		return m.trap(model.TrapProt)
	}
	e, ok := m.checked(in, ea, acc.Width, true)
	if !ok {
		return m.trap(e.Trap)
	}
	ea += model.MemBase(in.Mem.Mem) // waiters and data cells of memory k are apart from memory 0's
	rd := m.oracle.ReadData(ea, acc.Width, model.SeqCst)
	e.Data = &model.Access{Region: model.Data, Kind: model.Read, Ord: model.SeqCst, Off: ea, Size: uint64(acc.Width), Rd: rd}
	m.branched = true // whether it suspends depends on the value read
	if leValue(rd) != truncate(expected.bits, acc.Width) {
		if m.cfg.Sem.WaitCritical {
			e.Susp = &model.Susp{Kind: model.Critical, Addr: ea}
		}
		m.emit(e, nil)
		m.push(value{bits: 1, taint: true})
		return fallThrough
	}
	t := int64(timeout.bits)
	e.Susp = &model.Susp{Kind: model.Wait, Addr: ea, Timeout: t}
	m.emit(e, nil)
	switch m.oracle.WaitEnd(t >= 0, t < 0 || m.cfg.Sem.FiniteWaitMayBlock) {
	case Woken:
		m.emit(&model.Event{Susp: &model.Susp{Kind: model.Woken, Addr: ea}, Instr: "(woken)", Pos: in.Pos.String()}, nil)
		m.push(value{bits: 0, taint: true})
	case TimedOut:
		m.emit(&model.Event{Susp: &model.Susp{Kind: model.Timeout, Addr: ea}, Instr: "(timeout)", Pos: in.Pos.String()}, nil)
		m.push(value{bits: 2, taint: true})
	default:
		return m.stop(model.Blocked)
	}
	return fallThrough
}

// notify executes memory.atomic.notify (MODEL.md §5.10).
func (m *machine) notify(in *wasm.Instr) signal {
	count, addr := m.pop(), m.pop()
	ea := uint64(uint32(addr.bits)) + uint64(in.Mem.Offset)
	e, ok := m.checked(in, ea, 4, true)
	if !ok {
		return m.trap(e.Trap)
	}
	ea += model.MemBase(in.Mem.Mem)
	k := uint32(count.bits)
	j := m.oracle.Notify(k)
	e.Susp = &model.Susp{Kind: model.Notify, Addr: ea, N: j, K: k}
	m.emit(e, nil)
	m.push(value{bits: uint64(j)})
	return fallThrough
}

// byteStore is i32.store8 as bulk operations execute it: a bounds read and
// a one-byte unordered write (MODEL.md §5.8), to memory mem. With single
// checks the bounds read is left out.
func (m *machine) byteStore(in *wasm.Instr, mem uint32, d uint64, v byte, what string, taint, dep bool) bool {
	e := &model.Event{Instr: in.Op.String() + " " + what, Pos: in.Pos.String()}
	if !m.cfg.Sem.BulkSingleCheck && !m.byteBounds(in, mem, d, e) {
		return false
	}
	e.Data = &model.Access{Region: model.Data, Kind: model.Write, Ord: model.Unord, Off: model.MemBase(mem) + d, Size: 1, NoTears: true, Wr: []byte{v}}
	m.emit(e, &taint, dep)
	return true
}

// byteBounds is the bounds check of one byte of a bulk instruction at d
// in memory mem, for the byte's event e (memory 0: in e; memory k: in an
// event of its own, emitted). When d is out of bounds it emits the check
// with the trap and reports false.
func (m *machine) byteBounds(in *wasm.Instr, mem uint32, d uint64, e *model.Event) bool {
	chk, l := m.bounds(in, mem, e)
	if d+1 > l {
		chk.Trap = model.TrapOOB
		m.emit(chk, nil)
		return false
	}
	if chk != e {
		m.emit(chk, nil)
	}
	return true
}

// byteLoad is i32.load8_u as memory.copy executes it, from memory mem.
func (m *machine) byteLoad(in *wasm.Instr, mem uint32, s uint64) (byte, bool) {
	e := &model.Event{Instr: fmt.Sprintf("%s (load8_u %d)", in.Op, s), Pos: in.Pos.String()}
	if !m.cfg.Sem.BulkSingleCheck && !m.byteBounds(in, mem, s, e) {
		return 0, false
	}
	at := model.MemBase(mem) + s
	rd := m.oracle.ReadData(at, 1, model.Unord)
	e.Data = &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: at, Size: 1, NoTears: true, Rd: rd}
	m.emit(e, nil)
	return rd[0], true
}

// bulkCheck is the bounds check at each step of memory.fill/copy: an event
// holding only a length read, per memory (memory 0's first). It reports
// whether every end is in bounds of its memory: ends[i] is checked
// against mems[i].
func (m *machine) bulkCheck(in *wasm.Instr, mems []uint32, ends ...uint64) bool {
	done := map[uint32]bool{}
	for _, mem := range mems {
		if done[mem] {
			continue
		}
		done[mem] = true
		e := &model.Event{Instr: in.Op.String() + " (bounds check)", Pos: in.Pos.String()}
		chk, l := m.bounds(in, mem, e)
		for i, end := range ends {
			if mems[i] == mem && end > l {
				chk.Trap = model.TrapOOB
			}
		}
		m.emit(chk, nil)
		if chk.Trap != model.NoTrap {
			return false
		}
	}
	return true
}

// fill executes memory.fill d v n: literally, a bounds check and one byte
// store per step, re-checking at every step (MODEL.md §5.8, §12 A10).
func (m *machine) fill(in *wasm.Instr, d uint64, v byte, n uint64, taint bool) signal {
	mem := in.Mem.Mem
	if m.cfg.Sem.BulkSingleCheck {
		if !m.bulkCheck(in, []uint32{mem}, d+n) {
			return m.trap(model.TrapOOB)
		}
		for i := uint64(0); i < n; i++ {
			m.byteStore(in, mem, d+i, v, fmt.Sprintf("(store8 %d)", d+i), taint, false)
		}
		return fallThrough
	}
	for ; ; d, n = d+1, n-1 {
		if !m.bulkCheck(in, []uint32{mem}, d+n) {
			return m.trap(model.TrapOOB)
		}
		if n == 0 {
			return fallThrough
		}
		if !m.byteStore(in, mem, d, v, fmt.Sprintf("(store8 %d)", d), taint, false) {
			return m.trap(model.TrapOOB)
		}
	}
}

// copy executes memory.copy d s n: byte by byte, forwards when d ≤ s and
// backwards otherwise, each byte a load and a store (MODEL.md §5.8).
func (m *machine) copy(in *wasm.Instr, d, s, n uint64) signal {
	mem := in.Mem.Mem // the destination; in.Mem.SrcMem the source
	single := m.cfg.Sem.BulkSingleCheck
	for first := true; ; first = false {
		if first || !single {
			if !m.bulkCheck(in, []uint32{in.Mem.SrcMem, mem}, s+n, d+n) {
				return m.trap(model.TrapOOB)
			}
		}
		if n == 0 {
			return fallThrough
		}
		from, to := s, d
		if d > s {
			from, to = s+n-1, d+n-1
		}
		b, ok := m.byteLoad(in, in.Mem.SrcMem, from)
		if !ok {
			return m.trap(model.TrapOOB)
		}
		// The copied byte was read: the store depends on it, but is not
		// seeded with thin-air candidates (copies compute nothing).
		if !m.byteStore(in, mem, to, b, fmt.Sprintf("(store8 %d)", to), false, true) {
			return m.trap(model.TrapOOB)
		}
		if d <= s {
			d, s = d+1, s+1
		}
		n--
	}
}

// discard executes memory.discard d n (memory-control proposal, MODEL.md
// §17): one event holding the bounds read of the length (d+n ≤ l, else
// trap, nothing written) and a write of n zeros to [d, d+n). The write is
// unordered and has no notears flag: for the outcomes this is the same as
// n one-byte unordered writes in ascending order, as a racing memory.fill
// with one bounds check makes (§17.2). Under DiscardSC it is one seqcst
// write over the range (§17.3 D1). A zero-length discard writes nothing.
func (m *machine) discard(in *wasm.Instr, d, n uint64) signal {
	e := newEvent(in)
	e.Len = m.boundsRead()
	if d+n > e.Len.LenRd {
		e.Trap = model.TrapOOB
		m.emit(e, nil)
		return m.trap(model.TrapOOB)
	}
	if n > 0 {
		ord := model.Unord
		if m.cfg.Sem.DiscardSC {
			ord = model.SeqCst
		}
		e.Data = &model.Access{Region: model.Data, Kind: model.Write, Ord: ord, Off: d, Size: n, Sparse: map[uint64]byte{}}
	}
	m.emit(e, nil)
	return fallThrough
}

// protCheck is the protection check of an access of [lo, lo+n) in a test
// that protects pages (Config.Protect, MODEL.md §18.1): an event of its
// own, before the access, that reads the protection cells of the pages
// the range touches (unordered; seqcst under ProtectSC). When one of them
// forbids the access (none, or read for a write) the event traps, and
// protCheck reports false. Pages at or past the memory's maximum have no
// cell: the access's bounds check traps there. A zero-length range reads
// nothing.
func (m *machine) protCheck(in *wasm.Instr, mem uint32, lo, n uint64, write bool) bool {
	if !m.cfg.Protect || n == 0 || mem != 0 {
		return true
	}
	first, last := lo/model.PageSize, (lo+n-1)/model.PageSize
	if max := uint64(m.cfg.MaxPages); last >= max {
		if first >= max {
			return true
		}
		last = max - 1
	}
	ord := model.Unord
	if m.cfg.Sem.ProtectSC {
		ord = model.SeqCst
	}
	size := last - first + 1
	rd := m.oracle.ReadData(model.ProtBase+first, int(size), ord)
	e := &model.Event{Instr: in.Op.String() + " (protection check)", Pos: in.Pos.String(),
		Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: ord, Off: model.ProtBase + first, Size: size, Rd: rd}}
	for _, b := range rd {
		if !wasm.Prot(b).Allows(write) {
			e.Trap = model.TrapProt
		}
	}
	m.emit(e, nil)
	return e.Trap == model.NoTrap
}

// protect executes memory.protect d n with protection prot (memory-control
// proposal, MODEL.md §18.1): one event holding the bounds read of the
// length and, when 0 < n and d+n ≤ l, a seqcst write of prot to the
// protection cells of the pages [d, d+n) touches (the proposal aligns the
// range to pages). A zero length or a range past the end traps and
// changes nothing.
func (m *machine) protect(in *wasm.Instr, d, n uint64, prot byte) signal {
	e := newEvent(in)
	e.Len = m.boundsRead()
	switch {
	case d+n > e.Len.LenRd:
		e.Trap = model.TrapOOB
	case n == 0:
		e.Trap = model.TrapOther // "size is less than or equal to zero"
	}
	if e.Trap != model.NoTrap {
		m.emit(e, nil)
		return m.trap(e.Trap)
	}
	first, last := d/model.PageSize, (d+n-1)/model.PageSize
	wr := make([]byte, last-first+1)
	for i := range wr {
		wr[i] = prot
	}
	e.Data = &model.Access{Region: model.Data, Kind: model.Write, Ord: model.SeqCst, Off: model.ProtBase + first, Size: uint64(len(wr)), Wr: wr}
	m.emit(e, nil)
	return fallThrough
}
