package gen

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/golden"
	"wmm/litmus"
	"wmm/position"
)

// allSC annotates every edge of a cycle text with SC atomic ends, so that
// every access of its test is an SC atomic one.
func allSC(s string) string {
	if a, ok := Aliases[s]; ok {
		s = a
	}
	f := strings.Fields(s)
	for i := range f {
		f[i] += "ScSc"
	}
	return strings.Join(f, " ")
}

// observe checks test under the wasm model and returns how its condition's
// proposition is observed.
func observe(t *testing.T, test *litmus.Test) litmus.Observation {
	t.Helper()
	m, err := axioms.Lookup("wasm")
	if err != nil {
		t.Fatal(err)
	}
	res, err := enumerate.Run(test, m, enumerate.Options{})
	if err != nil {
		t.Fatalf("%s: %v", test.Name, err)
	}
	if len(res.Outcomes) == 0 {
		t.Fatalf("%s: no allowed outcome", test.Name)
	}
	obs, _, _ := litmus.Observe(test.Condition.Prop, res.Outcomes)
	return obs
}

// TestClassicShapes builds the classic shapes from their cycles and checks
// them under the wasm model, with the verdicts of the catalogue's
// hand-written versions, for the reasons given there (MODEL.md):
//
//   - plain accesses synchronise nothing, so hb is program order and the
//     initial writes; hb-consistency C2 (c) then hides no write from a read
//     of another thread, and C3 constrains only SC events: every cycle of
//     these shapes, whose threads touch each location once, is allowed
//     (sometimes);
//   - with every access SC atomic and of the same range, SC-DRF applies:
//     reads-from of an SC write by an SC read is sync (so hb), tot is a
//     total order that contains hb, and sc-last-visible C3 makes each SC
//     read see the tot-latest write; a condition that observes a cycle of
//     po, rf, fr and co is then a cycle in tot, so never.
func TestClassicShapes(t *testing.T) {
	for _, shape := range []string{"SB", "MP", "LB", "IRIW", "2+2W", "S", "R", "WRC", "RWC", "ISA2"} {
		for _, sc := range []bool{false, true} {
			text, want := shape, litmus.Sometimes
			if sc {
				text, want = allSC(shape), litmus.Never
			}
			t.Run(shape+map[bool]string{false: "", true: "+sc"}[sc], func(t *testing.T) {
				test, err := BuildString(text)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(test.Doc, "the shape of "+shape+")") {
					t.Errorf("doc does not name the shape %s: %s", shape, test.Doc)
				}
				if got := observe(t, test); got != want {
					t.Errorf("%s (%s): condition %s is %s under wasm, want %s\n%s", text, test.Name, test.Condition, got, want, litmus.Format(test))
				}
			})
		}
	}
}

// TestMixedAnnotations checks cycles whose verdict depends on where the SC
// accesses are, with the catalogue's reasons: MP with SC flag accesses
// only is the publication idiom (sync on the flag puts the plain data
// store hb-before the plain data load: never, catalogue MP+plain+scflag);
// SB with SC stores and plain loads is allowed, since C3 (ii) protects
// only SC readers (sometimes, catalogue SB+sc+plainloads). Mixed sizes:
// sync needs the same range, so SC accesses of different widths are as
// weak as plain ones (sometimes: catalogue MP+sc+load16flag, where the
// flag is read with a 2-byte load, and SB+sc+load16), while 8-byte SC
// accesses of the same range are as strong as 4-byte ones (never,
// catalogue SB+sc+i64). RMWs: an atomic exchange in the middle of MP
// passes synchronisation on when the flag store is SC (never, catalogue
// MP+rmwchain: T2 synchronises with the RMW, the RMW with T0's store), and
// not when it is plain (sometimes, catalogue MP+rmwchain+plainflag: the
// RMW reads the plain store without synchronising).
func TestMixedAnnotations(t *testing.T) {
	for _, tc := range []struct {
		cycle string
		want  litmus.Observation
	}{
		{"PodWWPSc RfeScSc PodRRScP Fre", litmus.Never},
		{"PodWRScP Fre PodWRScP Fre", litmus.Sometimes},
		{"PodWWScSc Rfe PodRRSc16Sc Fre", litmus.Sometimes},
		{"PodWWScSc Rfe PodRRScSc Fre", litmus.Never},
		{"PodWRScSc16 Fre PodWRScSc16 Fre", litmus.Sometimes},
		{"PodWRSc64Sc64 Fre PodWRSc64Sc64 Fre", litmus.Never},
		{"PodWWPSc Rfe Rmw Rfe PodRRScP Fre", litmus.Never},
		{"PodWWPP Rfe Rmw Rfe PodRRScP Fre", litmus.Sometimes},
	} {
		test, err := BuildString(tc.cycle)
		if err != nil {
			t.Fatal(err)
		}
		if got := observe(t, test); got != tc.want {
			t.Errorf("%s: %s under wasm, want %s\n%s", tc.cycle, got, tc.want, litmus.Format(test))
		}
		byName, err := BuildString(test.Name)
		if err != nil || litmus.Format(byName) != litmus.Format(test) {
			t.Errorf("%s: its name %s does not build the same test (%v)", tc.cycle, test.Name, err)
		}
	}
}

