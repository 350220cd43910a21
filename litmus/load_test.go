package litmus

import (
	"bufio"
	"bytes"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"wmm/internal/golden"
	"wmm/wasm"
)

// sameTest compares tests except for positions, the code's original
// text and a .wast import's unsupported parts, which Format does not keep.
var sameTest = cmp.Options{
	cmpopts.IgnoreTypes(Pos{}, wasm.Pos{}),
	cmpopts.IgnoreFields(Thread{}, "Text"),
	cmpopts.IgnoreFields(Function{}, "Text"),
	cmpopts.IgnoreFields(Test{}, "Unsupported"),
	cmp.Comparer(func(a, b *big.Int) bool { return a.Cmp(b) == 0 }),
}

// TestLoadGood loads every file of testdata/good (the examples of
// LITMUS.md among them), compares its canonical form with the golden file
// beside it, and checks that the canonical form loads as the same tests
// and is a fixed point of Format.
func TestLoadGood(t *testing.T) {
	golden.Files(t, "testdata/good/*.yaml", 1, func(t *testing.T, file string, _ []byte) {
		tests, err := LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		compareGolden(t, strings.TrimSuffix(file, ".yaml")+".golden", FormatFile(tests))
		checkRoundTrip(t, tests)
	})
}

// checkRoundTrip checks that the canonical form of tests loads as the same
// tests, and that formatting those gives the same text.
func checkRoundTrip(t *testing.T, tests []*Test) {
	t.Helper()
	text := FormatFile(tests)
	again, err := Load("canonical.yaml", []byte(text))
	if err != nil {
		t.Fatalf("canonical form does not load: %v\n%s", err, text)
	}
	if d := cmp.Diff(tests, again, sameTest); d != "" {
		t.Errorf("round trip changed the tests (-loaded +reloaded):\n%s\ncanonical form:\n%s", d, text)
	}
	if text2 := FormatFile(again); text2 != text {
		t.Errorf("Format is not a fixed point (-first +second):\n%s", cmp.Diff(text, text2))
	}
}

// TestLoadBad loads each file of testdata/bad and checks that it gives
// exactly the errors its "# ERROR line:col message" comments announce.
func TestLoadBad(t *testing.T) {
	golden.Files(t, "testdata/bad/*.yaml", 10, func(t *testing.T, file string, data []byte) {
		want := errorMarkers(file, data)
		if len(want) == 0 {
			t.Fatal("no # ERROR comment in the file")
		}
		tests, err := Load(file, data)
		if len(tests) != 0 {
			t.Errorf("got %d tests, want none", len(tests))
		}
		if d := cmp.Diff(want, errorStrings(err)); d != "" {
			t.Errorf("errors mismatch (-want +got):\n%s", d)
		}
	})
}

// errorMarkers returns the errors announced by the comments
// "# ERROR line:col message" at the start of lines, as file:line:col: message.
func errorMarkers(file string, data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "# ERROR "); ok {
			pos, msg, _ := strings.Cut(rest, " ")
			out = append(out, fmt.Sprintf("%s:%s: %s", file, pos, msg))
		}
	}
	return out
}

