package reports

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/model"
)

// builder makes small executions by hand: a setup thread whose only event
// is the allocation ("init", one page), then test threads.
type builder struct{ x *model.Execution }

func newBuilder() *builder {
	x := &model.Execution{}
	b := &builder{x: x}
	b.thread("setup", model.RoleSetup, &model.Event{
		Len:   &model.Access{Region: model.Len, Kind: model.Write, Ord: model.SeqCst, Size: 1, LenWr: model.PageSize},
		Data:  &model.Access{Region: model.Data, Kind: model.Write, Ord: model.Init, Size: model.PageSize, Sparse: map[uint64]byte{}},
		Instr: "(memory allocation)",
	})
	return b
}

func (b *builder) thread(name string, role model.Role, evs ...*model.Event) {
	t := model.Thread{Name: name, Role: role, Status: model.Done}
	for i, ev := range evs {
		ev.ID, ev.Thread, ev.Index = model.EventID(len(b.x.Events)), len(b.x.Threads), i
		b.x.Events = append(b.x.Events, ev)
		b.x.DataRF = append(b.x.DataRF, nil)
		b.x.LenRF = append(b.x.LenRF, model.NoEvent)
		t.Events = append(t.Events, ev.ID)
	}
	b.x.Threads = append(b.x.Threads, t)
}

// store and load return SC (sc) or unordered i32 accesses at off.
func store(off uint64, v byte, sc bool) *model.Event {
	return &model.Event{Data: &model.Access{Region: model.Data, Kind: model.Write, Ord: ord(sc), Off: off, Size: 4, NoTears: true, Wr: []byte{v, 0, 0, 0}}, Instr: "i32.store"}
}

func load(off uint64, v byte, sc bool) *model.Event {
	return &model.Event{Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: ord(sc), Off: off, Size: 4, NoTears: true, Rd: []byte{v, 0, 0, 0}}, Instr: "i32.load"}
}

func ord(sc bool) model.Ord {
	if sc {
		return model.SeqCst
	}
	return model.Unord
}

// rf makes r read all its cells from w.
func (b *builder) rf(r, w model.EventID) {
	b.x.DataRF[r] = []model.EventID{w, w, w, w}
}

// twoSC returns the execution of test threads T0 and T1 with the events
// given, in which each pair {r, w} of rfs makes r read from w.
func twoSC(t0, t1 []*model.Event, rfs ...[2]model.EventID) *model.Execution {
	b := newBuilder()
	b.thread("T0", model.RoleTest, t0...)
	b.thread("T1", model.RoleTest, t1...)
	for _, p := range rfs {
		b.rf(p[0], p[1])
	}
	return b.x
}

// mpSC returns MP with SC accesses where T1 sees the flag but not the data:
// init, T0.0 Wx=42, T0.1 Wy=1, T1.0 Ry=1 (from T0.1), T1.1 Rx=0 (from init).
func mpSC() *model.Execution {
	return twoSC([]*model.Event{store(0, 42, true), store(4, 1, true)}, []*model.Event{load(4, 1, true), load(0, 0, true)},
		[2]model.EventID{3, 2}, [2]model.EventID{4, 0})
}

// sbSC returns SB with SC accesses where both loads read init.
func sbSC() *model.Execution {
	return twoSC([]*model.Event{store(0, 1, true), load(4, 0, true)}, []*model.Event{store(4, 1, true), load(0, 0, true)},
		[2]model.EventID{2, 0}, [2]model.EventID{4, 0})
}

// lbSC returns LB with SC accesses where both loads read the other
// thread's store.
func lbSC() *model.Execution {
	return twoSC([]*model.Event{load(0, 1, true), store(4, 1, true)}, []*model.Event{load(4, 1, true), store(0, 1, true)},
		[2]model.EventID{1, 4}, [2]model.EventID{3, 2})
}

func factTexts(x *model.Execution, fs []Fact) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text(x))
	}
	return out
}

