package wasm

// A tiny decoder for the subset of the binary format that Encode writes. It
// exists only to read Encode's output back in tests: it checks structure
// (section order, sizes, counts) strictly and rebuilds a Module whose
// positions and names are empty.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// decodeModule reads a module written by Encode.
func decodeModule(b []byte) (*Module, error) {
	if !bytes.HasPrefix(b, binaryHeader) {
		return nil, errors.New("missing magic number and version")
	}
	d := &decoder{r: reader{b: b, off: len(binaryHeader)}, m: &Module{}}
	if err := d.sections(); err != nil {
		return nil, fmt.Errorf("offset %d: %w", d.r.off, err)
	}
	return d.m, nil
}

type decoder struct {
	r      reader
	m      *Module
	types  []funcType
	typeOf []uint32
	bodies int // code entries read so far
}

func (d *decoder) sections() error {
	last := byte(0)
	for !d.r.done() {
		id, err := d.r.byte()
		if err != nil {
			return err
		}
		if id <= last {
			return fmt.Errorf("section %d out of order after %d", id, last)
		}
		last = id
		size, err := d.r.u32()
		if err != nil {
			return err
		}
		body, err := d.r.bytes(int(size))
		if err != nil {
			return err
		}
		if err := d.section(id, &reader{b: body}); err != nil {
			return fmt.Errorf("section %d: %w", id, err)
		}
	}
	if len(d.typeOf) != d.bodies {
		return fmt.Errorf("function section has %d entries, code section %d", len(d.typeOf), d.bodies)
	}
	return nil
}

func (d *decoder) section(id byte, r *reader) error {
	n, err := r.u32()
	if err != nil {
		return err
	}
	for i := uint32(0); i < n; i++ {
		if err := d.entry(id, r); err != nil {
			return fmt.Errorf("entry %d: %w", i, err)
		}
	}
	if !r.done() {
		return fmt.Errorf("%d bytes left over", len(r.b)-r.off)
	}
	return nil
}

func (d *decoder) entry(id byte, r *reader) error {
	switch id {
	case secType:
		return d.funcType(r)
	case secImport:
		return d.memImport(r)
	case secFunction:
		t, err := r.u32()
		if int(t) >= len(d.types) && err == nil {
			err = fmt.Errorf("type index %d out of range", t)
		}
		d.typeOf = append(d.typeOf, t)
		return err
	case secMemory:
		d.m.HasMemory = true
		return d.limits(r)
	case secExport:
		return d.export(r)
	case secCode:
		return d.code(r)
	}
	return fmt.Errorf("unexpected section id %d", id)
}

func (d *decoder) funcType(r *reader) error {
	tag, err := r.byte()
	if err != nil || tag != funcTypeTag {
		return fmt.Errorf("expected func type 0x60, found 0x%02x (%v)", tag, err)
	}
	var t funcType
	if t.params, err = r.valTypes(); err != nil {
		return err
	}
	if t.results, err = r.valTypes(); err != nil {
		return err
	}
	d.types = append(d.types, t)
	return nil
}

func (d *decoder) memImport(r *reader) error {
	mod, err := r.name()
	if err != nil {
		return err
	}
	name, err := r.name()
	if err != nil {
		return err
	}
	if k, err := r.byte(); err != nil || k != kindMemory {
		return fmt.Errorf("expected memory import, found kind 0x%02x (%v)", k, err)
	}
	d.m.HasMemory = true
	d.m.Memory.ImportModule, d.m.Memory.ImportName = mod, name
	return d.limits(r)
}

func (d *decoder) limits(r *reader) error {
	flag, err := r.byte()
	if err != nil {
		return err
	}
	mem := &d.m.Memory
	if mem.Min, err = r.u32(); err != nil {
		return err
	}
	switch flag {
	case limitsMin:
		return nil
	case limitsMinMax, limitsSharedMax:
		mem.HasMax, mem.Shared = true, flag == limitsSharedMax
		mem.Max, err = r.u32()
		return err
	}
	return fmt.Errorf("unexpected limits flag 0x%02x", flag)
}

func (d *decoder) export(r *reader) error {
	name, err := r.name()
	if err != nil {
		return err
	}
	kind, err := r.byte()
	if err != nil {
		return err
	}
	idx, err := r.u32()
	if err != nil {
		return err
	}
	switch {
	case kind == kindMemory && idx == 0 && d.m.HasMemory:
		d.m.Memory.Export = name
	case kind == kindFunc && int(idx) < len(d.typeOf):
		d.m.Funcs = growFuncs(d.m.Funcs, int(idx)+1)
		d.m.Funcs[idx].Export = name
	default:
		return fmt.Errorf("bad export kind 0x%02x index %d", kind, idx)
	}
	return nil
}

// growFuncs extends funcs to at least n entries. Exports come before code,
// so the export section creates the Func values the code section fills.
func growFuncs(funcs []Func, n int) []Func {
	for len(funcs) < n {
		funcs = append(funcs, Func{})
	}
	return funcs
}

