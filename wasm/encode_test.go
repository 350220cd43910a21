package wasm

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"wmm/internal/golden"
)

// ignorePositionsAndNames compares modules as the binary format keeps them:
// without positions, names and label names, with nil and empty slices
// equal.
var ignorePositionsAndNames = cmp.Options{
	cmpopts.IgnoreFields(Module{}, "Name", "Pos"),
	cmpopts.IgnoreFields(Func{}, "Name", "Pos"),
	cmpopts.IgnoreFields(Local{}, "Name", "Pos"),
	cmpopts.IgnoreFields(Instr{}, "Pos", "Label"),
	cmpopts.IgnoreFields(MemArg{}, "OrderPos"),
	cmpopts.EquateEmpty(),
}

// Instruction builders for the test tables.

func encOp(o Op) Instr              { return Instr{Op: o} }
func encIdx(o Op, i uint32) Instr   { return Instr{Op: o, Index: i} }
func encI32(v int32) Instr          { return Instr{Op: OpI32Const, Value: uint64(uint32(v))} }
func encI64(v int64) Instr          { return Instr{Op: OpI64Const, Value: uint64(v)} }
func encF32(bits uint32) Instr      { return Instr{Op: OpF32Const, Value: uint64(bits)} }
func encF64(bits uint64) Instr      { return Instr{Op: OpF64Const, Value: bits} }
func encMem(o Op, off uint32) Instr { return encMemA(o, off, o.Info().Access.NaturalAlign()) }
func encMemA(o Op, off uint32, a uint8) Instr {
	return Instr{Op: o, Mem: MemArg{Offset: off, Align: a}}
}
func encBlock(o Op, t ValType, body ...Instr) Instr {
	return Instr{Op: o, Result: t, Body: body}
}
func encIf(t ValType, then, els []Instr) Instr {
	return Instr{Op: OpIf, Result: t, Body: then, Else: els}
}
func encLocals(ts ...ValType) []Local { return namedLocals("l", ts) }
func encParams(ts ...ValType) []Local { return namedLocals("p", ts) }

func namedLocals(prefix string, ts []ValType) []Local {
	var out []Local
	for i, t := range ts {
		out = append(out, Local{Name: fmt.Sprintf("%s%d", prefix, i), Type: t})
	}
	return out
}

// sharedImport is the memory of a litmus test as the engine harness imports
// it.
var sharedImport = Memory{Min: 1, Max: 1, HasMax: true, Shared: true, ImportModule: "env", ImportName: "mem"}

// sbModule is the store-buffering test with plain accesses, one exported
// function per thread.
func sbModule() *Module {
	thread := func(name string, x, y int32) Func {
		return Func{Name: name, Export: name, Locals: encLocals(I32), Body: []Instr{
			encI32(x), encI32(1), encMem(OpI32Store, 0),
			encI32(y), encMem(OpI32Load, 0), encIdx(OpLocalSet, 0),
		}}
	}
	return &Module{HasMemory: true, Memory: sharedImport, Funcs: []Func{
		thread("t0", 0, 64), thread("t1", 64, 0),
	}}
}

// wabtOps returns the instructions wat2wasm knows: every one but
// memory.discard and memory.protect (memory-control proposal), whose
// bytes TestEncodeDiscard and TestEncodeProtect check instead.
func wabtOps() []Op {
	var ops []Op
	for _, o := range Ops() {
		if o != OpMemoryDiscard && o != OpMemoryProtect && o != OpCall { // call: the all-ops module has no function to call but itself
			ops = append(ops, o)
		}
	}
	return ops
}

