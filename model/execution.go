package model

import (
	"fmt"
	"strings"
)

// A Role says what part a thread plays in a litmus execution (MODEL.md
// §6.2–§6.4, §13.2).
type Role uint8

// The roles.
const (
	// RoleSetup is the thread that allocates the memory (its first event
	// holds the SC length write and the init write), runs the test's setup
	// code and spawns the test threads.
	RoleSetup Role = iota + 1
	// RoleTest is a test thread.
	RoleTest
	// RoleObserver is the final observer: it joins every test thread and
	// reads the memory atoms the test observes.
	RoleObserver
)

// String returns the role's name in explanations: setup, test or
// observer.
func (r Role) String() string {
	switch r {
	case RoleSetup:
		return "setup"
	case RoleObserver:
		return "observer"
	}
	return "test"
}

// A Status says how a thread's run ended.
type Status uint8

// The statuses.
const (
	Done    Status = iota + 1 // returned
	Trapped                   // trapped (its last event has Trap set, or it emitted none)
	Blocked                   // waits forever (its last event holds a wait action)
	Cut                       // stopped by the loop bound; the execution is incomplete
)

// String returns "done", "trapped", "blocked" or "cut".
func (s Status) String() string {
	switch s {
	case Done:
		return "done"
	case Trapped:
		return "trapped"
	case Blocked:
		return "blocked"
	case Cut:
		return "cut"
	}
	return "?"
}

// A Thread is one thread of an execution.
type Thread struct {
	Name   string
	Role   Role
	Events []EventID // in program order
	Status Status
	// After lists the threads (indices into Execution.Threads) this one
	// was spawned after joining: their events all happen before its.
	After []int
}

// An Execution is a candidate execution (MODEL.md §1, §7): events,
// program order (through Threads), reads-from per cell, and, once chosen, a
// total order. Happens-before is derived from these by the model (package
// axioms), since what synchronises depends on the model.
type Execution struct {
	Threads []Thread
	Events  []*Event

	// DataRF[e][i] is the event whose write event e's data access reads
	// cell Off+i from; nil for an event without a data read.
	DataRF [][]EventID
	// LenRF[e] is the event whose length write e reads, or -1.
	LenRF []EventID

	// Tot lists every event once, in total order (tot); nil until chosen.
	Tot []EventID

	widx *writeIndex // see WritesCovering
}

// NoEvent marks a missing event in reads-from tables.
const NoEvent EventID = -1

// Writer returns the event that e's access in region r reads cell c from.
func (x *Execution) Writer(e EventID, r Region, c uint64) EventID {
	if r == Len {
		return x.LenRF[e]
	}
	a := x.Events[e].Data
	return x.DataRF[e][c-a.Off]
}

