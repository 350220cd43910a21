package enumerate

import (
	"encoding/binary"
	"fmt"
	"wmm/interp"
	"wmm/jsinterp"
	"wmm/litmus"
	"wmm/model"
	"wmm/wasm"
)

// A thread is one thread of the test's executions: the setup thread, a
// test thread or the final observer, with its paths.
type thread struct {
	name  string
	role  model.Role
	run   func(interp.Oracle) *interp.Trace
	paths []*interp.Trace
	code  *wasm.Func // test threads: their code, for local names
	after []int      // indices of the threads it starts after
	// class numbers the paths by what they leave in an outcome (the
	// observed locals and the status): two paths have the same class
	// exactly when they do (set by fastEnumerate).
	class []uint32
}

// searcher holds the state of one run.
type searcher struct {
	test   *litmus.Test
	model  Model
	opts   Options
	unroll int
	sem    model.Semantics
	// skipC2 says that the model skips hb-consistency (C2), which the
	// value domain and the writers offered to each read otherwise rely
	// on.
	skipC2 bool

	threads []*thread
	obs     []litmus.Loc // what the observer reads, in order
	maxWake uint32
	dom     *domain
	notes   []string

	stats Stats
	found map[string]*found // the raw outcomes of consistent, complete executions, by key
	order []string          // keys of found in discovery order
	slab  slab              // where record allocates what it keeps
	// anyOrder says that the tot search need only tell whether some
	// order exists, not find the one the depth-first search returns
	// first: nothing of the order it finds is shown (no explanations, no
	// OnCandidate), so it may try a guessed order (guidedOrder) before
	// the depth-first search.
	anyOrder bool
}

// interpConfig returns the interpreter's configuration for the test's
// code: the model's semantics, the loop bound, the memories' limits and
// whether accesses read protection state.
func (s *searcher) interpConfig() interp.Config {
	t := s.test
	return interp.Config{Sem: s.sem, Unroll: s.unroll, MaxPages: t.Memory.Max, MoreMaxPages: moreMaxPages(t), Protect: t.Protects()}
}

// buildThreads lays out the threads: the setup thread (allocation, then
// the test's setup code), the test threads in file order, then the final
// observer if the test observes memory.
func (s *searcher) buildThreads() error {
	t := s.test
	cfg := s.interpConfig()
	link := s.linker()
	if link != nil {
		cfg.Host = link
	}
	s.threads = append(s.threads, &thread{name: "setup", role: model.RoleSetup, run: s.runSetup})
	waiters := 0
	fnWait := false // a function waits: any thread may, through a call
	for _, f := range t.Functions {
		fnWait = fnWait || f.JS != nil && f.JS.HasWait || f.Code != nil && hasWait(f.Code.Body)
	}
	for _, th := range t.Threads {
		if fnWait || th.JS != nil && th.JS.HasWait || th.Code != nil && hasWait(th.Code.Body) {
			waiters++
		}
	}
	s.maxWake = uint32(waiters)
	index := map[string]int{}
	for i, th := range t.Threads {
		index[th.Name] = 1 + i // setup is thread 0
	}
	for _, th := range t.Threads {
		code := th.Code
		tc := cfg
		tc.ImportLenRead = s.sem.ImportLenRead
		var after []int
		for _, a := range th.After {
			after = append(after, index[a])
		}
		run := func(o interp.Oracle) *interp.Trace { return interp.Run(code, tc, o) }
		if prog := th.JS; prog != nil {
			jc := jsConfig(cfg)
			jc.Link = link
			run = func(o interp.Oracle) *interp.Trace { return jsinterp.Run(prog, jc, o) }
		}
		s.threads = append(s.threads, &thread{name: th.Name, role: model.RoleTest, code: code, after: after, run: run})
	}
	s.obs = t.MemLocs()
	if len(s.obs) > 0 {
		reads := make([]interp.ObsRead, len(s.obs))
		for i, l := range s.obs {
			reads[i] = interp.ObsRead{Size: l.Kind == litmus.LocSize, Width: l.Width, Addr: uint64(l.Addr), Mem: l.Mem}
		}
		s.threads = append(s.threads, &thread{name: "final", role: model.RoleObserver,
			run: func(o interp.Oracle) *interp.Trace { return interp.Observe(reads, o) }})
	}
	return nil
}

// hasWait reports whether code contains memory.atomic.wait32/64.
func hasWait(body []wasm.Instr) bool {
	for _, in := range body {
		if a := in.Op.Info().Access; a != nil && a.Kind == wasm.AccessWait {
			return true
		}
		if hasWait(in.Body) || hasWait(in.Else) {
			return true
		}
	}
	return false
}

// initBytes is the size of the allocation's init write: the initial
// memory, or the maximum one when grown pages are pre-zeroed.
func (s *searcher) initBytes() uint64 {
	if s.sem.GrowPreZeroed {
		return uint64(s.test.Memory.Max) * model.PageSize
	}
	return uint64(s.test.Memory.Pages) * model.PageSize
}

