package enumerate

import (
	"slices"

	"wmm/budget"

	"wmm/interp"
	"wmm/model"
)

// A writeSet holds the values one thread's writes (over all its paths) can
// put in memory: bytes per address, zero-filled ranges, lengths.
type writeSet struct {
	data  map[uint64][]byte // sorted
	zeros []span            // ranges grow fills with zeros
	lens  []uint64          // sorted
}

type span struct{ from, to uint64 }

func newWriteSet() *writeSet { return &writeSet{data: map[uint64][]byte{}} }

func (w *writeSet) clone() *writeSet {
	c := &writeSet{data: make(map[uint64][]byte, len(w.data)), zeros: slices.Clone(w.zeros), lens: slices.Clone(w.lens)}
	for a, vs := range w.data {
		c.data[a] = slices.Clone(vs)
	}
	return c
}

func (w *writeSet) addByte(addr uint64, v byte) {
	vs := w.data[addr]
	if i, found := slices.BinarySearch(vs, v); !found {
		w.data[addr] = slices.Insert(vs, i, v)
	}
}

func (w *writeSet) addLen(n uint64) {
	if i, found := slices.BinarySearch(w.lens, n); !found {
		w.lens = slices.Insert(w.lens, i, n)
	}
}

func (w *writeSet) addZeros(from, to uint64) {
	s := span{from, to}
	if !slices.Contains(w.zeros, s) {
		w.zeros = append(w.zeros, s)
	}
}

// size counts the values held, to tell when a fixpoint is reached.
func (w *writeSet) size() int {
	n := len(w.zeros) + len(w.lens)
	for _, vs := range w.data {
		n += len(vs)
	}
	return n
}

// bytesAt adds the values w can put at addr to out.
func (w *writeSet) bytesAt(addr uint64, out []byte) []byte {
	for _, v := range w.data[addr] {
		out = addSorted(out, v)
	}
	for _, z := range w.zeros {
		if addr >= z.from && addr < z.to {
			out = addSorted(out, 0)
			break
		}
	}
	return out
}

func addSorted[T byte | uint64](s []T, v T) []T {
	if i, found := slices.BinarySearch(s, v); !found {
		s = slices.Insert(s, i, v)
	}
	return s
}

// A domain holds what the writes of each thread can write (step 1 of the
// package comment), and the allocation's initial contents.
type domain struct {
	threads  []*writeSet // by thread index (setup first)
	roles    []model.Role
	init     map[uint64]byte // initial contents (absent: 0)
	initSize uint64          // bytes the init write covers
	initLen  uint64
	// setup holds the setup thread's paths: what the test threads see
	// before their own writes is the contents each setup path leaves.
	setup []*interp.Trace
	// global makes every read see every value any thread can write, as
	// Options.Explain needs; otherwise a read sees only the values of the
	// writes that C2 does not hide from it (see values).
	global bool
}

func (d *domain) size() int {
	n := 0
	for _, w := range d.threads {
		n += w.size()
	}
	return n
}

// dataValues returns the values a read by thread t at addr may return,
// given own, the thread's latest earlier write covering addr (nil if none).
//
// A read reads from a write that C2 (c) does not hide: everything that
// happens before the reader's own latest write of the cell is hidden
// (init and setup are hb-before every thread; a thread's earlier writes are
// po-before). So the candidates are that write, else init and setup, plus
// the writes of the other test threads (the observer and, for the setup
// thread, every test thread is hb-after, which C2 (a) excludes).
func (d *domain) dataValues(t int, addr uint64, own *model.Access) []byte {
	var out []byte
	if d.global {
		if addr < d.initSize {
			out = addSorted(out, d.init[addr])
		}
		for _, w := range d.threads {
			out = w.bytesAt(addr, out)
		}
		return out
	}
	switch {
	case own != nil:
		out = addSorted(out, byte(own.WriteCell(addr)))
	case d.roles[t] == model.RoleSetup || d.setup == nil:
		if addr < d.initSize {
			out = addSorted(out, d.init[addr])
		}
		if d.roles[t] != model.RoleSetup {
			out = d.threads[0].bytesAt(addr, out)
		}
	default:
		// Setup's latest write of addr (or init) in each of its paths.
		for _, p := range d.setup {
			if a := latestWrite(p.Events, addr); a != nil {
				out = addSorted(out, byte(a.WriteCell(addr)))
			}
		}
	}
	if d.roles[t] != model.RoleSetup {
		for i, w := range d.threads {
			if i != t && d.roles[i] == model.RoleTest {
				out = w.bytesAt(addr, out)
			}
		}
	}
	return out
}

