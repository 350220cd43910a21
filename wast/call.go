package wast

import (
	"fmt"
	"strings"

	"wmm/wasm"
)

// A wastCall is one invocation of an exported function.
type wastCall struct {
	pos    wasm.Pos // the (invoke ...)
	inst   *wastInstance
	fn     *wasm.Func
	args   []wasm.Instr // one constant per parameter
	expect *wastExpect  // nil when nothing is asserted about the call
	check  bool         // a call of the main script after every thread was joined
}

// line returns the line of the call, which names its result local.
func (c *wastCall) line() int { return c.pos.Line }

// A wastExpect is what an assertion expects of a call.
type wastExpect struct {
	pos  wasm.Pos // the assertion
	trap bool     // assert_trap
	// results holds, per result of the function, the values accepted (an
	// (either ...) gives several), each reduced to the result's width.
	results [][]uint64
	text    string // the expected results as written, for docs
}

// invoke runs the action (invoke $M? "name" const*) in c; expect, when
// not nil, gives what the enclosing assertion expects of the call.
func (im *wastImporter) invoke(c *wastCtx, act *wasm.SExpr, expect func(*wastCall) *wastExpect) {
	call, ok := im.readCall(c, act)
	if !ok {
		return
	}
	if expect != nil {
		call.expect = expect(call)
	}
	im.addCall(c, call)
}

// readCall reads an invoke action: the instance, the function and the
// arguments.
func (im *wastImporter) readCall(c *wastCtx, act *wasm.SExpr) (*wastCall, bool) {
	args := act.List[1:]
	id := ""
	if len(args) > 0 && args[0].Tok.Kind == wasm.TokID {
		id, args = args[0].Tok.Text, args[1:]
	}
	if len(args) == 0 || args[0].Tok.Kind != wasm.TokString {
		im.fail(act.Pos(), "invoke: expected (invoke $module? \"name\" arguments...)")
		return nil, false
	}
	name := args[0].Tok.Str
	inst, err := c.lookup(id)
	if err != "" {
		im.fail(act.Pos(), "invoke: %s", err)
		return nil, false
	}
	if inst.why != "" {
		// Its functions cannot touch the shared memory: leaving the call out
		// changes nothing the tests observe.
		return nil, im.unsupported(act.Pos(), "a call of %q: %s", name, inst.why)
	}
	fn := exportedFunc(inst.mod, name)
	if fn == nil {
		im.fail(act.Pos(), "invoke: the module has no exported function %q", name)
		return nil, false
	}
	call := &wastCall{pos: act.Pos(), inst: inst, fn: fn}
	if !im.readArgs(call, args[1:]) {
		return nil, false
	}
	if len(fn.Results) > 1 {
		im.refuse(act.Pos(), "a call of %q, which has %d results", name, len(fn.Results))
		return nil, false
	}
	return call, true
}

// exportedFunc returns the function of m exported as name, or nil.
func exportedFunc(m *wasm.Module, name string) *wasm.Func {
	for i := range m.Funcs {
		if m.Funcs[i].Export == name {
			return &m.Funcs[i]
		}
	}
	return nil
}

// readArgs reads a call's arguments: one constant per parameter.
func (im *wastImporter) readArgs(call *wastCall, args []*wasm.SExpr) bool {
	fn := call.fn
	if len(args) != len(fn.Params) {
		im.fail(call.pos, "invoke: %q has %d parameters, found %d arguments", fn.Export, len(fn.Params), len(args))
		return false
	}
	for i, a := range args {
		in, ok := im.constant(a, fn.Params[i].Type, "argument")
		if !ok {
			im.stop()
			return false
		}
		call.args = append(call.args, in)
	}
	return true
}

// constant reads (t.const v) of type want.
func (im *wastImporter) constant(s *wasm.SExpr, want wasm.ValType, what string) (wasm.Instr, bool) {
	if strings.HasPrefix(constText(s), "nan:") {
		return wasm.Instr{}, im.unsupported(s.Pos(), "the %s %s: NaN patterns are not compared", what, s)
	}
	if !strings.HasSuffix(s.Head(), ".const") {
		return wasm.Instr{}, im.unsupported(s.Pos(), "the %s %s: only constants are supported", what, s)
	}
	f, err := wasm.ParseFuncSExprs([]*wasm.SExpr{s})
	if err != nil {
		im.wasmErrors(err)
		return wasm.Instr{}, false
	}
	if len(f.Body) != 1 || f.Body[0].Op.Info().Class != wasm.ClassConst {
		return wasm.Instr{}, im.unsupported(s.Pos(), "the %s %s: only constants are supported", what, s)
	}
	in := f.Body[0]
	if got := in.Op.Info().Out[0]; got != want {
		im.errorf(s.Pos(), "%s: expected a value of type %s, found %s", what, want, got)
		return wasm.Instr{}, false
	}
	in.Value &= widthMask(want.Bits())
	return in, true
}

