package wasm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignorePos compares syntax trees without their positions.
var ignorePos = cmp.Options{
	cmpopts.IgnoreFields(Instr{}, "Pos"),
	cmpopts.IgnoreFields(MemArg{}, "OrderPos"),
	cmpopts.IgnoreFields(Local{}, "Pos"),
	cmpopts.IgnoreFields(Func{}, "Pos"),
	cmpopts.IgnoreFields(Module{}, "Pos"),
}

// Tree builders for expectations.
func tOp(op Op) Instr                 { return Instr{Op: op} }
func tIdx(op Op, i uint32) Instr      { return Instr{Op: op, Index: i} }
func tI32(v int32) Instr              { return Instr{Op: OpI32Const, Value: uint64(uint32(v))} }
func tI64(v int64) Instr              { return Instr{Op: OpI64Const, Value: uint64(v)} }
func tConst(op Op, bits uint64) Instr { return Instr{Op: op, Value: bits} }
func tMem(op Op, off uint32, log uint8) Instr {
	return Instr{Op: op, Mem: MemArg{Offset: off, Align: log}}
}
func tNat(op Op, off uint32) Instr { return tMem(op, off, op.Info().Access.NaturalAlign()) }
func tBlock(op Op, label string, res ValType, body ...Instr) Instr {
	return Instr{Op: op, Label: label, Result: res, Body: body}
}
func tIf(label string, res ValType, then, els []Instr) Instr {
	return Instr{Op: OpIf, Label: label, Result: res, Body: then, Else: els}
}