// Writers returns the distinct events e reads from in region r, in cell
// order. The result may share memory with x (a read whose cells all come
// from one writer needs no copy): callers must not change it.
func (x *Execution) Writers(e EventID, r Region) []EventID {
	if r == Len {
		if x.LenRF[e] == NoEvent {
			return nil
		}
		return x.LenRF[e : e+1 : e+1]
	}
	rf := x.DataRF[e]
	if len(rf) == 0 {
		return nil
	}
	i := 1
	for i < len(rf) && rf[i] == rf[0] {
		i++
	}
	if i == len(rf) {
		return rf[:1:1]
	}
	var out []EventID
	for _, w := range rf {
		if len(out) == 0 || !containsID(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func containsID(s []EventID, id EventID) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

// HasSuspension reports whether some event of x has a suspension action
// (a wait or a notify): only then does hb depend on tot (C7).
func (x *Execution) HasSuspension() bool {
	for _, e := range x.Events {
		if e.Susp != nil {
			return true
		}
	}
	return false
}

// Static returns the transitive closure of program order, spawn and join
// (MODEL.md §6.1–§6.3): events of a thread in order; every setup event
// before every event of the other threads; every test-thread event before
// every observer event, and before every event of a thread spawned after
// joining it (Thread.After).
func (x *Execution) Static() *Rel {
	r := NewRel(len(x.Events))
	for _, t := range x.Threads {
		for i, a := range t.Events {
			for _, b := range t.Events[i+1:] {
				r.Add(a, b)
			}
		}
	}
	for si, s := range x.Threads {
		for _, t := range x.Threads {
			if (s.Role == RoleSetup && t.Role != RoleSetup) || (s.Role == RoleTest && t.Role == RoleObserver) || containsInt(t.After, si) {
				for _, a := range s.Events {
					for _, b := range t.Events {
						r.Add(a, b)
					}
				}
			}
		}
	}
	return r
}

// Clone returns a copy of x that owns its reads-from, total order and
// lists of events and threads (the parts a search changes in place); the
// events themselves are shared.
func (x *Execution) Clone() *Execution {
	y := *x
	y.Events = append([]*Event(nil), x.Events...)
	y.Threads = append([]Thread(nil), x.Threads...)
	y.DataRF = make([][]EventID, len(x.DataRF))
	n := 0
	for _, rf := range x.DataRF {
		n += len(rf)
	}
	cells := make([]EventID, 0, n) // one allocation for every row
	for i, rf := range x.DataRF {
		if rf != nil {
			cells = append(cells, rf...)
			y.DataRF[i] = cells[len(cells)-len(rf) : len(cells) : len(cells)]
		}
	}
	y.LenRF = append([]EventID(nil), x.LenRF...)
	y.Tot = append([]EventID(nil), x.Tot...)
	return &y
}

// Label returns a short stable name for event e: the thread's name and the
// event's position in it, e.g. "T1.2"; the allocation event is "init".
func (x *Execution) Label(e EventID) string {
	ev := x.Events[e]
	t := x.Threads[ev.Thread]
	if t.Role == RoleSetup && ev.Index == 0 {
		return "init"
	}
	return fmt.Sprintf("%s.%d", t.Name, ev.Index)
}

// String prints the execution canonically: the events per thread, the
// reads-from per range of cells, and the total order if chosen.
func (x *Execution) String() string {
	var sb strings.Builder
	for _, t := range x.Threads {
		fmt.Fprintf(&sb, "thread %s (%s)\n", t.Name, t.Status)
		for _, e := range t.Events {
			ev := x.Events[e]
			fmt.Fprintf(&sb, "  %-8s %s", x.Label(e), ev)
			if ev.Instr != "" {
				fmt.Fprintf(&sb, "   ; %s", ev.Instr)
			}
			sb.WriteByte('\n')
			for _, line := range x.rfLines(e) {
				fmt.Fprintf(&sb, "           %s\n", line)
			}
		}
	}
	if x.Tot != nil {
		labels := make([]string, len(x.Tot))
		for i, e := range x.Tot {
			labels[i] = x.Label(e)
		}
		fmt.Fprintf(&sb, "tot: %s\n", strings.Join(labels, " "))
	}
	return sb.String()
}

// RFRanges describes where event e's access in region r reads from, as
// maximal runs of cells with one writer: [from, to) and the writer.
func (x *Execution) RFRanges(e EventID, r Region) []RFRange {
	if r == Len {
		if x.LenRF == nil || x.LenRF[e] == NoEvent {
			return nil
		}
		return []RFRange{{From: 0, To: 1, Writer: x.LenRF[e]}}
	}
	a := x.Events[e].Data
	if x.DataRF == nil || x.DataRF[e] == nil {
		return nil
	}
	var out []RFRange
	for i, w := range x.DataRF[e] {
		c := a.Off + uint64(i)
		if n := len(out); n > 0 && out[n-1].Writer == w && out[n-1].To == c {
			out[n-1].To++
			continue
		}
		out = append(out, RFRange{From: c, To: c + 1, Writer: w})
	}
	return out
}

// An RFRange is a run of cells [From, To) that one event reads from Writer.
type RFRange struct {
	From, To uint64
	Writer   EventID
}

func (x *Execution) rfLines(e EventID) []string {
	var out []string
	for _, r := range []Region{Len, Data} {
		var parts []string
		for _, rr := range x.RFRanges(e, r) {
			if r == Len {
				parts = append(parts, "len from "+x.Label(rr.Writer))
				continue
			}
			parts = append(parts, Range(rr.From, rr.To)+" from "+x.Label(rr.Writer))
		}
		if len(parts) > 0 {
			out = append(out, "reads "+strings.Join(parts, ", "))
		}
	}
	return out
}

// writeIndex lists, per cell, the events that write it.
type writeIndex struct {
	events int // len(x.Events) when built
	// The cells read lie in [lo, lo+len(dense)) when dense is not nil
	// (dense[c-lo] is nil for a cell no event reads); else data holds
	// them.
	lo     uint64
	dense  [][]EventID
	data   map[uint64][]EventID
	length []EventID
}

// denseCells bounds the span of the cells read that the write index keeps
// in a slice rather than a map.
const denseCells = 4096

// WritesCovering returns the events whose access in region r writes cell
// c, in event order; c must be a cell some event of x reads (in the data
// region). The index behind it is built on first use: the events of x
// (their ranges and kinds) must not change afterwards.
func (x *Execution) WritesCovering(r Region, c uint64) []EventID {
	ix := x.widx
	if ix == nil || ix.events != len(x.Events) {
		ix = x.buildWriteIndex()
	}
	if r == Len {
		return ix.length
	}
	if ix.dense != nil {
		if c-ix.lo < uint64(len(ix.dense)) {
			return ix.dense[c-ix.lo]
		}
		return nil
	}
	return ix.data[c]
}

func (x *Execution) buildWriteIndex() *writeIndex {
	ix := &writeIndex{events: len(x.Events)}
	for _, e := range x.Events {
		if a := e.Len; a.Writing() {
			ix.length = append(ix.length, e.ID)
		}
	}
	// Cells read are the ones asked about; index only those, so that an
	// init write covering whole pages costs nothing per byte.
	lo, hi, any := uint64(0), uint64(0), false
	for _, e := range x.Events {
		if a := e.Data; a.Reading() {
			if !any || a.Off < lo {
				lo = a.Off
			}
			if !any || a.Off+a.Size > hi {
				hi = a.Off + a.Size
			}
			any = true
		}
	}
	if any && hi-lo <= denseCells {
		x.buildDense(ix, lo, hi)
	} else {
		x.buildSparse(ix)
	}
	x.widx = ix
	return ix
}

// buildDense indexes the cells read, all in [lo, hi), in a slice.
func (x *Execution) buildDense(ix *writeIndex, lo, hi uint64) {
	read := make([]bool, hi-lo)
	for _, e := range x.Events {
		if a := e.Data; a.Reading() {
			for i := uint64(0); i < a.Size; i++ {
				read[a.Off+i-lo] = true
			}
		}
	}
	ix.lo, ix.dense = lo, make([][]EventID, hi-lo)
	for _, e := range x.Events {
		a := e.Data
		if !a.Writing() {
			continue
		}
		from, to := max(a.Off, lo), min(a.Off+a.Size, hi)
		for c := from; c < to; c++ {
			if read[c-lo] {
				ix.dense[c-lo] = append(ix.dense[c-lo], e.ID)
			}
		}
	}
}

// buildSparse indexes the cells read in a map.
func (x *Execution) buildSparse(ix *writeIndex) {
	ix.data = map[uint64][]EventID{}
	for _, e := range x.Events {
		if a := e.Data; a.Reading() {
			for i := uint64(0); i < a.Size; i++ {
				ix.data[a.Off+i] = nil
			}
		}
	}
	for _, e := range x.Events {
		a := e.Data
		if !a.Writing() {
			continue
		}
		if a.Size <= uint64(len(ix.data)) {
			for i := uint64(0); i < a.Size; i++ {
				if ws, ok := ix.data[a.Off+i]; ok {
					ix.data[a.Off+i] = append(ws, e.ID)
				}
			}
			continue
		}
		for c, ws := range ix.data {
			if a.Covers(c) {
				ix.data[c] = append(ws, e.ID)
			}
		}
	}
}

// ReadCells calls f with every cell event e reads, len cell first, and
// a pointer to the reads-from entry of that cell (in LenRF, or in
// DataRF, which must have room for e's data read), until f returns
// false; it reports whether f never did. It is the one statement of the
// order of a read's cells: candidate lists, choices of writers and kept
// reads-from follow it.
func (x *Execution) ReadCells(e EventID, f func(r Region, cell uint64, w *EventID) bool) bool {
	ev := x.Events[e]
	for _, r := range []Region{Len, Data} {
		a := ev.Access(r)
		if !a.Reading() {
			continue
		}
		for i := uint64(0); i < a.Size; i++ {
			w := &x.LenRF[e]
			if r == Data {
				w = &x.DataRF[e][i]
			}
			if !f(r, a.Off+i, w) {
				return false
			}
		}
	}
	return true
}

// SetWriters records the writers chosen for the cells event e reads, in
// the order of ReadCells.
func (x *Execution) SetWriters(e EventID, choice []EventID) {
	i := 0
	x.ReadCells(e, func(_ Region, _ uint64, w *EventID) bool {
		*w, i = choice[i], i+1
		return true
	})
}

// EachWriter calls f with every region event e reads and every distinct
// writer it reads from there (Writers), length region first, until f
// returns false; it reports whether f never did.
func (x *Execution) EachWriter(e EventID, f func(r Region, w EventID) bool) bool {
	for _, r := range []Region{Len, Data} {
		if !x.Events[e].Access(r).Reading() {
			continue
		}
		for _, w := range x.Writers(e, r) {
			if !f(r, w) {
				return false
			}
		}
	}
	return true
}