// TestEncodeDiscard checks memory.discard's bytes: 0xFC 0x12 and the
// memory index, as SpiderMonkey's prototype (memory-control discard.md)
// and wasm-tools' wasmparser read them; no installable assembler here
// knows the instruction.
func TestEncodeDiscard(t *testing.T) {
	m := &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true},
		Funcs: []Func{{Body: []Instr{encI32(0), encI32(8), encOp(OpMemoryDiscard)}}}}
	b, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0x41, 0x00, 0x41, 0x08, 0xFC, 0x12, 0x00, 0x0B}
	if !bytes.Contains(b, want) {
		t.Errorf("Encode: body lacks % x:\n%s", want, hex.Dump(b))
	}
	got, err := decodeModule(b)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if body := got.Funcs[0].Body; len(body) != 3 || body[2].Op != OpMemoryDiscard {
		t.Errorf("decoded body %v, want i32.const i32.const memory.discard", body)
	}
}

// TestEncodeProtect checks memory.protect's text and bytes, wmm's own
// encoding (no source assigns one, MODEL.md §18): 0xFC 0x17, the memory
// index, the protection byte; the decoder reads them back and the printer
// writes the keyword the parser reads.
func TestEncodeProtect(t *testing.T) {
	for _, tc := range []struct {
		src  string
		prot Prot
	}{
		{"(memory.protect read (i32.const 0) (i32.const 8))", ProtRead},
		{"i32.const 0 i32.const 8 memory.protect 0 none", ProtNone},
		{"(memory.protect readwrite (i32.const 0) (i32.const 8))", ProtReadWrite},
	} {
		f, err := ParseFunc(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if err := Validate(f); err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		m := &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true}, Funcs: []Func{*f}}
		b, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		want := []byte{0x41, 0x00, 0x41, 0x08, 0xFC, 0x17, 0x00, byte(tc.prot), 0x0B}
		if !bytes.Contains(b, want) {
			t.Errorf("%s: body lacks % x:\n%s", tc.src, want, hex.Dump(b))
		}
		got, err := decodeModule(b)
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		if body := got.Funcs[0].Body; len(body) != 3 || body[2].Op != OpMemoryProtect || Prot(body[2].Value) != tc.prot {
			t.Errorf("%s: decoded body %v, want memory.protect %s", tc.src, body, tc.prot)
		}
		if text := FormatFunc(f); !strings.Contains(text, "memory.protect "+tc.prot.String()) {
			t.Errorf("%s: printed %q, want memory.protect %s", tc.src, text, tc.prot)
		}
	}
}

// TestParseProtectErrors checks the positioned errors of a missing or
// unknown protection immediate.
func TestParseProtectErrors(t *testing.T) {
	for src, want := range map[string]string{
		"(memory.protect (i32.const 0) (i32.const 8))":         "1:2: memory.protect: missing a protection (none, read or readwrite)",
		"(memory.protect write (i32.const 0) (i32.const 8))":   "1:17: memory.protect: expected a protection (none, read or readwrite), found write",
		"i32.const 0 i32.const 8 memory.protect":               "1:25: memory.protect: missing a protection (none, read or readwrite)",
		"i32.const 0 i32.const 8 (memory.protect 1 readwrite)": "1:41: memory.protect: memory variable out of range: 1 (max 1)",
	} {
		_, err := ParseFunc(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseFunc(%q) = %v, want %s", src, err, want)
		}
	}
}

// allOpsModule returns a valid module whose function uses every instruction
// of the table at least once, each with operands of the right types and
// its results dropped.
func allOpsModule() *Module {
	var body []Instr
	for _, o := range wabtOps() {
		body = append(body, useOp(o)...)
	}
	body = append(body, encOp(OpReturn))
	f := Func{Name: "all", Export: "all", Locals: encLocals(I32, I32, I64, F32, F64, I64), Body: body}
	return &Module{
		HasMemory: true,
		Memory:    Memory{Min: 1, Max: 2, HasMax: true, Shared: true, Export: "mem"},
		Funcs:     []Func{f},
	}
}

