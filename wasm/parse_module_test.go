package wasm

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseModule(t *testing.T) {
	shared11 := Memory{Min: 1, Max: 1, HasMax: true, Shared: true}
	tests := []struct {
		name string
		src  string
		want *Module
	}{
		{"empty", "(module)", &Module{}},
		{"name only", "(module $Mem)", &Module{Name: "Mem"}},
		{"fields without module", `(memory 1)`, &Module{HasMemory: true, Memory: Memory{Min: 1}}},
		{"exported shared memory", `(module $Mem (memory (export "shared") 1 1 shared))`,
			&Module{Name: "Mem", HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true, Export: "shared"}}},
		{"inline memory import", `(module (memory (import "mem" "shared") 1 1 shared))`,
			&Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true, ImportModule: "mem", ImportName: "shared"}}},
		{"import field", `(module (import "m" "n" (memory $mem 0x2 3)))`,
			&Module{HasMemory: true, Memory: Memory{Min: 2, Max: 3, HasMax: true, ImportModule: "m", ImportName: "n"}}},
		{"memory without maximum", `(module (memory $m 0))`, &Module{HasMemory: true, Memory: Memory{}}},
		{"export field for memory", `(module (memory $m 1 1 shared) (export "x" (memory $m)))`,
			&Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true, Export: "x"}}},
		{"function with everything", `(module (memory 1 1 shared)
  (func $f (export "f") (param $a i32) (param i64 f32) (result i32) (result) (local $l i32) (local f64)
    (i32.add (local.get $a) (local.get $l))))`,
			&Module{HasMemory: true, Memory: shared11, Funcs: []Func{{
				Name: "f", Export: "f",
				Params:  []Local{{Name: "a", Type: I32}, {Type: I64}, {Type: F32}},
				Results: []ValType{I32},
				Locals:  []Local{{Name: "l", Type: I32}, {Type: F64}},
				Body:    []Instr{tIdx(OpLocalGet, 0), tIdx(OpLocalGet, 3), tOp(OpI32Add)},
			}}}},
		{"export fields refer forward and by index", `(module
  (export "b" (func $b)) (export "a" (func 0))
  (func $a) (func $b nop))`,
			&Module{Funcs: []Func{{Name: "a", Export: "a"}, {Name: "b", Export: "b", Body: []Instr{tOp(OpNop)}}}}},
		{"named memory in instructions", `(module (memory $m 1) (func (drop (memory.size $m))))`,
			&Module{HasMemory: true, Memory: Memory{Min: 1}, Funcs: []Func{{Body: []Instr{tOp(OpMemorySize), tOp(OpDrop)}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModule(tt.src)
			if err != nil {
				t.Fatalf("ParseModule: %v", err)
			}
			if diff := cmp.Diff(tt.want, m, ignorePos); diff != "" {
				t.Errorf("ParseModule (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseModuleErrors(t *testing.T) {
	checkErrors(t, "ParseModule", []errorCase{
		{"unsupported field", "(module\n  (table 1 funcref)\n  (global i32 (i32.const 0)))",
			[]string{"2:4: unsupported module field: table", "3:4: unsupported module field: global"}},
		{"atom as field", "(module foo)", []string{"1:9: expected module field, found foo"}},
		{"binary module", `(module binary "\00asm")`, []string{"1:9: unsupported module form: binary"}},
		{"instructions are not fields", "i32.const 1", []string{"1:1: expected module field, found i32.const", "1:11: expected module field, found 1"}},
		{"second memory", "(module (memory 1) (memory 1))", []string{"1:21: unsupported: a second memory"}},
		{"second memory by import", `(module (memory 1) (import "a" "b" (memory 1)))`, []string{"1:37: unsupported: a second memory"}},
		{"function import", `(module (import "a" "b" (func)))`, []string{"1:10: unsupported import: only memories can be imported"}},
		{"memory without size", "(module (memory))", []string{"1:10: memory: missing minimum size"}},
		{"bad memory size", "(module (memory 1 x))", []string{"1:19: memory: expected ), found x"}},
		{"memory size out of range", "(module (memory 4294967296))", []string{"1:17: memory: minimum size out of range: 4294967296"}},
		{"inline data", `(module (memory (data "x")))`, []string{`1:17: memory: expected minimum size, found (data ...)`}},
		{"unknown export target", `(module (export "x" (func $nope)))`, []string{"1:27: unknown function $nope"}},
		{"memory export without memory", `(module (export "x" (memory 0)))`, []string{"1:29: unknown memory 0"}},
		{"second export of a function", `(module (func $f (export "a") (export "b")))`,
			[]string{`1:31: unsupported: a second export of a function (already exported as "a")`}},
		{"export name not a string", `(module (func (export f)))`, []string{"1:23: export: expected name string, found f"}},
		{"bad UTF-8 name", `(module (memory (export "\ff") 1))`, []string{"1:25: export: malformed UTF-8 encoding in name"}},
		{"duplicate function name", "(module (func $f) (func $f))", []string{"1:25: duplicate function $f"}},
		{"type use", "(module (func (type 0)))", []string{"1:16: unsupported: type uses"}},
		{"errors in bodies", "(module (func foo) (func (local.get $x)))", []string{"1:15: unknown instruction foo", "1:37: unknown local $x"}},
		{"param after body", "(module (func nop (param i32)))", []string{"1:20: unexpected (param ...): declarations must come before instructions"}},
		{"unknown memory name", "(module (memory $m 1) (func (drop (memory.size $n))))", []string{"1:48: memory.size: unknown memory $n"}},
		{"two modules", "(module) (module)", []string{"1:2: unsupported module field: module", "1:11: unsupported module field: module"}},
	}, func(t *testing.T, src string) error {
		m, err := ParseModule(src)
		if m != nil {
			t.Errorf("ParseModule returned a module with errors")
		}
		return err
	})
}

func TestValidateModule(t *testing.T) {
	checkErrors(t, "ValidateModule", []errorCase{
		{"valid", `(module (memory 1 1 shared) (func (export "run") (result i32) (i32.atomic.load (i32.const 0))))`, nil},
		{"shared memory needs a maximum", "(module (memory 1 shared))", []string{"1:1: memory: a shared memory must have a maximum"}},
		{"minimum above maximum", "(module (memory 2 1))", []string{"1:1: memory: minimum 2 is greater than maximum 1"}},
		{"too many pages", "(module (memory 65537))", []string{"1:1: memory: expected at most 65536 pages, found minimum 65537"}},
		{"memory instruction without memory", "(module (func (drop (memory.size))))", []string{"1:22: memory.size: unknown memory 0"}},
		// The spec allows atomic.fence without a memory (threads atomic.wast
		// tests it).
		{"fence without memory", "(module (func atomic.fence))", nil},
		{"missing result", "(module (func (result i32) nop))", []string{"1:9: end of function: expected [i32] on the stack, found []"}},
		{"return type", "(module (func (result i32) (return (i64.const 1))))", []string{"1:29: return: expected i32 operand, found i64"}},
		{"param types", "(module (func (param i64) (result i32) (local.get 0)))", []string{"1:41: end of function: expected [i32] on the stack, found [i64]"}},
		{"duplicate exports", `(module (memory (export "a") 1) (func (export "a")))`, []string{`1:33: duplicate export name "a"`}},
	}, func(t *testing.T, src string) error { return parsed(t, src, ParseModule, ValidateModule) })
}

func TestParseModuleSExpr(t *testing.T) {
	items, err := ReadSExprs("(module $a (func))\n(func)")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseModuleSExpr(items[0])
	if err != nil || m.Name != "a" || len(m.Funcs) != 1 || m.Pos != (Pos{Line: 1, Col: 1}) {
		t.Errorf("ParseModuleSExpr(%s) = %+v, %v", items[0], m, err)
	}
	_, err = ParseModuleSExpr(items[1])
	if diff := cmp.Diff([]string{"2:1: expected (module ...), found (func ...)"}, errorSummary(t, err)); diff != "" {
		t.Errorf("ParseModuleSExpr of a func (-want +got):\n%s", diff)
	}
}

// TestParseMemoryDecl checks the memory declaration on its own, as a
// litmus test's memories: lists it: the name, the limits (a missing max
// stays missing), shared, and the module parser's errors.
func TestParseMemoryDecl(t *testing.T) {
	for _, tc := range []struct {
		src  string
		name string
		mem  Memory
		errs []string
	}{
		{src: "(memory $a 1 2 shared)", name: "a", mem: Memory{Min: 1, Max: 2, HasMax: true, Shared: true}},
		{src: "(memory 0x10)", mem: Memory{Min: 16}},
		{src: "(memory)", errs: []string{"1:2: memory: missing minimum size"}},
		{src: "(memory $a 1 1 shared x)", errs: []string{"1:23: memory: expected ), found x"}},
		{src: "(memory 4294967296)", errs: []string{"1:9: memory: minimum size out of range: 4294967296"}},
		{src: "(table 1 funcref)", errs: []string{"1:1: expected (memory ...), found (table ...)"}},
	} {
		items, err := ReadSExprs(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		mem, name, err := ParseMemoryDecl(items[0])
		if d := cmp.Diff(tc.errs, errorSummary(t, err)); d != "" || mem != tc.mem || name != tc.name {
			t.Errorf("ParseMemoryDecl(%s) = %+v, %q; errors (-want +got):\n%s", tc.src, mem, name, d)
		}
	}
}

// scriptModules returns the (module ...) forms of a .wast script that
// define code: those at the top level and those inside (thread ...).
func scriptModules(items []*SExpr) []*SExpr {
	var mods []*SExpr
	for _, s := range items {
		switch s.Head() {
		case "module":
			mods = append(mods, s)
		case "thread":
			mods = append(mods, scriptModules(s.List[1:])...)
		}
	}
	return mods
}

// TestThreadsScripts parses and validates every module of the threads
// proposal's litmus scripts (LB, MP, SB and their atomic variants),
// including each thread's run function and the check function.
func TestThreadsScripts(t *testing.T) {
	var files []string
	for _, pat := range []string{"LB*.wast", "MP*.wast", "SB*.wast"} {
		m, err := filepath.Glob(filepath.Join("..", "wast", "testdata", "wast", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) != 6 {
		t.Fatalf("found %d scripts, want 6: %v", len(files), files)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			items, err := ReadSExprs(string(src))
			if err != nil {
				t.Fatalf("ReadSExprs: %v", err)
			}
			exports := map[string]int{}
			for _, s := range scriptModules(items) {
				m, err := ParseModuleSExpr(s)
				if err != nil {
					t.Fatalf("ParseModuleSExpr at %s: %v", s.Pos(), err)
				}
				if err := ValidateModule(m); err != nil {
					t.Fatalf("ValidateModule at %s: %v", s.Pos(), err)
				}
				for _, f := range m.Funcs {
					if len(f.Body) == 0 {
						t.Errorf("function %q at %s has an empty body", f.Export, f.Pos)
					}
					exports[f.Export]++
				}
			}
			if diff := cmp.Diff(map[string]int{"run": 2, "check": 1}, exports); diff != "" {
				t.Errorf("exported functions (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseModule(f *testing.F) {
	for _, s := range []string{
		`(module $Mem (memory (export "shared") 1 1 shared))`,
		`(module (memory (import "mem" "shared") 1 1 shared) (func (export "run") (local i32) (local.set 0 (i32.load (i32.const 4)))))`,
		`(module (import "m" "n" (memory $m 1 2 shared)) (export "x" (memory 0)))`,
		`(module (func $f (param $a i32) (param i64) (result i32) (local.get $a)) (export "f" (func $f)))`,
		`(memory 1) (func nop)`,
		`(module (table 1 funcref))`, `(module binary "")`, `(module (func (type 0)))`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) { fuzzRoundTrip(t, src, ParseModule, ValidateModule, FormatModule) })
}

// parseTestInputs returns WAT module texts to compare with wat2wasm: the
// golden inputs (bodies wrapped in a module with a shared memory) and
// every module of the threads proposal's scripts that parses and
// validates.
func parseTestInputs(t *testing.T) map[string]string {
	inputs := map[string]string{}
	files, _ := filepath.Glob("testdata/*.wat")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		if !isModuleText(text) {
			text = "(module (memory 1 1 shared) (func (export \"run\")\n" + text + "\n))"
		}
		inputs[file] = text
	}
	scripts, _ := filepath.Glob(filepath.Join("..", "wast", "testdata", "wast", "*.wast"))
	for _, file := range scripts {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		items, err := ReadSExprs(string(src))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, s := range scriptModules(items) {
			inputs[fmt.Sprintf("%s:%s", file, s.Pos())] = s.String()
		}
	}
	return inputs
}

// TestParseMatchesWat2wasm checks the parser against an independent one:
// the binary encoding of what ParseModule reads must equal what wat2wasm
// makes of the same text.
func TestParseMatchesWat2wasm(t *testing.T) {
	tool, err := exec.LookPath("wat2wasm")
	if err != nil {
		t.Skip("wat2wasm not installed (apt-get install wabt); skipping comparison")
	}
	compared := 0
	for name, src := range parseTestInputs(t) {
		m, err := ParseModule(src)
		if err != nil || ValidateModule(m) != nil || len(m.Funcs) == 0 {
			continue // invalid inputs, or nothing to compare
		}
		got, err := Encode(m)
		if err != nil {
			t.Errorf("%s: Encode: %v", name, err)
			continue
		}
		want := runWat2wasm(t, tool, src, "--enable-threads", "--enable-multi-memory")
		if !bytes.Equal(got, want) {
			t.Errorf("%s: encoding of the parsed module differs from wat2wasm's\ngot  %x\nwant %x\n%s", name, got, want, src)
		}
		compared++
	}
	if compared < 20 {
		t.Errorf("compared only %d modules", compared)
	}
	t.Logf("compared %d modules", compared)
}
