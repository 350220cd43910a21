package litmus

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary bytes as a litmus file. Load must not panic;
// every error must have a position in the file; and when tests load,
// their canonical form must load as the same tests.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("name: a\nthreads: {T0: (nop)}\ncondition: exists (0:trap=1)\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tests, err := Load("f.yaml", data)
		if err != nil {
			checkPositioned(t, err)
		}
		if len(tests) > 0 {
			checkRoundTrip(t, tests)
		}
	})
}

// FuzzFunctions loads tests whose functions: (LITMUS.md "Host
// functions") hold arbitrary code, a Wasm function and a JS function,
// called from a Wasm and a JS thread: Load must not panic, every error
// must have a position in the file, and a test that loads must survive
// the round trip through its canonical form.
func FuzzFunctions(f *testing.F) {
	f.Add("(param $x i32) (result i32)\n(local.get $x)", "function j(x) { return w(x); }", "(import \"env\" \"j\" (func $j (param i32) (result i32)))\n(drop (call $j (i32.const 1)))", "let r = j(2);")
	f.Add("(import \"env\" \"j\" (func $j))\n(call $j)", "function j() { w(); }", "(import \"env\" \"w\" (func $w (param i32)))", "w(1n);")
	f.Add("(result i64 i64) (i64.const 1) (i64.const 2)", "function k(a, b) { try { return a; } catch (e) { return e.name; } }", "(import \"m\" \"n\" (func))", "let r = q();")
	f.Fuzz(func(t *testing.T, wat, jsFn, thread, jsThread string) {
		src := "name: fz\nfunctions:\n  w: " + yamlString(wat, 4) + "\n  j:\n    js: " + yamlString(jsFn, 6) +
			"\nthreads:\n  T0: " + yamlString(thread, 4) + "\n  T1:\n    js: " + yamlString(jsThread, 6) + "\n"
		tests, err := Load("f.yaml", []byte(src))
		if err != nil {
			checkPositioned(t, err)
			return
		}
		checkRoundTrip(t, tests)
	})
}

// checkPositioned checks that err, from loading f.yaml, is a non-empty
// ErrorList whose every error has a position in the file.
func checkPositioned(t *testing.T, err error) {
	t.Helper()
	list, ok := err.(ErrorList)
	if !ok || len(list) == 0 {
		t.Fatalf("error is not a non-empty ErrorList: %#v", err)
	}
	for _, e := range list {
		if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
			t.Fatalf("error without a position: %v", e)
		}
	}
}
