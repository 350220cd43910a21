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
