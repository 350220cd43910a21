package wasm

import (
	"encoding/binary"
	"fmt"
)

// The binary format's section ids, external kinds and fixed bytes used by
// Encode. See https://webassembly.github.io/spec/core/binary/modules.html
// and, for shared memories and atomics, the threads proposal
// (https://github.com/WebAssembly/threads).
const (
	secType     = 1
	secImport   = 2
	secFunction = 3
	secMemory   = 5
	secGlobal   = 6
	secExport   = 7
	secCode     = 10

	kindFunc   = 0x00
	kindMemory = 0x02
	kindGlobal = 0x03

	funcTypeTag = 0x60
	emptyBlock  = 0x40
	opElse      = 0x05
	opEnd       = 0x0B

	limitsMin       = 0x00 // min only
	limitsMinMax    = 0x01 // min and max
	limitsSharedMax = 0x03 // shared, min and max
)

// binaryHeader is the magic number "\0asm" followed by version 1.
var binaryHeader = []byte{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}

// Encode returns the binary encoding of m: the type section (function types
// deduplicated, in order of first use), the memory's import or definition,
// the function section, the exports (the memory first, then functions in
// order) and the code section, with locals compressed into runs of equal
// type. Empty sections are left out, and no custom section is written, so
// the output is byte for byte what wat2wasm writes for the same module.
//
// Encode does not validate m (use Validate for that); it reports only what
// has no encoding: a shared memory without a maximum, an unknown
// instruction, an invalid value type or block type, a duplicate export
// name. Errors are *Error values with the position of what is wrong.
func Encode(m *Module) ([]byte, error) {
	e := &encoder{}
	if err := e.module(m); err != nil {
		return nil, err
	}
	return e.out, nil
}

// An encoder accumulates the module's bytes.
type encoder struct {
	out []byte
}

func (e *encoder) module(m *Module) error {
	if err := checkModule(m); err != nil {
		return err
	}
	types, typeOf := funcTypes(m.Imports, m.Funcs)
	importTypes := typeOf[:len(m.Imports)]
	typeOf = typeOf[len(m.Imports):]
	code, err := codeSection(m.Funcs)
	if err != nil {
		return err
	}
	e.out = append(e.out, binaryHeader...)
	e.section(secType, typeSection(types))
	e.section(secImport, importSection(m, importTypes))
	e.section(secFunction, functionSection(typeOf))
	e.section(secMemory, memorySection(m))
	e.section(secGlobal, globalSection(m))
	e.section(secExport, exportSection(m))
	e.section(secCode, code)
	return nil
}

// section appends a section with its id and size, unless body is nil.
func (e *encoder) section(id byte, body []byte) {
	if body == nil {
		return
	}
	e.out = append(e.out, id)
	e.out = appendU32(e.out, uint32(len(body)))
	e.out = append(e.out, body...)
}

// checkModule reports what of m, outside function bodies, has no encoding
// or makes an ill-formed binary.
func checkModule(m *Module) error {
	if m.HasMemory && m.Memory.Shared && !m.Memory.HasMax {
		return &Error{Pos: m.Pos, Msg: "shared memory needs a maximum size"}
	}
	seen := map[string]bool{}
	if m.HasMemory && m.Memory.Export != "" {
		seen[m.Memory.Export] = true
	}
	for _, g := range m.Globals {
		if !validValType(g.Type) {
			return &Error{Pos: m.Pos, Msg: fmt.Sprintf("invalid value type 0x%02x of global", byte(g.Type))}
		}
		if g.Export != "" && seen[g.Export] {
			return &Error{Pos: m.Pos, Msg: fmt.Sprintf("duplicate export name %q", g.Export)}
		}
		seen[g.Export] = g.Export != ""
	}
	for i := range m.Funcs {
		f := &m.Funcs[i]
		if f.Export == "" {
			continue
		}
		if seen[f.Export] {
			return funcError(i, f, f.Pos, fmt.Sprintf("duplicate export name %q", f.Export))
		}
		seen[f.Export] = true
	}
	return nil
}

// funcError returns an *Error about function i at pos; the message names
// the function, since positions alone do not tell which one.
func funcError(i int, f *Func, pos Pos, msg string) error {
	fn := fmt.Sprintf("func %d", i)
	if f.Name != "" {
		fn += " ($" + f.Name + ")"
	}
	return &Error{Pos: pos, Msg: fn + ": " + msg}
}

// A funcType is a function signature.
type funcType struct {
	params, results []ValType
}

