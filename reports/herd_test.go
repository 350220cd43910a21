package reports

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"wmm/enumerate"
	"wmm/internal/golden"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/model"
)

// loadTest loads the test called name from a litmus file.
func loadTest(t *testing.T, file, name string) *litmus.Test {
	t.Helper()
	for _, lt := range litmustest.Load(t, file) {
		if lt.Name == name {
			return lt
		}
	}
	t.Fatalf("%s: no test %s", file, name)
	return nil
}

// outcome parses "T0:r0=0; T1:r0=1".
func outcome(t *testing.T, s string) model.Outcome {
	t.Helper()
	var o model.Outcome
	for _, part := range strings.Split(s, "; ") {
		name, v, _ := strings.Cut(part, "=")
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		o = append(o, model.Binding{Name: name, Value: n})
	}
	return o
}

// herdCase is a check result given by hand: the outcomes, with the
// executions of each, as the model gives them.
type herdCase struct {
	name   string
	file   string
	test   string
	quant  litmus.Quantifier // replaces the test's quantifier when not 0
	noCond bool
	execs  []string // "outcome=executions", e.g. "T0:r0=0; T1:r0=0=64"
	cut    int
	reason string
}

var herdCases = []herdCase{
	{name: "sb", file: "../catalog/sb.yaml", test: "SB", execs: []string{
		"T0:r0=0; T1:r0=0=64", "T0:r0=0; T1:r0=1=64", "T0:r0=1; T1:r0=0=64", "T0:r0=1; T1:r0=1=64"},
		reason: "exists, sometimes: Ok, executions counted"},
	{name: "sb+sc", file: "../catalog/sb.yaml", test: "SB+sc", execs: []string{
		"T0:r0=0; T1:r0=1=1", "T0:r0=1; T1:r0=0=1", "T0:r0=1; T1:r0=1=1"},
		reason: "exists, never: No"},
	{name: "sb+sc-notexists", file: "../catalog/sb.yaml", test: "SB+sc", quant: litmus.NotExists, execs: []string{
		"T0:r0=0; T1:r0=1=1", "T0:r0=1; T1:r0=0=1", "T0:r0=1; T1:r0=1=1"},
		reason: "~exists, never: Forbidden, Ok, Positive and Negative swapped as herd swaps them"},
	{name: "sb-forall", file: "../catalog/sb.yaml", test: "SB", quant: litmus.Forall, execs: []string{
		"T0:r0=0; T1:r0=0=64", "T0:r0=0; T1:r0=1=64", "T0:r0=1; T1:r0=0=64", "T0:r0=1; T1:r0=1=64"},
		reason: "forall, sometimes: Required, No"},
	{name: "mp+sc", file: "../catalog/mp.yaml", test: "MP+sc", execs: []string{
		"T1:r0=0; T1:r1=0=1", "T1:r0=0; T1:r1=42=1", "T1:r0=1; T1:r1=42=1"},
		reason: "MP with SC atomics"},
	{name: "iriw", file: "../catalog/iriw.yaml", test: "IRIW", execs: iriwStates(false),
		reason: "four threads: states name threads by index"},
	{name: "iriw+sc", file: "../catalog/iriw.yaml", test: "IRIW+sc", execs: iriwStates(true),
		reason: "IRIW+sc: fifteen states, never"},
	{name: "nocond", file: "../catalog/sb.yaml", test: "SB", noCond: true, execs: []string{"T0:r0=0; T1:r0=0=3"},
		reason: "no condition: herd's default forall (true)"},
	{name: "loop", file: "../catalog/mp.yaml", test: "MP", cut: 5, execs: []string{"T1:r0=0; T1:r1=0=7"},
		reason: "executions cut by the unroll bound: Loop"},
	{name: "tear", file: "../catalog/tearing.yaml", test: "Tear+i32+setup", execs: []string{"T1:r0=16843009=1", "T1:r0=33686018=1"},
		reason: "!= atoms print as herd's ~NAME=V"},
}

// iriwStates lists IRIW's sixteen outcomes, or the fifteen of IRIW+sc.
func iriwStates(sc bool) []string {
	var out []string
	for i := 0; i < 16; i++ {
		a, b, c, d := i>>3&1, i>>2&1, i>>1&1, i&1
		if sc && a == 1 && b == 0 && c == 1 && d == 0 {
			continue
		}
		out = append(out, "T2:r0="+strconv.Itoa(a)+"; T2:r1="+strconv.Itoa(b)+"; T3:r0="+strconv.Itoa(c)+"; T3:r1="+strconv.Itoa(d)+"=1")
	}
	return out
}