// useOp returns a valid instruction sequence, with no net stack effect,
// that uses o.
func useOp(o Op) []Instr {
	switch o {
	case OpUnreachable:
		return []Instr{encI32(0), encBlock(OpIf, 0, encOp(OpUnreachable))}
	case OpNop:
		return []Instr{encOp(OpNop)}
	case OpBlock:
		return []Instr{encBlock(OpBlock, I64, encI64(-1)), encOp(OpDrop)}
	case OpLoop:
		return []Instr{encBlock(OpLoop, 0, encOp(OpNop))}
	case OpIf:
		return []Instr{encI32(1), encIf(F64, []Instr{encF64(0)}, []Instr{encF64(1)}), encOp(OpDrop)}
	case OpBr:
		return []Instr{encBlock(OpBlock, 0, encIdx(OpBr, 0))}
	case OpBrIf:
		return []Instr{encBlock(OpBlock, 0, encBlock(OpLoop, 0, encI32(0), encIdx(OpBrIf, 1)))}
	case OpReturn, OpDrop:
		return nil // at the end of the body; dropped by every other case
	case OpSelect:
		return []Instr{encI64(1), encI64(2), encI32(0), encOp(OpSelect), encOp(OpDrop)}
	case OpLocalGet:
		return []Instr{encIdx(OpLocalGet, 3), encOp(OpDrop)}
	case OpLocalSet:
		return []Instr{encF64(0), encIdx(OpLocalSet, 4)}
	case OpLocalTee:
		return []Instr{encI64(5), encIdx(OpLocalTee, 5), encOp(OpDrop)}
	}
	info := o.Info()
	var seq []Instr
	for _, t := range info.In {
		seq = append(seq, constOf(t))
	}
	in := Instr{Op: o}
	if o.HasMemArg() {
		in.Mem = MemArg{Offset: 8, Align: info.Access.NaturalAlign()}
	}
	if info.Class == ClassConst {
		in = constOf(info.Out[0])
	}
	seq = append(seq, in)
	for range info.Out {
		seq = append(seq, encOp(OpDrop))
	}
	return seq
}

// constOf returns a constant of type t; 1 keeps divisions from trapping.
func constOf(t ValType) Instr {
	switch t {
	case I64:
		return encI64(1)
	case F32:
		return encF32(math.Float32bits(1))
	case F64:
		return encF64(math.Float64bits(1))
	}
	return encI32(1)
}

// encodeCases are the modules of the round-trip, golden and wat2wasm tests.
var encodeCases = []struct {
	name string
	m    func() *Module
}{
	{"empty", func() *Module { return &Module{} }},
	{"sb", sbModule},
	{"all-ops", allOpsModule},
	{"memory-min-only", func() *Module {
		return &Module{HasMemory: true, Memory: Memory{Min: 3}}
	}},
	{"memory-max-exported", func() *Module {
		return &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 200, HasMax: true, Export: "memory"}}
	}},
	{"memory-import-unshared", func() *Module {
		return &Module{HasMemory: true, Memory: Memory{Min: 0, Max: 65536, HasMax: true, ImportModule: "m", ImportName: "", Export: "again"}}
	}},
	{"memory-import-min-only", func() *Module {
		return &Module{HasMemory: true, Memory: Memory{Min: 2, ImportModule: "env", ImportName: "mem"}, Funcs: []Func{
			{Export: "size", Results: []ValType{I32}, Body: []Instr{encMemA(OpMemorySize, 0, 0)}},
		}}
	}},
	{"signatures", signaturesModule},
	{"constants", constantsModule},
	{"memargs", memargsModule},
	{"blocks", blocksModule},
	{"locals", localsModule},
}

// signaturesModule has repeated and distinct signatures, so the type
// section must be deduplicated in order of first use.
func signaturesModule() *Module {
	get := func(ts ...ValType) []Instr {
		var b []Instr
		for i := range ts {
			b = append(b, encIdx(OpLocalGet, uint32(i)))
		}
		return b
	}
	return &Module{Funcs: []Func{
		{Export: "a"},
		{Params: encParams(I32), Results: []ValType{I32}, Body: get(I32)},
		{Export: "c"},
		{Params: encParams(I64, F32, F64), Results: []ValType{I64, F32, F64}, Body: get(I64, F32, F64)},
		{Params: encParams(I32), Results: []ValType{I32}, Body: []Instr{encI32(7)}, Locals: encLocals(I32)},
		{Results: []ValType{I32}, Body: []Instr{encI32(0)}},
		{Params: encParams(I32), Body: []Instr{}},
	}}
}