// errorStrings returns the errors of an ErrorList as strings.
func errorStrings(err error) []string {
	if err == nil {
		return nil
	}
	list, ok := err.(ErrorList)
	if !ok {
		return []string{"not an ErrorList: " + err.Error()}
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

// TestLoadErrors checks the message and position of errors in small
// files written in the table.
func TestLoadErrors(t *testing.T) {
	const mp = "threads:\n  T0: |\n    (local $r0 i32)\n"
	tests := []struct {
		name string
		src  string
		want []string // "line:col: message"
	}{
		{"empty file", "", []string{"1:1: no litmus test in file: expected a YAML mapping with name and threads"}},
		{"comments only", "# nothing\n", []string{"1:1: no litmus test in file: expected a YAML mapping with name and threads"}},
		{"empty documents", "---\n---\n", []string{"1:1: no litmus test in file: expected a YAML mapping with name and threads"}},
		{"not a mapping", "- a\n- b\n", []string{"1:1: expected a mapping with name, threads and the other keys of a test, found a sequence"}},
		{"missing name", "threads:\n  T0: (nop)\n", []string{"1:1: missing name: every test needs one"}},
		{"empty name", "name: \"\"\nthreads:\n  T0: (nop)\n", []string{"1:7: the test's name is empty"}},
		{"bad name", "name: a b\nthreads:\n  T0: (nop)\n", []string{`1:7: bad test name "a b": use letters, digits and _ . + -`}},
		{"name not text", "name: [a]\nthreads:\n  T0: (nop)\n", []string{"1:7: expected the test's name as text, found a sequence"}},
		{"missing threads", "name: a\n", []string{"1:1: missing threads: every test needs at least one"}},
		{"no threads", "name: a\nthreads: {}\n", []string{"2:10: no threads: a test needs at least one"}},
		{"threads not a mapping", "name: a\nthreads: [a]\n", []string{"2:10: expected a mapping from thread names to code, found a sequence"}},
		{"unknown key", "name: a\nthread:\n  T0: (nop)\n", []string{
			"1:1: missing threads: every test needs at least one",
			`2:1: unknown key "thread" (did you mean threads?)`}},
		{"unknown key far from any", "name: a\nthreads: {T0: (nop)}\nauthor: me\n", []string{`3:1: unknown key "author"`}},
		{"duplicate key", "name: a\nname: b\nthreads:\n  T0: (nop)\n", []string{"2:1: duplicate key name (first at line 1)"}},
		{"bad thread name", "name: a\nthreads:\n  0T: (nop)\n", []string{`3:3: bad thread name "0T": use a letter or _ then letters, digits and _`}},
		{"thread without code", "name: a\nthreads:\n  T0:\n", []string{"3:6: expected the code of thread T0 (a function body in the WebAssembly text format), found nothing"}},
		{"reserved local", "name: a\nthreads:\n  T0: |\n    (local $trap i32)\n", []string{"4:12: local $trap is reserved: T0:trap names the thread's trap flag"}},
		{"tab indentation", "name: a\nthreads:\n\tT0: (nop)\n", []string{"3:1: tab character in indentation: YAML indents with spaces only"}},
		{"tab in block", "name: a\nthreads:\n  T0: |\n    (nop)\n  \t(nop)\n", []string{"5:3: tab character in indentation: YAML indents with spaces only"}},
		{"unterminated quote", "name: a\nthreads:\n  T0: \"(nop)\n", []string{"3:7: invalid YAML: found unexpected end of stream"}},
		// LITMUS.md writes memory names unquoted in flow collections: the
		// line parses (quoted before YAML reads it) and positions after the
		// name still point into the line as written.
		{"LITMUS.md observe", "name: a\n" + mp + "observe: [T0:r0, i32[0], T1:r0, size]\n", []string{
			"5:26: unknown thread T1"}},
		{"errors in two threads", "name: a\nthreads:\n  T0: |\n    (local $r0 i32)\n    (i32.lod)\n  T1: |\n    (drop (i64.add (i64.const 1) (i32.const 2)))\ncondition: exists (T9:r0=1)\n", []string{
			"5:6: unknown instruction i32.lod",
			"7:12: i64.add: expected i64 operand, found i32",
		}},
		{"memory not a mapping", "name: a\nmemory: 2\n" + mp, []string{`2:9: expected a mapping with pages and max, found "2"`}},
		{"memory too large", "name: a\nmemory: {pages: 1, max: 65537}\n" + mp, []string{"2:25: max is 65537, more than 65536"}},
		{"max below pages", "name: a\nmemory: {pages: 2, max: 1}\n" + mp, []string{"2:25: max is 1 pages, less than the initial 2 pages"}},
		{"max below default pages", "name: a\nmemory: {max: 0}\n" + mp, []string{"2:15: max is 0 pages, less than the initial 1 pages"}},
		{"negative pages", "name: a\nmemory: {pages: -1}\n" + mp, []string{"2:17: pages must not be negative, found -1"}},
		{"pages null", "name: a\nmemory: {pages: null, max: 2}\n" + mp, []string{"2:17: pages must be a number of pages: leave it out for the default of 1"}},
		{"quoted pages", "name: a\nmemory: {pages: \"1\"}\n" + mp, []string{`2:17: expected a non-negative integer (pages), found "1"`}},
		{"unknown memory key", "name: a\nmemory: {shared: true}\n" + mp, []string{`2:10: unknown memory key "shared"`}},
		{"init key", "name: a\ninit: {T0:r0: 1}\n" + mp, []string{"2:8: expected a memory name such as i32[8], found T0:r0"}},
		{"init value range", "name: a\ninit:\n  i8[0]: 256\n  i8[1]: -129\n  i8[2]: -128\n" + mp, []string{
			"3:10: value 256 is out of range for 8 bits",
			"4:10: value -129 is out of range for 8 bits"}},
		{"init in flow mapping", "name: a\ninit: {i8[0]: 1, i32[70000]: 2}\n" + mp, []string{
			"2:18: address out of memory: i32[70000] is beyond the initial memory of 1 page (65536 bytes)"}},
		{"init beyond memory", "name: a\nmemory: {max: 2}\ninit:\n  i32[65533]: 1\n" + mp, []string{
			"4:3: address out of memory: i32[65533] is beyond the initial memory of 1 page (65536 bytes)"}},
		{"init not integer", "name: a\ninit: {\"i32[0]\": x}\n" + mp, []string{`2:18: expected an integer, found "x"`}},
		{"duplicate init", "name: a\ninit:\n  i32[0]: 1\n  i32[0]: 2\n" + mp, []string{"4:3: duplicate init key i32[0] (first at line 3)"}},
		{"condition syntax", "name: a\n" + mp + "condition: exists (T0:r0=1 /\\ )\n", []string{"5:31: expected a name such as T0:r0, i32[4] or size, found \")\""}},
		{"condition double quoted", "name: a\n" + mp + "condition: \"exists (T0:r0=1 /\\ T0:r0=2)\"\n", []string{
			`5:12: expected ), /\ or \/, found "/" (in double quotes YAML reads \ as an escape: leave the condition unquoted or use single quotes)`}},
		{"unknown thread", "name: a\n" + mp + "condition: exists (T1:r0=1)\n", []string{"5:20: unknown thread T1"}},
		{"thread index", "name: a\n" + mp + "condition: exists (1:r0=1)\n", []string{"5:20: no thread 1: the test has 1 threads, numbered from 0"}},
		{"literal range", "name: a\n" + mp + "condition: exists (T0:r0=0x1_0000_0000 \\/ T0:r0=-2147483649)\n", []string{
			"5:26: literal 0x1_0000_0000 is out of range for T0:r0 (32 bits)",
			"5:49: literal -2147483649 is out of range for T0:r0 (32 bits)"}},
		{"trap literal", "name: a\n" + mp + "condition: exists (T0:trap=2)\n", []string{"5:28: T0:trap is 0 or 1, found 2"}},
		{"memory atom beyond max", "name: a\n" + mp + "condition: exists (i8[65536]=0)\n", []string{
			"5:20: address out of memory: i8[65536] is beyond the maximum memory size of 1 page (65536 bytes)"}},
		{"observe not a list", "name: a\n" + mp + "observe: T0:r0\n", []string{`5:10: expected a list of names such as [T1:r0, "i32[0]", size], found "T0:r0"`}},
		{"observe twice", "name: a\n" + mp + "observe: [T0:r0, 0:r0]\n", []string{"5:18: T0:r0 is observed twice"}},
		{"observe unknown", "name: a\n" + mp + "observe:\n  - T0:r1\n  - T0:r0=1\n", []string{
			"6:5: unknown local $r1 in thread T0",
			`7:10: expected end of name, found "="`}},
		{"expect word", "name: a\n" + mp + "condition: exists (T0:r0=1)\nexpect: maybe\n", []string{
			`6:9: expected never, sometimes, always, forbidden or allowed, found "maybe"`}},
		{"expect without condition", "name: a\n" + mp + "expect: never\n", []string{
			"5:1: expect needs a condition: it states how often the condition's proposition is observed"}},
		{"expect model", "name: a\n" + mp + "condition: exists (T0:r0=1)\nexpect: {Wasm: never, wasm+b+a: never, wasm+a+b: always}\n", []string{
			`6:10: bad model name "Wasm": expected a model such as wasm or js, optionally with +variant suffixes`,
			"6:40: model wasm+a+b is the same as wasm+b+a (line 6): variants may come in any order"}},
		{"unroll", "name: a\n" + mp + "unroll: -1\n", []string{"5:9: unroll must not be negative, found -1"}},
		{"after unknown and self", "name: a\nthreads:\n  T0: nop\n  T1: nop\nafter: {T1: [T9, T1], T5: [T0]}\n", []string{
			"5:14: unknown thread T9", "5:18: thread T1 cannot start after itself", "5:23: unknown thread T5"}},
		{"after cycle", "name: a\nthreads:\n  T0: nop\n  T1: nop\nafter: {T1: [T0], T0: [T1]}\n", []string{
			"5:8: the after: lists form a cycle through thread T0: no thread of it could ever start"}},
		{"after not a list", "name: a\nthreads:\n  T0: nop\n  T1: nop\nafter: {T1: T0}\n", []string{
			`5:13: expected a list of threads such as [T0, T2], found "T0"`}},
		{"unroll big", "name: a\n" + mp + "unroll: 99999999999999999999\n", []string{"5:9: 99999999999999999999 is out of range"}},
		{"duplicate test", "name: a\n" + mp + "---\nname: a\n" + mp, []string{"6:7: duplicate test name a (first at line 1)"}},
		{"second document broken", "name: a\n" + mp + "---\nname: b\nthreads: [\n", []string{"7:10: invalid YAML: did not find expected node content"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("f.yaml", []byte(tc.src))
			var want []string
			for _, w := range tc.want {
				want = append(want, "f.yaml:"+w)
			}
			if d := cmp.Diff(want, errorStrings(err)); d != "" {
				t.Errorf("errors mismatch (-want +got):\n%s\ninput:\n%s", d, tc.src)
			}
		})
	}
}

// TestLoadPartial checks that the tests of a file without errors load
// when another test of the same file has errors.
func TestLoadPartial(t *testing.T) {
	src := "name: good1\nthreads: {T0: (nop)}\n---\nname: bad\nthreads: {T0: (nop), T0: (nop)}\n---\nname: good2\nthreads: {T0: (nop)}\n"
	tests, err := Load("f.yaml", []byte(src))
	var names []string
	for _, t := range tests {
		names = append(names, t.Name)
	}
	if d := cmp.Diff([]string{"good1", "good2"}, names); d != "" {
		t.Errorf("loaded tests mismatch (-want +got):\n%s", d)
	}
	want := []string{"f.yaml:5:22: duplicate thread T0 (first at line 5)"}
	if d := cmp.Diff(want, errorStrings(err)); d != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", d)
	}
}

// TestLoadErrorCap checks that errors are sorted and capped.
func TestLoadErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: many\nthreads:\n")
	for i := 0; i < 15; i++ {
		fmt.Fprintf(&b, "  T%d: (bad.instr)\n", i)
	}
	_, err := Load("f.yaml", []byte(b.String()))
	got := errorStrings(err)
	if len(got) != MaxErrors+1 {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), MaxErrors+1, strings.Join(got, "\n"))
	}
	for i, e := range got[:MaxErrors] {
		if want := fmt.Sprintf("f.yaml:%d:%d: unknown instruction bad.instr", 3+i, 8+i/10); e != want {
			t.Errorf("error %d = %q, want %q", i, e, want)
		}
	}
	if last := got[MaxErrors]; !strings.HasSuffix(last, "too many errors") {
		t.Errorf("last error = %q, want too many errors", last)
	}
}