// herdCheck builds the Check of a herdCase.
func herdCheck(t *testing.T, hc herdCase) (*Check, map[string]enumerate.Count) {
	lt := loadTest(t, hc.file, hc.test)
	if hc.quant != 0 {
		c := *lt.Condition
		c.Quant = hc.quant
		lt.Condition = &c
	}
	if hc.noCond {
		lt.Condition = nil
	}
	execs := map[string]enumerate.Count{}
	var outcomes []model.Outcome
	var total enumerate.Count
	for _, e := range hc.execs {
		i := strings.LastIndexByte(e, '=')
		o := outcome(t, e[:i])
		n, _ := strconv.Atoi(e[i+1:])
		outcomes = append(outcomes, o)
		execs[o.String()] = enumerate.CountOf(uint64(n))
		total = total.Add(enumerate.CountOf(uint64(n)))
	}
	c := &Check{Test: lt, Model: "wasm", Outcomes: outcomes, Verdict: lt.Judge("wasm", outcomes),
		Stats: enumerate.Stats{Consistent: total, Cut: enumerate.CountOf(uint64(hc.cut))}}
	return c, execs
}

// TestWriteHerd compares herd-format blocks with testdata/herd/NAME.txt.
func TestWriteHerd(t *testing.T) {
	for _, hc := range herdCases {
		t.Run(hc.name, func(t *testing.T) {
			c, execs := herdCheck(t, hc)
			var buf bytes.Buffer
			if err := WriteHerd(&buf, c, execs, 1234*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			t.Logf("case: %s", hc.reason)
			golden.Check(t, filepath.Join("testdata", "herd", hc.name+".txt"), buf.String())
		})
	}
}

// TestHerdSemantics checks the lines whose meaning herd fixes: the kind,
// Ok or No, the witnesses (swapped under ~exists) and the observation.
func TestHerdSemantics(t *testing.T) {
	want := map[string][]string{
		"sb":              {"Test SB Allowed", "Ok", "Positive: 64 Negative: 192", "Observation SB Sometimes 64 192"},
		"sb+sc":           {"Test SB+sc Allowed", "No", "Positive: 0 Negative: 3", "Observation SB+sc Never 0 3"},
		"sb+sc-notexists": {"Test SB+sc Forbidden", "Ok", "Positive: 3 Negative: 0", "Observation SB+sc Never 0 3"},
		"sb-forall":       {"Test SB Required", "No", "Positive: 64 Negative: 192", "Observation SB Sometimes 64 192"},
		"nocond":          {"Test SB Required", "Ok", "Positive: 3 Negative: 0", "Condition forall (true)", "Observation SB Always 3 0"},
		"loop":            {"Loop No"},
		"tear":            {"Condition exists (~1:r0=16843009 /\\ ~1:r0=33686018)"},
	}
	for _, hc := range herdCases {
		lines, ok := want[hc.name]
		if !ok {
			continue
		}
		c, execs := herdCheck(t, hc)
		var buf bytes.Buffer
		if err := WriteHerd(&buf, c, execs, 0); err != nil {
			t.Fatal(err)
		}
		got := strings.Split(buf.String(), "\n")
		for _, l := range lines {
			found := false
			for _, g := range got {
				found = found || g == l
			}
			if !found {
				t.Errorf("%s (%s): no line %q in\n%s", hc.name, hc.reason, l, buf.String())
			}
		}
	}
}

// TestHerdProp checks the printing of propositions: precedence as in
// litmus, threads by index, != as ~=.
func TestHerdProp(t *testing.T) {
	idx := map[string]int{"P": 0, "Q": 1}
	a := func(th, l string, op litmus.CmpOp, v uint64) *litmus.Atom {
		return &litmus.Atom{Loc: litmus.Loc{Kind: litmus.LocLocal, Thread: th, Local: l}, Op: op, Value: v}
	}
	tests := []struct {
		p    litmus.Prop
		want string
	}{
		{&litmus.And{L: a("P", "r0", litmus.Eq, 1), R: a("Q", "r1", litmus.Eq, 0)}, `0:r0=1 /\ 1:r1=0`},
		{&litmus.Or{L: &litmus.And{L: a("P", "r0", litmus.Eq, 1), R: a("Q", "r1", litmus.Eq, 0)}, R: a("P", "r0", litmus.Eq, 2)}, `(0:r0=1 /\ 1:r1=0) \/ 0:r0=2`},
		{&litmus.Not{P: &litmus.Or{L: a("P", "r0", litmus.Eq, 1), R: a("Q", "r1", litmus.Ne, 0)}}, `~(0:r0=1 \/ ~1:r1=0)`},
		{&litmus.Not{P: a("P", "r0", litmus.Ne, 3)}, `~(~0:r0=3)`},
		{&litmus.Atom{Loc: litmus.Loc{Kind: litmus.LocMem, Width: 4, Addr: 8}, Op: litmus.Eq, Value: 7}, `i32[8]=7`},
		{litmus.True{}, `true`},
	}
	for _, tc := range tests {
		if got := herdProp(tc.p, idx); got != tc.want {
			t.Errorf("herdProp(%s) = %q, want %q", tc.p, got, tc.want)
		}
	}
}
