package js

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRegisters(t *testing.T) {
	p, err := Parse(`const a = new Int32Array(memory.buffer);
let r0 = Atomics.load(a, 0), r1;
const b = memory.buffer;
if (r0) { let inner = 1; }
try { r1 = a[1]; } catch (e) { r1 = e.name === "RangeError"; }
`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range p.Registers {
		names = append(names, r.Name)
	}
	if got := strings.Join(names, " "); got != "r0 r1" {
		t.Errorf("registers %q, want \"r0 r1\" (objects and inner variables are not registers)", got)
	}
	if p.HasWait {
		t.Error("HasWait set without Atomics.wait")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"var x = 1;", "1:1: unsupported: var declarations"},
		{"let x = 1;\nx.y = 2;", "2:1: unsupported: this assignment target"},
		{"let x = 1;\nlet r = x.length;", "2:9: unsupported: property length of something that is not an object"},
		{"let x = 1;\nlet x = 2;", "2:5: x is declared twice in the same block"},
		{"let memory = 1;", "1:5: memory is a global of the subset and cannot be declared"},
		{"let trap = 1;", "1:5: variable trap is reserved"},
		{"const a = new Int32Array(8);", "1:26: unsupported: Int32Array(8) without a buffer makes memory of its own"},
		{"let a = new Int32Array(memory.buffer);", "1:5: unsupported: a holds an object: declare it with const"},
		{"const a = new Int32Array(memory.buffer);\nlet r = a + 1;", "2:9: unsupported: an object as an operand"},
		{"const a = new Int32Array(memory.buffer);\nconst b = new Int32Array(a);", "2:26: unsupported: new Int32Array(a) copies a view"},
		{"const b = memory.buffer;\nconst a = new Int32Array(b);\nconst d = new DataView(a.buffer, 1);", ""},
		{"Atomics.foo(1);", "1:9: unsupported: Atomics.foo"},
		{"let r = Atomics.load;", "1:9: unsupported: Atomics.load is not a call"},
		{"let r = new RangeError();", "1:9: unsupported: creating error objects"},
		{"break;", "1:1: syntax error: Illegal break statement"},
		{"while (1) { continue x; }", "1:13: syntax error: Undefined label 'x'"},
		{"let r = `x`;", "1:9: unsupported: template literals"},
		{"let r = 1, s = (r, 2);", "1:17: unsupported: the comma operator"},
		{"let r = 1;\nr = 1 instanceof Number;", "2:18: unsupported: instanceof takes RangeError, TypeError or WebAssembly.RuntimeError"},
		{"const a = new Uint8Array(memory.buffer);\nlet r = a[\"0\"];", "2:11: unsupported: a string index"},
		{"for (var i = 0; i < 2; i++) {}", "1:1: unsupported: var in a for loop"},
		{"try {} finally {}", "1:16: unsupported: finally"},
		{"let r = 1 +;", "1:12: syntax error: Unexpected token ;"},
	} {
		_, err := Parse(tc.src)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.src, err)
			}
			continue
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Errorf("%q: got %v, want an ErrorList", tc.src, err)
			continue
		}
		if got := list[0].Error(); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q:\n got %s\nwant %s…", tc.src, got, tc.want)
		}
	}
}

// FuzzParse parses arbitrary text: Parse must not panic, and every error
// must lie within the source.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"const a = new Int32Array(memory.buffer); let r = Atomics.load(a, 0);",
		"let r = 0; for (let i = 0; i < 3; i++) { r += i; if (r > 2) break; }",
		"const d = new DataView(memory.buffer, 1); d.setBigInt64(0, -1n, true);",
		"let r; try { memory.grow(1); } catch (e) { r = e instanceof RangeError; }",
		"let r = 1n ** 3n >> 1n, s = ~5 >>> 1, t = typeof r === 'bigint' ? 1 : 0;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse(src)
		if err == nil {
			if p == nil {
				t.Fatal("nil program without an error")
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error is not a non-empty ErrorList: %#v", err)
		}
		for _, e := range list {
			if e.Off < 0 || e.Off > len(src) {
				t.Fatalf("error outside the source (%d bytes): %v", len(src), e)
			}
		}
	})
}