func (t funcType) key() string {
	return string(valTypeBytes(t.params)) + "|" + string(valTypeBytes(t.results))
}

func valTypeBytes(ts []ValType) []byte {
	b := make([]byte, len(ts))
	for i, t := range ts {
		b[i] = byte(t)
	}
	return b
}

// funcTypes returns the distinct signatures of the imported functions and
// funcs in order of first use, and the type index of each function,
// imports first.
func funcTypes(imports []Import, funcs []Func) (types []funcType, typeOf []uint32) {
	index := map[string]uint32{}
	var all []funcType
	for _, im := range imports {
		all = append(all, funcType{params: im.Params, results: im.Results})
	}
	for i := range funcs {
		t := funcType{results: funcs[i].Results}
		for _, p := range funcs[i].Params {
			t.params = append(t.params, p.Type)
		}
		all = append(all, t)
	}
	for _, t := range all {
		k := t.key()
		idx, ok := index[k]
		if !ok {
			idx = uint32(len(types))
			index[k] = idx
			types = append(types, t)
		}
		typeOf = append(typeOf, idx)
	}
	return types, typeOf
}

func typeSection(types []funcType) []byte {
	return vecSection(types, func(b []byte, t funcType) []byte {
		b = append(b, funcTypeTag)
		b = appendU32(b, uint32(len(t.params)))
		b = append(b, valTypeBytes(t.params)...)
		b = appendU32(b, uint32(len(t.results)))
		return append(b, valTypeBytes(t.results)...)
	})
}

// vecSection is the contents of a section that is a vector: the count of
// items, then each as add appends it; nil, which leaves the section out,
// when there are none.
func vecSection[T any](items []T, add func(b []byte, x T) []byte) []byte {
	if len(items) == 0 {
		return nil
	}
	b := appendU32(nil, uint32(len(items)))
	for _, x := range items {
		b = add(b, x)
	}
	return b
}