// code reads one function body. The code section's entries fill the Funcs
// that exports may have created, in order.
func (d *decoder) code(r *reader) error {
	size, err := r.u32()
	if err != nil {
		return err
	}
	body, err := r.bytes(int(size))
	if err != nil {
		return err
	}
	i := d.bodies
	d.bodies++
	if i >= len(d.typeOf) {
		return fmt.Errorf("code entry %d has no function section entry", i)
	}
	d.m.Funcs = growFuncs(d.m.Funcs, i+1)
	f := &d.m.Funcs[i]
	t := d.types[d.typeOf[i]]
	for _, p := range t.params {
		f.Params = append(f.Params, Local{Type: p})
	}
	f.Results = t.results
	br := &reader{b: body}
	if f.Locals, err = br.locals(); err != nil {
		return err
	}
	f.Body, err = br.body(0)
	if err == nil && !br.done() {
		err = fmt.Errorf("%d bytes after the function's end", len(br.b)-br.off)
	}
	return err
}

// A reader reads the primitive encodings.
type reader struct {
	b   []byte
	off int
}

var errEOF = errors.New("unexpected end of input")

func (r *reader) done() bool { return r.off >= len(r.b) }

func (r *reader) byte() (byte, error) {
	if r.done() {
		return 0, errEOF
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

func (r *reader) bytes(n int) ([]byte, error) {
	if n < 0 || len(r.b)-r.off < n {
		return nil, errEOF
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s, nil
}

// u32 reads an unsigned LEB128 value and rejects non-minimal encodings, so
// that the tests check that Encode writes the fewest bytes.
func (r *reader) u32() (uint32, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 || n > 5 || v > 0xFFFFFFFF {
		return 0, fmt.Errorf("bad u32 LEB128 at %d", r.off)
	}
	if n > 1 && r.b[r.off+n-1] == 0 {
		return 0, fmt.Errorf("non-minimal u32 LEB128 at %d", r.off)
	}
	r.off += n
	return uint32(v), nil
}

// s64 reads a signed LEB128 value of at most bits bits and rejects
// non-minimal encodings.
func (r *reader) s64(bits int) (int64, error) {
	var v int64
	shift := 0
	for {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= int64(c&0x7F) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			if shift > 7 && (c == 0 || c == 0x7F) && (r.b[r.off-2]&0x40 != 0) == (c == 0x7F) {
				return 0, fmt.Errorf("non-minimal s%d LEB128 at %d", bits, r.off)
			}
			break
		}
		if shift >= (bits+6)/7*7 {
			return 0, fmt.Errorf("s%d LEB128 too long at %d", bits, r.off)
		}
	}
	if bits == 32 && int64(int32(v)) != v {
		return 0, fmt.Errorf("s32 LEB128 out of range at %d", r.off)
	}
	return v, nil
}

func (r *reader) name() (string, error) {
	n, err := r.u32()
	if err != nil {
		return "", err
	}
	b, err := r.bytes(int(n))
	return string(b), err
}

func (r *reader) valType() (ValType, error) {
	c, err := r.byte()
	if err == nil && !validValType(ValType(c)) {
		err = fmt.Errorf("bad value type 0x%02x", c)
	}
	return ValType(c), err
}

func (r *reader) valTypes() ([]ValType, error) {
	n, err := r.u32()
	if err != nil {
		return nil, err
	}
	var ts []ValType
	for i := uint32(0); i < n; i++ {
		t, err := r.valType()
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// locals reads the local declarations and checks they are compressed: no
// two adjacent runs of the same type, no empty run.
func (r *reader) locals() ([]Local, error) {
	runs, err := r.u32()
	if err != nil {
		return nil, err
	}
	var out []Local
	var prev ValType
	for i := uint32(0); i < runs; i++ {
		n, err := r.u32()
		if err != nil {
			return nil, err
		}
		t, err := r.valType()
		if err != nil {
			return nil, err
		}
		if n == 0 || t == prev {
			return nil, fmt.Errorf("local run %d not compressed (%d × %s)", i, n, t)
		}
		prev = t
		for ; n > 0; n-- {
			out = append(out, Local{Type: t})
		}
	}
	return out, nil
}

// body reads instructions up to the end (or else, within an if) that closes
// them; depth counts the enclosing blocks. It returns a non-nil slice.
func (r *reader) body(depth int) ([]Instr, error) {
	list, term, err := r.instrs(depth)
	if err == nil && term != opEnd {
		err = fmt.Errorf("unexpected else at %d", r.off-1)
	}
	return list, err
}

// instrs reads instructions up to end or else, and returns which.
func (r *reader) instrs(depth int) ([]Instr, byte, error) {
	list := []Instr{}
	for {
		c, err := r.byte()
		if err != nil {
			return nil, 0, err
		}
		if c == opEnd || c == opElse {
			return list, c, nil
		}
		in, err := r.instr(c, depth)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, in)
	}
}

// opsByCode maps a (prefix, code) pair to its instruction.
var opsByCode = func() map[[2]uint32]Op {
	m := map[[2]uint32]Op{}
	for _, op := range Ops() {
		info := op.Info()
		m[[2]uint32{uint32(info.Prefix), info.Code}] = op
	}
	return m
}()

func (r *reader) instr(c byte, depth int) (Instr, error) {
	key := [2]uint32{0, uint32(c)}
	if c == 0xFC || c == 0xFE {
		sub, err := r.u32()
		if err != nil {
			return Instr{}, err
		}
		key = [2]uint32{uint32(c), sub}
	}
	op, ok := opsByCode[key]
	if !ok {
		return Instr{}, fmt.Errorf("unknown opcode %02x %x at %d", key[0], key[1], r.off)
	}
	in := Instr{Op: op}
	return in, r.immediates(&in, depth)
}

func (r *reader) immediates(in *Instr, depth int) error {
	var err error
	switch in.Op {
	case OpBlock, OpLoop, OpIf:
		return r.block(in, depth)
	case OpBr, OpBrIf, OpLocalGet, OpLocalSet, OpLocalTee, OpCall:
		in.Index, err = r.u32()
	case OpI32Const:
		var v int64
		v, err = r.s64(32)
		in.Value = uint64(uint32(v))
	case OpI64Const:
		var v int64
		v, err = r.s64(64)
		in.Value = uint64(v)
	case OpF32Const:
		var b []byte
		if b, err = r.bytes(4); err == nil {
			in.Value = uint64(binary.LittleEndian.Uint32(b))
		}
	case OpF64Const:
		var b []byte
		if b, err = r.bytes(8); err == nil {
			in.Value = binary.LittleEndian.Uint64(b)
		}
	case OpAtomicFence:
		var b byte
		if b, err = r.byte(); err == nil {
			if b > byte(AcqRel) {
				return fmt.Errorf("bad fence ordering 0x%02x", b)
			}
			in.Mem.Order = Order(b)
		}
	case OpMemorySize, OpMemoryGrow, OpMemoryFill, OpMemoryDiscard:
		in.Mem.Mem, err = r.u32()
	case OpMemoryCopy:
		if in.Mem.Mem, err = r.u32(); err == nil {
			in.Mem.SrcMem, err = r.u32()
		}
	case OpMemoryProtect:
		if in.Mem.Mem, err = r.u32(); err == nil {
			var b byte
			if b, err = r.byte(); err == nil {
				if b > byte(ProtNone) {
					return fmt.Errorf("bad protection 0x%02x", b)
				}
				in.Value = uint64(b)
			}
		}
	default:
		if in.Op.HasMemArg() {
			err = r.memArg(in)
		}
	}
	return err
}

func (r *reader) zeros(n int) error {
	b, err := r.bytes(n)
	if err == nil && !bytes.Equal(b, make([]byte, n)) {
		err = fmt.Errorf("expected %d zero bytes, found % x", n, b)
	}
	return err
}

func (r *reader) memArg(in *Instr) error {
	align, err := r.u32()
	if err != nil {
		return err
	}
	if align&memIndexFlag != 0 {
		align &^= memIndexFlag
		if in.Mem.Mem, err = r.u32(); err != nil {
			return err
		}
	}
	if align&orderedFlag != 0 {
		if !in.Op.HasOrder() {
			return fmt.Errorf("ordering flag on %s", in.Op)
		}
		align &^= orderedFlag
		b, err := r.byte()
		if err != nil {
			return err
		}
		in.Mem.Order = Order(b & 0x0F)
		if in.Op.HasWriteOrder() {
			in.Mem.WriteOrder = Order(b >> 4)
		} else if b>>4 != 0 {
			return fmt.Errorf("%s: ordering byte 0x%02x has a write ordering", in.Op, b)
		}
		if in.Mem.Order > AcqRel || in.Mem.WriteOrder > AcqRel {
			return fmt.Errorf("bad ordering byte 0x%02x", b)
		}
	}
	if align > 0xFF {
		return fmt.Errorf("alignment %d too large", align)
	}
	in.Mem.Align = uint8(align)
	in.Mem.Offset, err = r.u32()
	return err
}

func (r *reader) block(in *Instr, depth int) error {
	if depth > 1000 {
		return errors.New("blocks nested too deeply")
	}
	c, err := r.byte()
	if err != nil {
		return err
	}
	if c != emptyBlock {
		if !validValType(ValType(c)) {
			return fmt.Errorf("bad block type 0x%02x", c)
		}
		in.Result = ValType(c)
	}
	body, term, err := r.instrs(depth + 1)
	if err != nil {
		return err
	}
	in.Body = body
	if term == opElse {
		if in.Op != OpIf {
			return fmt.Errorf("else in %s", in.Op)
		}
		in.Else, err = r.body(depth + 1)
	}
	return err
}