// constantsModule has the LEB128 and bit-pattern edge cases of constants.
func constantsModule() *Module {
	var body []Instr
	for _, v := range []int32{0, 1, -1, 63, 64, -64, -65, 127, 128, 8191, 8192, -8192, -8193, math.MaxInt32, math.MinInt32} {
		body = append(body, encI32(v), encOp(OpDrop))
	}
	for _, v := range []int64{0, -1, 63, 64, -65, 1 << 34, -(1 << 34), math.MaxInt64, math.MinInt64, 0x7FFFFFFF, 0x80000000} {
		body = append(body, encI64(v), encOp(OpDrop))
	}
	for _, b := range []uint32{0, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7FA00001, 0xFFC00002, 1, 0x3F800000, 0x7F7FFFFF} {
		body = append(body, encF32(b), encOp(OpDrop))
	}
	for _, b := range []uint64{0, 1 << 63, 0x7FF0000000000000, 0x7FF8000000000000, 0x7FF4000000000001, 0xFFF8000000000003, 1, 0x3FF0000000000000, 0x7FEFFFFFFFFFFFFF} {
		body = append(body, encF64(b), encOp(OpDrop))
	}
	return &Module{Funcs: []Func{{Export: "consts", Body: body}}}
}

// memargsModule has offsets that need 1 to 5 LEB128 bytes and alignments
// below the natural one.
func memargsModule() *Module {
	var body []Instr
	for _, off := range []uint32{0, 127, 128, 16384, 1 << 28, math.MaxUint32} {
		body = append(body, encI32(0), encMem(OpI64Load, off), encOp(OpDrop))
		body = append(body, encI32(0), encI32(1), encMem(OpI32AtomicStore8, off))
	}
	for a := uint8(0); a <= 3; a++ {
		body = append(body, encI32(4), encF64(0), encMemA(OpF64Store, 12, a))
	}
	body = append(body, encI32(0), encMemA(OpI32Load16S, 1, 0), encOp(OpDrop))
	return &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true}, Funcs: []Func{{Body: body}}}
}

// blocksModule nests blocks, loops and ifs, with and without results and
// else branches, and branches out of several levels.
func blocksModule() *Module {
	inner := encBlock(OpLoop, I32,
		encI32(1), encIdx(OpBrIf, 2),
		encBlock(OpBlock, 0, encI32(0), encBlock(OpIf, 0, encIdx(OpBr, 2)), encIdx(OpBr, 1)),
		encI32(3))
	body := []Instr{
		encBlock(OpBlock, 0,
			encI32(1),
			encIf(I32, []Instr{inner}, []Instr{encI32(2)}),
			encOp(OpDrop)),
		encI32(0), encIf(0, []Instr{encOp(OpNop)}, nil),
		encI32(0), encIf(0, []Instr{}, []Instr{encOp(OpNop)}),
		encBlock(OpBlock, 0, encBlock(OpBlock, 0, encBlock(OpBlock, 0, encOp(OpReturn)))),
		encBlock(OpLoop, 0),
	}
	return &Module{Funcs: []Func{{Export: "blocks", Body: body}}}
}

// localsModule has runs of locals long enough that their counts need two
// LEB128 bytes, and local indices beyond 127.
func localsModule() *Module {
	var ts []ValType
	for range 130 {
		ts = append(ts, I32)
	}
	ts = append(ts, I64, I64, F32, I32, I32)
	for range 200 {
		ts = append(ts, F64)
	}
	body := []Instr{encIdx(OpLocalGet, 129), encIdx(OpLocalSet, 131), encIdx(OpLocalGet, 300), encIdx(OpLocalSet, 334)}
	return &Module{Funcs: []Func{{Params: encParams(I32, I64), Locals: encLocals(ts...), Body: body}}}
}

