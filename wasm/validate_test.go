package wasm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidateAccepts(t *testing.T) {
	tests := []struct{ name, src string }{
		{"empty", ""},
		{"store", "(i32.store (i32.const 0) (i32.const 1))"},
		{"every width", "(local i64) (local.set 0 (i64.load32_s offset=4 align=2 (i32.const 0)))"},
		{"lower alignment", "(drop (i64.load align=1 (i32.const 0)))"},
		{"block result", "(drop (block (result i32) (i32.const 1)))"},
		{"br carries the result", "(drop (block $b (result i32) (br $b (i32.const 1))))"},
		{"br_if keeps the value", "(drop (block $b (result i32) (br_if $b (i32.const 1) (i32.const 0))))"},
		{"loop label takes nothing", "(local i32) (loop $l (br_if $l (local.get 0)))"},
		{"if with both branches", "(drop (if (result i64) (i32.const 1) (then (i64.const 1)) (else (i64.const 2))))"},
		{"if without else and without result", "(if (i32.const 1) (then nop))"},
		{"polymorphic after unreachable", "unreachable i32.add drop"},
		{"polymorphic after br", "(block br 0 i64.const 1 i64.add drop)"},
		{"return discards extra values", "i32.const 1 return"},
		{"polymorphic select", "unreachable select drop"},
		{"unreachable block end", "(drop (block (result i32) unreachable))"},
		{"polymorphic stack keeps known types", "(drop (block (result i32) unreachable i32.const 1))"},
		{"return in a body", "(if (i32.const 1) (then return)) nop"},
		{"br to the function", "block br 1 end"},
		{"select of floats", "(drop (select (f32.const 1) (f32.const 2) (i32.const 1)))"},
		{"atomics at natural alignment", "(drop (i64.atomic.rmw16.cmpxchg_u align=2 (i32.const 0) (i64.const 0) (i64.const 1)))"},
		{"wait and notify", "(drop (memory.atomic.wait64 (i32.const 0) (i64.const 0) (i64.const -1))) (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))"},
		{"bulk memory", "(memory.fill (i32.const 0) (i32.const 1) (i32.const 2)) (memory.copy (i32.const 0) (i32.const 1) (i32.const 2)) (drop (memory.size))"},
		{"conversions", "(drop (i32.wrap_i64 (i64.extend_i32_u (i32.reinterpret_f32 (f32.const 1)))))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFunc(tt.src)
			if err != nil {
				t.Fatalf("ParseFunc: %v", err)
			}
			if err := Validate(f); err != nil {
				t.Errorf("Validate(%q): %v", tt.src, err)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	checkErrors(t, "Validate", []errorCase{
		{"operand type", "i32.const 1 i64.const 2 i32.add drop", []string{"1:25: i32.add: expected i32 operand, found i64"}},
		{"missing operand", "i32.const 1\ni32.add drop", []string{"2:1: i32.add: expected i32 operand, found nothing"}},
		{"store value type", "(i64.store (i32.const 0) (i32.const 1))", []string{"1:2: i64.store: expected i64 operand, found i32"}},
		{"address type", "(drop (i32.load (i64.const 0)))", []string{"1:8: i32.load: expected i32 operand, found i64"}},
		{"value left at the end", "nop\ni32.const 1", []string{"2:1: end of function: expected [] on the stack, found [i32]"}},
		{"block without its result", "(block (result i32) nop) drop", []string{"1:2: end of block: expected [i32] on the stack, found []"}},
		{"block with an extra value", "(block (i32.const 1))", []string{"1:9: end of block: expected [] on the stack, found [i32]"}},
		{"block result of the wrong type", "(drop (block (result i32) (i64.const 1)))", []string{"1:28: end of block: expected [i32] on the stack, found [i64]"}},
		{"values do not cross into a block", "i32.const 1 (block drop) drop", []string{"1:20: drop: expected an operand, found nothing"}},
		{"br value type", "(drop (block $b (result i32) (br $b (i64.const 1))))", []string{"1:31: br: expected i32 operand, found i64"}},
		{"br_if condition", "(block (br_if 0 (i64.const 1)))", []string{"1:9: br_if: expected i32 operand, found i64"}},
		{"br_if label operand", "(drop (block (result i32) (br_if 0 (i32.const 1))))", []string{"1:28: br_if: expected i32 operand, found nothing"}},
		{"label depth", "block br 2 end", []string{"1:7: br: expected label depth at most 1, found 2"}},
		{"local index", "(local i32) local.get 1 drop", []string{"1:13: local.get: unknown local 1 (the function has 1 locals)"}},
		{"local type", "(local i64) (local.set 0 (i32.const 1))", []string{"1:14: local.set: expected i64 operand, found i32"}},
		{"if without else with a result", "(drop (if (result i32) (i32.const 1) (then (i32.const 2))))", []string{"1:8: if: expected else branch for result i32, found none"}},
		{"if branches disagree", "(drop (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i64.const 3))))", []string{"1:66: end of else: expected [i32] on the stack, found [i64]"}},
		{"if condition", "(if (i64.const 1) (then))", []string{"1:2: if: expected i32 operand, found i64"}},
		{"select condition", "(drop (select (i32.const 1) (i32.const 2) (i64.const 0)))", []string{"1:8: select: expected i32 operand, found i64"}},
		{"select operand types", "(drop (select (i32.const 1) (i64.const 2) (i32.const 0)))", []string{"1:8: select: expected operands of the same type, found i32 and i64"}},
		{"select with too few operands", "(drop (select (i32.const 1) (i32.const 0)))", []string{"1:8: select: expected two operands and a condition, found fewer"}},
		{"drop on empty stack", "drop", []string{"1:1: drop: expected an operand, found nothing"}},
		{"alignment above natural", "(drop (i32.load16_u align=4 (i32.const 0)))", []string{"1:8: i32.load16_u: expected alignment at most 2, found 4"}},
		{"atomic below natural", "(drop (i32.atomic.load align=2 (i32.const 0)))", []string{"1:8: i32.atomic.load: expected alignment 4, found 2"}},
		{"atomic above natural", "(i32.atomic.store8 align=2 (i32.const 0) (i32.const 0))", []string{"1:2: i32.atomic.store8: expected alignment 1, found 2"}},
		{"wait alignment", "(drop (memory.atomic.wait64 align=4 (i32.const 0) (i64.const 0) (i64.const 0)))", []string{"1:8: memory.atomic.wait64: expected alignment 8, found 4"}},
		{"known types after br still count", "(block br 0 i64.const 1 i32.add drop)", []string{"1:25: i32.add: expected i32 operand, found i64"}},
		{"independent errors in order", "(drop (i32.atomic.load align=1 (i32.const 0)))\n(drop (i32.add (i32.const 1) (i64.const 2)))\n(drop (i32.load8_u align=2 (i32.const 0)))",
			[]string{"1:8: i32.atomic.load: expected alignment 4, found 1", "2:8: i32.add: expected i32 operand, found i64", "3:8: i32.load8_u: expected alignment at most 1, found 2"}},
	}, func(t *testing.T, src string) error { return parsed(t, src, ParseFunc, Validate) })
}

func TestValidateErrorCap(t *testing.T) {
	f, err := ParseFunc(strings.Repeat("(drop (i32.load8_u align=2 (i32.const 0)))\n", 30))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(errorSummary(t, Validate(f))); got != MaxErrors {
		t.Errorf("Validate gave %d errors, want %d", got, MaxErrors)
	}
}

// TestValidateOddTrees checks trees no parser produces: they are
// reported, not panicked on.
func TestValidateOddTrees(t *testing.T) {
	tests := []struct {
		name string
		f    *Func
		want []string
	}{
		{"invalid op", &Func{Body: []Instr{{Op: Op(9999), Pos: Pos{Line: 1, Col: 1}}}}, []string{"1:1: unknown instruction op(9999)"}},
		{"invalid local type", &Func{Locals: []Local{{Type: 0x40, Pos: Pos{Line: 1, Col: 2}}}}, []string{"1:2: local: invalid value type valtype(0x40)"}},
		{"invalid block type", &Func{Body: []Instr{{Op: OpBlock, Result: 0x40, Pos: Pos{Line: 1, Col: 3}}}}, []string{"1:3: block: invalid value type valtype(0x40)"}},
		{"huge alignment", &Func{Body: []Instr{tI32(0), {Op: OpI32Load, Mem: MemArg{Align: 200}, Pos: Pos{Line: 1, Col: 4}}, tOp(OpDrop)}},
			[]string{"1:4: i32.load: expected alignment at most 4, found 2^200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, errorSummary(t, Validate(tt.f))); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateEveryOpSignature checks each table instruction's stack
// signature by feeding it operands of exactly its input types.
func TestValidateEveryOpSignature(t *testing.T) {
	for _, op := range Ops() {
		info := op.Info()
		if info.Class == ClassControl || info.Class == ClassParametric || info.Class == ClassLocal {
			continue
		}
		var b strings.Builder
		for _, t := range info.In {
			fmt.Fprintf(&b, "%s.const 0\n", t)
		}
		b.WriteString(opText(op) + "\n")
		for range info.Out {
			b.WriteString("drop\n")
		}
		f, err := ParseFunc(b.String())
		if err != nil {
			t.Fatalf("ParseFunc(%q): %v", b.String(), err)
		}
		if err := Validate(f); err != nil {
			t.Errorf("%s: %v", op, err)
		}
	}
}
