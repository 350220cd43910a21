package wast

import (
	"fmt"
	"strings"
	"wmm/litmus"

	"wmm/wasm"
)

// checkConds turns the calls of the main script after every thread was
// joined into propositions over the final observer's memory atoms: for
// each call with an assertion, "the call returns an expected value". A
// call the importer cannot evaluate is reported and left out, and so are
// the calls after it when it may have written memory. It returns false
// when a check goes wrong in a way that leaves no test.
func (im *wastImporter) checkConds(sec *wastSection, checks []*wastCall, d *wastDoc) ([]litmus.Prop, bool) {
	ev := &checkEval{memBytes: uint64(sec.mem.Pages) * wasm.PageSize, loaded: map[string]int{}}
	var out []litmus.Prop
	for i, c := range checks {
		if c.expect != nil && c.expect.trap {
			im.unsupported(c.expect.pos, "assert_trap after the threads are joined (the final observer never traps)")
			continue
		}
		res, err := ev.call(c)
		if err != nil {
			im.unsupported(err.pos, "the check %s %s", c.describe(), err.msg)
			if mayWrite(c.fn) && i+1 < len(checks) {
				im.unsupported(checks[i+1].pos, "the calls from here on: the call on line %d may have written memory", c.line())
				break
			}
			continue
		}
		if c.expect == nil || len(c.expect.results) == 0 {
			continue
		}
		out = append(out, expectProp(res, c.expect.results[0]))
		d.assert("", c)
	}
	return out, true
}

// mayWrite reports whether fn has an instruction that can write memory.
func mayWrite(fn *wasm.Func) bool {
	found := false
	walkInstrs(fn.Body, func(in *wasm.Instr) {
		if a := in.Op.Info().Access; a != nil && a.Kind != wasm.AccessLoad && a.Kind != wasm.AccessSize {
			found = true
		}
	})
	return found
}

// expectProp is "res is one of vals".
func expectProp(res symVal, vals []uint64) litmus.Prop {
	var alts []litmus.Prop
	for _, v := range vals {
		b, _ := compare(res, constVal(v, res.bits), false)
		alts = append(alts, b.prop())
	}
	return orAll(alts)
}

// A symVal is a value of a check function, computed symbolically: a
// constant, the final value of a memory atom, or a boolean (0 or 1) that
// is 1 when a proposition holds.
type symVal struct {
	kind symKind
	bits int         // 32 or 64: the width of the value's type
	c    uint64      // symConst
	loc  litmus.Loc  // symMem: the atom, zero-extended to the type
	p    litmus.Prop // symBool
}

type symKind uint8

const (
	symConst symKind = iota
	symMem
	symBool
)

func constVal(v uint64, bits int) symVal {
	return symVal{kind: symConst, bits: bits, c: v & widthMask(bits)}
}

func boolVal(p litmus.Prop) symVal {
	switch p := p.(type) {
	case litmus.True:
		return constVal(1, 32)
	case *litmus.Not:
		if _, ok := p.P.(litmus.True); ok {
			return constVal(0, 32)
		}
	}
	return symVal{kind: symBool, bits: 32, p: p}
}

// prop returns the proposition "v is not 0" for a boolean or constant.
func (v symVal) prop() litmus.Prop {
	switch v.kind {
	case symBool:
		return v.p
	case symConst:
		if v.c != 0 {
			return litmus.True{}
		}
	}
	return falseProp()
}

// A checkEval evaluates check functions. The final observer reads each
// atom once, so a check may load each location only once over all calls.
type checkEval struct {
	memBytes uint64         // the memory's initial size in bytes
	loaded   map[string]int // atoms loaded, with the line of the load
}

// A checkErr says why a check cannot be evaluated.
type checkErr struct {
	pos wasm.Pos
	msg string
}

// A checkFrame is one call being evaluated.
type checkFrame struct {
	ev     *checkEval
	locals []symVal
	stack  []symVal
}

// call evaluates a check call: straight-line code of constants, locals,
// plain loads from constant addresses, eq, ne, eqz, and, or.
func (ev *checkEval) call(c *wastCall) (symVal, *checkErr) {
	fn := c.fn
	fr := &checkFrame{ev: ev}
	for i, a := range c.args {
		fr.locals = append(fr.locals, constVal(a.Value, fn.Params[i].Type.Bits()))
	}
	for _, l := range fn.Locals {
		fr.locals = append(fr.locals, constVal(0, l.Type.Bits()))
	}
	for i := range fn.Body {
		done, err := fr.step(&fn.Body[i])
		if err != nil {
			return symVal{}, err
		}
		if done {
			break
		}
	}
	if len(fn.Results) == 0 || len(fr.stack) == 0 {
		return symVal{}, nil
	}
	return fr.stack[len(fr.stack)-1], nil
}

func (fr *checkFrame) push(v symVal) { fr.stack = append(fr.stack, v) }

func (fr *checkFrame) pop() symVal {
	v := fr.stack[len(fr.stack)-1]
	fr.stack = fr.stack[:len(fr.stack)-1]
	return v
}

func cannot(in *wasm.Instr, format string, args ...any) *checkErr {
	return &checkErr{pos: in.Pos, msg: fmt.Sprintf("uses %s: ", in.Op) + fmt.Sprintf(format, args...)}
}

