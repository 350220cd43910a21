package wast

import (
	"fmt"
	"regexp"
	"wmm/litmus"

	"wmm/wasm"
)

// inlineCalls returns a function without parameters or results that makes
// the calls of replay, then those of calls, in order. Each call's body is
// copied in, in a block when it returns early, its parameters locals set
// from the arguments first. Replayed
// calls keep nothing. With assert, a call of calls whose result the
// script asserts keeps it in $retN, N the call's line, and a call the
// script expects to trap is preceded by setting $atN to 1; the names used
// are returned per call. The callee's local names are kept when there is a
// single call; otherwise they would be ambiguous, and its locals are left
// unnamed.
func inlineCalls(replay, calls []*wastCall, assert bool) (*wasm.Func, map[*wastCall]callLocals, error) {
	f := &wasm.Func{}
	all := append(append([]*wastCall(nil), replay...), calls...)
	if len(all) > 0 {
		f.Pos = all[0].pos
	}
	names := make(map[*wastCall]callLocals)
	for _, c := range replay {
		inlineCall(f, c, false, false)
	}
	for _, c := range calls {
		names[c] = inlineCall(f, c, assert, len(all) == 1)
	}
	if err := wasm.Validate(f); err != nil {
		return nil, nil, err
	}
	return f, names, nil
}

// callLocals names the locals the importer adds for one call.
type callLocals struct {
	ret string // the asserted result
	at  string // set to 1 before a call expected to trap
}

// inlineCall appends call c to f.
func inlineCall(f *wasm.Func, c *wastCall, assert, names bool) callLocals {
	var out callLocals
	e := c.expect
	if !assert {
		e = nil
	}
	if e != nil && e.trap {
		var at uint32
		out.at, at = addLocal(f, fmt.Sprintf("at%d", c.line()), wasm.I32, c.pos)
		f.Body = append(f.Body, wasm.Instr{Op: wasm.OpI32Const, Value: 1, Pos: c.pos}, localSet(at, c.pos))
	}
	base := uint32(len(f.Locals))
	for i, p := range c.fn.Params {
		f.Locals = append(f.Locals, wasm.Local{Type: p.Type, Pos: p.Pos})
		f.Body = append(f.Body, c.args[i], localSet(base+uint32(i), c.pos))
	}
	for _, l := range c.fn.Locals {
		if !names || !importedLocalName(l.Name) {
			l.Name = ""
		}
		f.Locals = append(f.Locals, l)
	}
	var result wasm.ValType
	if len(c.fn.Results) == 1 {
		result = c.fn.Results[0]
	}
	body := inlineBody(c.fn.Body, base, 0)
	if branchesOut(c.fn.Body, 0) {
		body = []wasm.Instr{{Op: wasm.OpBlock, Pos: c.pos, Result: result, Body: body}}
	}
	f.Body = append(f.Body, body...)
	switch {
	case result == 0:
	case e != nil && !e.trap:
		var ret uint32
		out.ret, ret = addLocal(f, fmt.Sprintf("ret%d", c.line()), result, c.pos)
		f.Body = append(f.Body, localSet(ret, c.pos))
	default:
		f.Body = append(f.Body, wasm.Instr{Op: wasm.OpDrop, Pos: c.pos})
	}
	return out
}

// inlineBody copies body, moving local indices up by offset and turning
// return into a branch out of the block the body is put in when it
// returns early (depth is the number of blocks around the current
// instruction inside the body).
func inlineBody(body []wasm.Instr, offset, depth uint32) []wasm.Instr {
	if body == nil {
		return nil
	}
	out := make([]wasm.Instr, len(body))
	for i, in := range body {
		switch in.Op {
		case wasm.OpLocalGet, wasm.OpLocalSet, wasm.OpLocalTee:
			in.Index += offset
		case wasm.OpReturn:
			in.Op, in.Index = wasm.OpBr, depth
		}
		in.Body = inlineBody(in.Body, offset, depth+1)
		in.Else = inlineBody(in.Else, offset, depth+1)
		out[i] = in
	}
	return out
}

// branchesOut reports whether body, at depth blocks inside a function,
// returns or branches to the function's own label.
func branchesOut(body []wasm.Instr, depth uint32) bool {
	for _, in := range body {
		switch in.Op {
		case wasm.OpReturn:
			return true
		case wasm.OpBr, wasm.OpBrIf:
			if in.Index == depth {
				return true
			}
		}
		if branchesOut(in.Body, depth+1) || branchesOut(in.Else, depth+1) {
			return true
		}
	}
	return false
}

func localSet(i uint32, pos wasm.Pos) wasm.Instr {
	return wasm.Instr{Op: wasm.OpLocalSet, Index: i, Pos: pos}
}

