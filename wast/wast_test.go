package wast

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"wmm/litmus"

	"github.com/google/go-cmp/cmp"

	"wmm/internal/golden"
)

// TestImportWastPeers imports the threads proposal's scripts (copied in
// testdata/wast) and compares a summary of each import (errors, notes,
// each test's name and condition) with testdata/wast-golden/NAME.golden.
// The scripts whose commands are all supported must import without an
// error; the others are refused with the reasons the goldens show.
func TestImportWastPeers(t *testing.T) {
	complete := map[string]bool{"LB": true, "LB_atomic": true, "MP": true, "MP_atomic": true, "SB": true,
		"SB_atomic": true, "simple": true, "thread": true, "wait_notify": true}
	golden.Files(t, "testdata/wast/*.wast", 13, func(t *testing.T, file string, data []byte) {
		name := strings.TrimSuffix(filepath.Base(file), ".wast")
		imp := Import(filepath.ToSlash(file), data)
		if complete[name] && (len(imp.Errors) > 0 || len(imp.Tests) != 1) {
			t.Errorf("want one test and no error, got %d tests and errors %v", len(imp.Tests), imp.Errors)
		}
		compareGolden(t, filepath.Join("testdata", "wast-golden", name+".golden"), summary(imp))
		if len(imp.Tests) > 0 {
			checkRoundTrip(t, imp.Tests)
		}
	})
}

// TestImportWastGood imports the scripts of testdata/wast-good, written
// to exercise the importer, and compares the canonical form of their tests
// (with notes) with the golden file beside each.
func TestImportWastGood(t *testing.T) {
	golden.Files(t, "testdata/wast-good/*.wast", 3, func(t *testing.T, file string, data []byte) {
		imp := Import(filepath.ToSlash(file), data)
		if len(imp.Errors) > 0 {
			t.Errorf("unexpected errors: %v", imp.Errors)
		}
		var b strings.Builder
		for _, n := range imp.Notes {
			b.WriteString("# note: " + n + "\n")
		}
		b.WriteString(litmus.FormatFile(imp.Tests))
		compareGolden(t, strings.TrimSuffix(file, ".wast")+".golden", b.String())
		checkRoundTrip(t, imp.Tests)
	})
}

// TestImportWastBad imports the scripts of testdata/wast-bad and checks
// that they give exactly the errors their ";; ERROR line:col: message"
// comments announce (the comments are at the end, so that they do not
// move the lines they refer to).
func TestImportWastBad(t *testing.T) {
	golden.Files(t, "testdata/wast-bad/*.wast", 5, func(t *testing.T, file string, data []byte) {
		var want []string
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), ";; ERROR "); ok {
				want = append(want, file+":"+rest)
			}
		}
		if len(want) == 0 {
			t.Fatal("no ;; ERROR comment in the file")
		}
		imp := Import(file, data)
		if d := cmp.Diff(want, errorStrings(imp.Errors.Err())); d != "" {
			t.Errorf("errors mismatch (-want +got):\n%s", d)
		}
		if len(imp.Tests) > 0 {
			checkRoundTrip(t, imp.Tests)
		}
	})
}

