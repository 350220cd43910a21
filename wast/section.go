package wast

import (
	"fmt"
	"slices"
	"strings"
	"wmm/litmus"

	"wmm/wasm"
)

// A wastSection is the part of a script that uses one shared memory: from
// the module that defines it to the next such module.
type wastSection struct {
	// unsupported lists the errors of what the importer left out of the
	// section so far: its tests are not the script's, and get no verdict.
	unsupported []string
	pos         wasm.Pos // the module that defines the memory
	mem         litmus.Memory
	main        []*wastCall   // the main script's calls, in order
	threads     []*wastThread // the threads that make calls, in order
	running     int           // how many of them are not yet joined
	joined      bool          // some thread that makes calls was joined
	// stopped is set when something left out could have changed the
	// memory: the section's later commands are skipped.
	stopped bool
}

func newWastSection(pos wasm.Pos, m wasm.Memory) *wastSection {
	return &wastSection{pos: pos, mem: litmus.Memory{Pages: m.Min, Max: m.Max}}
}

// A wastThread is a (thread $T ...) of the script.
type wastThread struct {
	name   string
	pos    wasm.Pos
	calls  []*wastCall
	sec    *wastSection // the section it belongs to, once it makes calls
	joined bool
	// after lists the threads it spawned and joined before its first
	// call: they become threads it starts after (litmus.Thread.After).
	after []string
}

// thread runs (thread $T? (shared (module $M))* cmd*). Its commands are
// run at once, in a context of their own; the thread becomes a test thread
// if it calls functions on the shared memory.
//
// A thread may spawn threads of its own (nested.wast, deeply_nested.wast)
// before its first call: they become test threads too, and those it joins
// before its first call are threads it starts after (litmus.Thread.After), which
// gives exactly the hb edges of the spawn and the join. A child spawned or
// joined after the parent's first call would need hb edges from or into
// the middle of the parent, which litmus threads cannot express.
func (im *wastImporter) thread(c *wastCtx, cmd *wasm.SExpr) {
	if p := c.thread; p != nil && len(p.calls) > 0 {
		im.refuse(cmd.Pos(), "a thread spawned after its parent's first call (needs hb from the middle of the parent)")
		return
	}
	args := cmd.List[1:]
	th := &wastThread{pos: cmd.Pos()}
	if len(args) > 0 && args[0].Tok.Kind == wasm.TokID {
		th.name, args = args[0].Tok.Text[1:], args[1:]
	}
	tc := newWastCtx(th)
	for len(args) > 0 && args[0].Head() == "shared" {
		if !im.share(c, tc, args[0]) {
			return
		}
		args = args[1:]
	}
	c.threads[th.name] = th
	c.threads[""] = th
	for _, sub := range args {
		im.command(tc, sub)
	}
	if len(th.calls) > 0 {
		im.startThread(th)
	}
}

// skipThread records the name of a thread of a stopped section, so that
// waiting for it is no error.
func (im *wastImporter) skipThread(c *wastCtx, cmd *wasm.SExpr) {
	th := &wastThread{pos: cmd.Pos(), joined: true}
	if len(cmd.List) > 1 && cmd.List[1].Tok.Kind == wasm.TokID {
		th.name = cmd.List[1].Tok.Text[1:]
	}
	c.threads[th.name] = th
	c.threads[""] = th
}

// share runs (shared (module $M)...): the thread may use those modules of
// the main script under the same names.
func (im *wastImporter) share(c, tc *wastCtx, s *wasm.SExpr) bool {
	for _, m := range s.List[1:] {
		if m.Head() != "module" || len(m.List) != 2 || m.List[1].Tok.Kind != wasm.TokID {
			im.fail(m.Pos(), "shared: expected (module $name), found %s", describeSExpr(m))
			return false
		}
		inst, err := c.lookup(m.List[1].Tok.Text)
		if err != "" {
			im.fail(m.Pos(), "shared: %s", err)
			return false
		}
		tc.bind(inst.name, inst)
	}
	return true
}

// startThread adds thread th, which makes calls, to the current section.
func (im *wastImporter) startThread(th *wastThread) {
	sec := im.sec
	if sec == nil || sec.stopped {
		return
	}
	switch {
	case th.name == "":
		im.refuse(th.pos, "a thread without a $name")
	case !litmus.ValidThreadName(th.name):
		im.refuse(th.pos, "thread $%s: a litmus thread's name is a letter or _ then letters, digits and _", th.name)
	case sec.joined:
		im.refuse(th.pos, "thread %s starts after another thread was joined (needs hb between test threads)", th.name)
	case sec.thread(th.name) != nil:
		im.fail(th.pos, "a second thread called $%s", th.name)
	default:
		th.sec = sec
		sec.threads = append(sec.threads, th)
		sec.running++
	}
}

