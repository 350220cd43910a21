package wasm

import (
	"strings"
	"testing"
)

// TestUnsupportedInstruction checks that an instruction of WebAssembly
// that wmm does not implement is "unsupported: ...", and a misspelling
// stays "unknown instruction" (issue 12).
func TestUnsupportedInstruction(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"(drop (f32.sqrt (f32.const 1)))", "1:8: unsupported: the instruction f32.sqrt"},
		{"(drop (v128.const i32x4 0 0 0 0))", "1:8: unsupported: the instruction v128.const"},
		{"(table.size)", "1:2: unsupported: the instruction table.size"},
		{"(i32.lod (i32.const 0))", "1:2: unknown instruction i32.lod"},
		{"(i32.sqrt (i32.const 0))", "1:2: unknown instruction i32.sqrt"},
		{"(frob)", "1:2: unknown instruction frob"},
	} {
		_, err := ParseFunc(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.src, err, tt.want)
		}
	}
}