// TestFamilyVerdicts checks every cycle of a small family, plain and all
// SC, with the reasons of TestClassicShapes: all SC is never (SC-DRF), and
// plain is sometimes when no thread touches a location twice (then hb is
// program order between different locations, which C2 does not see).
func TestFamilyVerdicts(t *testing.T) {
	size, threads := 4, 3
	if !testing.Short() {
		size, threads = 6, 4
	}
	edges, err := ParseEdges("Rfe Fre Coe PodWW PodWR PodRW PodRR")
	if err != nil {
		t.Fatal(err)
	}
	fam, err := Enumerate(Options{Size: size, Threads: threads, Edges: edges})
	if err != nil {
		t.Fatal(err)
	}
	if len(fam.Tests) < 10 {
		t.Fatalf("only %d tests of size %d", len(fam.Tests), size)
	}
	plainChecked := 0
	for i, c := range fam.Cycles {
		test := fam.Tests[i]
		acc, _, err := layout(c)
		if err != nil {
			t.Fatal(err)
		}
		if onceEach(acc) {
			plainChecked++
			if got := observe(t, test); got != litmus.Sometimes {
				t.Errorf("%s: %s under wasm, want sometimes", test.Name, got)
			}
		}
		sc, err := BuildString(allSC(strings.ReplaceAll(c.Name(), "+", " ")))
		if err != nil {
			t.Fatal(err)
		}
		if got := observe(t, sc); got != litmus.Never {
			t.Errorf("%s: %s under wasm, want never", sc.Name, got)
		}
	}
	t.Logf("%d cycles of size <= %d: all checked SC, %d checked plain", len(fam.Tests), size, plainChecked)
}

// onceEach reports whether every thread accesses each location at most
// once.
func onceEach(acc []access) bool {
	seen := map[[2]int]bool{}
	for _, a := range acc {
		k := [2]int{a.thread, a.loc}
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// TestGolden compares the printed test of one annotated cycle with
// testdata/mp-scflag.yaml.
func TestGolden(t *testing.T) {
	test, err := BuildString("PodWWPSc RfeScSc PodRRScP Fre")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "mp-scflag.yaml"), litmus.Format(test))
}

// TestRoundTrip checks that printing a generated test and loading it back
// gives the same text (wmm fmt leaves it unchanged), and that the test's
// name parses back to the same test.
func TestRoundTrip(t *testing.T) {
	edges, _ := ParseEdges(DefaultEdges)
	fam, err := Enumerate(Options{Size: 4, Threads: 2, Edges: edges})
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range fam.Tests {
		out := litmus.Format(test)
		back, err := litmus.Load(FileName(test), []byte(out))
		if err != nil {
			t.Fatalf("%s: %v", test.Name, err)
		}
		if again := litmus.Format(back[0]); again != out {
			t.Errorf("%s: not canonical:\n%s\nthen\n%s", test.Name, out, again)
		}
		byName, err := BuildString(test.Name)
		if err != nil {
			t.Fatalf("%s: %v", test.Name, err)
		}
		if litmus.Format(byName) != out {
			t.Errorf("%s: its name builds another test:\n%s", test.Name, litmus.Format(byName))
		}
	}
}

// TestRotation checks that a cycle gives the same test wherever it starts.
func TestRotation(t *testing.T) {
	a, err := BuildString("PodWR Fre PodWR Fre")
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildString("Fre+PodWR+Fre+PodWR")
	if err != nil {
		t.Fatal(err)
	}
	if litmus.Format(a) != litmus.Format(b) {
		t.Errorf("rotations differ:\n%s\n%s", litmus.Format(a), litmus.Format(b))
	}
}