// constText returns the value's text in (t.const v), or "".
func constText(s *wasm.SExpr) string {
	if len(s.List) != 2 {
		return ""
	}
	return s.List[1].Tok.Text
}

// widthMask returns the mask of the low bits bits.
func widthMask(bits int) uint64 {
	if bits >= 64 {
		return ^uint64(0)
	}
	return 1<<bits - 1
}

// assertReturn runs (assert_return (invoke ...) result*).
func (im *wastImporter) assertReturn(c *wastCtx, cmd *wasm.SExpr) {
	if len(cmd.List) < 2 || cmd.List[1].Head() != "invoke" {
		im.unsupported(cmd.Pos(), "assert_return on anything but (invoke ...)")
		return
	}
	im.invoke(c, cmd.List[1], func(call *wastCall) *wastExpect {
		return im.readResults(call, cmd)
	})
}

// readResults reads the expected results of assert_return. Results it
// cannot compare leave the call without an assertion.
func (im *wastImporter) readResults(call *wastCall, cmd *wasm.SExpr) *wastExpect {
	res := cmd.List[2:]
	e := &wastExpect{pos: cmd.Pos()}
	var texts []string
	if len(res) != len(call.fn.Results) {
		im.errorf(cmd.Pos(), "assertion fails: %q returns %d values, the assertion expects %d", call.fn.Export, len(call.fn.Results), len(res))
		return nil
	}
	for i, r := range res {
		alts := []*wasm.SExpr{r}
		if r.Head() == "either" {
			alts = r.List[1:]
		}
		var vals []uint64
		for _, a := range alts {
			in, ok := im.constant(a, call.fn.Results[i], "expected result")
			if !ok {
				return nil
			}
			vals = append(vals, in.Value)
		}
		if len(vals) == 0 {
			im.errorf(r.Pos(), "either: expected at least one value")
			return nil
		}
		e.results = append(e.results, vals)
		texts = append(texts, r.String())
	}
	e.text = strings.Join(texts, " ")
	return e
}

// assertTrap runs (assert_trap (invoke ...) "message").
func (im *wastImporter) assertTrap(c *wastCtx, cmd *wasm.SExpr) {
	if len(cmd.List) != 3 || cmd.List[1].Head() != "invoke" {
		im.refuse(cmd.Pos(), "assert_trap on anything but (invoke ...)")
		return
	}
	im.invoke(c, cmd.List[1], func(*wastCall) *wastExpect {
		return &wastExpect{pos: cmd.Pos(), trap: true, text: "a trap (" + cmd.List[2].Tok.Text + ")"}
	})
}

// addCall adds a call to the thread it belongs to.
func (im *wastImporter) addCall(c *wastCtx, call *wastCall) {
	sec := im.sec
	if call.inst.sec != sec {
		im.refuse(call.pos, "a call on the memory of an earlier section of the script")
		return
	}
	if c.thread != nil {
		im.threadCall(c.thread, call)
		return
	}
	switch {
	case sec.running > 0:
		im.refuse(call.pos, "a call in the main script while threads run (the main script would have to be a test thread)")
		return
	case len(sec.threads) > 0:
		call.check = true
	}
	sec.main = append(sec.main, call)
}

// threadCall adds a call to thread th. A trap ends a litmus thread, so no
// call may follow one the script expects to trap.
func (im *wastImporter) threadCall(th *wastThread, call *wastCall) {
	if n := len(th.calls); n > 0 && th.calls[n-1].expect != nil && th.calls[n-1].expect.trap {
		im.refuse(call.pos, "a call after an asserted trap in thread %s (a trap ends a litmus thread)", th.name)
		return
	}
	th.calls = append(th.calls, call)
}

// describe says what the call is, for docs.
func (c *wastCall) describe() string {
	return fmt.Sprintf("%q (line %d)", c.fn.Export, c.line())
}
