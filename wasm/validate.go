package wasm

import (
	"fmt"
	"strings"
)

// Validate checks f as the WebAssembly validation algorithm does, for the
// instructions of this package, assuming that memory 0 exists: operand
// stack types through blocks and branches (the stack is polymorphic after
// unreachable, br and return), label depths and local indices, that an if
// without else produces no result, the function's results, and the
// alignment of memory accesses (at most natural; exactly natural for
// atomics). Each error is at the offending instruction and names it. The
// result is nil or an ErrorList.
func Validate(f *Func) error {
	return validateFunc(f, true, nil)
}

// validateFunc validates f; hasMem says whether memory 0 exists, globals
// are the module's globals.
func validateFunc(f *Func, hasMem bool, globals []Global) error {
	v := &validator{f: f, hasMem: hasMem, globals: globals}
	v.run(func() { v.function() })
	v.errs.Sort()
	return v.errs.Err()
}

// unknownType is the operand type of the polymorphic stack: it matches
// every type.
const unknownType ValType = 0

// An operand is a value on the validator's stack: its type and the
// position of the instruction that pushed it.
type operand struct {
	t   ValType
	pos Pos
}

// A ctrlFrame is an enclosing block, loop, if or the function itself.
type ctrlFrame struct {
	what        string    // "block", "loop", "if", "else" or "function"
	pos         Pos       // the block's instruction, or the function
	labelTypes  []ValType // what a branch to this frame passes
	endTypes    []ValType // what the frame leaves at its end
	height      int       // operand stack height on entry
	unreachable bool      // the rest of the frame cannot be reached
}

// A validator holds the state of the validation algorithm.
type validator struct {
	f       *Func
	hasMem  bool
	globals []Global
	vals    []operand
	ctrls   []ctrlFrame
	errs    ErrorList
}

// run calls check, stopping early after MaxErrors errors.
func (v *validator) run(check func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
		}
	}()
	check()
}

// errorf records an error and, to avoid a cascade of consequences, makes
// the rest of the current frame unreachable.
func (v *validator) errorf(pos Pos, format string, args ...any) {
	v.note(pos, format, args...)
	v.setUnreachable()
}

// note records an error that does not disturb the operand stack.
func (v *validator) note(pos Pos, format string, args ...any) {
	v.errs.Addf(pos, format, args...)
	if len(v.errs) >= MaxErrors {
		panic(bailout{})
	}
}

// function validates the locals and body of v.f.
func (v *validator) function() {
	for _, l := range v.f.Params {
		v.checkValType(l.Type, l.Pos, "param")
	}
	for _, l := range v.f.Locals {
		v.checkValType(l.Type, l.Pos, "local")
	}
	for _, t := range v.f.Results {
		v.checkValType(t, v.f.Pos, "result")
	}
	v.ctrls = append(v.ctrls, ctrlFrame{what: "function", pos: v.f.Pos,
		labelTypes: v.f.Results, endTypes: v.f.Results})
	v.seq(v.f.Body)
	v.endFrame()
}

// checkValType reports a type that is not a value type.
func (v *validator) checkValType(t ValType, pos Pos, what string) bool {
	switch t {
	case I32, I64, F32, F64:
		return true
	}
	v.note(pos, "%s: invalid value type %s", what, t)
	return false
}

// seq validates a sequence of instructions in the current frame.
func (v *validator) seq(body []Instr) {
	for i := range body {
		v.instr(&body[i])
	}
}

// push pushes an operand of type t pushed at pos.
func (v *validator) push(t ValType, pos Pos) {
	v.vals = append(v.vals, operand{t: t, pos: pos})
}

// pop pops any operand; ok is false (and nothing is reported) if the
// current frame's part of the stack is empty and reachable.
func (v *validator) pop() (operand, bool) {
	fr := &v.ctrls[len(v.ctrls)-1]
	if len(v.vals) == fr.height {
		return operand{}, fr.unreachable
	}
	o := v.vals[len(v.vals)-1]
	v.vals = v.vals[:len(v.vals)-1]
	return o, true
}