func TestAllOpsUsed(t *testing.T) {
	used := map[Op]bool{}
	var walk func([]Instr)
	walk = func(list []Instr) {
		for _, in := range list {
			used[in.Op] = true
			walk(in.Body)
			walk(in.Else)
		}
	}
	walk(allOpsModule().Funcs[0].Body)
	for _, o := range wabtOps() {
		if !used[o] {
			t.Errorf("allOpsModule does not use %s", o)
		}
	}
}

// TestEncodeGolden compares Encode's output with the bytes in
// testdata/encode/NAME.hex (checked against wat2wasm when they were
// written; TestEncode repeats that check where wat2wasm is
// installed). go test -update rewrites them.
func TestEncodeGolden(t *testing.T) {
	for _, tc := range encodeCases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Encode(tc.m())
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			golden.Check(t, filepath.Join("testdata", "encode", tc.name+".hex"), hexLines(b))
		})
	}
}

// hexLines formats b as lines of 16 space-separated hex bytes.
func hexLines(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		n := min(16, len(b))
		for i, c := range b[:n] {
			if i > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "%02x", c)
		}
		sb.WriteByte('\n')
		b = b[n:]
	}
	return sb.String()
}

// wat2wasm returns the bytes wat2wasm --enable-threads makes of src, or
// skips the test when wat2wasm is not installed.
func wat2wasm(t *testing.T, src string, flags ...string) []byte {
	t.Helper()
	path, err := exec.LookPath("wat2wasm")
	if err != nil {
		t.Skip("wat2wasm not installed (apt-get install wabt); skipping byte comparison")
	}
	return runWat2wasm(t, path, src, append([]string{"--enable-threads"}, flags...)...)
}

// runWat2wasm returns the bytes that the wat2wasm at tool, with flags,
// makes of src.
func runWat2wasm(t *testing.T, tool, src string, flags ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "m.wat"), filepath.Join(dir, "m.wasm")
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(tool, append(flags, in, "-o", out)...).CombinedOutput(); err != nil {
		t.Fatalf("wat2wasm: %v\n%s\n%s", err, msg, src)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestEncode encodes each of encodeCases and checks the bytes three
// ways: the test's tiny decoder reads back the same tree, they are those
// wat2wasm makes of the printed module (skipped without wat2wasm), and
// printing the module and parsing it back does not change them.
func TestEncode(t *testing.T) {
	for _, tc := range encodeCases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m()
			enc, err := Encode(m)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			t.Run("decode", func(t *testing.T) {
				got, err := decodeModule(enc)
				if err != nil {
					t.Fatalf("decode: %v\n%s", err, hex.Dump(enc))
				}
				if diff := cmp.Diff(m, got, ignorePositionsAndNames); diff != "" {
					t.Errorf("decode(Encode(m)) differs (-want +got):\n%s", diff)
				}
			})
			src := FormatModule(m)
			t.Run("format-parse", func(t *testing.T) {
				parsed, err := ParseModule(src)
				if err != nil {
					t.Fatalf("ParseModule(FormatModule(m)): %v\n%s", err, src)
				}
				got, err := Encode(parsed)
				if err != nil {
					t.Fatalf("Encode(ParseModule(FormatModule(m))): %v", err)
				}
				if diff := cmp.Diff(hexLines(enc), hexLines(got)); diff != "" {
					t.Errorf("encoding changed through FormatModule and ParseModule (-want +got):\n%s\n%s", diff, src)
				}
			})
			t.Run("wat2wasm", func(t *testing.T) {
				if want := wat2wasm(t, src); !bytes.Equal(want, enc) {
					t.Errorf("Encode differs from wat2wasm for\n%s\n-want:\n%s+got:\n%s", src, hexLines(want), hexLines(enc))
				}
			})
		})
	}
}