func TestParseFunc(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		locals []Local
		body   []Instr
	}{
		{"empty", "", nil, nil},
		{"comments only", ";; nothing\n(; here ;)", nil, nil},
		{"flat store", "i32.const 0 i32.const 1 i32.store",
			nil, []Instr{tI32(0), tI32(1), tNat(OpI32Store, 0)}},
		{"folded store", "(i32.store (i32.const 0) (i32.const 1))",
			nil, []Instr{tI32(0), tI32(1), tNat(OpI32Store, 0)}},
		{"mixed forms", "(i32.const 0) i32.const 1 (i32.store)",
			nil, []Instr{tI32(0), tI32(1), tNat(OpI32Store, 0)}},
		{"named and anonymous locals", "(local $r0 i32) (local i64 f32) (local) (local $y f64)\nlocal.get $y local.get 1 local.set $r0",
			[]Local{{Name: "r0", Type: I32}, {Type: I64}, {Type: F32}, {Name: "y", Type: F64}},
			[]Instr{tIdx(OpLocalGet, 3), tIdx(OpLocalGet, 1), tIdx(OpLocalSet, 0)}},
		{"folded local.tee", "(local $x i32) (drop (local.tee $x (i32.const 5)))",
			[]Local{{Name: "x", Type: I32}}, []Instr{tI32(5), tIdx(OpLocalTee, 0), tOp(OpDrop)}},
		{"memargs", "i32.load offset=4 i64.load align=4 i32.load16_u offset=0x10 align=1 i64.atomic.load offset=1_000",
			nil, []Instr{tNat(OpI32Load, 4), tMem(OpI64Load, 0, 2), tMem(OpI32Load16U, 16, 0), tNat(OpI64AtomicLoad, 1000)}},
		{"memory index may be given", "memory.size 0 memory.grow 0 memory.fill 0 memory.copy 0 0 i32.load 0 offset=2",
			nil, []Instr{tOp(OpMemorySize), tOp(OpMemoryGrow), tOp(OpMemoryFill), tOp(OpMemoryCopy), tNat(OpI32Load, 2)}},
		{"integer literal forms", "i32.const -1 i32.const 0xffff_ffff i32.const +7 i64.const -0x8000000000000000 i64.const 18_446_744_073_709_551_615",
			nil, []Instr{tI32(-1), tI32(-1), tI32(7), tI64(-1 << 63), tI64(-1)}},
		{"float literal forms", "f32.const 1.5 f32.const -0x1p-149 f32.const nan:0x200000 f64.const -inf f64.const -nan f64.const 1e-400",
			nil, []Instr{tConst(OpF32Const, 0x3fc00000), tConst(OpF32Const, 0x80000001), tConst(OpF32Const, 0x7fa00000),
				tConst(OpF64Const, 0xfff0000000000000), tConst(OpF64Const, 0xfff8000000000000), tConst(OpF64Const, 0)}},
		{"flat block with label and result", "block $b (result i32) i32.const 1 br $b end $b drop",
			nil, []Instr{tBlock(OpBlock, "b", I32, tI32(1), tIdx(OpBr, 0)), tOp(OpDrop)}},
		{"flat loop and br_if by depth", "loop $l\n  i32.const 0\n  br_if 0\nend",
			nil, []Instr{tBlock(OpLoop, "l", 0, tI32(0), tIdx(OpBrIf, 0))}},
		{"flat if else", "i32.const 1 if $i (result i64) i64.const 1 else $i i64.const 2 end $i drop",
			nil, []Instr{tI32(1), tIf("i", I64, []Instr{tI64(1)}, []Instr{tI64(2)}), tOp(OpDrop)}},
		{"flat if without else", "i32.const 1 if nop end",
			nil, []Instr{tI32(1), tIf("", 0, []Instr{tOp(OpNop)}, nil)}},
		{"flat if with empty else", "i32.const 1 if nop else end",
			nil, []Instr{tI32(1), tIf("", 0, []Instr{tOp(OpNop)}, nil)}},
		{"folded if", "(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))) drop",
			nil, []Instr{tI32(1), tIf("", I32, []Instr{tI32(2)}, []Instr{tI32(3)}), tOp(OpDrop)}},
		{"folded if with several conditions and flat branches", "(if $x (i32.const 1) (i32.const 2) (then i32.add drop br $x) (else))",
			nil, []Instr{tI32(1), tI32(2), tIf("x", 0, []Instr{tOp(OpI32Add), tOp(OpDrop), tIdx(OpBr, 0)}, nil)}},
		{"folded block and loop", "(block $out (loop $top (br_if $out (i32.const 1)) (br $top)))",
			nil, []Instr{tBlock(OpBlock, "out", 0, tBlock(OpLoop, "top", 0, tI32(1), tIdx(OpBrIf, 1), tIdx(OpBr, 0)))}},
		{"folded block holding flat code", "(block (result i32) i32.const 1 block nop end)",
			nil, []Instr{tBlock(OpBlock, "", I32, tI32(1), tBlock(OpBlock, "", 0, tOp(OpNop)))}},
		{"shadowed labels resolve to the innermost", "block $a block $a br $a end br $a end",
			nil, []Instr{tBlock(OpBlock, "a", 0, tBlock(OpBlock, "a", 0, tIdx(OpBr, 0)), tIdx(OpBr, 0))}},
		{"br to the function", "block br 1 end return",
			nil, []Instr{tBlock(OpBlock, "", 0, tIdx(OpBr, 1)), tOp(OpReturn)}},
		{"select, drop, unreachable, fence", "(select (i32.const 1) (i32.const 2) (i32.const 0)) drop unreachable atomic.fence",
			nil, []Instr{tI32(1), tI32(2), tI32(0), tOp(OpSelect), tOp(OpDrop), tOp(OpUnreachable), tOp(OpAtomicFence)}},
		{"wait and notify", "(drop (memory.atomic.wait32 offset=8 (i32.const 0) (i32.const 0) (i64.const -1)))\n(drop (memory.atomic.notify (i32.const 0) (i32.const 1)))",
			nil, []Instr{tI32(0), tI32(0), tI64(-1), tNat(OpMemoryAtomicWait32, 8), tOp(OpDrop),
				tI32(0), tI32(1), tNat(OpMemoryAtomicNotify, 0), tOp(OpDrop)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFunc(tt.src)
			if err != nil {
				t.Fatalf("ParseFunc(%q): %v", tt.src, err)
			}
			want := &Func{Locals: tt.locals, Body: tt.body}
			if diff := cmp.Diff(want, f, ignorePos); diff != "" {
				t.Errorf("ParseFunc(%q) (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestParseFuncPositions(t *testing.T) {
	src := "(local $x i32)\n(local.set $x\n  (i32.load offset=4 (i32.const 0)))\nblock\n\tnop\nend"
	f, err := ParseFunc(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	got = append(got, "func "+f.Pos.String(), "local "+f.Locals[0].Pos.String())
	var walk func([]Instr)
	walk = func(body []Instr) {
		for _, in := range body {
			got = append(got, fmt.Sprintf("%s %s", in.Op, in.Pos))
			walk(in.Body)
		}
	}
	walk(f.Body)
	want := []string{"func 1:1", "local 1:8", "i32.const 3:23", "i32.load 3:4", "local.set 2:2", "block 4:1", "nop 5:2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}

func TestParseFuncErrors(t *testing.T) {
	checkErrors(t, "ParseFunc", []errorCase{
		{"unknown instruction", "nop\n  i32.lod offset=4 nop", []string{"2:3: unknown instruction i32.lod"}},
		{"unknown folded instruction", "(i32.ad (i32.const 1))", []string{"1:2: unknown instruction i32.ad"}},
		{"several independent errors", "foo\n(bar)\ni32.const 1.5\nlocal.get $nope",
			[]string{"1:1: unknown instruction foo", "2:2: unknown instruction bar",
				"3:11: i32.const: expected i32 literal, found 1.5", "4:11: unknown local $nope"}},
		{"i32 out of range", "i32.const 4294967296", []string{"1:11: i32.const: constant 4294967296 out of range"}},
		{"i32 below range", "(i32.const -2147483649)", []string{"1:12: i32.const: constant -2147483649 out of range"}},
		{"plus sign limits", "i32.const +2147483648", []string{"1:11: i32.const: constant +2147483648 out of range"}},
		{"i64 out of range", "i64.const 0x1_0000_0000_0000_0000", []string{"1:11: i64.const: constant 0x1_0000_0000_0000_0000 out of range"}},
		{"f32 out of range", "f32.const 1e39", []string{"1:11: f32.const: constant 1e39 out of range"}},
		{"nan payload out of range", "f32.const nan:0x800000", []string{"1:11: f32.const: constant nan:0x800000 out of range"}},
		{"malformed float", "f64.const 1.2.3", []string{"1:11: f64.const: expected f64 literal, found 1.2.3"}},
		{"missing literal at end", "i32.const", []string{"1:1: i32.const: missing i32 literal"}},
		{"literal replaced by an instruction", "i32.const drop", []string{"1:11: i32.const: expected i32 literal, found drop"}},
		{"literal replaced by a list", "(i32.const (i32.const 1))", []string{"1:12: i32.const: expected i32 literal, found (i32.const ...)"}},
		{"bad alignment", "i32.const 0 i32.load align=3 drop", []string{"1:22: i32.load: alignment must be a power of two, found 3"}},
		{"zero alignment", "(i32.load align=0 (i32.const 0))", []string{"1:11: i32.load: alignment must be a power of two, found 0"}},
		{"malformed offset", "i32.load offset=-1", []string{"1:10: i32.load: expected offset=N with N an unsigned integer, found offset=-1"}},
		{"malformed alignment", "i32.load align=two", []string{"1:10: i32.load: expected align=N with N an unsigned integer, found align=two"}},
		{"offset out of range", "i32.load offset=4294967296", []string{"1:10: i32.load: offset out of range: offset=4294967296"}},
		{"align before offset", "i32.load align=4 offset=4", []string{"1:18: i32.load: unexpected offset=4: expected offset= before align=, each at most once"}},
		{"memarg on a non-memory instruction", "i32.add offset=4", []string{"1:9: unexpected offset=4: not after a memory instruction"}},
		{"unknown memory", "memory.size 1 memory.grow $m", []string{"1:13: memory.size: memory variable out of range: 1 (max 1)", "1:27: memory.grow: unknown memory $m"}},
		{"unknown local", "(local $x i32) local.get $y", []string{"1:26: unknown local $y"}},
		{"unknown label", "block $a br $b end", []string{"1:13: unknown label $b"}},
		{"label out of scope", "block $a end br $a", []string{"1:17: unknown label $a"}},
		{"if label not visible in its condition", "(if $i (br_if $i (i32.const 1)) (then))", []string{"1:15: unknown label $i"}},
		{"missing label", "br", []string{"1:1: br: missing label"}},
		{"negative local index", "local.get -1", []string{"1:11: local.get: invalid local index -1"}},
		{"bad local reference", `local.get "x"`, []string{`1:11: local.get: expected local, found "x"`}},
		{"missing end", "nop\nblock\n  nop", []string{"2:1: missing end for block"}},
		{"stray end", "nop end", []string{"1:5: unexpected end"}},
		{"stray else", "block else end", []string{"1:7: unexpected else"}},
		{"end inside folded block", "(block nop end)", []string{"1:12: unexpected end"}},
		{"mismatched end label", "block $a end $b", []string{"1:14: mismatched label $b after end: expected $a"}},
		{"end label on unlabelled block", "loop end $x", []string{"1:10: mismatched label $x after end: the block has no label"}},
		{"duplicate local", "(local $x i32) (local $x i64)", []string{"1:23: duplicate local $x"}},
		{"bad local type", "(local $x i33) (local i32 v128)", []string{"1:11: local: expected value type, found i33", "1:27: local: expected value type, found v128"}},
		{"named local with two types", "(local $x i32 i64)", []string{"1:15: local $x: expected ), found i64"}},
		{"named local without type", "(local $x)", []string{"1:8: local $x: expected value type, found nothing"}},
		{"local after instructions", "nop (local i32)", []string{"1:6: unexpected (local ...): declarations must come before instructions"}},
		{"param in a body", "nop (param i32)", []string{"1:6: unexpected (param ...): declarations must come before instructions"}},
		{"param after a local", "(local i32) (param i32)", []string{"1:14: unexpected (param ...): declarations must come before instructions"}},
		{"block with params", "block (param i32) end", []string{"1:8: block: block param is not supported"}},
		{"block with two results", "block (result i32 i32) end", []string{"1:19: block: blocks with more than one result are not supported"}},
		{"folded if without then", "(if (i32.const 1))", []string{"1:2: if: missing (then ...)"}},
		{"flat operand in folded if", "(if i32.const (then))", []string{"1:5: if: expected folded condition or (then ...), found i32.const"}},
		{"extra after else", "(if (i32.const 1) (then) (else) (nop))", []string{"1:33: if: expected ), found (nop ...)"}},
		{"flat operand in folded instruction", "(i32.add (i32.const 1) 2)", []string{"1:24: i32.add: expected folded operand, found 2"}},
		{"empty list", "()", []string{"1:1: expected instruction, found ()"}},
		{"number as instruction", "42", []string{"1:1: expected instruction, found 42"}},
		{"lexical error", "nop \"abc", []string{"1:5: unterminated string"}},
		{"unbalanced", "(nop", []string{"1:1: unclosed ("}},
		{"error cap", strings.Repeat("foo ", 30), func() []string {
			var w []string
			for i := range MaxErrors {
				w = append(w, fmt.Sprintf("1:%d: unknown instruction foo", 1+4*i))
			}
			return w
		}()},
	}, func(t *testing.T, src string) error {
		f, err := ParseFunc(src)
		if f != nil {
			t.Errorf("ParseFunc(%q) returned a function with errors", src)
		}
		return err
	})
}

func TestParseFuncDeepNesting(t *testing.T) {
	src := strings.Repeat("block ", maxNesting+5) + strings.Repeat("end ", maxNesting+5)
	_, err := ParseFunc(src)
	want := []string{fmt.Sprintf("1:%d: blocks nested more than %d deep", 1+6*maxNesting, maxNesting)}
	if diff := cmp.Diff(want, errorSummary(t, err)); diff != "" {
		t.Errorf("deep nesting (-want +got):\n%s", diff)
	}
}

// opText returns a use of op in flat form with the immediates it needs.
func opText(op Op) string {
	name := op.String()
	switch op {
	case OpBlock, OpLoop, OpIf:
		return name + " end"
	case OpBr, OpBrIf:
		return name + " 0"
	case OpLocalGet, OpLocalSet, OpLocalTee, OpCall:
		return name + " 0"
	case OpI32Const, OpI64Const, OpF32Const, OpF64Const:
		return name + " 1"
	case OpMemoryProtect:
		return name + " read"
	}
	if op.HasMemArg() {
		return name + " offset=1"
	}
	return name
}

// TestParseEveryOp parses every instruction of the table, flat and
// folded, and checks its opcode and immediates.
func TestParseEveryOp(t *testing.T) {
	for _, op := range Ops() {
		flat := opText(op)
		folded := "(" + flat + ")"
		if op == OpBlock || op == OpLoop {
			folded = "(" + op.String() + ")"
		}
		if op == OpIf {
			folded = "(if (then))"
		}
		for _, src := range []string{flat, folded} {
			f, err := ParseFunc(src)
			if err != nil {
				t.Errorf("ParseFunc(%q): %v", src, err)
				continue
			}
			if len(f.Body) != 1 || f.Body[0].Op != op {
				t.Errorf("ParseFunc(%q) = %+v, want one %s", src, f.Body, op)
				continue
			}
			in := f.Body[0]
			if op.HasMemArg() && in.Mem != (MemArg{Offset: 1, Align: op.Info().Access.NaturalAlign()}) {
				t.Errorf("ParseFunc(%q).Mem = %+v", src, in.Mem)
			}
		}
	}
}

func FuzzParseFunc(f *testing.F) {
	for _, s := range []string{
		"(local $r0 i32) (local i64 f32)",
		"i32.const 0 i32.const 1 i32.store offset=4 align=2",
		"(i32.store (i32.const 0) (i32.const 1))",
		"(local $x i32) (local.set $x (i32.atomic.load (i32.const 4)))",
		"block $b (result i32) i32.const 1 br_if $b (i32.const 0) end drop",
		"loop $l local.get 0 br_if $l end",
		"i32.const 1 if (result i64) i64.const 1 else i64.const -2 end drop",
		"(if (i32.const 1) (then nop) (else unreachable))",
		"(block (loop (br 1)))",
		"f32.const -0x1.8p3 f64.const nan:0x1234 f32.const inf f64.const 1e-300 drop drop drop drop",
		"i64.const 0xffff_ffff_ffff_ffff i32.const -2147483648 drop drop",
		"(drop (select (i32.const 1) (i32.const 2) (i32.const 0)))",
		"(drop (memory.atomic.wait64 (i32.const 0) (i64.const 0) (i64.const -1)))",
		"(drop (i64.atomic.rmw32.cmpxchg_u (i32.const 0) (i64.const 0) (i64.const 1)))",
		"(drop (memory.grow (i32.const 1))) (memory.fill (i32.const 0) (i32.const 0) (i32.const 1)) atomic.fence return",
		";; comment\n(; block ;) nop",
		"i32.lod", "block", "(if)", "i32.const 99999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) { fuzzRoundTrip(t, src, ParseFunc, Validate, FormatFunc) })
}

// fuzzRoundTrip is the body of the parsers' fuzz targets: parse src; on
// an error, no result and 1 to MaxErrors errors; otherwise validation does
// not panic, and the formatted text parses to the same tree.
func fuzzRoundTrip[T comparable](t *testing.T, src string, parse func(string) (T, error), validate func(T) error, format func(T) string) {
	var none T
	x, err := parse(src)
	if err != nil {
		if x != none {
			t.Fatalf("result and error both returned")
		}
		if n := len(errorSummary(t, err)); n == 0 || n > MaxErrors {
			t.Fatalf("%d errors", n)
		}
		return
	}
	_ = validate(x)
	reparse(t, "input", x, parse, format)
}