// popExpect pops an operand of type want for instruction in.
func (v *validator) popExpect(want ValType, in *Instr) ValType {
	o, ok := v.pop()
	switch {
	case !ok:
		v.errorf(in.Pos, "%s: expected %s operand, found nothing", in.Op, want)
		return want
	case o.t != unknownType && want != unknownType && o.t != want:
		v.errorf(in.Pos, "%s: expected %s operand, found %s", in.Op, want, o.t)
		return want
	}
	if o.t == unknownType {
		return want
	}
	return o.t
}

// popTypes pops operands of the given types, the last one first.
func (v *validator) popTypes(types []ValType, in *Instr) {
	for i := len(types) - 1; i >= 0; i-- {
		v.popExpect(types[i], in)
	}
}

// pushTypes pushes operands of the given types.
func (v *validator) pushTypes(types []ValType, pos Pos) {
	for _, t := range types {
		v.push(t, pos)
	}
}

// setUnreachable makes the rest of the current frame unreachable: its
// stack becomes polymorphic.
func (v *validator) setUnreachable() {
	if len(v.ctrls) == 0 {
		return
	}
	fr := &v.ctrls[len(v.ctrls)-1]
	v.vals = v.vals[:fr.height]
	fr.unreachable = true
}

// instr validates one instruction.
func (v *validator) instr(in *Instr) {
	info := in.Op.Info()
	switch info.Class {
	case ClassControl:
		v.control(in)
	case ClassParametric:
		v.parametric(in)
	case ClassLocal:
		v.local(in)
	case ClassConst, ClassNumeric:
		v.popTypes(info.In, in)
		v.pushTypes(info.Out, in.Pos)
	case ClassMemory:
		v.memory(in, info)
	default:
		if in.Op == OpGlobalGet || in.Op == OpGlobalSet {
			v.global(in)
			return
		}
		v.errorf(in.Pos, "unknown instruction %s", in.Op)
	}
}

// control validates block, loop, if, br, br_if, return, nop and
// unreachable.
func (v *validator) control(in *Instr) {
	switch in.Op {
	case OpNop:
	case OpUnreachable:
		v.setUnreachable()
	case OpBlock, OpLoop:
		v.block(in)
	case OpIf:
		v.ifInstr(in)
	case OpBr:
		if fr := v.label(in); fr != nil {
			v.popTypes(fr.labelTypes, in)
		}
		v.setUnreachable()
	case OpBrIf:
		v.popExpect(I32, in)
		if fr := v.label(in); fr != nil {
			types := fr.labelTypes
			v.popTypes(types, in)
			v.pushTypes(types, in.Pos)
		}
	case OpReturn:
		v.popTypes(v.f.Results, in)
		v.setUnreachable()
	case OpCall:
		if int64(in.Index) >= int64(len(v.f.Imports)) {
			v.errorf(in.Pos, "call: unknown function %d (the function imports %d)", in.Index, len(v.f.Imports))
			return
		}
		im := &v.f.Imports[in.Index]
		v.popTypes(im.Params, in)
		v.pushTypes(im.Results, in.Pos)
	}
}

// label returns the frame a branch targets, or nil after reporting a
// depth out of range.
func (v *validator) label(in *Instr) *ctrlFrame {
	if int64(in.Index) >= int64(len(v.ctrls)) {
		v.errorf(in.Pos, "%s: expected label depth at most %d, found %d", in.Op, len(v.ctrls)-1, in.Index)
		return nil
	}
	return &v.ctrls[len(v.ctrls)-1-int(in.Index)]
}

// blockTypes returns the result types of a block, checking its type.
func (v *validator) blockTypes(in *Instr) []ValType {
	if in.Result == 0 {
		return nil
	}
	if !v.checkValType(in.Result, in.Pos, in.Op.String()) {
		return nil
	}
	return []ValType{in.Result}
}