// allocation returns the setup thread's first event: the SC write of the
// initial length and the init write of the initial contents (MODEL.md
// §6.4), with the test's init: entries in it.
func (s *searcher) allocation() *model.Event {
	contents := s.test.InitialContents()
	return &model.Event{
		Len:   &model.Access{Region: model.Len, Kind: model.Write, Ord: model.SeqCst, Size: 1, LenWr: uint64(s.test.Memory.Pages) * model.PageSize},
		Data:  &model.Access{Region: model.Data, Kind: model.Write, Ord: model.Init, Off: 0, Size: s.initBytes(), Sparse: contents},
		Instr: "(memory allocation)",
	}
}

// protection returns the init write of the protection cells of every
// page up to the maximum, all readwrite (0), in a test that protects
// pages (MODEL.md §18.1): the setup thread's second event.
func (s *searcher) protection() *model.Event {
	return &model.Event{
		Data:  &model.Access{Region: model.Data, Kind: model.Write, Ord: model.Init, Off: model.ProtBase, Size: uint64(s.test.Memory.Max), Sparse: map[uint64]byte{}},
		Instr: "(page protection: readwrite)",
	}
}

// moreMemories returns the allocation of memories 1, 2, ... (multi-memory,
// MODEL.md §19.1): for each, an SC write of its length cell (the length
// in pages), then the init write of its initial contents (zeros; its
// maximum size under grow-pre-zeroed, as initBytes for memory 0).
func (s *searcher) moreMemories() []*model.Event {
	var out []*model.Event
	for k := 1; k < len(s.test.Memories); k++ {
		mem := s.test.Memories[k]
		pages := uint64(mem.Pages)
		if s.sem.GrowPreZeroed {
			pages = uint64(mem.Max)
		}
		out = append(out,
			&model.Event{Instr: fmt.Sprintf("(memory %d allocation: length)", k),
				Data: &model.Access{Region: model.Data, Kind: model.Write, Ord: model.SeqCst, Off: model.MemLenCell(uint32(k)),
					Size: 4, NoTears: true, Wr: binary.LittleEndian.AppendUint32(nil, mem.Pages)}},
			&model.Event{Instr: fmt.Sprintf("(memory %d allocation: contents)", k),
				Data: &model.Access{Region: model.Data, Kind: model.Write, Ord: model.Init, Off: model.MemBase(uint32(k)),
					Size: pages * model.PageSize, Sparse: map[uint64]byte{}}})
	}
	return out
}

// moreMaxPages returns the maximum sizes of memories 1, 2, ... of t.
func moreMaxPages(t *litmus.Test) []uint32 {
	var out []uint32
	for k := 1; k < len(t.Memories); k++ {
		out = append(out, t.Memories[k].Max)
	}
	return out
}

// moreAllocations returns the events of the setup thread between memory
// 0's allocation and the setup code: the protection cells' initial
// state, when the test protects pages, and the allocations of memories
// 1, 2, ....
func (s *searcher) moreAllocations() []*model.Event {
	var out []*model.Event
	if s.test.Protects() {
		out = append(out, s.protection())
	}
	return append(out, s.moreMemories()...)
}

// runSetup runs the setup thread: the allocation event, then the setup
// code if any.
func (s *searcher) runSetup(o interp.Oracle) *interp.Trace {
	tr := &interp.Trace{Events: append([]*model.Event{s.allocation()}, s.moreAllocations()...), Status: model.Done}
	if s.test.Setup == nil {
		return tr
	}
	st := interp.Run(s.test.Setup, s.interpConfig(), o) // setup calls no function: no Host
	k := len(tr.Events)
	for _, e := range st.Events {
		e.Index += k
	}
	tr.Events = append(tr.Events, st.Events...)
	for _, i := range st.Tainted {
		tr.Tainted = append(tr.Tainted, i+k)
	}
	tr.Status, tr.Trap = st.Status, st.Trap
	return tr
}

// linker returns the test's functions for the threads to call, or nil
// when it has none.
func (s *searcher) linker() *jsinterp.Linker {
	if len(s.test.Functions) == 0 {
		return nil
	}
	l := &jsinterp.Linker{BufferOrd: jsConfig(interp.Config{Sem: s.sem}).BufferOrd}
	for _, f := range s.test.Functions {
		l.Add(f.Name, f.JS, f.Code)
	}
	return l
}

// jsConfig is the configuration of a JS thread: a Wasm thread's, with the
// ordering of memory.buffer's length read (MODEL.md "JavaScript threads").
func jsConfig(cfg interp.Config) jsinterp.Config {
	c := jsinterp.Config{Config: cfg, BufferOrd: model.SeqCst}
	if cfg.Sem.JSBufferUnord {
		c.BufferOrd = model.Unord
	}
	return c
}
