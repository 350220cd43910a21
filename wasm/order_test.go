package wasm

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseOrder checks the memory-ordering immediates of the
// shared-everything threads proposal, written as binaryen's
// --enable-relaxed-atomics tests write them: after the memory index and
// before the memarg, flat and folded.
func TestParseOrder(t *testing.T) {
	cases := []struct {
		src      string
		op       Op
		rd, wr   Order
		pos      Pos
		offset   uint32
		canon    string // FormatFunc's line for the instruction
		hasOrder bool
	}{
		{"i32.const 0 i32.atomic.load acqrel drop", OpI32AtomicLoad, AcqRel, SeqCst, Pos{Line: 1, Col: 29}, 0, "i32.atomic.load acqrel", true},
		{"i32.const 0 i32.atomic.load 0 acqrel offset=4 drop", OpI32AtomicLoad, AcqRel, SeqCst, Pos{Line: 1, Col: 31}, 4, "i32.atomic.load acqrel offset=4", true},
		{"(drop (i32.atomic.load seqcst (i32.const 1)))", OpI32AtomicLoad, SeqCst, SeqCst, Pos{Line: 1, Col: 24}, 0, "i32.atomic.load", true},
		{"(i32.atomic.store acqrel (i32.const 0) (i32.const 1))", OpI32AtomicStore, AcqRel, SeqCst, Pos{Line: 1, Col: 19}, 0, "i32.atomic.store acqrel", true},
		{"(drop (i32.atomic.rmw.add acqrel (i32.const 0) (i32.const 1)))", OpI32AtomicRmwAdd, AcqRel, AcqRel, Pos{Line: 1, Col: 27}, 0, "i32.atomic.rmw.add acqrel", true},
		{"(drop (i64.atomic.rmw32.cmpxchg_u acqrel offset=8 (i32.const 0) (i64.const 0) (i64.const 1)))", OpI64AtomicRmw32CmpxchgU, AcqRel, AcqRel, Pos{Line: 1, Col: 35}, 8, "i64.atomic.rmw32.cmpxchg_u acqrel offset=8", true},
		{"atomic.fence acqrel", OpAtomicFence, AcqRel, SeqCst, Pos{Line: 1, Col: 14}, 0, "atomic.fence acqrel", true},
		{"atomic.fence", OpAtomicFence, SeqCst, SeqCst, Pos{}, 0, "atomic.fence", false},
		{"(drop (i32.atomic.load (i32.const 1)))", OpI32AtomicLoad, SeqCst, SeqCst, Pos{}, 0, "i32.atomic.load", false},
	}
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			f, err := ParseFunc(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			in := findOp(f.Body, tc.op)
			if in == nil {
				t.Fatalf("no %s in %v", tc.op, f.Body)
			}
			if in.Mem.Order != tc.rd || in.Mem.WriteOrder != tc.wr || in.Mem.OrderPos != tc.pos || in.Mem.Offset != tc.offset {
				t.Errorf("got order %s/%s at %v offset %d, want %s/%s at %v offset %d", in.Mem.Order, in.Mem.WriteOrder, in.Mem.OrderPos, in.Mem.Offset, tc.rd, tc.wr, tc.pos, tc.offset)
			}
			if uses := FeatureUses(f); (len(uses) == 1) != tc.hasOrder || tc.hasOrder && (uses[0].Feature != FeatureAcqRel || uses[0].Pos != tc.pos) {
				t.Errorf("FeatureUses = %v, want one at %v: %v", uses, tc.pos, tc.hasOrder)
			}
			text := FormatFunc(f)
			if !strings.Contains(text, tc.canon+"\n") {
				t.Errorf("FormatFunc lacks %q:\n%s", tc.canon, text)
			}
			again, err := ParseFunc(text)
			if err != nil {
				t.Fatalf("canonical text does not parse: %v\n%s", err, text)
			}
			if d := cmp.Diff(f, again, ignorePositionsAndNames); d != "" {
				t.Errorf("round trip (-orig +again):\n%s", d)
			}
		})
	}
}