// block validates a block or loop.
func (v *validator) block(in *Instr) {
	results := v.blockTypes(in)
	fr := ctrlFrame{what: in.Op.String(), pos: in.Pos, labelTypes: results, endTypes: results, height: len(v.vals)}
	if in.Op == OpLoop {
		fr.labelTypes = nil
	}
	v.ctrls = append(v.ctrls, fr)
	v.seq(in.Body)
	v.endFrame()
	v.pushTypes(results, in.Pos)
}

// ifInstr validates an if and its branches.
func (v *validator) ifInstr(in *Instr) {
	v.popExpect(I32, in)
	results := v.blockTypes(in)
	height := len(v.vals)
	v.ctrls = append(v.ctrls, ctrlFrame{what: "if", pos: in.Pos, labelTypes: results, endTypes: results, height: height})
	v.seq(in.Body)
	v.endFrame()
	if len(in.Else) == 0 && len(results) > 0 {
		v.errorf(in.Pos, "if: expected else branch for result %s, found none", results[0])
	} else {
		v.ctrls = append(v.ctrls, ctrlFrame{what: "else", pos: in.Pos, labelTypes: results, endTypes: results, height: height})
		v.seq(in.Else)
		v.endFrame()
	}
	v.pushTypes(results, in.Pos)
}

// endFrame checks that the innermost frame leaves exactly its end types
// and pops it.
func (v *validator) endFrame() {
	fr := v.ctrls[len(v.ctrls)-1]
	got := v.vals[fr.height:]
	want := fr.endTypes
	ok := len(got) == len(want) || fr.unreachable && len(got) < len(want)
	// Align the top of the stack with the end of want.
	for i := 1; ok && i <= len(got); i++ {
		g, w := got[len(got)-i].t, want[len(want)-i]
		ok = g == unknownType || g == w
	}
	if !ok {
		pos := fr.pos
		if len(got) > len(want) {
			pos = got[len(want)].pos
		} else if len(got) > 0 {
			pos = got[len(got)-1].pos
		}
		v.errorf(pos, "end of %s: expected %s on the stack, found %s", fr.what, typeList(want), operandList(got))
	}
	v.vals = v.vals[:fr.height]
	v.ctrls = v.ctrls[:len(v.ctrls)-1]
}

// typeList formats types as [i32 i64].
func typeList(types []ValType) string {
	s := make([]string, len(types))
	for i, t := range types {
		s[i] = t.String()
	}
	return "[" + strings.Join(s, " ") + "]"
}

// operandList formats the types of operands, "any" for an unknown one.
func operandList(ops []operand) string {
	s := make([]string, len(ops))
	for i, o := range ops {
		s[i] = "any"
		if o.t != unknownType {
			s[i] = o.t.String()
		}
	}
	return "[" + strings.Join(s, " ") + "]"
}

// parametric validates drop and select.
func (v *validator) parametric(in *Instr) {
	if in.Op == OpDrop {
		if _, ok := v.pop(); !ok {
			v.errorf(in.Pos, "drop: expected an operand, found nothing")
		}
		return
	}
	v.popExpect(I32, in)
	a, okA := v.pop()
	b, okB := v.pop()
	switch {
	case !okA || !okB:
		v.errorf(in.Pos, "select: expected two operands and a condition, found fewer")
	case a.t != unknownType && b.t != unknownType && a.t != b.t:
		v.errorf(in.Pos, "select: expected operands of the same type, found %s and %s", b.t, a.t)
	default:
		t := a.t
		if t == unknownType {
			t = b.t
		}
		v.push(t, in.Pos)
	}
}

// local validates local.get, local.set and local.tee.
func (v *validator) local(in *Instr) {
	t, ok := v.f.LocalType(in.Index)
	if !ok {
		n := len(v.f.Params) + len(v.f.Locals)
		v.errorf(in.Pos, "%s: unknown local %d (the function has %d locals)", in.Op, in.Index, n)
		if in.Op != OpLocalSet {
			v.push(unknownType, in.Pos)
		}
		return
	}
	switch in.Op {
	case OpLocalGet:
		v.push(t, in.Pos)
	case OpLocalSet:
		v.popExpect(t, in)
	case OpLocalTee:
		v.popExpect(t, in)
		v.push(t, in.Pos)
	}
}