// thread returns the section's thread called name, or nil.
func (sec *wastSection) thread(name string) *wastThread {
	for _, th := range sec.threads {
		if th.name == name {
			return th
		}
	}
	return nil
}

// wait runs (wait $T?): it joins thread T.
func (im *wastImporter) wait(c *wastCtx, cmd *wasm.SExpr) {
	if p := c.thread; p != nil && len(p.calls) > 0 {
		im.refuse(cmd.Pos(), "a thread joined after its parent's first call (needs hb into the middle of the parent)")
		return
	}
	name := ""
	if len(cmd.List) == 2 && cmd.List[1].Tok.Kind == wasm.TokID {
		name = cmd.List[1].Tok.Text[1:]
	} else if len(cmd.List) != 1 {
		im.fail(cmd.Pos(), "wait: expected (wait $thread)")
		return
	}
	th, ok := c.threads[name]
	if !ok {
		im.fail(cmd.Pos(), "wait: unknown thread $%s", name)
		return
	}
	if th.joined {
		return
	}
	th.joined = true
	if p := c.thread; p != nil {
		// A parent joins its child before its first call: it starts after
		// the child (and, through hb, after the child's own children).
		if th.sec != nil {
			p.after = append(p.after, th.name)
			th.sec.running--
		}
		return
	}
	if sec := th.sec; sec != nil && sec == im.sec {
		sec.running--
		sec.joined = true
	}
}

// closeSection turns the current section into tests.
func (im *wastImporter) closeSection() {
	sec := im.sec
	im.sec = nil
	im.closing = sec
	defer func() { im.closing = nil }()
	switch {
	case sec == nil:
	case len(sec.threads) == 0:
		im.sequentialTests(sec)
	case sec.stopped:
		im.note(sec.pos, "no test for the section that starts here: it uses what the importer does not support")
	default:
		im.concurrentTest(sec)
	}
}

// newTest starts a test of section sec at pos.
func (im *wastImporter) newTest(sec *wastSection, pos wasm.Pos) *litmus.Test {
	p := im.pos(pos)
	return &litmus.Test{
		Pos:    p,
		Memory: sec.mem,
		Expect: map[string]litmus.Expect{litmus.DefaultModel: {Accept: litmus.Always, Word: "always", Pos: p}},
	}
}

// concurrentTest makes the test of a section with threads: the main
// script's calls before the threads are its setup, the threads are its
// threads, and the checks after the joins and the threads' assertions are
// its condition.
func (im *wastImporter) concurrentTest(sec *wastSection) {
	t := im.newTest(sec, sec.pos)
	var setup, checks []*wastCall
	for _, c := range sec.main {
		if c.check {
			checks = append(checks, c)
			continue
		}
		switch {
		case c.expect != nil && c.expect.trap:
			im.unsupported(c.expect.pos, "assert_trap before the threads start (a trap would end the setup code)")
			return
		case c.expect != nil:
			im.unsupported(c.expect.pos, "an assertion before the threads start (the setup's results are not observable); the call is kept, its assertion left out")
		}
		setup = append(setup, c)
	}
	d := &wastDoc{file: baseName(im.file)}
	if len(setup) > 0 {
		code, _, err := inlineCalls(nil, setup, false)
		if err != nil {
			im.errorf(setup[0].pos, "internal error: the setup code made from the script does not validate: %v", err)
			return
		}
		t.Setup = code
		d.setup = setup
	}
	conds, ok := im.checkConds(sec, checks, d)
	if !ok {
		return
	}
	for _, th := range sec.threads {
		code, props, ok := im.threadCode(th.name, nil, th.calls, d)
		if !ok {
			return
		}
		t.Threads = append(t.Threads, litmus.Thread{Name: th.name, Code: code, Pos: im.pos(th.pos), Text: wasm.FormatFunc(code), After: th.after})
		conds = append(conds, props...)
	}
	t.Condition = &litmus.Condition{Quant: litmus.Forall, Prop: andAll(conds), Pos: t.Pos}
	t.Doc = d.concurrent(sec.threads)
	t.Unsupported = slices.Clone(sec.unsupported)
	im.out.Tests = append(im.out.Tests, t)
}

// sequentialTests makes the tests of a section without threads: one test
// with one thread, main, per call expected to trap (a trap ends a litmus
// thread) and one for the calls after the last such call. Each test
// replays the calls of the earlier tests that return normally.
func (im *wastImporter) sequentialTests(sec *wastSection) {
	var done, seg []*wastCall
	for i, c := range sec.main {
		seg = append(seg, c)
		if c.expect == nil || !c.expect.trap {
			continue
		}
		im.sequentialTest(sec, done, seg)
		if !leavesNoTrace(c.fn) {
			if i+1 < len(sec.main) {
				im.unsupported(sec.main[i+1].pos, "the calls from here on: %q (line %d) may write memory before it traps, so the state after it is unknown", c.fn.Export, c.line())
			}
			return
		}
		done = append(done, seg[:len(seg)-1]...)
		seg = nil
	}
	if len(seg) > 0 {
		im.sequentialTest(sec, done, seg)
	}
}