// TestWastCheck checks how check functions become conditions: each body
// is the check's, in a script where thread T stores 1 at address 0 and the
// script asserts that the check returns 1.
func TestWastCheck(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // the condition, or the error
	}{
		{"load", `(i32.load (i32.const 4))`, `forall (i32[4]=1 /\ T:trap=0)`},
		{"constant first", `(i32.eq (i32.const 3) (i32.load8_u (i32.const 4)))`, `forall (i8[4]=3 /\ T:trap=0)`},
		{"ne", `(i32.ne (i32.load (i32.const 4)) (i32.const 3))`, `forall (i32[4]!=3 /\ T:trap=0)`},
		{"eqz", `(i32.eqz (i32.load16_u (i32.const 4)))`, `forall (i16[4]=0 /\ T:trap=0)`},
		{"too wide", `(i32.eq (i32.load16_u (i32.const 4)) (i32.const 0x10000))`, `forall (~true /\ T:trap=0)`},
		{"offset and local", `(local i32) (local.set 0 (i32.load offset=4 (i32.const 4))) (local.get 0)`, `forall (i32[8]=1 /\ T:trap=0)`},
		{"or", `(i32.or (i32.eqz (i32.load (i32.const 4))) (i32.eq (i32.load (i32.const 8)) (i32.const 2)))`,
			`forall ((i32[4]=0 \/ i32[8]=2) /\ T:trap=0)`},
		{"and odd", `(i32.and (i32.eq (i32.load (i32.const 4)) (i32.const 1)) (i32.const 3))`, `forall (i32[4]=1 /\ T:trap=0)`},
		{"and even", `(i32.and (i32.eq (i32.load (i32.const 4)) (i32.const 1)) (i32.const 2))`, `forall (~true /\ T:trap=0)`},
		{"iff", `(i32.eq (i32.eqz (i32.load (i32.const 4))) (i32.eqz (i32.load (i32.const 8))))`,
			`forall (((i32[4]=0 /\ i32[8]=0) \/ (i32[4]!=0 /\ i32[8]!=0)) /\ T:trap=0)`},
		{"i64", `(i64.eq (i64.load (i32.const 8)) (i64.const -1))`, `forall (i64[8]=18446744073709551615 /\ T:trap=0)`},
		{"true", `(i32.const 1)`, `forall (T:trap=0)`},
		{"false", `(i32.const 0)`, `forall (~true /\ T:trap=0)`},
		{"return", `(return (i32.eqz (i32.load (i32.const 4)))) (i32.const 1)`, `forall (i32[4]=0 /\ T:trap=0)`},
		{"xor", `(i32.xor (i32.load (i32.const 4)) (i32.const 1))`,
			`x.wast:5:86: unsupported: the check "c" (line 6) uses i32.xor: the importer evaluates only eq, ne, eqz, and, or`},
		{"two atoms", `(i32.eq (i32.load (i32.const 4)) (i32.load (i32.const 8)))`,
			`x.wast:5:86: unsupported: the check "c" (line 6) uses i32.eq: its operands are not a memory value and a constant, or two booleans`},
		{"computed address", `(i32.load (i32.load (i32.const 4)))`,
			`x.wast:5:86: unsupported: the check "c" (line 6) uses i32.load: the address is not a constant`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			script := fmt.Sprintf(`(module $M (memory (export "shared") 1 1 shared) (func (export "w") (i32.store (i32.const 0) (i32.const 1))))
(register "mem")
(thread $T (shared (module $M)) (invoke $M "w"))
(wait $T)
(module (memory (import "mem" "shared") 1 1 shared) (func (export "c") (result i32) %s))
(assert_return (invoke "c") (i32.const 1))
`, tc.body)
			imp := Import("x.wast", []byte(script))
			got := ""
			switch {
			case len(imp.Errors) > 0:
				got = imp.Errors[0].Error()
			case len(imp.Tests) == 1:
				got = imp.Tests[0].Condition.String()
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestLoadFileWast checks that litmus.LoadFile reads a .wast file as a script,
// and how Load reports a script it makes nothing of.
func TestLoadFileWast(t *testing.T) {
	tests, err := litmus.LoadFile("testdata/wast/MP.wast")
	if err != nil || len(tests) != 1 || tests[0].Name != "MP.wast" || len(tests[0].Threads) != 2 {
		t.Errorf("LoadFile(MP.wast) = %d tests, %v; want the test MP.wast with two threads", len(tests), err)
	}
	tests, err = Load("empty.wast", []byte(";; nothing\n"))
	want := []string{"empty.wast:1:1: unsupported: the script runs no function on a shared memory, so it has no litmus test"}
	if d := cmp.Diff(want, errorStrings(err)); len(tests) != 0 || d != "" {
		t.Errorf("Load(empty) = %d tests, errors (-want +got):\n%s", len(tests), d)
	}
	tests, err = Load("rep.wast", []byte("(module (memory 1 1 shared) (func (export \"f\")))\n(invoke \"f\")\n(assert_invalid (module) \"x\")\n(assert_invalid (module) \"y\")\n(assert_invalid (module) \"z\")\n"))
	want = []string{"rep.wast:3:1: unsupported: assert_invalid: validation and parsing are not memory-model questions (2 more like this, the last on line 5)"}
	if d := cmp.Diff(want, errorStrings(err)); len(tests) != 1 || d != "" {
		t.Errorf("Load(repeats) = %d tests, errors (-want +got):\n%s", len(tests), d)
	}
	tests, err = Load("bad.wast", []byte("(module"))
	want = []string{"bad.wast:1:1: unclosed ("}
	if d := cmp.Diff(want, errorStrings(err)); len(tests) != 0 || d != "" {
		t.Errorf("Load(unclosed) = %d tests, errors (-want +got):\n%s", len(tests), d)
	}
}

// summary describes an import in a few lines: its errors, its notes, and
// each test's name, threads and condition.
func summary(imp *Result) string {
	var b strings.Builder
	for _, e := range imp.Errors {
		fmt.Fprintf(&b, "error %s\n", e)
	}
	for _, n := range imp.Notes {
		fmt.Fprintf(&b, "note %s\n", n)
	}
	for _, tt := range imp.Tests {
		var names []string
		for _, th := range tt.Threads {
			names = append(names, th.Name)
		}
		fmt.Fprintf(&b, "test %s at %s: threads %s, setup %t\n  %s\n", tt.Name, tt.Pos, strings.Join(names, " "), tt.Setup != nil, tt.Condition)
	}
	return b.String()
}

// compareGolden compares got with the golden file, rewriting it with
// -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	golden.Check(t, path, got)
}

// FuzzImportWast checks that the importer never panics, and that every
// test it makes survives the round trip through its canonical form. Run
// it by hand: go test -fuzz=FuzzImportWast ./wast.
func FuzzImportWast(f *testing.F) {
	for _, pattern := range []string{"testdata/wast/*.wast", "testdata/wast-good/*.wast", "testdata/wast-bad/*.wast"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 8000 {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		imp := Import("f.wast", data)
		for _, test := range imp.Tests {
			text := litmus.Format(test)
			if _, err := litmus.Load("f.yaml", []byte(text)); err != nil {
				t.Fatalf("the canonical form of %s does not load: %v\n%s", test.Name, err, text)
			}
		}
	})
}