func findOp(body []Instr, op Op) *Instr {
	for i := range body {
		if body[i].Op == op {
			return &body[i]
		}
		if in := findOp(body[i].Body, op); in != nil {
			return in
		}
	}
	return nil
}

func TestParseOrderErrors(t *testing.T) {
	checkErrors(t, "ParseFunc", []errorCase{
		{"ordering on a plain load", "(drop (i32.load acqrel (i32.const 1)))", []string{"1:17: i32.load: a memory ordering (acqrel) is allowed only on atomic loads, stores, read-modify-writes and atomic.fence"}},
		{"ordering on a plain store", "i32.const 0 i32.const 0 i32.store seqcst", []string{"1:35: i32.store: a memory ordering (seqcst) is allowed only on atomic loads, stores, read-modify-writes and atomic.fence"}},
		{"ordering on notify", "(drop (memory.atomic.notify acqrel (i32.const 0) (i32.const 1)))", []string{"1:29: memory.atomic.notify: a memory ordering (acqrel) is allowed only on atomic loads, stores, read-modify-writes and atomic.fence"}},
		{"ordering after the memarg", "i32.const 0 i32.atomic.load offset=4 acqrel", []string{"1:38: unknown instruction acqrel"}},
		{"unknown ordering", "i32.const 0 i32.atomic.load relaxed", []string{"1:29: unknown instruction relaxed"}},
	}, func(t *testing.T, src string) error {
		_, err := ParseFunc(src)
		return err
	})
}

// TestEncodeOrder checks the bytes of the ordering immediates: bit 5 of
// the memarg flags and an ordering byte after them (0 seqcst, 1 acqrel;
// read in the low nibble and write in the high one for RMWs), as V8's
// --experimental-wasm-acquire-release tests build them (flags 0x22,
// kAtomicAcqRel, offset); fence's reserved byte is its ordering. The
// default ordering keeps the threads proposal's bytes.
func TestEncodeOrder(t *testing.T) {
	cases := []struct {
		name string
		in   Instr
		want string // the instruction's bytes, hex
	}{
		{"load acqrel", Instr{Op: OpI32AtomicLoad, Mem: MemArg{Align: 2, Order: AcqRel}}, "fe1022" + "01" + "00"},
		{"load seqcst", Instr{Op: OpI32AtomicLoad, Mem: MemArg{Align: 2}}, "fe100200"},
		{"store8 acqrel offset", Instr{Op: OpI32AtomicStore8, Mem: MemArg{Offset: 300, Align: 0, Order: AcqRel}}, "fe1920" + "01" + "ac02"},
		{"rmw acqrel", Instr{Op: OpI32AtomicRmwAdd, Mem: MemArg{Align: 2, Order: AcqRel, WriteOrder: AcqRel}}, "fe1e22" + "11" + "00"},
		{"rmw acquire only", Instr{Op: OpI32AtomicRmwAdd, Mem: MemArg{Align: 2, Order: AcqRel}}, "fe1e22" + "01" + "00"},
		{"rmw release only", Instr{Op: OpI64AtomicRmwXchg, Mem: MemArg{Align: 3, WriteOrder: AcqRel}}, "fe4223" + "10" + "00"},
		{"cmpxchg acqrel", Instr{Op: OpI32AtomicRmwCmpxchg, Mem: MemArg{Align: 2, Order: AcqRel, WriteOrder: AcqRel}}, "fe4822" + "11" + "00"},
		{"fence acqrel", Instr{Op: OpAtomicFence, Mem: MemArg{Order: AcqRel}}, "fe0301"},
		{"fence seqcst", Instr{Op: OpAtomicFence}, "fe0300"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := []Instr{tc.in}
			m := &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true}, Funcs: []Func{{Body: body}}}
			b, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := hex.DecodeString(tc.want)
			if !bytes.Contains(b, want) {
				t.Errorf("Encode lacks % x:\n%s", want, hex.Dump(b))
			}
			got, err := decodeModule(b)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if d := cmp.Diff(m, got, ignorePositionsAndNames); d != "" {
				t.Errorf("decode(Encode(m)) (-want +got):\n%s", d)
			}
		})
	}
}
