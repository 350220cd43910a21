package model

// An EdgeKind says what relates two events: one of the relations that
// generate happens-before (MODEL.md §7.3), reads-from, tot, or hb itself.
type EdgeKind uint8

// The kinds of edges. The first five generate happens-before (MODEL.md
// §7.3); RF and Sync are reads-from, Sync being the reads-from that
// synchronises and is therefore also happens-before.
const (
	EdgePO    EdgeKind = iota + 1 // program order, from an event to the next in its thread
	EdgeSpawn                     // the setup thread's last event to a thread's first
	EdgeJoin                      // a thread's last event to the first of the observer or of a thread that starts after it
	EdgeInit                      // an init write to an event overlapping it
	EdgeSusp                      // suspension events at one address, in tot order (C7 H)
	EdgeSync                      // reads-from between atomic accesses of the same range (SC, or release/acquire)
	EdgeRF                        // reads-from that does not synchronise
	EdgeTot                       // the total order
	EdgeHB                        // happens-before, derived
)

// String returns the edge kind's short name: "po", "spawn", "join",
// "init", "susp", "sync", "rf", "tot" or "hb".
func (k EdgeKind) String() string {
	switch k {
	case EdgePO:
		return "po"
	case EdgeSpawn:
		return "spawn"
	case EdgeJoin:
		return "join"
	case EdgeInit:
		return "init"
	case EdgeSusp:
		return "susp"
	case EdgeSync:
		return "sync"
	case EdgeRF:
		return "rf"
	case EdgeTot:
		return "tot"
	case EdgeHB:
		return "hb"
	}
	return "?"
}

// HBEdges calls add for edges whose transitive closure is happens-before
// (MODEL.md §7.3), each once: program order between neighbours, spawn
// and join edges (items 1–2), an init write to every event overlapping it
// that those do not already order (item 4), with sync a synchronisation
// edge per pair of events where one reads a cell from the other and both
// are SC of the same range (item 3), and between suspension events at
// one address their order in order (tot or a prefix of it; nil for none).
// It is the one statement of what generates happens-before: the model
// closes it (package axioms) and explanations draw it.
func (x *Execution) HBEdges(sync bool, order []EventID, add func(a, b EventID, k EdgeKind)) {
	x.threadEdges(add)
	x.initEdges(add)
	if sync {
		x.syncEdges(add)
	}
	last := map[uint64]EventID{}
	for _, id := range order {
		if s := x.Events[id].Susp; s != nil {
			if p, ok := last[s.Addr]; ok {
				add(p, id, EdgeSusp)
			}
			last[s.Addr] = id
		}
	}
}

// threadEdges adds program order between neighbours, spawn edges from the
// setup thread's last event, join edges to the observer's first, and join
// edges from the threads a thread starts after (Thread.After) to its first
// event.
func (x *Execution) threadEdges(add func(a, b EventID, k EdgeKind)) {
	var setupLast, obsFirst EventID = NoEvent, NoEvent
	for _, t := range x.Threads {
		for i := 1; i < len(t.Events); i++ {
			add(t.Events[i-1], t.Events[i], EdgePO)
		}
		if len(t.Events) == 0 {
			continue
		}
		switch t.Role {
		case RoleSetup:
			setupLast = t.Events[len(t.Events)-1]
		case RoleObserver:
			obsFirst = t.Events[0]
		}
	}
	for _, t := range x.Threads {
		if len(t.Events) == 0 || t.Role == RoleSetup {
			continue
		}
		if setupLast != NoEvent {
			add(setupLast, t.Events[0], EdgeSpawn)
		}
		if t.Role == RoleTest && obsFirst != NoEvent {
			add(t.Events[len(t.Events)-1], obsFirst, EdgeJoin)
		}
		for _, si := range t.After {
			if evs := x.Threads[si].Events; len(evs) > 0 {
				add(evs[len(evs)-1], t.Events[0], EdgeJoin)
			}
		}
	}
}

// initEdges adds I → e for every init write I and every other event e
// whose data access overlaps it, unless program order, spawn and join
// already order them.
func (x *Execution) initEdges(add func(a, b EventID, k EdgeKind)) {
	var static *Rel
	for _, i := range x.Events {
		if i.Data == nil || i.Data.Ord != Init || !i.Data.Writing() {
			continue
		}
		if static == nil {
			static = x.Static()
		}
		for _, e := range x.Events {
			if e != i && e.Data != nil && e.Data.Size > 0 && e.Data.Overlap(i.Data) && !static.Has(i.ID, e.ID) {
				add(i.ID, e.ID, EdgeInit)
			}
		}
	}
}

// syncEdges adds W → R once for every pair where R reads at least one
// cell from W in some region and the two actions synchronise (same
// range, both SC: MODEL.md §7.3 item 3; or release and acquire, §16.2).
func (x *Execution) syncEdges(add func(a, b EventID, k EdgeKind)) {
	for _, e := range x.Events {
		var done []EventID // writers e synchronises with in the length region
		for _, reg := range []Region{Len, Data} {
			a := e.Access(reg)
			if !a.Reading() || !a.Ord.Atomic() {
				continue
			}
			for _, w := range x.Writers(e.ID, reg) {
				if SyncsWith(x.Events[w].Access(reg), a) && !containsID(done, w) {
					add(w, e.ID, EdgeSync)
					done = append(done, w)
				}
			}
		}
	}
}