// lenValues is dataValues for the length cell.
func (d *domain) lenValues(t int, own *model.Access) []uint64 {
	var out []uint64
	add := func(w *writeSet) {
		for _, n := range w.lens {
			out = addSorted(out, n)
		}
	}
	if d.global {
		out = addSorted(out, d.initLen)
		for _, w := range d.threads {
			add(w)
		}
		return out
	}
	switch {
	case own != nil:
		out = addSorted(out, own.LenWr)
	case d.roles[t] == model.RoleSetup || d.setup == nil:
		out = addSorted(out, d.initLen)
		if d.roles[t] != model.RoleSetup {
			add(d.threads[0])
		}
	default:
		for _, p := range d.setup {
			out = addSorted(out, latestLen(p.Events))
		}
	}
	if d.roles[t] != model.RoleSetup {
		for i, w := range d.threads {
			if i != t && d.roles[i] == model.RoleTest {
				add(w)
			}
		}
	}
	return out
}

// latestWrite returns the data access of the last event in events that
// writes addr (the allocation's init write is the first event of setup).
func latestWrite(events []*model.Event, addr uint64) *model.Access {
	for i := len(events) - 1; i >= 0; i-- {
		if a := events[i].Data; a.Writing() && a.Covers(addr) {
			return a
		}
	}
	return nil
}

// latestLen returns the length the last length write of events writes.
func latestLen(events []*model.Event) uint64 {
	for i := len(events) - 1; i >= 0; i-- {
		if a := events[i].Len; a.Writing() {
			return a.LenWr
		}
	}
	return 0
}

// replay is an interp.Oracle that answers from a recorded list of choices
// and, past its end, takes the first option, recording how many options
// each question had. Running a thread again and again, each time with the
// next choice vector in depth-first order, enumerates all of its paths.
// It watches the thread's events to know its own latest writes.
type replay struct {
	dom     *domain
	thread  int
	prefix  []int
	choices []int
	counts  []int
	maxWake uint32 // the most waiters a notify can wake
	writes  []*model.Event
	meter   *budget.Meter
	// at holds, per question, how many events the thread had emitted
	// before it was asked; trace is the run's trace (see shareEvents).
	at      []int
	emitted int
	trace   *interp.Trace
}

func (o *replay) choose(n int) int {
	if o.meter.Stopped() {
		panic(stopPath{})
	}
	o.at = append(o.at, o.emitted)
	c := 0
	if i := len(o.choices); i < len(o.prefix) {
		c = o.prefix[i]
	}
	o.choices = append(o.choices, c)
	o.counts = append(o.counts, n)
	return c
}

// next returns the choice vector of the next path, or false after the
// last one.
func (o *replay) next() ([]int, bool) {
	for i := len(o.choices) - 1; i >= 0; i-- {
		if o.choices[i]+1 < o.counts[i] {
			return append(slices.Clone(o.choices[:i]), o.choices[i]+1), true
		}
	}
	return nil, false
}

// Emitted records the thread's writes.
func (o *replay) Emitted(e *model.Event) {
	o.emitted++
	if e.Data.Writing() || e.Len.Writing() {
		o.writes = append(o.writes, e)
	}
}

