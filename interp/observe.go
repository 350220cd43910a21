package interp

import (
	"fmt"

	"wmm/model"
)

// An ObsRead is one read of the final observer: Width bytes at Addr with a
// plain load, or, when Size is set, memory.size.
type ObsRead struct {
	Size  bool
	Width int
	Addr  uint64
	Mem   uint32 // the memory (multi-memory); its reads are those of §19.1
}

// Observe runs the final observer (LITMUS.md "The outcome", MODEL.md §6.3):
// for each read in order, a plain load (bounds read, then an unordered read
// with the notears flag when aligned and at most 4 bytes) or an SC read of
// the length. An atom beyond the length read is 0 and reads no data; the
// observer never traps. Trace.Locals holds one value per read: the value,
// or the size in pages.
func Observe(reads []ObsRead, o Oracle) *Trace {
	t := &Trace{Status: model.Done}
	for _, r := range reads {
		if r.Mem != 0 {
			t.Locals = append(t.Locals, observeMem(t, r, o))
			continue
		}
		e := &model.Event{Index: len(t.Events)}
		if r.Size {
			n := o.ReadLen(model.SeqCst)
			e.Len = lenAccess(model.Read, model.SeqCst, n, 0)
			e.Instr = "memory.size (final)"
			t.Events = append(t.Events, e)
			t.Locals = append(t.Locals, n/model.PageSize)
			if w, ok := o.(Watcher); ok {
				w.Emitted(e)
			}
			continue
		}
		e.Instr = fmt.Sprintf("i%d.load %d (final)", 8*r.Width, r.Addr)
		e.Len = lenAccess(model.Read, model.Unord, o.ReadLen(model.Unord), 0)
		var v uint64
		if r.Addr+uint64(r.Width) <= e.Len.LenRd {
			rd := o.ReadData(r.Addr, r.Width, model.Unord)
			e.Data = &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: r.Addr,
				Size: uint64(r.Width), NoTears: r.Width <= 4 && r.Addr%uint64(r.Width) == 0, Rd: rd}
			v = leValue(rd)
		}
		t.Events = append(t.Events, e)
		t.Locals = append(t.Locals, v)
		if w, ok := o.(Watcher); ok {
			w.Emitted(e)
		}
	}
	return t
}

// observeMem is one read of the final observer in memory r.Mem ≥ 1
// (MODEL.md §19.1): memory.size is an SC read of the memory's length
// cell; a load is an unordered read of the cell, then, when the atom
// lies within that length, the plain load of its bytes, in events of
// their own. It returns the value read.
func observeMem(t *Trace, r ObsRead, o Oracle) uint64 {
	emit := func(e *model.Event) {
		e.Index = len(t.Events)
		t.Events = append(t.Events, e)
		if w, ok := o.(Watcher); ok {
			w.Emitted(e)
		}
	}
	cell := model.MemLenCell(r.Mem)
	if r.Size {
		rd := o.ReadData(cell, 4, model.SeqCst)
		emit(&model.Event{Instr: fmt.Sprintf("memory.size %d (final)", r.Mem),
			Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: model.SeqCst, Off: cell, Size: 4, NoTears: true, Rd: rd}})
		return leValue(rd)
	}
	rd := o.ReadData(cell, 4, model.Unord)
	emit(&model.Event{Instr: fmt.Sprintf("i%d.load %d %d (final, bounds check)", 8*r.Width, r.Mem, r.Addr),
		Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: cell, Size: 4, NoTears: true, Rd: rd}})
	if r.Addr+uint64(r.Width) > leValue(rd)*model.PageSize {
		return 0
	}
	at := model.MemBase(r.Mem) + r.Addr
	data := o.ReadData(at, r.Width, model.Unord)
	emit(&model.Event{Instr: fmt.Sprintf("i%d.load %d %d (final)", 8*r.Width, r.Mem, r.Addr),
		Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: at,
			Size: uint64(r.Width), NoTears: r.Width <= 4 && r.Addr%uint64(r.Width) == 0, Rd: data}})
	return leValue(data)
}
