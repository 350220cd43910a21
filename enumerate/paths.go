package enumerate

import (
	"slices"

	"wmm/interp"
	"wmm/model"
)

// A domain holds, for every data byte and for the length cell, the values
// a read may return: the values some write in some path can put there.
// Every byte may hold 0 (the init write and grow's zero fill write zeros
// everywhere they cover), so only other values are stored.
type domain struct {
	data map[uint64][]byte // sorted, without 0
	lens []uint64          // sorted
}

func newDomain() *domain { return &domain{data: map[uint64][]byte{}} }

// addByte records that v may be written at addr; it reports whether that
// is new.
func (d *domain) addByte(addr uint64, v byte) bool {
	if v == 0 {
		return false
	}
	vs := d.data[addr]
	i, found := slices.BinarySearch(vs, v)
	if found {
		return false
	}
	d.data[addr] = slices.Insert(vs, i, v)
	return true
}

// addLen records a possible length; it reports whether that is new.
func (d *domain) addLen(n uint64) bool {
	i, found := slices.BinarySearch(d.lens, n)
	if found {
		return false
	}
	d.lens = slices.Insert(d.lens, i, n)
	return true
}

// bytesAt returns the possible values of the byte at addr, 0 first.
func (d *domain) bytesAt(addr uint64) []byte {
	return append([]byte{0}, d.data[addr]...)
}

// size returns the number of stored values, to detect growth.
func (d *domain) size() int {
	n := len(d.lens)
	for _, vs := range d.data {
		n += len(vs)
	}
	return n
}

// replay is an interp.Oracle that answers from a recorded list of choices
// and, past its end, takes the first option, recording how many options
// each question had. Running a thread again and again, each time with the
// next choice vector in depth-first order, enumerates all of its paths.
type replay struct {
	dom     *domain
	prefix  []int
	choices []int
	counts  []int
	maxWake uint32 // the most waiters a notify can wake
}

func (o *replay) choose(n int) int {
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

func (o *replay) ReadLen(model.Ord) uint64 { return o.dom.lens[o.choose(len(o.dom.lens))] }

func (o *replay) ReadData(off uint64, n int, _ model.Ord) []byte {
	b := make([]byte, n)
	for i := range b {
		vs := o.dom.bytesAt(off + uint64(i))
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

// enumPaths runs a thread under every answer the domain allows and returns
// its traces, at most limit of them (ok is false when there were more).
func enumPaths(run func(interp.Oracle) *interp.Trace, dom *domain, maxWake uint32, limit int) (traces []*interp.Trace, ok bool) {
	var prefix []int
	for {
		o := &replay{dom: dom, prefix: prefix, maxWake: maxWake}
		traces = append(traces, run(o))
		if len(traces) > limit {
			return traces, false
		}
		var more bool
		if prefix, more = o.next(); !more {
			return traces, true
		}
	}
}