// addLocal adds a local to f, called name or, when two calls share a line,
// name_2, name_3 and so on; it returns the name and the index.
func addLocal(f *wasm.Func, name string, t wasm.ValType, pos wasm.Pos) (string, uint32) {
	unique := name
	for i := 2; ; i++ {
		if _, taken := f.LocalIndex(unique); !taken {
			break
		}
		unique = fmt.Sprintf("%s_%d", name, i)
	}
	f.Locals = append(f.Locals, wasm.Local{Name: unique, Type: t, Pos: pos})
	return unique, uint32(len(f.Locals) - 1)
}

// importerNameRE matches the local names the importer makes.
var importerNameRE = regexp.MustCompile(`^(ret|at)[0-9]+(_[0-9]+)?$`)

// importedLocalName reports whether a callee's local may keep its name in
// a litmus thread: not a name the importer makes or reserves, and one a
// condition can spell.
func importedLocalName(name string) bool {
	return name != "trap" && name != "stuck" && !importerNameRE.MatchString(name) && litmus.ValidLocalName(name)
}

// localLoc names local of thread.
func localLoc(thread, local string) litmus.Loc {
	return litmus.Loc{Kind: litmus.LocLocal, Thread: thread, Local: local}
}

// localAtom is thread:local=v.
func localAtom(thread, local string, v uint64) litmus.Prop {
	return &litmus.Atom{Loc: localLoc(thread, local), Op: litmus.Eq, Value: v}
}

// flagAtom is thread:trap=v or thread:stuck=v.
func flagAtom(kind litmus.LocKind, thread string, v uint64) litmus.Prop {
	return &litmus.Atom{Loc: litmus.Loc{Kind: kind, Thread: thread}, Op: litmus.Eq, Value: v}
}

// oneOf is l=v1 \/ l=v2 \/ ...
func oneOf(l litmus.Loc, vals []uint64) litmus.Prop {
	var alts []litmus.Prop
	for _, v := range vals {
		alts = append(alts, &litmus.Atom{Loc: l, Op: litmus.Eq, Value: v})
	}
	return orAll(alts)
}

// andAll is the conjunction of props, grouped to the left as the
// condition parser groups a chain of /\, leaving out those that are true;
// the empty conjunction is true.
func andAll(props []litmus.Prop) litmus.Prop {
	var operands []litmus.Prop
	for _, p := range chain(props, splitAnd) {
		if _, ok := p.(litmus.True); !ok {
			operands = append(operands, p)
		}
	}
	return leftFold(operands, litmus.True{}, func(l, r litmus.Prop) litmus.Prop { return &litmus.And{L: l, R: r} })
}

// orAll is the disjunction of props, grouped to the left; the empty
// disjunction is false.
func orAll(props []litmus.Prop) litmus.Prop {
	return leftFold(chain(props, splitOr), falseProp(), func(l, r litmus.Prop) litmus.Prop { return &litmus.Or{L: l, R: r} })
}

// leftFold joins operands with join, grouped to the left: ((a b) c); it
// returns empty when there are none.
func leftFold(operands []litmus.Prop, empty litmus.Prop, join func(l, r litmus.Prop) litmus.Prop) litmus.Prop {
	if len(operands) == 0 {
		return empty
	}
	out := operands[0]
	for _, p := range operands[1:] {
		out = join(out, p)
	}
	return out
}

// splitAnd takes a conjunction apart.
func splitAnd(p litmus.Prop) (l, r litmus.Prop, ok bool) {
	if a, ok := p.(*litmus.And); ok {
		return a.L, a.R, true
	}
	return nil, nil, false
}

// splitOr takes a disjunction apart.
func splitOr(p litmus.Prop) (l, r litmus.Prop, ok bool) {
	if o, ok := p.(*litmus.Or); ok {
		return o.L, o.R, true
	}
	return nil, nil, false
}

// chain flattens props into the operands of one chain of a binary
// operator, which split takes apart.
func chain(props []litmus.Prop, split func(litmus.Prop) (litmus.Prop, litmus.Prop, bool)) []litmus.Prop {
	var out []litmus.Prop
	var add func(litmus.Prop)
	add = func(p litmus.Prop) {
		if l, r, ok := split(p); ok {
			add(l)
			add(r)
			return
		}
		out = append(out, p)
	}
	for _, p := range props {
		add(p)
	}
	return out
}

// falseProp is the proposition that never holds.
func falseProp() litmus.Prop { return &litmus.Not{P: litmus.True{}} }

// negate returns the negation of p, flipping an atom's comparison and
// removing a double negation.
func negate(p litmus.Prop) litmus.Prop {
	switch p := p.(type) {
	case *litmus.Atom:
		q := *p
		q.Op = litmus.Eq + litmus.Ne - p.Op
		return &q
	case *litmus.Not:
		return p.P
	}
	return &litmus.Not{P: p}
}