// TestParseErrors checks that bad cycles are rejected at the column of the
// offending edge.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ cycle, want string }{
		{"", "cycle:1:1: empty cycle"},
		{"PodWR Rfe PodWR Fre", "cycle:1:7: Rfe starts from a write, but PodWR before it ends in a read"},
		{"Rfe PodWR Fre PodWR Fre", "cycle:1:5: PodWR starts from a write, but Rfe before it ends in a read"},
		{"PodWR Fre PodWX Fre", `cycle:1:15: edge "PodWX": expected R or W after "PodW"`},
		{"PodWR Fer PodWR Fre", `cycle:1:7: unknown edge "Fer"`},
		{"PodWR Free", `cycle:1:10: unknown annotation "e"`},
		{"PodWRSc Fre PodWR Fre", `cycle:1:8: edge "PodWRSc": annotations come in pairs`},
		{"PodWRScX Fre", `cycle:1:8: unknown annotation "X"`},
		{"PodWRSc12Sc Fre", `cycle:1:8: unknown width in "12Sc"`},
		{"PodWR Fre PosWR Fre", "cycle:1:1: the cycle does not close: PodWR is its only change of location"},
		{"PodWR Fri", "cycle:1:1: the cycle has 0 external edge(s)"},
		{"PodWRPP FreScP PodWR Fre", "cycle:1:9: FreScP annotates its first access Sc, but PodWRPP before it annotates the same access P"},
		{"PodWW Coe Rfe PosRW PodWR Fre", "cycle:1:7: Coe cannot be observed"},
		{"Rfe Fre", "cycle:1:5: Fre cannot be observed"},
		{"PodWW RfePP Rmw Rfe PodRR Fre", "cycle:1:13: Rmw is an atomic read-modify-write"},
		{"PodWW Rfe__8 Rmw__16 Rfe PodRR Fre", "cycle:1:14: Rmw is one instruction: its read (8 bits) and its write (16 bits)"},
	} {
		_, err := BuildString(tc.cycle)
		if err == nil {
			t.Errorf("%q: no error, want %s", tc.cycle, tc.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error\n  %v\nwant it to start with\n  %s", tc.cycle, err, tc.want)
		}
		var pe *position.Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %T is not a position.Error", tc.cycle, err)
		}
	}
}

// TestEnumerateDeterministic checks that the same options give the same
// tests, built on one goroutine or on several, and that no two tests are
// equal up to their names.
func TestEnumerateDeterministic(t *testing.T) {
	edges, _ := ParseEdges(DefaultEdges)
	opts := Options{Size: 5, Threads: 3, Edges: edges, Workers: 1}
	a, err := Enumerate(opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Workers = 4
	b, _ := Enumerate(opts)
	if len(a.Tests) != len(b.Tests) || a.Unobserved != b.Unobserved {
		t.Fatalf("%d tests (%d left out), then %d (%d)", len(a.Tests), a.Unobserved, len(b.Tests), b.Unobserved)
	}
	bodies := map[string]string{}
	for i := range a.Tests {
		fa, fb := litmus.Format(a.Tests[i]), litmus.Format(b.Tests[i])
		if fa != fb {
			t.Errorf("test %d differs:\n%s\n%s", i, fa, fb)
		}
		body := *a.Tests[i]
		body.Name, body.Doc = "", ""
		k := litmus.Format(&body)
		if other, dup := bodies[k]; dup {
			t.Errorf("%s and %s are the same test", other, a.Tests[i].Name)
		}
		bodies[k] = a.Tests[i].Name
	}
}

// FuzzParse checks that Parse never panics, that its errors carry a
// position within the input, and that a cycle it accepts prints to a text
// it accepts again, with the same canonical test.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"SB", "PodWR Fre PodWR Fre", "PodWWPSc RfeScSc PodRRScP Fre", "Rfe PosRR Fre", "PodWRSc8P64+Fre+PodWR+Fre", "PodWW Rfe Rmw Rfe PodRR Fre", "Pod", "Rfe_16_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *position.Error
			if !errors.As(err, &pe) || pe.Pos.Col < 1 || pe.Pos.Col > len(s)+1 {
				t.Fatalf("%q: error without a position in the input: %v", s, err)
			}
			return
		}
		again, err := Parse(c.String())
		if err != nil {
			t.Fatalf("%q printed as %q: %v", s, c.String(), err)
		}
		if c.Canonical().Name() != again.Canonical().Name() {
			t.Fatalf("%q: %s then %s", s, c.Canonical().Name(), again.Canonical().Name())
		}
		if len(c) <= 12 {
			if _, err := Build(c); err != nil {
				var pe *position.Error
				if !errors.As(err, &pe) {
					t.Fatalf("%q: build error without a position: %v", s, err)
				}
			}
		}
	})
}

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(m.Run())
}