// importSection declares the imported memory, then the imported
// functions (whose type indices are types).
func importSection(m *Module, types []uint32) []byte {
	mem := m.HasMemory && m.Memory.Imported()
	if !mem && len(m.Imports) == 0 {
		return nil
	}
	b := appendU32(nil, uint32(len(m.Imports)+int(b2u(mem))))
	if mem {
		b = appendName(b, m.Memory.ImportModule)
		b = appendName(b, m.Memory.ImportName)
		b = append(b, kindMemory)
		b = appendLimits(b, m.Memory)
	}
	for i, im := range m.Imports {
		b = appendName(b, im.Module)
		b = appendName(b, im.Name)
		b = append(b, kindFunc)
		b = appendU32(b, types[i])
	}
	return b
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

func functionSection(typeOf []uint32) []byte {
	return vecSection(typeOf, appendU32)
}

func memorySection(m *Module) []byte {
	if !m.HasMemory || m.Memory.Imported() {
		return nil
	}
	b := appendLimits(appendU32(nil, uint32(1+len(m.MoreMemories))), m.Memory)
	for _, mem := range m.MoreMemories {
		b = appendLimits(b, mem)
	}
	return b
}

// appendLimits appends a memory type: the limits flag (0x00 min only, 0x01
// min and max, 0x03 shared with min and max), then min and max.
func appendLimits(b []byte, mem Memory) []byte {
	switch {
	case mem.Shared:
		b = append(b, limitsSharedMax)
	case mem.HasMax:
		b = append(b, limitsMinMax)
	default:
		return appendU32(append(b, limitsMin), mem.Min)
	}
	b = appendU32(b, mem.Min)
	return appendU32(b, mem.Max)
}

// globalSection declares the globals: mutable, initialised by a zero
// constant of their type.
func globalSection(m *Module) []byte {
	return vecSection(m.Globals, func(b []byte, g Global) []byte {
		b = append(b, byte(g.Type), 0x01)
		switch g.Type {
		case I64:
			b = append(b, 0x42, 0x00)
		case F32:
			b = append(b, 0x43, 0, 0, 0, 0)
		case F64:
			b = append(b, 0x44, 0, 0, 0, 0, 0, 0, 0, 0)
		default:
			b = append(b, 0x41, 0x00)
		}
		return append(b, opEnd)
	})
}

func exportSection(m *Module) []byte {
	var n uint32
	var b []byte
	if m.HasMemory && m.Memory.Export != "" {
		b = appendName(b, m.Memory.Export)
		b = append(b, kindMemory, 0)
		n++
	}
	for i, g := range m.Globals {
		if g.Export == "" {
			continue
		}
		b = appendName(b, g.Export)
		b = append(b, kindGlobal)
		b = appendU32(b, uint32(i))
		n++
	}
	for i := range m.Funcs {
		if m.Funcs[i].Export == "" {
			continue
		}
		b = appendName(b, m.Funcs[i].Export)
		b = append(b, kindFunc)
		b = appendU32(b, uint32(len(m.Imports)+i))
		n++
	}
	if n == 0 {
		return nil
	}
	return append(appendU32(nil, n), b...)
}

func codeSection(funcs []Func) ([]byte, error) {
	if len(funcs) == 0 {
		return nil, nil
	}
	b := appendU32(nil, uint32(len(funcs)))
	for i := range funcs {
		body, err := funcBody(i, &funcs[i])
		if err != nil {
			return nil, err
		}
		b = appendU32(b, uint32(len(body)))
		b = append(b, body...)
	}
	return b, nil
}

// funcBody encodes one entry of the code section (without its size): the
// declared locals as runs of equal type, then the body and its end.
func funcBody(i int, f *Func) ([]byte, error) {
	if err := checkSignature(i, f); err != nil {
		return nil, err
	}
	b := appendLocals(nil, f.Locals)
	fe := funcEncoder{index: i, f: f, out: b}
	if err := fe.instrs(f.Body); err != nil {
		return nil, err
	}
	return append(fe.out, opEnd), nil
}

func checkSignature(i int, f *Func) error {
	for _, group := range [][]Local{f.Params, f.Locals} {
		for _, l := range group {
			if !validValType(l.Type) {
				return funcError(i, f, l.Pos, fmt.Sprintf("invalid value type 0x%02x of local", byte(l.Type)))
			}
		}
	}
	for _, t := range f.Results {
		if !validValType(t) {
			return funcError(i, f, f.Pos, fmt.Sprintf("invalid result type 0x%02x", byte(t)))
		}
	}
	return nil
}

func validValType(t ValType) bool {
	return t == I32 || t == I64 || t == F32 || t == F64
}

// appendLocals appends the local declarations: a count of runs, then each
// run as (count, type).
func appendLocals(b []byte, locals []Local) []byte {
	type run struct {
		n uint32
		t ValType
	}
	var runs []run
	for _, l := range locals {
		if len(runs) > 0 && runs[len(runs)-1].t == l.Type {
			runs[len(runs)-1].n++
			continue
		}
		runs = append(runs, run{1, l.Type})
	}
	b = appendU32(b, uint32(len(runs)))
	for _, r := range runs {
		b = appendU32(b, r.n)
		b = append(b, byte(r.t))
	}
	return b
}

// A funcEncoder encodes the instructions of one function.
type funcEncoder struct {
	index int
	f     *Func
	out   []byte
}

func (fe *funcEncoder) errorf(in *Instr, format string, args ...any) error {
	return funcError(fe.index, fe.f, in.Pos, fmt.Sprintf(format, args...))
}

func (fe *funcEncoder) instrs(list []Instr) error {
	for i := range list {
		if err := fe.instr(&list[i]); err != nil {
			return err
		}
	}
	return nil
}

// instr appends one instruction with its immediates.
func (fe *funcEncoder) instr(in *Instr) error {
	if in.Op == OpGlobalGet || in.Op == OpGlobalSet {
		fe.out = append(fe.out, byte(in.Op.Info().Code))
		fe.out = appendU32(fe.out, in.Index)
		return nil
	}
	if in.Op <= OpInvalid || in.Op >= opCount {
		return fe.errorf(in, "unknown instruction op(%d)", uint16(in.Op))
	}
	if in.Else != nil && in.Op != OpIf {
		return fe.errorf(in, "else branch on %s", in.Op)
	}
	info := in.Op.Info()
	if info.Prefix != 0 {
		fe.out = append(fe.out, info.Prefix)
		fe.out = appendU32(fe.out, info.Code)
	} else {
		fe.out = append(fe.out, byte(info.Code))
	}
	return fe.immediates(in)
}

// immediates appends what follows in's opcode.
func (fe *funcEncoder) immediates(in *Instr) error {
	switch in.Op {
	case OpBlock, OpLoop, OpIf:
		return fe.block(in)
	case OpBr, OpBrIf, OpLocalGet, OpLocalSet, OpLocalTee, OpCall:
		fe.out = appendU32(fe.out, in.Index) // call: the module's function index, as the caller laid it out
	case OpI32Const:
		fe.out = appendS64(fe.out, int64(int32(uint32(in.Value))))
	case OpI64Const:
		fe.out = appendS64(fe.out, int64(in.Value))
	case OpF32Const:
		fe.out = binary.LittleEndian.AppendUint32(fe.out, uint32(in.Value))
	case OpF64Const:
		fe.out = binary.LittleEndian.AppendUint64(fe.out, in.Value)
	case OpAtomicFence:
		fe.out = append(fe.out, byte(in.Mem.Order)) // 0x00 (seqcst) in the threads proposal
	case OpMemorySize, OpMemoryGrow, OpMemoryFill, OpMemoryDiscard:
		// the memory index; memory.discard is 0xFC 0x12 memidx, the opcode
		// of SpiderMonkey's prototype (memory-control discard.md) that
		// wasm-tools' wasmparser also decodes
		fe.out = appendU32(fe.out, in.Mem.Mem)
	case OpMemoryCopy:
		fe.out = appendU32(appendU32(fe.out, in.Mem.Mem), in.Mem.SrcMem) // destination and source memory
	case OpMemoryProtect:
		// 0xFC 0x17 memidx prot: wmm's own encoding (MODEL.md §18): no
		// source assigns memory.protect an opcode; 0x12 is memory.discard's
		// and 0x13-0x16 wide arithmetic's. prot is a byte, 0 readwrite, 1
		// read, 2 none.
		fe.out = append(appendU32(fe.out, in.Mem.Mem), byte(in.Value))
	default:
		if in.Op.HasMemArg() {
			return fe.memArg(in)
		}
	}
	return nil
}

// memIndexFlag is bit 6 of a memarg's flags (multi-memory): the memory
// index follows the flags. With an ordering too (orderedFlag), wmm writes
// the index before the ordering byte, in the order of the bits; no source
// here combines the two.
const memIndexFlag = 0x40

// orderedFlag is bit 5 of a memarg's flags: an ordering byte follows
// (the shared-everything threads proposal).
const orderedFlag = 0x20

// memArg appends a memarg: the flags (the alignment, with orderedFlag
// when the ordering is not the default), the ordering byte when flagged
// (for an RMW, the read's ordering in the low nibble and the write's in
// the high one), and the offset. An alignment or ordering the flags
// cannot carry is an error: an alignment of 2^32 or more would set the
// flag bits and make the binary mean something else.
func (fe *funcEncoder) memArg(in *Instr) error {
	m := in.Mem
	if m.Align >= orderedFlag {
		return fe.errorf(in, "%s: alignment 2^%d is too large", in.Op, m.Align)
	}
	if m.Order > AcqRel || m.WriteOrder > AcqRel {
		return fe.errorf(in, "%s: invalid ordering", in.Op)
	}
	ord := byte(m.Order)
	if in.Op.HasWriteOrder() {
		ord |= byte(m.WriteOrder) << 4
	}
	flags := uint32(m.Align)
	if m.Mem != 0 {
		flags |= memIndexFlag
	}
	ordered := in.Op.HasOrder() && ord != 0
	if ordered {
		flags |= orderedFlag
	}
	fe.out = appendU32(fe.out, flags)
	if m.Mem != 0 {
		fe.out = appendU32(fe.out, m.Mem)
	}
	if ordered {
		fe.out = append(fe.out, ord)
	}
	fe.out = appendU32(fe.out, m.Offset)
	return nil
}

// block appends the block type and body of a block, loop or if, the else
// branch of an if when it has one, and the closing end.
func (fe *funcEncoder) block(in *Instr) error {
	switch {
	case in.Result == 0:
		fe.out = append(fe.out, emptyBlock)
	case validValType(in.Result):
		fe.out = append(fe.out, byte(in.Result))
	default:
		return fe.errorf(in, "invalid block type 0x%02x", byte(in.Result))
	}
	if err := fe.instrs(in.Body); err != nil {
		return err
	}
	if len(in.Else) > 0 {
		fe.out = append(fe.out, opElse)
		if err := fe.instrs(in.Else); err != nil {
			return err
		}
	}
	fe.out = append(fe.out, opEnd)
	return nil
}

// appendName appends a name: its length in bytes, then its bytes.
func appendName(b []byte, s string) []byte {
	return append(appendU32(b, uint32(len(s))), s...)
}

// appendU32 appends v as unsigned LEB128 in the fewest bytes.
func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7F)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// appendS64 appends v as signed LEB128 in the fewest bytes.
func appendS64(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7F)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
