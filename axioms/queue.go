package axioms

import (
	"fmt"
	"slices"

	"wmm/model"
)

// queue replays the suspension events at one address in tot order and
// checks the queue discipline of C7 (Q) (MODEL.md §8.7): waiters are
// queued by their wait event, a notify that woke j waiters is immediately
// followed, among the events at its address, by the j woken events of the
// j oldest waiters (in any order), it wakes min(k, queued) waiters, and a
// timeout removes its own waiter.
type queue struct {
	x       *model.Execution
	waiting []model.EventID // queued waiters (their wait events), oldest first
	pending []model.EventID // waiters the last notify woke, not yet resumed
	notify  model.EventID   // that notify
}

func newQueue(x *model.Execution) *queue { return &queue{x: x, notify: model.NoEvent} }

func (q *queue) clone() *queue {
	c := *q
	c.waiting = slices.Clone(q.waiting)
	c.pending = slices.Clone(q.pending)
	return &c
}

// waiter returns the wait event that a woken or timeout event e resumes:
// the event before it in its thread (MODEL.md §12 A13).
func (q *queue) waiter(e model.EventID) model.EventID {
	ev := q.x.Events[e]
	if ev.Index == 0 {
		return model.NoEvent
	}
	return q.x.Threads[ev.Thread].Events[ev.Index-1]
}

// take removes from list the waiter that e resumes, and reports whether
// it was there.
func (q *queue) take(list *[]model.EventID, e model.EventID) bool {
	i := slices.Index(*list, q.waiter(e))
	if i < 0 {
		return false
	}
	*list = slices.Delete(*list, i, i+1)
	return true
}

func (q *queue) fail(msg string, events ...model.EventID) *model.Violation {
	return &model.Violation{Axiom: model.AxSuspension, Clause: "queue", Events: events, Msg: msg}
}

// step processes the next suspension event e at the queue's address.
func (q *queue) step(e model.EventID) *model.Violation {
	s := q.x.Events[e].Susp
	l := q.x.Label
	if len(q.pending) > 0 && s.Kind != model.Woken && s.Kind != model.Critical {
		return q.fail(fmt.Sprintf("%s woke %d waiter(s), whose woken events must follow it before %s", l(q.notify), len(q.pending), l(e)), q.notify, e)
	}
	switch s.Kind {
	case model.Wait:
		q.waiting = append(q.waiting, e)
	case model.Woken:
		if !q.take(&q.pending, e) {
			return q.fail(fmt.Sprintf("%s resumes a waiter that no notify woke", l(e)), e)
		}
	case model.Timeout:
		if !q.take(&q.waiting, e) {
			return q.fail(fmt.Sprintf("%s times out a waiter that is not queued", l(e)), e)
		}
	case model.Notify:
		j := int(s.N)
		if j > len(q.waiting) {
			return q.fail(fmt.Sprintf("%s wakes %d waiter(s) but only %d are queued", l(e), j, len(q.waiting)), e)
		}
		q.pending = slices.Clone(q.waiting[:j])
		q.waiting = slices.Clone(q.waiting[j:])
		q.notify = e
		if s.N < s.K && len(q.waiting) > 0 {
			return q.fail(fmt.Sprintf("%s wakes %d of at most %d, but waiter %s stays queued", l(e), s.N, s.K, l(q.waiting[0])), e, q.waiting[0])
		}
	}
	return nil
}

// finish checks the end of an execution: every woken waiter resumed, and
// every waiter still queued is the last event of a thread that blocks
// forever.
func (q *queue) finish() *model.Violation {
	if len(q.pending) > 0 {
		return q.fail(fmt.Sprintf("%s woke %s, which never resumes", q.x.Label(q.notify), q.x.Label(q.pending[0])), q.notify, q.pending[0])
	}
	for _, w := range q.waiting {
		ev := q.x.Events[w]
		t := q.x.Threads[ev.Thread]
		if t.Status != model.Blocked || t.Events[len(t.Events)-1] != w {
			return q.fail(fmt.Sprintf("waiter %s is never resumed, yet its thread goes on", q.x.Label(w)), w)
		}
	}
	return nil
}

// someQueueOrder checks C7 (Q) for a model whose waiter lists tot does
// not order (WaitersUnordered): at every address, some order of the
// suspension events that respects program order, spawn and join must pass
// the queue discipline. It returns nil, or the violation met by the
// longest order tried at the first address that has none.
func someQueueOrder(x *model.Execution) *model.Violation {
	all := make([]model.EventID, len(x.Events))
	for i := range all {
		all[i] = model.EventID(i)
	}
	locs := SuspLocations(x, all)
	addrs := make([]uint64, 0, len(locs))
	for a := range locs {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)
	var st *model.Rel
	for _, a := range addrs {
		if st == nil {
			st = x.Static()
			st.Close()
		}
		o := &queueOrder{x: x, st: st, evs: locs[a], used: make([]bool, len(locs[a])), depth: -1}
		if !o.search(newQueue(x), 0) {
			return o.worst
		}
	}
	return nil
}

// queueOrder is the depth-first search of someQueueOrder at one address.
type queueOrder struct {
	x     *model.Execution
	st    *model.Rel      // program order, spawn and join, closed
	evs   []model.EventID // the suspension events at the address
	used  []bool
	worst *model.Violation
	depth int
}

func (o *queueOrder) note(v *model.Violation, depth int) {
	if depth > o.depth {
		o.worst, o.depth = v, depth
	}
}

// search extends an order of n events, whose queue is q, to all of them.
func (o *queueOrder) search(q *queue, n int) bool {
	if n == len(o.evs) {
		if v := q.finish(); v != nil {
			o.note(v, n)
			return false
		}
		return true
	}
	for i, e := range o.evs {
		if o.used[i] || !o.ready(i) {
			continue
		}
		next := q.clone()
		if v := next.step(e); v != nil {
			o.note(v, n)
			continue
		}
		o.used[i] = true
		if o.search(next, n+1) {
			return true
		}
		o.used[i] = false
	}
	return false
}

// ready reports whether every event that must precede evs[i] is placed.
func (o *queueOrder) ready(i int) bool {
	for j, e := range o.evs {
		if j != i && !o.used[j] && o.st.Has(e, o.evs[i]) {
			return false
		}
	}
	return true
}