// global validates global.get and global.set (generated code only).
func (v *validator) global(in *Instr) {
	if int(in.Index) >= len(v.globals) {
		v.errorf(in.Pos, "%s: unknown global %d", in.Op, in.Index)
		if in.Op == OpGlobalGet {
			v.push(unknownType, in.Pos)
		}
		return
	}
	t := v.globals[in.Index].Type
	if in.Op == OpGlobalGet {
		v.push(t, in.Pos)
		return
	}
	v.popExpect(t, in)
}

// memory validates a memory instruction: the memory exists (atomic.fence
// names none), the alignment is allowed, and the operand types.
func (v *validator) memory(in *Instr, info *OpInfo) {
	if !v.hasMem && in.Op != OpAtomicFence {
		v.note(in.Pos, "%s: unknown memory 0", in.Op)
	}
	if in.Op.HasMemArg() {
		v.checkAlign(in, info.Access)
	}
	v.popTypes(info.In, in)
	v.pushTypes(info.Out, in.Pos)
}

// checkAlign checks a memory access's alignment.
func (v *validator) checkAlign(in *Instr, a *Access) {
	natural := a.NaturalAlign()
	switch {
	case a.Atomic && in.Mem.Align != natural:
		v.note(in.Pos, "%s: expected alignment %d, found %s", in.Op, 1<<natural, alignText(in.Mem.Align))
	case in.Mem.Align > natural:
		v.note(in.Pos, "%s: expected alignment at most %d, found %s", in.Op, 1<<natural, alignText(in.Mem.Align))
	}
}

// alignText formats the alignment 2^log in bytes.
func alignText(log uint8) string {
	if log >= 64 {
		return fmt.Sprintf("2^%d", log)
	}
	return fmt.Sprint(uint64(1) << log)
}

// ValidateModule checks a module: the memory's limits (at most 65536
// pages, minimum not above maximum, a shared memory has a maximum),
// distinct export names, and each function as Validate does, with memory
// instructions allowed only when the module has a memory.
func ValidateModule(m *Module) error {
	var errs ErrorList
	if m.HasMemory {
		validateLimits(m, &errs)
	}
	validateExports(m, &errs)
	for i := range m.Funcs {
		if err := validateFunc(&m.Funcs[i], m.HasMemory, m.Globals); err != nil {
			errs = append(errs, err.(ErrorList)...)
		}
	}
	errs.Sort()
	if len(errs) > MaxErrors {
		errs = errs[:MaxErrors]
	}
	return errs.Err()
}

// validateLimits checks the memory's limits.
func validateLimits(m *Module, errs *ErrorList) {
	mem := m.Memory
	switch {
	case mem.Min > MaxPages:
		errs.Addf(m.Pos, "memory: expected at most %d pages, found minimum %d", MaxPages, mem.Min)
	case mem.HasMax && mem.Max > MaxPages:
		errs.Addf(m.Pos, "memory: expected at most %d pages, found maximum %d", MaxPages, mem.Max)
	case mem.HasMax && mem.Min > mem.Max:
		errs.Addf(m.Pos, "memory: minimum %d is greater than maximum %d", mem.Min, mem.Max)
	case mem.Shared && !mem.HasMax:
		errs.Add(m.Pos, "memory: a shared memory must have a maximum")
	}
}

// validateExports checks that export names are distinct.
func validateExports(m *Module, errs *ErrorList) {
	seen := map[string]bool{}
	check := func(name string, pos Pos) {
		if name == "" {
			return
		}
		if seen[name] {
			errs.Addf(pos, "duplicate export name %q", name)
		}
		seen[name] = true
	}
	if m.HasMemory {
		check(m.Memory.Export, m.Pos)
	}
	for _, f := range m.Funcs {
		check(f.Export, f.Pos)
	}
}