// TestCodePositions checks that errors in thread code point at the right
// file line and column whatever the YAML style of the code.
func TestCodePositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // line:col of the error "unknown instruction bad"
	}{
		{"literal", "name: a\nthreads:\n  T0: |\n    (nop)\n      (bad)\n", "5:8"},
		{"literal after empty lines", "name: a\nthreads:\n  T0: |\n\n    (nop)\n\n    (nop) (bad)\n", "7:12"},
		{"strip", "name: a\nthreads:\n  T0: |-\n    (nop)\n    (bad)\n", "5:6"},
		{"indentation indicator", "name: a\nthreads:\n  T0: |1\n      (nop)\n     (bad)\n", "5:7"},
		{"indicator and chomping", "name: a\nthreads:\n  T0: |-4\n          (bad)\n", "4:12"},
		{"folded", "name: a\nthreads:\n  T0: >\n    (nop)\n    (nop) (bad)\n", "5:12"},
		{"folded more indented", "name: a\nthreads:\n  T0: >\n    (nop)\n      (bad)\n", "5:8"},
		{"plain", "name: a\nthreads:\n  T0: (nop) (bad)\n", "3:14"},
		{"plain with comment", "name: a\nthreads:\n  T0: (bad) # comment\n", "3:8"},
		{"plain multi-line", "name: a\nthreads:\n  T0: (nop)\n       (nop)   (bad)\n", "4:17"},
		{"double quoted", "name: a\nthreads:\n  T0: \"(nop) (bad)\"\n", "3:15"},
		{"single quoted", "name: a\nthreads:\n  T0: '(nop) (bad)'\n", "3:15"},
		{"escape falls back to the scalar", "name: a\nthreads:\n  T0: \"(nop)\\t(bad)\"\n", "3:7"},
		{"flow mapping", "name: a\nthreads: {T0: (nop), T1: (nop) (bad)}\n", "2:33"},
		{"crlf", "name: a\r\nthreads:\r\n  T0: |\r\n    (nop)\r\n    (bad)\r\n", "5:6"},
		{"tab in code", "name: a\nthreads:\n  T0: |\n    (nop)\t(bad)\n", "4:12"},
		{"unicode before the code", "{doc: \"é\", name: a, threads: {T0: (nop) (bad)}}\n", "1:43"},
		{"unicode in the code", "name: a\nthreads:\n  T0: (; é ;) (bad)\n", "3:17"},
		{"setup", "name: a\nsetup: |\n  (bad)\nthreads:\n  T0: (nop)\n", "3:4"},
		{"second document", "name: a\nthreads: {T0: (nop)}\n---\nname: b\nthreads:\n  T0: |\n    (bad)\n", "7:6"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("f.yaml", []byte(tc.src))
			got := errorStrings(err)
			want := []string{"f.yaml:" + tc.want + ": unknown instruction bad"}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("errors mismatch (-want +got):\n%s\ninput:\n%s", d, tc.src)
			}
		})
	}
}