// sequentialTest makes one test of a section without threads: thread main
// replays the calls of replay, then makes those of calls.
func (im *wastImporter) sequentialTest(sec *wastSection, replay, calls []*wastCall) {
	t := im.newTest(sec, calls[0].pos)
	d := &wastDoc{file: baseName(im.file)}
	code, props, ok := im.threadCode("main", replay, calls, d)
	if !ok {
		return
	}
	t.Threads = []litmus.Thread{{Name: "main", Code: code, Pos: t.Pos, Text: wasm.FormatFunc(code)}}
	t.Condition = &litmus.Condition{Quant: litmus.Forall, Prop: andAll(props), Pos: t.Pos}
	t.Doc = d.sequential(replay, calls)
	t.Unsupported = slices.Clone(sec.unsupported)
	im.out.Tests = append(im.out.Tests, t)
}

// threadCode makes the code of one thread and the propositions that state
// what the script asserts of its calls: their results, where a trap is
// expected (the thread reached that call and trapped), that it does not
// trap otherwise, and that it does not wait forever.
func (im *wastImporter) threadCode(name string, replay, calls []*wastCall, d *wastDoc) (*wasm.Func, []litmus.Prop, bool) {
	code, names, err := inlineCalls(replay, calls, true)
	if err != nil {
		im.errorf(calls[0].pos, "internal error: the code made for thread %s does not validate: %v", name, err)
		return nil, nil, false
	}
	var props []litmus.Prop
	trapped := false
	for _, c := range calls {
		e := c.expect
		if e == nil {
			continue
		}
		d.assert(name, c)
		if e.trap {
			props = append(props, localAtom(name, names[c].at, 1), flagAtom(litmus.LocTrap, name, 1))
			trapped = true
			continue
		}
		if len(e.results) == 1 {
			props = append(props, oneOf(localLoc(name, names[c].ret), e.results[0]))
		}
	}
	if !trapped {
		props = append(props, flagAtom(litmus.LocTrap, name, 0))
	}
	if hasWait(code.Body) {
		props = append(props, flagAtom(litmus.LocStuck, name, 0))
	}
	return code, props, true
}

// nameTests names the tests after the script: "MP.wast" when it gives one
// test, "atomic.wast.L84" (the line the test starts at) when it gives
// several.
func (im *wastImporter) nameTests() {
	base := testName(baseName(im.file))
	for _, t := range im.out.Tests {
		t.Name = base
		if len(im.out.Tests) > 1 {
			t.Name = fmt.Sprintf("%s.L%d", base, t.Pos.Line)
		}
	}
}

// testName turns s into a valid test name, replacing characters outside
// letters, digits and _ . + - with _.
func testName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !litmus.ValidTestName(string(c)) {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "wast"
	}
	return string(b)
}

// hasWait reports whether code contains memory.atomic.wait32 or wait64.
func hasWait(body []wasm.Instr) bool {
	found := false
	walkInstrs(body, func(in *wasm.Instr) {
		if a := in.Op.Info().Access; a != nil && a.Kind == wasm.AccessWait {
			found = true
		}
	})
	return found
}

// walkInstrs calls f for every instruction of body, nested ones included.
func walkInstrs(body []wasm.Instr, f func(*wasm.Instr)) {
	for i := range body {
		f(&body[i])
		walkInstrs(body[i].Body, f)
		walkInstrs(body[i].Else, f)
	}
}

// leavesNoTrace reports whether a call of fn that traps has certainly
// changed nothing: fn has at most one memory instruction, no loop, and no
// other instruction that can trap, so a trap can only be that memory
// instruction's own, which comes before its access.
func leavesNoTrace(fn *wasm.Func) bool {
	mem, ok := 0, true
	walkInstrs(fn.Body, func(in *wasm.Instr) {
		info := in.Op.Info()
		switch {
		case info.Access != nil:
			mem++
		case in.Op == wasm.OpLoop || in.Op == wasm.OpUnreachable:
			ok = false
		case info.Class == wasm.ClassNumeric && numericMayTrap(info.Name):
			ok = false
		}
	})
	return ok && mem <= 1
}

// numericMayTrap reports whether the numeric instruction called name can
// trap: integer division and remainder, float-to-integer truncation.
func numericMayTrap(name string) bool {
	return strings.Contains(name, ".div_") || strings.Contains(name, ".rem_") || strings.Contains(name, ".trunc_") && !strings.Contains(name, "_sat_")
}