// step evaluates one instruction; it reports whether the function returns.
// The code is validated, so the stack holds what each instruction needs.
func (fr *checkFrame) step(in *wasm.Instr) (bool, *checkErr) {
	info := in.Op.Info()
	switch {
	case info.Class == wasm.ClassConst:
		fr.push(constVal(in.Value, info.Out[0].Bits()))
	case in.Op == wasm.OpLocalGet:
		fr.push(fr.locals[in.Index])
	case in.Op == wasm.OpLocalSet:
		fr.locals[in.Index] = fr.pop()
	case in.Op == wasm.OpLocalTee:
		fr.locals[in.Index] = fr.stack[len(fr.stack)-1]
	case in.Op == wasm.OpDrop:
		fr.pop()
	case in.Op == wasm.OpNop:
	case in.Op == wasm.OpReturn:
		return true, nil
	case info.Access != nil:
		return false, fr.load(in, info.Access)
	case info.Class == wasm.ClassNumeric:
		return false, fr.numeric(in, info)
	default:
		return false, cannot(in, "the importer evaluates only straight-line checks")
	}
	return false, nil
}

// load evaluates a plain load from a constant address: its value is the
// final observer's atom.
func (fr *checkFrame) load(in *wasm.Instr, a *wasm.Access) *checkErr {
	switch {
	case a.Kind != wasm.AccessLoad:
		return cannot(in, "a check must only read the memory after the threads are joined")
	case a.Atomic:
		return cannot(in, "the final observer reads with plain loads")
	case a.Signed || a.Type == wasm.F32 || a.Type == wasm.F64:
		return cannot(in, "only unsigned integer loads are observed")
	}
	addr := fr.pop()
	if addr.kind != symConst {
		return cannot(in, "the address is not a constant")
	}
	ea := addr.c + uint64(in.Mem.Offset)
	if ea+uint64(a.Width) > fr.ev.memBytes {
		return cannot(in, "the address %d is beyond the memory's initial size", ea)
	}
	loc := litmus.Loc{Kind: litmus.LocMem, Width: a.Width, Addr: uint32(ea)}
	if line, dup := fr.ev.loaded[loc.String()]; dup {
		return cannot(in, "%s is loaded a second time (first on line %d), and the final observer reads each location once", loc, line)
	}
	fr.ev.loaded[loc.String()] = in.Pos.Line
	fr.push(symVal{kind: symMem, bits: a.Type.Bits(), loc: loc})
	return nil
}

// numeric evaluates eqz, eq, ne, and, or of i32 and i64.
func (fr *checkFrame) numeric(in *wasm.Instr, info *wasm.OpInfo) *checkErr {
	_, op, _ := strings.Cut(info.Name, ".")
	var r symVal
	ok := true
	switch op {
	case "eqz":
		x := fr.pop()
		r, ok = compare(x, constVal(0, x.bits), false)
	case "eq", "ne":
		y, x := fr.pop(), fr.pop()
		r, ok = compare(x, y, op == "ne")
	case "and", "or":
		y, x := fr.pop(), fr.pop()
		r, ok = logic(x, y, op == "and")
	default:
		return cannot(in, "the importer evaluates only eq, ne, eqz, and, or")
	}
	if !ok {
		return cannot(in, "its operands are not a memory value and a constant, or two booleans")
	}
	fr.push(r)
	return nil
}

// compare evaluates x == y (or x != y): a constant, an atom compared with
// a constant, or a boolean compared with a constant or another boolean.
func compare(x, y symVal, ne bool) (symVal, bool) {
	if x.kind == symConst {
		x, y = y, x
	}
	var p litmus.Prop
	switch {
	case x.kind == symConst:
		p = constProp(x.c == y.c)
	case y.kind != symConst:
		if x.kind != symBool || y.kind != symBool {
			return symVal{}, false
		}
		p = orAll([]litmus.Prop{andAll([]litmus.Prop{x.p, y.p}), andAll([]litmus.Prop{negate(x.p), negate(y.p)})})
	case x.kind == symMem:
		p = &litmus.Atom{Loc: x.loc, Op: litmus.Eq, Value: y.c}
		if x.loc.Width < 8 && y.c>>(8*x.loc.Width) != 0 {
			p = falseProp()
		}
	default: // a boolean and a constant
		switch y.c {
		case 1:
			p = x.p
		case 0:
			p = negate(x.p)
		default:
			p = falseProp()
		}
	}
	if ne {
		p = negate(p)
	}
	return boolVal(p), true
}

// constProp is true or false.
func constProp(b bool) litmus.Prop {
	if b {
		return litmus.True{}
	}
	return falseProp()
}

// logic evaluates x & y (or x | y) where both are booleans or constants.
func logic(x, y symVal, and bool) (symVal, bool) {
	if x.kind == symConst {
		x, y = y, x
	}
	switch {
	case x.kind == symConst:
		if and {
			return constVal(x.c&y.c, x.bits), true
		}
		return constVal(x.c|y.c, x.bits), true
	case x.kind != symBool:
		return symVal{}, false
	case y.kind == symBool:
		if and {
			return boolVal(andAll([]litmus.Prop{x.p, y.p})), true
		}
		return boolVal(orAll([]litmus.Prop{x.p, y.p})), true
	case y.kind != symConst:
		return symVal{}, false
	}
	// A boolean and a constant: b & c is b when c is odd, else 0; b | 0
	// is b, b | 1 is 1, anything else is not a boolean.
	switch {
	case and && y.c&1 == 1:
		return x, true
	case and:
		return constVal(0, 32), true
	case y.c == 0:
		return x, true
	case y.c == 1:
		return constVal(1, 32), true
	}
	return symVal{}, false
}