// TestEncodeMatchesHandWrittenWat compares with wat2wasm on text written by
// hand, so that the comparison does not rest on FormatModule, and checks
// that ParseModule's tree for that text encodes to the same bytes as the
// tree built by hand.
func TestEncodeMatchesHandWrittenWat(t *testing.T) {
	tests := []struct {
		name string
		wat  string
		m    *Module
	}{
		{
			name: "sb",
			wat: `(module
  (import "env" "mem" (memory 1 1 shared))
  (func (export "t0") (local $r0 i32)
    (i32.store (i32.const 0) (i32.const 1))
    (local.set $r0 (i32.load (i32.const 64))))
  (func (export "t1") (local $r1 i32)
    (i32.store (i32.const 64) (i32.const 1))
    (local.set $r1 (i32.load (i32.const 0)))))`,
			m: sbModule(),
		},
		{
			name: "if-empty-else",
			wat: `(module (func
  (if (i32.const 0) (then nop) (else))
  (if (result i64) (i32.const 1) (then (i64.const -2)) (else (i64.const 9223372036854775807)))
  drop
  (block $out (loop $again (br_if $again (i32.const 0)) (br $out)))))`,
			m: &Module{Funcs: []Func{{Body: []Instr{
				encI32(0), encIf(0, []Instr{encOp(OpNop)}, []Instr{}),
				encI32(1), encIf(I64, []Instr{encI64(-2)}, []Instr{encI64(math.MaxInt64)}),
				encOp(OpDrop),
				encBlock(OpBlock, 0, encBlock(OpLoop, 0, encI32(0), encIdx(OpBrIf, 0), encIdx(OpBr, 1))),
			}}}},
		},
		{
			name: "atomics",
			wat: `(module
  (memory (export "m") 1 4 shared)
  (func (export "f") (param $p i32) (result i32) (local i64 i64 i32)
    (memory.atomic.wait64 offset=8 (local.get $p) (i64.const 0) (i64.const -1))
    (i32.atomic.rmw8.cmpxchg_u offset=3 (i32.const 0) (i32.const 1) (i32.const 2))
    i32.add
    atomic.fence
    (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))
    (memory.fill (i32.const 0) (i32.const 255) (i32.const 4))
    (drop (memory.grow (memory.size)))
    (f32.store align=1 (i32.const 0) (f32.const -nan:0x1))))`,
			m: &Module{
				HasMemory: true,
				Memory:    Memory{Min: 1, Max: 4, HasMax: true, Shared: true, Export: "m"},
				Funcs: []Func{{Export: "f", Params: encParams(I32), Results: []ValType{I32}, Locals: encLocals(I64, I64, I32), Body: []Instr{
					encIdx(OpLocalGet, 0), encI64(0), encI64(-1), encMem(OpMemoryAtomicWait64, 8),
					encI32(0), encI32(1), encI32(2), encMem(OpI32AtomicRmw8CmpxchgU, 3),
					encOp(OpI32Add),
					encOp(OpAtomicFence),
					encI32(0), encI32(8), encI32(4), encOp(OpMemoryCopy),
					encI32(0), encI32(255), encI32(4), encOp(OpMemoryFill),
					encOp(OpMemorySize), encOp(OpMemoryGrow), encOp(OpDrop),
					encI32(0), encF32(0xFF800001), encMemA(OpF32Store, 0, 0),
				}}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Encode(tc.m)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			parsed, err := ParseModule(tc.wat)
			if err != nil {
				t.Fatalf("ParseModule: %v", err)
			}
			fromText, err := Encode(parsed)
			if err != nil {
				t.Fatalf("Encode(ParseModule(wat)): %v", err)
			}
			if diff := cmp.Diff(hexLines(got), hexLines(fromText)); diff != "" {
				t.Errorf("the parsed text encodes differently from the tree (-tree +text):\n%s", diff)
			}
			want := wat2wasm(t, tc.wat)
			if !bytes.Equal(want, got) {
				t.Errorf("Encode differs from wat2wasm (-want +got):\n%s", cmp.Diff(hexLines(want), hexLines(got)))
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	at := Pos{Line: 3, Col: 5}
	fn := func(body ...Instr) *Module {
		return &Module{Funcs: []Func{{Name: "t0", Body: body}}}
	}
	tests := []struct {
		name string
		m    *Module
		want string
	}{
		{"shared-without-max", &Module{Pos: Pos{Line: 1, Col: 1}, HasMemory: true, Memory: Memory{Min: 1, Shared: true}},
			"1:1: shared memory needs a maximum size"},
		{"shared-import-without-max", &Module{HasMemory: true, Memory: Memory{Min: 1, Shared: true, ImportName: "m"}},
			"shared memory needs a maximum size"},
		{"invalid-op", fn(Instr{Op: OpInvalid, Pos: at}),
			"3:5: func 0 ($t0): unknown instruction op(0)"},
		{"op-out-of-range-nested", fn(encBlock(OpBlock, 0, encI32(0), encBlock(OpIf, 0, Instr{Op: 9999, Pos: at}))),
			"3:5: func 0 ($t0): unknown instruction op(9999)"},
		{"op-in-else", fn(encI32(0), encIf(0, nil, []Instr{{Op: opCount}})),
			fmt.Sprintf("func 0 ($t0): unknown instruction op(%d)", opCount)},
		{"bad-block-type", fn(Instr{Op: OpLoop, Result: 0x7B, Pos: at}),
			"3:5: func 0 ($t0): invalid block type 0x7b"},
		{"align-sets-flag", fn(encI32(0), Instr{Op: OpI32Load, Mem: MemArg{Align: 0x30}, Pos: at}),
			"3:5: func 0 ($t0): i32.load: alignment 2^48 is too large"},
		{"bad-ordering", fn(encI32(0), Instr{Op: OpI32AtomicLoad, Mem: MemArg{Align: 2, Order: 0x0b}, Pos: at}),
			"3:5: func 0 ($t0): i32.atomic.load: invalid ordering"},
		{"else-on-block", fn(Instr{Op: OpBlock, Else: []Instr{}, Pos: at}),
			"3:5: func 0 ($t0): else branch on block"},
		{"bad-local-type", &Module{Funcs: []Func{{}, {Locals: []Local{{Type: I32}, {Type: 0x70, Pos: at}}}}},
			"3:5: func 1: invalid value type 0x70 of local"},
		{"bad-param-type", &Module{Funcs: []Func{{Params: []Local{{Type: 0}}}}},
			"func 0: invalid value type 0x00 of local"},
		{"bad-result-type", &Module{Funcs: []Func{{Name: "f", Pos: at, Results: []ValType{1}}}},
			"3:5: func 0 ($f): invalid result type 0x01"},
		{"duplicate-export", &Module{HasMemory: true, Memory: Memory{Min: 1, Export: "x"}, Funcs: []Func{{Export: "x", Pos: at}}},
			`3:5: func 0: duplicate export name "x"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Encode(tc.m)
			if err == nil {
				t.Fatalf("Encode succeeded with % x, want error %q", b, tc.want)
			}
			var we *Error
			if !errors.As(err, &we) {
				t.Errorf("error %T is not a *wasm.Error", err)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error message differs (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzEncode builds a function body from the fuzz input, encodes it, and
// checks that Encode does not panic and that the tiny decoder reads back
// the same tree. The body need not be valid Wasm: Encode does not
// validate.
func FuzzEncode(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 0, 40, 1, 2, 3, 4, 5, 6, 7, 8, 255})
	f.Add([]byte{5, 1, 5, 0, 12, 3, 255, 200, 9, 255, 13, 17})
	for i := range len(Ops()) {
		f.Add([]byte{byte(i), 0x81, 0x7F, 0x33, 0x90, 0x01, 0xFF, 0xFE})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &instrGen{data: data}
		m := &Module{
			HasMemory: true,
			Memory:    Memory{Min: 1, Max: 2, HasMax: true, Shared: true, ImportModule: "env", ImportName: "mem"},
			Funcs:     []Func{{Export: "t0", Locals: encLocals(g.localTypes()...), Body: g.instrs(0)}},
		}
		b, err := Encode(m)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		got, err := decodeModule(b)
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, hex.Dump(b))
		}
		// cmp's slice diff is quadratic on deep trees; compare normalized
		// copies first and diff only on failure.
		if !reflect.DeepEqual(stripModule(m), stripModule(got)) {
			t.Errorf("decode(Encode(m)) differs (-want +got):\n%s", cmp.Diff(m, got, ignorePositionsAndNames))
		}
	})
}

// stripModule returns a copy of m without what the binary format does not
// keep (positions, names, labels) and with empty slices nil.
func stripModule(m *Module) *Module {
	c := &Module{HasMemory: m.HasMemory, Memory: m.Memory}
	for _, f := range m.Funcs {
		var results []ValType
		if len(f.Results) > 0 {
			results = f.Results
		}
		c.Funcs = append(c.Funcs, Func{
			Export:  f.Export,
			Params:  stripLocals(f.Params),
			Results: results,
			Locals:  stripLocals(f.Locals),
			Body:    stripInstrs(f.Body),
		})
	}
	return c
}

func stripLocals(ls []Local) []Local {
	var out []Local
	for _, l := range ls {
		out = append(out, Local{Type: l.Type})
	}
	return out
}

func stripInstrs(list []Instr) []Instr {
	var out []Instr
	for _, in := range list {
		in.Pos, in.Label = Pos{}, ""
		in.Body, in.Else = stripInstrs(in.Body), stripInstrs(in.Else)
		out = append(out, in)
	}
	return out
}

// An instrGen turns fuzz bytes into instructions: each instruction takes a
// byte for its op, and its immediates take the bytes after it.
type instrGen struct {
	data []byte
	n    int // instructions made, to bound the tree's size
}

func (g *instrGen) next() byte {
	if len(g.data) == 0 {
		return 0
	}
	c := g.data[0]
	g.data = g.data[1:]
	return c
}

func (g *instrGen) u64() uint64 {
	var v uint64
	for range 8 {
		v = v<<8 | uint64(g.next())
	}
	return v
}

var fuzzValTypes = []ValType{I32, I64, F32, F64}

func (g *instrGen) localTypes() []ValType {
	var ts []ValType
	for n := g.next() % 8; n > 0; n-- {
		ts = append(ts, fuzzValTypes[g.next()%4])
	}
	return ts
}

// instrs makes a list of instructions, ended by the byte 255 or the end of
// the data.
func (g *instrGen) instrs(depth int) []Instr {
	list := []Instr{}
	for len(g.data) > 0 && g.n < 2000 {
		c := g.next()
		if c == 255 {
			break
		}
		list = append(list, g.instr(Ops()[int(c)%len(Ops())], depth))
	}
	return list
}

func (g *instrGen) instr(o Op, depth int) Instr {
	g.n++
	in := Instr{Op: o}
	switch o {
	case OpBlock, OpLoop, OpIf:
		if c := g.next(); c%5 != 0 {
			in.Result = fuzzValTypes[c%4]
		}
		if depth < 20 {
			in.Body = g.instrs(depth + 1)
			if o == OpIf && g.next()%2 == 1 {
				in.Else = g.instrs(depth + 1)
			}
		}
	case OpBr, OpBrIf, OpLocalGet, OpLocalSet, OpLocalTee, OpCall:
		in.Index = uint32(g.u64())
	case OpI32Const, OpF32Const:
		in.Value = uint64(uint32(g.u64()))
	case OpI64Const, OpF64Const:
		in.Value = g.u64()
	default:
		if o.HasMemArg() {
			// Alignments from 2^32 on are an error (TestEncodeErrors).
			in.Mem = MemArg{Offset: uint32(g.u64()), Align: g.next() % orderedFlag}
		}
	}
	return in
}
