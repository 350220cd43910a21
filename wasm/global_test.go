package wasm

import (
	"bytes"
	"strings"
	"testing"
)

// TestGlobals checks the generated-code-only globals: the global section
// and its exports are encoded, global.get/set validate against the
// module's globals, and the text parser does not know them.
func TestGlobals(t *testing.T) {
	m := &Module{
		Globals: []Global{{Type: I64, Export: "g0"}, {Type: I32}},
		Funcs: []Func{{Export: "f", Body: []Instr{
			{Op: OpI64Const, Value: 7}, {Op: OpGlobalSet, Index: 0},
			{Op: OpGlobalGet, Index: 1}, {Op: OpDrop},
		}}},
	}
	if err := ValidateModule(m); err != nil {
		t.Fatalf("ValidateModule: %v", err)
	}
	b, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	// Section 6: two globals, i64 mutable = 0, i32 mutable = 0.
	global := []byte{6, 11, 2, 0x7E, 1, 0x42, 0, 0x0B, 0x7F, 1, 0x41, 0, 0x0B}
	if !bytes.Contains(b, global) {
		t.Errorf("no global section % x in % x", global, b)
	}
	if !bytes.Contains(b, []byte{2, 'g', '0', kindGlobal, 0}) {
		t.Errorf("no export of global g0 in % x", b)
	}
	if !bytes.Contains(b, []byte{0x42, 7, 0x24, 0, 0x23, 1, 0x1A}) {
		t.Errorf("no global.set 0 / global.get 1 in % x", b)
	}
	for _, tc := range []struct {
		body []Instr
		want string
	}{
		{[]Instr{{Op: OpI64Const, Value: 7}, {Op: OpGlobalSet, Index: 0}}, "global.set: expected i32 operand, found i64"},
		{[]Instr{{Op: OpGlobalGet, Index: 3}, {Op: OpDrop}}, "global.get: unknown global 3"},
	} {
		bad := &Module{Globals: []Global{{Type: I32}}, Funcs: []Func{{Body: tc.body}}}
		if err := ValidateModule(bad); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ValidateModule = %v, want %q", err, tc.want)
		}
	}
	if _, ok := Lookup("global.get"); ok {
		t.Errorf("the text parser knows global.get; only generated code may use it")
	}
}
