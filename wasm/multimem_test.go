package wasm

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// multiMemModule returns a module with two memories whose function uses
// every memory instruction wat2wasm knows on memory 1 (memory.copy from
// memory 0 into memory 1).
func multiMemModule() *Module {
	var body []Instr
	for _, o := range wabtOps() {
		if o.Info().Class != ClassMemory || o == OpAtomicFence {
			continue
		}
		seq := useOp(o)
		for i := range seq {
			if seq[i].Op == o {
				seq[i].Mem.Mem = 1
			}
		}
		body = append(body, seq...)
	}
	return &Module{
		HasMemory:    true,
		Memory:       Memory{Min: 1, Max: 1, HasMax: true, Shared: true},
		MoreMemories: []Memory{{Min: 1, Max: 2, HasMax: true, Shared: true}},
		Funcs:        []Func{{Name: "f", Export: "f", Body: body}},
	}
}

// TestEncodeMultiMemoryMatchesWat2wasm checks the multi-memory bytes of
// every memory instruction (bit 6 of the memarg flags and the index after
// them; the index immediate of memory.size/grow/fill/copy) against
// wat2wasm --enable-multi-memory, and that the printed text parses back
// to the same indices.
func TestEncodeMultiMemoryMatchesWat2wasm(t *testing.T) {
	m := multiMemModule()
	got, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	src := FormatModule(m)
	want := wat2wasm(t, src, "--enable-multi-memory")
	if !bytes.Equal(got, want) {
		t.Errorf("Encode differs from wat2wasm for\n%s\ngot:\n%s\nwant:\n%s", src, hex.Dump(got), hex.Dump(want))
	}
	dec, err := decodeModule(got)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for i, in := range dec.Funcs[0].Body {
		if orig := m.Funcs[0].Body[i]; in.Mem.Mem != orig.Mem.Mem || in.Mem.SrcMem != orig.Mem.SrcMem {
			t.Errorf("%s: decoded memories %d %d, want %d %d", in.Op, in.Mem.Mem, in.Mem.SrcMem, orig.Mem.Mem, orig.Mem.SrcMem)
		}
	}
}

// TestParseMultiMemory checks memory indices by number and by name on
// every kind of memory instruction, the canonical text, and the errors
// of an index out of range and an unknown name (wat2wasm's "memory
// variable out of range").
func TestParseMultiMemory(t *testing.T) {
	src := `(i32.store $b offset=4 (i32.const 0) (i32.const 1))
(drop (i32.atomic.load 1 (i32.const 0)))
(drop (memory.size $b))
(drop (memory.grow 1 (i32.const 1)))
(memory.fill $b (i32.const 0) (i32.const 0) (i32.const 1))
(memory.copy $b $a (i32.const 0) (i32.const 0) (i32.const 1))
(memory.copy 1 (i32.const 0) (i32.const 0) (i32.const 1))
(drop (memory.atomic.wait32 $b (i32.const 0) (i32.const 1) (i64.const 0)))
(drop (i32.load $a (i32.const 0)))`
	f, err := ParseFuncMems(src, []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(f); err != nil {
		t.Fatal(err)
	}
	type mems struct{ dst, src uint32 }
	want := map[Op]mems{OpI32Store: {1, 0}, OpI32AtomicLoad: {1, 0}, OpMemorySize: {1, 0}, OpMemoryGrow: {1, 0},
		OpMemoryFill: {1, 0}, OpMemoryAtomicWait32: {1, 0}, OpI32Load: {0, 0}}
	var copies []mems
	for _, in := range f.Body {
		if in.Op == OpMemoryCopy {
			copies = append(copies, mems{in.Mem.Mem, in.Mem.SrcMem})
			continue
		}
		if w, ok := want[in.Op]; ok && (mems{in.Mem.Mem, in.Mem.SrcMem}) != w {
			t.Errorf("%s: memories %d %d, want %v", in.Op, in.Mem.Mem, in.Mem.SrcMem, w)
		}
		if in.Op != OpI32Load && in.Op.Info().Class == ClassMemory && in.Mem.MemPos == (Pos{}) {
			t.Errorf("%s: no MemPos for memory 1", in.Op)
		}
	}
	if len(copies) != 2 || copies[0] != (mems{1, 0}) || copies[1] != (mems{1, 1}) {
		t.Errorf("memory.copy memories %v, want [{1 0} {1 1}]", copies)
	}
	text := FormatFunc(f)
	for _, s := range []string{"i32.store 1 offset=4", "memory.copy 1 0", "memory.copy 1 1", "i32.atomic.load 1"} {
		if !strings.Contains(text, s) {
			t.Errorf("canonical text lacks %q:\n%s", s, text)
		}
	}
	again, err := ParseFuncMems(text, []string{"a", "b"})
	if err != nil {
		t.Fatalf("reparse: %v\n%s", err, text)
	}
	if FormatFunc(again) != text {
		t.Errorf("reparse changes the text:\n%s\n%s", text, FormatFunc(again))
	}
	for src, msg := range map[string]string{
		"(drop (i32.load 2 (i32.const 0)))":                           "1:17: i32.load: memory variable out of range: 2 (max 2)",
		"(drop (memory.size $c))":                                     "1:20: memory.size: unknown memory $c",
		"(memory.copy 0 5 (i32.const 0) (i32.const 0) (i32.const 0))": "1:16: memory.copy: memory variable out of range: 5 (max 2)",
	} {
		_, err := ParseFuncMems(src, []string{"a", "b"})
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseFuncMems(%q) = %v, want %s", src, err, msg)
		}
	}
}
