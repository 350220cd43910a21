package model

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRelClose checks the transitive closure on a chain with a branch.
func TestRelClose(t *testing.T) {
	r := NewRel(70) // more than one word per row
	r.Add(0, 1)
	r.Add(1, 65)
	r.Add(65, 69)
	r.Add(3, 0)
	r.Close()
	for _, p := range [][2]EventID{{0, 69}, {3, 69}, {3, 65}, {1, 69}} {
		if !r.Has(p[0], p[1]) {
			t.Errorf("closure lacks %d → %d", p[0], p[1])
		}
	}
	if r.Has(69, 0) || r.Has(0, 3) {
		t.Error("closure added a backward pair")
	}
	if _, ok := r.Irreflexive(); !ok {
		t.Error("an acyclic relation reported a cycle")
	}
	// 3→{0,1,65,69}, 0→{1,65,69}, 1→{65,69}, 65→{69}.
	if got := r.Pairs(); got != 10 {
		t.Errorf("%d pairs, want 10", got)
	}
}

// TestRelAddClosed checks that adding an edge to a closed relation keeps
// it closed and finds the cycle it may create.
func TestRelAddClosed(t *testing.T) {
	r := NewRel(4)
	r.Add(0, 1)
	r.Add(2, 3)
	r.Close()
	r.AddClosed(1, 2)
	want := NewRel(4)
	for _, p := range [][2]EventID{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}} {
		want.Add(p[0], p[1])
	}
	if d := cmp.Diff(want.bits, r.bits); d != "" {
		t.Errorf("AddClosed (-want +got):\n%s", d)
	}
	r.AddClosed(3, 0)
	if e, ok := r.Irreflexive(); ok {
		t.Error("a cycle went unreported")
	} else if e < 0 || e > 3 {
		t.Errorf("cycle reported at %d", e)
	}
}

// TestLinearize checks that the order respects hb and the given prefix,
// and that a contradiction gives nil.
func TestLinearize(t *testing.T) {
	x := &Execution{Events: make([]*Event, 4)}
	hb := NewRel(4)
	hb.Add(2, 0)
	got := Linearize(x, hb, []EventID{3, 1})
	if d := cmp.Diff([]EventID{2, 0, 3, 1}, got); d != "" {
		t.Errorf("Linearize (-want +got):\n%s", d)
	}
	hb.Add(1, 3)
	if got := Linearize(x, hb, []EventID{3, 1}); got != nil {
		t.Errorf("Linearize of a contradiction = %v, want nil", got)
	}
}

// TestOutcomeSet checks set operations, sorting, the name-order
// projection and the JSON form.
func TestOutcomeSet(t *testing.T) {
	o := func(a, b uint64) Outcome { return Outcome{{"T0:r0", a}, {"T1:r0", b}} }
	var s, u OutcomeSet
	for _, x := range []Outcome{o(1, 0), o(0, 1), o(1, 0), o(0, 0)} {
		s.Add(x)
	}
	u.Add(o(0, 1))
	if s.Len() != 3 {
		t.Errorf("Len = %d, want 3", s.Len())
	}
	if d := cmp.Diff([]Outcome{o(0, 0), o(0, 1), o(1, 0)}, s.Sorted()); d != "" {
		t.Errorf("Sorted (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]Outcome{o(0, 0), o(1, 0)}, s.Minus(&u)); d != "" {
		t.Errorf("Minus (-want +got):\n%s", d)
	}
	over := o(1, 0).Over([]string{"T1:r0", "T0:trap", "T0:r0"})
	if got := over.String(); got != "T1:r0=0; T0:trap=0; T0:r0=1" {
		t.Errorf("Over = %s", got)
	}
	b, err := json.Marshal(o(1, 2))
	if err != nil || string(b) != `{"T0:r0":1,"T1:r0":2}` {
		t.Errorf("JSON = %s, %v", b, err)
	}
}

// TestAccess checks ranges, overlap, sync and the cell values of sparse
// writes.
func TestAccess(t *testing.T) {
	w := &Access{Region: Data, Kind: Write, Ord: SeqCst, Off: 4, Size: 4, Wr: []byte{1, 2, 3, 4}}
	r := &Access{Region: Data, Kind: Read, Ord: SeqCst, Off: 4, Size: 4, Rd: []byte{1, 2, 3, 4}}
	r2 := &Access{Region: Data, Kind: Read, Ord: SeqCst, Off: 6, Size: 2, Rd: []byte{3, 4}}
	if !Sync(w, r) || Sync(w, r2) {
		t.Error("Sync: same-range SC pairs synchronise, others do not")
	}
	if !w.Overlap(r2) || w.Overlap(&Access{Region: Data, Off: 8, Size: 1}) || w.Overlap(&Access{Region: Len, Off: 4, Size: 1}) {
		t.Error("Overlap is intersection within one region")
	}
	if w.WriteCell(6) != 3 || r2.ReadCell(7) != 4 {
		t.Error("cell values")
	}
	zero := &Access{Region: Data, Kind: Write, Ord: Init, Off: 0, Size: PageSize, Sparse: map[uint64]byte{8: 7}}
	if zero.WriteCell(8) != 7 || zero.WriteCell(9) != 0 || !zero.Covers(PageSize-1) || zero.Covers(PageSize) {
		t.Error("sparse writes")
	}
	if (&Access{Kind: Write, Size: 0}).Writing() {
		t.Error("a zero-length write (grow 0) is not writing")
	}
}

// TestExecutionClone checks that a clone keeps its reads-from and total
// order when the original's are changed in place.
func TestExecutionClone(t *testing.T) {
	x := &Execution{DataRF: [][]EventID{{0, 1}}, LenRF: []EventID{0, 0}, Tot: []EventID{0, 1}}
	y := x.Clone()
	x.DataRF[0][1], x.LenRF[1], x.Tot[0] = 7, 7, 7
	if y.DataRF[0][1] != 1 || y.LenRF[1] != 0 || y.Tot[0] != 0 {
		t.Errorf("the clone changed with the original: %v %v %v", y.DataRF, y.LenRF, y.Tot)
	}
}
