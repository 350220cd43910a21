package model

import "math/bits"

// A Rel is a binary relation on the events of one execution, stored as a
// bit matrix: row a holds the set of b with a Rel b.
type Rel struct {
	n, w int // events, words per row
	bits []uint64
}

// NewRel returns the empty relation on n events.
func NewRel(n int) *Rel {
	w := (n + 63) / 64
	return &Rel{n: n, w: w, bits: make([]uint64, n*w)}
}

// N returns the number of events the relation is over.
func (r *Rel) N() int { return r.n }

// Has reports whether a r b.
func (r *Rel) Has(a, b EventID) bool {
	return r.bits[int(a)*r.w+int(b)/64]&(1<<(uint(b)%64)) != 0
}

// Add adds the pair (a, b).
func (r *Rel) Add(a, b EventID) {
	r.bits[int(a)*r.w+int(b)/64] |= 1 << (uint(b) % 64)
}

// Row returns the words of row a (the successors of a). Callers must not
// keep it across changes.
func (r *Rel) Row(a EventID) []uint64 { return r.bits[int(a)*r.w : int(a+1)*r.w] }

// Clone returns a copy of r.
func (r *Rel) Clone() *Rel {
	c := &Rel{n: r.n, w: r.w, bits: make([]uint64, len(r.bits))}
	copy(c.bits, r.bits)
	return c
}

// CopyFrom overwrites r with s, which must be over as many events.
func (r *Rel) CopyFrom(s *Rel) { copy(r.bits, s.bits) }

// Close makes r transitive (Warshall's algorithm over bit rows).
func (r *Rel) Close() {
	for k := 0; k < r.n; k++ {
		kr := r.Row(EventID(k))
		for a := 0; a < r.n; a++ {
			if r.Has(EventID(a), EventID(k)) {
				ar := r.Row(EventID(a))
				for i := range ar {
					ar[i] |= kr[i]
				}
			}
		}
	}
}

// AddClosed adds the edge a → b to a transitive relation and keeps it
// transitive: every x with x = a or x r a gets b and b's successors.
func (r *Rel) AddClosed(a, b EventID) { r.AddClosedTrail(a, b, nil) }

// A Trail records the rows of a relation as they were before
// AddClosedTrail changed them, so that UndoTo can restore them: a search
// extends happens-before by one choice's edges and retracts them on
// backtracking without copying the whole relation.
type Trail struct {
	rows  []int32
	words []uint64
}

// Mark returns the trail's current length, for UndoTo.
func (t *Trail) Mark() int { return len(t.rows) }

// AddClosedTrail is AddClosed that saves every row it changes on t (when
// t is not nil).
func (r *Rel) AddClosedTrail(a, b EventID, t *Trail) {
	if r.Has(a, b) {
		return
	}
	var buf [4]uint64
	add := buf[:0]
	if r.w > len(buf) {
		add = make([]uint64, 0, r.w)
	}
	add = append(add, r.Row(b)...)
	add[int(b)/64] |= 1 << (uint(b) % 64)
	for x := 0; x < r.n; x++ {
		if x == int(a) || r.Has(EventID(x), a) {
			xr := r.Row(EventID(x))
			if t != nil {
				t.rows = append(t.rows, int32(x))
				t.words = append(t.words, xr...)
			}
			for i := range xr {
				xr[i] |= add[i]
			}
		}
	}
}

// UndoTo restores the rows saved on t since mark, latest first, and
// shortens t to mark.
func (r *Rel) UndoTo(t *Trail, mark int) {
	for i := len(t.rows) - 1; i >= mark; i-- {
		copy(r.Row(EventID(t.rows[i])), t.words[i*r.w:(i+1)*r.w])
	}
	t.rows = t.rows[:mark]
	t.words = t.words[:mark*r.w]
}

// Irreflexive reports whether no event is related to itself; for a
// transitive relation, whether it is acyclic. When it is not, it returns an
// event on a cycle.
func (r *Rel) Irreflexive() (EventID, bool) {
	for a := 0; a < r.n; a++ {
		if r.Has(EventID(a), EventID(a)) {
			return EventID(a), false
		}
	}
	return -1, true
}

// Pairs returns the number of pairs in the relation.
func (r *Rel) Pairs() int {
	n := 0
	for _, w := range r.bits {
		n += bits.OnesCount64(w)
	}
	return n
}
