package wasm

import (
	"strings"
	"testing"
)

// TestParseCall checks function imports at the head of a litmus function,
// call by $id and by index, validation of call's operands and results,
// and the canonical text.
func TestParseCall(t *testing.T) {
	src := `(import "env" "f" (func $f (param i32 i64) (result i32)))
(import "env" "g" (func))
(param $p i32) (result i32)
(local $r i32)
(local.set $r (call $f (local.get $p) (i64.const 2)))
(call 1)
(local.get $r)`
	f, err := ParseFunc(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(f); err != nil {
		t.Fatal(err)
	}
	if len(f.Imports) != 2 || f.Imports[0].Name != "f" || f.Imports[0].ID != "f" || len(f.Imports[0].Params) != 2 || f.Imports[0].Results[0] != I32 {
		t.Fatalf("imports = %+v", f.Imports)
	}
	if len(f.Params) != 1 || len(f.Results) != 1 {
		t.Fatalf("params %v results %v", f.Params, f.Results)
	}
	want := `(import "env" "f" (func $f (param i32 i64) (result i32)))
(import "env" "g" (func))
(param $p i32)
(result i32)
(local $r i32)
local.get $p
i64.const 2
call $f
local.set $r
call 1
local.get $r
`
	if got := FormatFunc(f); got != want {
		t.Errorf("FormatFunc:\n%s\nwant:\n%s", got, want)
	}
	g, err := ParseFunc(FormatFunc(f))
	if err != nil || FormatFunc(g) != want {
		t.Errorf("the canonical text does not read back: %v\n%s", err, FormatFunc(g))
	}
}

// TestCallErrors checks the positioned errors of imports and calls.
func TestCallErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{`(call $f)`, "1:7: unknown function $f"},
		{`(import "env" "f" (func $f (param i32))) (call $f)`, "1:43: call: expected i32"},
		{`(import "env" "f" (func $f)) (drop (call $f))`, "1:31"},
		{`(import "env" (func $f))`, "1:2: import: expected a module and a name"},
		{`(import "env" "f" (memory 1))`, "1:2: import \"env\" \"f\": expected (func ...)"},
		{`(import "env" "f" (func $f)) (import "env" "g" (func $f))`, "1:54: duplicate function $f"},
		{`(import "env" "f" (func (local i32)))`, "1:25: import \"env\" \"f\": expected $id"},
		{`(nop) (import "env" "f" (func))`, "1:8: unexpected (import ...)"},
		{`call 3`, "1:1: call: unknown function 3"},
	}
	for _, tc := range cases {
		f, err := ParseFunc(tc.src)
		if err == nil {
			err = Validate(f)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.src, err, tc.want)
		}
	}
}

// TestEncodeFuncImports checks a module with function imports against
// wat2wasm: the memory import, then the function imports (their types
// first in the type section), calls by module function index, and exports
// numbered after the imports.
func TestEncodeFuncImports(t *testing.T) {
	m := &Module{
		HasMemory: true,
		Memory:    Memory{Min: 1, Max: 2, HasMax: true, Shared: true, ImportModule: "env", ImportName: "memory"},
		Imports: []Import{
			{Module: "env", Name: "f", Params: []ValType{I32}, Results: []ValType{I64}},
			{Module: "env", Name: "g"},
		},
		Funcs: []Func{
			{Export: "h", Params: []Local{{Type: I32}}, Results: []ValType{I64}, Body: []Instr{
				{Op: OpLocalGet}, {Op: OpCall, Index: 0}, {Op: OpCall, Index: 1}}},
			{Export: "k", Body: []Instr{{Op: OpI32Const, Value: 3}, {Op: OpCall, Index: 2}, {Op: OpDrop}}},
		},
	}
	got, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	want := wat2wasm(t, `(module
  (import "env" "memory" (memory 1 2 shared))
  (import "env" "f" (func (param i32) (result i64)))
  (import "env" "g" (func))
  (func (export "h") (param i32) (result i64) local.get 0 call 0 call 1)
  (func (export "k") i32.const 3 call 2 drop))`)
	if string(got) != string(want) {
		t.Errorf("Encode = %x\nwat2wasm %x", got, want)
	}
}