// TestLoadValues checks what the loader stores: defaults, reduced values,
// resolved names, expectations.
func TestLoadValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want *Test
	}{{
		name: "defaults",
		src:  "name: a\nthreads:\n  T0: (nop)\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "T0"}}},
	}, {
		name: "memory",
		src:  "name: a\nmemory: {pages: 3}\nthreads: {T0: (nop)}\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 3, Max: 3}, Threads: []Thread{{Name: "T0"}}},
	}, {
		name: "memory max only",
		src:  "name: a\nmemory: {max: 0x10}\nthreads: {T0: (nop)}\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 16}, Threads: []Thread{{Name: "T0"}}},
	}, {
		name: "init",
		src:  "name: a\ninit:\n  i64[8]: -1\n  i16[0]: 0xffff\n  i8[3]: -128\nthreads: {T0: (nop)}\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "T0"}},
			Init: []Init{{Width: 8, Addr: 8, Value: 1<<64 - 1}, {Width: 2, Addr: 0, Value: 0xffff, Hex: true}, {Width: 1, Addr: 3, Value: 0x80}}},
	}, {
		name: "condition literals reduced by width",
		src: "name: a\nthreads:\n  P0: |\n    (local $x i64) (local $y i32) (local $z f32)\n" +
			"condition: exists (0:x=-1 /\\ P0:y=-1 /\\ P0:$z=0x7fc00000 /\\ i8[0]=-1 /\\ i16[2]=65535 /\\ size=-1 /\\ P0:trap=1)\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "P0"}},
			Condition: mustCondition("exists (P0:x=18446744073709551615 /\\ P0:y=4294967295 /\\ P0:z=0x7fc00000 /\\ i8[0]=255 /\\ i16[2]=65535 /\\ size=4294967295 /\\ P0:trap=1)")},
	}, {
		name: "observe and expect",
		src: "name: a\nthreads:\n  T0: |\n    (local $r0 i32)\n  T1: (nop)\ncondition: ~exists (T0:r0=1)\n" +
			"observe: [1:stuck, T0:r0, \"i64[8]\", size]\nexpect: {wasm: forbidden, js+b: allowed}\nunroll: 0x10\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "T0"}, {Name: "T1"}},
			Condition: mustCondition("~exists (T0:r0=1)"),
			Observe: []Loc{{Kind: LocStuck, Thread: "T1"}, {Kind: LocLocal, Thread: "T0", Local: "r0"},
				{Kind: LocMem, Width: 8, Addr: 8}, {Kind: LocSize}},
			Expect: map[string]Expect{"wasm": {Accept: Never, Word: "forbidden"}, "js+b": {Accept: Sometimes | Always, Word: "allowed"}},
			Unroll: 16, UnrollSet: true},
	}, {
		name: "empty observe",
		src:  "name: a\nthreads: {T0: (nop)}\nobserve: []\n",
		want: &Test{Name: "a", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "T0"}}, Observe: []Loc{}},
	}, {
		name: "doc and single expectation",
		src:  "name: x.y+z-1_2\ndoc: >\n  one\n  two\nthreads: {T0: (nop)}\ncondition: forall (true)\nexpect: always\n",
		want: &Test{Name: "x.y+z-1_2", Doc: "one two\n", Memory: Memory{Pages: 1, Max: 1}, Threads: []Thread{{Name: "T0"}},
			Condition: mustCondition("forall (true)"),
			Expect:    map[string]Expect{"wasm": {Accept: Always, Word: "always"}}},
	}}
	opts := cmp.Options{
		cmpopts.IgnoreTypes(Pos{}),
		cmpopts.IgnoreFields(Thread{}, "Code", "Text"),
		cmp.Transformer("condition", func(c *Condition) string {
			if c == nil {
				return "<nil>"
			}
			return c.String()
		}),
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tests, err := Load("f.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(tests) != 1 {
				t.Fatalf("got %d tests, want 1", len(tests))
			}
			if d := cmp.Diff(tc.want, tests[0], opts); d != "" {
				t.Errorf("test mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// mustCondition parses a condition for a table of wanted tests.
func mustCondition(s string) *Condition {
	c, err := ParseCondition(s, Pos{})
	if err != nil {
		panic(err)
	}
	return c
}

// TestLoadPositions checks the positions the loader stores.
func TestLoadPositions(t *testing.T) {
	src := "# comment\nname: a\ninit:\n  i32[0]: 1\nthreads:\n  T0: |\n    (local $r0 i32)\n  T1: (nop)\ncondition: >-\n  exists\n  (T0:r0=1)\nexpect: {js: never}\n"
	tests, err := Load("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tt := tests[0]
	atom := tt.Condition.Prop.(*Atom)
	got := []Pos{tt.Pos, tt.Init[0].Pos, tt.Threads[0].Pos, tt.Threads[1].Pos, tt.Condition.Pos, atom.Pos, tt.Expect["js"].Pos}
	p := func(line, col int) Pos { return Pos{File: "f.yaml", Line: line, Col: col} }
	want := []Pos{p(2, 1), p(4, 3), p(6, 3), p(8, 3), p(10, 3), p(11, 4), p(12, 14)}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("positions mismatch (-want +got):\n%s", d)
	}
}

// TestLoadFileErrors checks the error for a file that cannot be read.
func TestLoadFileErrors(t *testing.T) {
	_, err := LoadFile("testdata/no-such-file.yaml")
	want := []string{"testdata/no-such-file.yaml: no such file or directory"}
	if d := cmp.Diff(want, errorStrings(err)); d != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", d)
	}
}

// TestHasComments checks the detection of comments Format would drop.
func TestHasComments(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"name: a\nthreads: {T0: (nop)}\n", false},
		{"# head\nname: a\nthreads: {T0: (nop)}\n", true},
		{"name: a # line\nthreads: {T0: (nop)}\n", true},
		{"name: a\nthreads:\n  T0: |\n    (nop) ;; wasm comment\n", true},
		{"name: a\nthreads:\n  T0: |\n    (nop) (; block ;)\n", true},
		{"name: [\n", false},
	}
	for _, tc := range tests {
		if got := HasComments([]byte(tc.src)); got != tc.want {
			t.Errorf("HasComments(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestInitialContents checks that init: entries apply in file order, a
// later entry's zero bytes overwriting an earlier one's, and that only
// non-zero bytes are kept.
func TestInitialContents(t *testing.T) {
	tests, err := Load("t.yaml", []byte("name: T\ninit: {i8[1]: 5, i64[0]: 6, i16[8]: 0x0700}\nthreads:\n  T0: nop\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]byte{0: 6, 9: 7}
	if d := cmp.Diff(want, tests[0].InitialContents()); d != "" {
		t.Errorf("InitialContents (-want +got):\n%s", d)
	}
}

// compareGolden compares got with the golden file at path, which
// -update rewrites.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	golden.Check(t, path, got)
}