// TestCore checks the relations Core derives for each kind of violation:
// the reads-from the axiom names, each happens-before with its path, each
// tot fact.
func TestCore(t *testing.T) {
	tests := []struct {
		name  string
		x     *model.Execution
		v     *model.Violation
		order []model.EventID
		want  []string
	}{
		{"hb-consistent (c) through synchronisation", mpSC(),
			&model.Violation{Axiom: model.AxHB, Clause: "c", Events: []model.EventID{0, 1, 4}, Premises: []model.Premise{model.RF(0, 4), model.HB(0, 1), model.HB(1, 4)}}, nil,
			[]string{
				"init rf T1.1: T1.1 reads bytes [0,4) from init",
				"init hb T0.0: init spawn T0.0",
				"T0.0 hb T1.1: T0.0 po T0.1, T0.1 sync T1.0, T1.0 po T1.1",
			}},
		{"hb-consistent (a)", lbSC(),
			&model.Violation{Axiom: model.AxHB, Clause: "a", Events: []model.EventID{1, 4}, Premises: []model.Premise{model.RF(4, 1), model.HB(1, 4)}}, nil,
			[]string{
				"T1.1 rf T0.0: T0.0 reads bytes [0,4) from T1.1; they synchronise (both SC, same range)",
				"T0.0 hb T1.1: T0.0 po T0.1, T0.1 sync T1.0, T1.0 po T1.1",
			}},
		{"sc-last-visible (ii) with the order tried", sbSC(),
			&model.Violation{Axiom: model.AxSCLast, Clause: "ii", Events: []model.EventID{0, 3, 2}, Premises: []model.Premise{model.RF(0, 2), model.HB(0, 3), model.Tot(3, 2)}}, []model.EventID{0, 3},
			[]string{
				"init rf T0.1: T0.1 reads bytes [4,8) from init",
				"init hb T1.0: init spawn T1.0",
				"T1.0 tot T0.1: T1.0 is placed and T0.1 comes later",
			}},
		{"sc-last-visible (iii)", sbSC(),
			&model.Violation{Axiom: model.AxSCLast, Clause: "iii", Events: []model.EventID{0, 1, 4}, Premises: []model.Premise{model.RF(0, 4), model.Tot(0, 1), model.HB(1, 4)}}, []model.EventID{0, 1, 3, 4},
			[]string{
				"init rf T1.1: T1.1 reads bytes [0,4) from init",
				"init tot T0.0: in the order tried",
				"T0.0 hb T1.1",
			}},
		{"hb cycle", lbSC(),
			&model.Violation{Axiom: model.AxHBAcyclic, Events: []model.EventID{1}, Premises: []model.Premise{model.HB(1, 1)}}, nil,
			[]string{"T0.0 hb T0.0 (a cycle): T0.0 po T0.1, T0.1 sync T1.0, T1.0 po T1.1, T1.1 sync T0.0"}},
		{"hb-in-tot", mpSC(),
			&model.Violation{Axiom: model.AxHBTot, Events: []model.EventID{2, 3}, Premises: []model.Premise{model.HB(2, 3), model.Tot(3, 2)}}, []model.EventID{0, 3, 2},
			[]string{"T0.1 hb T1.0: T0.1 sync T1.0", "T1.0 tot T0.1: in the order tried"}},
		{"an axiom without premises to show", mpSC(),
			&model.Violation{Axiom: model.AxSuspension, Clause: "queue", Events: []model.EventID{1}}, nil,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := factTexts(tc.x, Core(tc.x, tc.v, tc.order))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("facts (-want +got):\n%s", d)
			}
		})
	}
}

// TestWrap checks the wrapping of captions.
func TestWrap(t *testing.T) {
	got := wrap("aaa bbb ccc dddd e", 7)
	if d := cmp.Diff([]string{"aaa bbb", "ccc", "dddd e"}, got); d != "" {
		t.Errorf("wrap (-want +got):\n%s", d)
	}
}

// TestRFLinesNamesCells checks that a read of cells other than memory 0's
// bytes is named by its region in the reads-from lines and the graph's rf
// labels: a protection check reads "prot[1,2)", not the raw data address
// of the cell (2^40+1).
func TestRFLinesNamesCells(t *testing.T) {
	b := newBuilder()
	prot := &model.Event{Data: &model.Access{Region: model.Data, Kind: model.Write, Ord: model.SeqCst, Off: model.ProtBase + 1, Size: 1, Wr: []byte{1}}, Instr: "memory.protect"}
	b.thread("T0", model.RoleTest, prot)
	check := &model.Event{Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: model.ProtBase + 1, Size: 1, Rd: []byte{1}}, Instr: "i32.store (protection check)"}
	mem1 := &model.Event{Data: &model.Access{Region: model.Data, Kind: model.Read, Ord: model.Unord, Off: model.MemBase(1) + 4, Size: 2, Rd: []byte{0, 0}}, Instr: "i32.load16_u 1"}
	b.thread("T1", model.RoleTest, load(0, 0, false), check, mem1)
	x := b.x
	x.DataRF[2] = []model.EventID{0, 0, 0, 0}
	x.DataRF[3] = []model.EventID{1}
	x.DataRF[4] = []model.EventID{0, 0}
	want := []string{
		"T1.0 reads bytes [0,4) from init",
		"T1.1 reads prot[1,2) from T0.0",
		"T1.2 reads mem1[4,6) from init",
	}
	if d := cmp.Diff(want, rfLines(x)); d != "" {
		t.Errorf("rfLines (-want +got):\n%s", d)
	}
}

// TestSyncEdgesNameCells checks that a synchronisation edge in the JSON
// explanation names the region and cells over which it synchronises, as
// a reads-from edge does: in MP with SC accesses, T1.0 reads the flag's
// cells [4,8) from T0.1, both SC of the same range, so that read is the
// one sync edge and covers data cells [4,8); the other SC read (T1.1
// from init) is not an edge of sync, since init is not SC.
func TestSyncEdgesNameCells(t *testing.T) {
	x := mpSC()
	got := executionOf(x).Sync
	want := []edgeJSON{{Kind: "sync", From: "T0.1", To: "T1.0", Region: "data", Cells: &[2]uint64{4, 8}}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sync edges (-want +got):\n%s", d)
	}
}