// ownData returns the thread's latest write covering addr.
func (o *replay) ownData(addr uint64) *model.Access { return latestWrite(o.writes, addr) }

func (o *replay) ownLen() *model.Access {
	for i := len(o.writes) - 1; i >= 0; i-- {
		if a := o.writes[i].Len; a.Writing() {
			return a
		}
	}
	return nil
}

func (o *replay) ReadLen(model.Ord) uint64 {
	vs := o.dom.lenValues(o.thread, o.ownLen())
	return vs[o.choose(len(vs))]
}

func (o *replay) ReadData(off uint64, n int, _ model.Ord) []byte {
	b := make([]byte, n)
	for i := range b {
		addr := off + uint64(i)
		vs := o.dom.dataValues(o.thread, addr, o.ownData(addr))
		if len(vs) == 0 {
			vs = []byte{0} // no write covers addr: the read is out of bounds in any execution
		}
		b[i] = vs[o.choose(len(vs))]
	}
	return b
}

func (o *replay) GrowSucceeds() bool { return o.choose(2) == 0 }

func (o *replay) WaitEnd(canTimeout, canBlock bool) interp.WaitEnd {
	ends := []interp.WaitEnd{interp.Woken}
	if canTimeout {
		ends = append(ends, interp.TimedOut)
	}
	if canBlock {
		ends = append(ends, interp.Blocked)
	}
	return ends[o.choose(len(ends))]
}

func (o *replay) Notify(k uint32) uint32 { return uint32(o.choose(int(min(k, o.maxWake)) + 1)) }

// enumPaths runs thread t (named name) under every answer the domain
// allows and returns its traces; the meter counts them and may stop the
// enumeration, even in the middle of a path (see stopPath).
func enumPaths(run func(interp.Oracle) *interp.Trace, dom *domain, t int, maxWake uint32, name string, meter *budget.Meter) (traces []*interp.Trace, err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopPath); !ok {
				panic(r)
			}
			traces, err = nil, meter.Err()
		}
	}()
	var prefix []int
	var prev *replay
	for {
		o := &replay{dom: dom, thread: t, prefix: prefix, maxWake: maxWake, meter: meter}
		if prev != nil {
			// The choice vectors of the thread's runs have about the same
			// length: allocate once.
			o.choices = make([]int, 0, cap(prev.choices))
			o.counts = make([]int, 0, cap(prev.counts))
			o.at = make([]int, 0, cap(prev.at))
		}
		tr := run(o)
		o.trace = tr
		if prev != nil && t != 0 {
			shareEvents(prev, o, len(prefix)-1)
		}
		// The interpreter grows the events by doubling: the trace kept
		// gets a slice of its length, up to half the size.
		tr.Events = slices.Clone(tr.Events)
		traces = append(traces, tr)
		if err := meter.Path(name, len(traces)); err != nil {
			return nil, err
		}
		var more bool
		if prefix, more = o.next(); !more {
			return traces, nil
		}
		prev = o
	}
}

// shareEvents makes o's trace hold the very events of prev's where they
// are the same: the runs made the same first k choices, so every event
// emitted before the k-th question is the same event. Paths are then held
// in memory proportional to where they differ, not to their length: the
// paths of k racing loads share all but about two events each. (The setup
// thread, whose trace starts with an event interp does not emit, is left
// alone; nothing changes the events of a trace once it is made.)
func shareEvents(prev, o *replay, k int) {
	if k <= 0 || k >= len(o.at) || k >= len(prev.at) {
		return
	}
	n := min(o.at[k], prev.at[k], len(o.trace.Events), len(prev.trace.Events))
	copy(o.trace.Events[:n], prev.trace.Events[:n])
}

// stopPath is the panic with which the replay oracle ends the run of a
// thread in the middle once the meter says a budget has run out: one path
// of a loop unrolled a million times is long. enumPaths recovers it.
type stopPath struct{}
