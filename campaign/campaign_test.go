package campaign

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"wmm/axioms"
	"wmm/engine"
	"wmm/gen"
	"wmm/internal/golden"
	"wmm/litmus"
	"wmm/model"
)

// cycles are the tests of the campaigns below: classic shapes plain and
// SC, small enough to check in milliseconds.
var cycles = []string{
	"SB",
	"PodWRScSc Fre PodWRScSc Fre",
	"MP",
	"PodWWScSc Rfe PodRRScSc Fre",
	"LB",
	"2+2W",
	"CoRR",
}

func family(t *testing.T) []*litmus.Test {
	t.Helper()
	var tests []*litmus.Test
	for _, c := range cycles {
		tt, err := gen.BuildString(c)
		if err != nil {
			t.Fatalf("gen %s: %v", c, err)
		}
		tt.Pos.File = "family/" + gen.FileName(tt)
		tests = append(tests, tt)
	}
	return tests
}

// fakeEngine is a deterministic engine: every test ends with every name 0
// seven times and every name 1 three times, in one second.
type fakeEngine struct{ name string }

func (f fakeEngine) Name() string { return f.name }
func (f fakeEngine) Run(context.Context, *engine.Harness, engine.Options) (*engine.RawResult, error) {
	panic("fakeEngine runs through runFake")
}

func runFake(_ context.Context, t *litmus.Test, r engine.Runner, opts engine.Options) (*engine.Result, error) {
	never := func(string) bool { return false }
	names := t.Names(never, never)
	zeros, ones := make(model.Outcome, len(names)), make(model.Outcome, len(names))
	for i, n := range names {
		zeros[i] = model.Binding{Name: n.String()}
		ones[i] = model.Binding{Name: n.String(), Value: 1}
	}
	return &engine.Result{Test: t, Engine: r.Name(), Names: names, Version: "fake 1",
		Histogram: []engine.Count{{Outcome: zeros, N: 7}, {Outcome: ones, N: 3}}, Iterations: 10, Elapsed: time.Second}, nil
}

func options(t *testing.T) Options {
	t.Helper()
	var models []*axioms.Model
	for _, n := range []string{"wasm", "sc"} {
		m, err := axioms.Lookup(n)
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, m)
	}
	return Options{
		Models: models, Engines: []engine.Runner{fakeEngine{"fake"}},
		Engine: engine.Options{Iterations: 10}, Memory: []engine.MemoryMode{engine.ImportMemory, engine.DefineMemory},
		RunEngine: runFake, Workers: 2,
	}
}

func jsonOf(t *testing.T, recs []*Record) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, recs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func read(t *testing.T, s, name string) Set {
	t.Helper()
	recs, err := ReadJSON(strings.NewReader(s), name, false)
	if err != nil {
		t.Fatal(err)
	}
	return Set{name, recs}
}

// TestShardsMergeToWhole runs the campaign whole and in N shards (each
// shard's JSON written and read back) for several N, and asserts that the
// merged shards are the whole campaign byte for byte, table included.
func TestShardsMergeToWhole(t *testing.T) {
	tests := family(t)
	whole, err := Run(context.Background(), tests, options(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != len(tests) {
		t.Fatalf("whole campaign: %d records, want %d", len(whole), len(tests))
	}
	want := jsonOf(t, whole)
	var wantTable bytes.Buffer
	WriteTable(&wantTable, whole, TableOptions{})
	for _, n := range []int{1, 2, 3, len(tests), len(tests) + 2} {
		var sets []Set
		// Merge in reverse shard order: the order of the files given must
		// not matter.
		for i := n; i >= 1; i-- {
			o := options(t)
			o.Shard = Shard{i, n}
			recs, err := Run(context.Background(), tests, o)
			if err != nil {
				t.Fatal(err)
			}
			sets = append(sets, read(t, jsonOf(t, recs), fmt.Sprintf("shard%d.jsonl", i)))
		}
		merged, err := Merge(sets...)
		if err != nil {
			t.Fatalf("%d shards: %v", n, err)
		}
		if got := jsonOf(t, merged); got != want {
			t.Errorf("%d shards merged:\n%s\nwant (unsharded):\n%s", n, got, want)
		}
		if m := Missing(merged, 0, len(tests)); len(m) != 0 {
			t.Errorf("%d shards: missing %v", n, m)
		}
		var table bytes.Buffer
		WriteTable(&table, merged, TableOptions{})
		if table.String() != wantTable.String() {
			t.Errorf("%d shards: table differs:\n%s\nwant:\n%s", n, table.String(), wantTable.String())
		}
	}
}

// TestResume interrupts a campaign after some tests and resumes it from
// the records written so far: the two runs together are the whole
// campaign, and the second runs only the tests the first did not.
func TestResume(t *testing.T) {
	tests := family(t)
	whole, err := Run(context.Background(), tests, options(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, stopAfter := range []int{1, 3, len(tests) - 1} {
		ctx, cancel := context.WithCancel(context.Background())
		o := options(t)
		var state bytes.Buffer
		o.Record = func(r *Record) error {
			if err := WriteJSON(&state, []*Record{r}); err != nil {
				return err
			}
			if r.Index+1 == stopAfter {
				cancel()
			}
			return nil
		}
		first, err := Run(ctx, tests, o)
		if err != context.Canceled || len(first) != stopAfter {
			t.Fatalf("interrupted after %d: %d records, err %v", stopAfter, len(first), err)
		}
		// A state file whose last line was cut short still resumes.
		cut := state.String() + `{"campaign": "`
		old, err := ReadJSON(strings.NewReader(cut), "state", true)
		if err != nil {
			t.Fatal(err)
		}
		o = options(t)
		o.Done = map[int]bool{}
		for _, r := range old {
			o.Done[r.Index] = true
		}
		ran := 0
		o.Record = func(*Record) error { ran++; return nil }
		second, err := Run(context.Background(), tests, o)
		if err != nil {
			t.Fatal(err)
		}
		if ran != len(tests)-stopAfter {
			t.Errorf("resumed after %d: ran %d tests, want %d", stopAfter, ran, len(tests)-stopAfter)
		}
		merged, err := Merge(Set{"state", old}, Set{"resumed", second})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := jsonOf(t, merged), jsonOf(t, whole); got != want {
			t.Errorf("resumed after %d:\n%s\nwant:\n%s", stopAfter, got, want)
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	tests := family(t)
	whole, err := Run(context.Background(), tests, options(t))
	if err != nil {
		t.Fatal(err)
	}
	o := options(t)
	o.Engine.Iterations = 20 // another campaign
	other, err := Run(context.Background(), tests[:2], o)
	if err != nil {
		t.Fatal(err)
	}
	changed := *whole[1]
	changed.Runs = append([]EngineRun{}, changed.Runs...)
	changed.Runs[0].Condition++
	cases := []struct {
		name string
		sets []Set
		want string // "" when the merge succeeds
	}{
		{"equal duplicates count once", []Set{{"a", whole}, {"b", whole[:3]}}, ""},
		{"another campaign", []Set{{"a", whole}, {"b", other}}, "b: test " + other[0].Name + " is of campaign " + other[0].Campaign},
		{"different results", []Set{{"a", whole}, {"b", []*Record{&changed}}}, "test 1 (" + changed.Name + ") is in a and in b with different results"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			merged, err := Merge(c.sets...)
			switch {
			case c.want == "" && err != nil:
				t.Fatal(err)
			case c.want == "":
				if got, want := jsonOf(t, merged), jsonOf(t, whole); got != want {
					t.Errorf("merged:\n%s\nwant:\n%s", got, want)
				}
			case err == nil || !strings.Contains(err.Error(), c.want):
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestMissing(t *testing.T) {
	recs := []*Record{{Index: 1}, {Index: 2}, {Index: 5}}
	got := Missing(recs, 0, 8)
	if fmt.Sprint(got) != "[0 3 4 6 7]" {
		t.Errorf("Missing = %v", got)
	}
	if r := Ranges(got); r != "1, 4-5, 7-8" {
		t.Errorf("Ranges = %q", r)
	}
}

func TestReadJSONErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"name": "SB"}`, "f:1: not a campaign record (expected campaign, index, of and name"},
		{"\n{\"campaign\": \"x\", \"index\": 3, \"of\": 2, \"name\": \"SB\"}", "f:2: not a campaign record"},
		{`{"campaign": 1}` + "\n" + `{"campaign": "x", "index": 0, "of": 1, "name": "SB"}`, "f:1: not a campaign record: json"},
	}
	for _, c := range cases {
		_, err := ReadJSON(strings.NewReader(c.in), "f", true)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadJSON(%q): %v, want %q", c.in, err, c.want)
		}
	}
}

// TestVerdicts asserts the verdicts from the theory, not from output: SC
// forbids every cycle (the condition observes exactly the cycle), and
// under wasm the plain shapes are observable while their all-SC versions
// are not (SC-DRF).
func TestVerdicts(t *testing.T) {
	recs, err := Run(context.Background(), family(t), options(t))
	if err != nil {
		t.Fatal(err)
	}
	// Under wasm, by cycle (CoRR's plain reads are left out: SC-DRF
	// says nothing of a racy program).
	want := []string{"sometimes", "never", "sometimes", "never", "sometimes", "sometimes", ""}
	for i, r := range recs {
		if r.Models[1].Observation != "never" {
			t.Errorf("%s under sc: %q, want never", r.Name, r.Models[1].Observation)
		}
		if w := want[i]; w != "" && r.Models[0].Observation != w {
			t.Errorf("%s (%s) under wasm: %q, want %q", cycles[i], r.Name, r.Models[0].Observation, w)
		}
		for _, run := range r.Runs {
			if run.Iterations != 10 || run.Allowed == 0 || run.Model != "wasm" {
				t.Errorf("%s: run %+v", r.Name, run)
			}
		}
	}
}

func TestTableGolden(t *testing.T) {
	recs, err := Run(context.Background(), family(t), options(t))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteTable(&b, recs, TableOptions{Flags: []string{"--seed", "7"}})
	golden.Check(t, "testdata/table.golden", b.String())
}

func TestParseShard(t *testing.T) {
	cases := []struct {
		in   string
		want Shard
		err  string
	}{
		{"1/1", Shard{1, 1}, ""},
		{"3/8", Shard{3, 8}, ""},
		{"8/8", Shard{8, 8}, ""},
		{"0/8", Shard{}, "1 ≤ I ≤ N"},
		{"9/8", Shard{}, "1 ≤ I ≤ N"},
		{"3", Shard{}, "expected I/N"},
		{"a/b", Shard{}, "whole numbers"},
		{"1/0", Shard{}, "1 ≤ I ≤ N"},
	}
	for _, c := range cases {
		got, err := ParseShard(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseShard(%q): %v, want error %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

// TestShardRanges asserts that the shards of every list, in order, hold
// each item exactly once, and differ in size by at most one.
func TestShardRanges(t *testing.T) {
	for total := 0; total <= 23; total++ {
		for n := 1; n <= 9; n++ {
			next, least, most := 0, total, 0
			for i := 1; i <= n; i++ {
				lo, hi := Shard{i, n}.Range(total)
				if lo != next || hi < lo {
					t.Fatalf("total %d, shard %d/%d: [%d, %d), want it to start at %d", total, i, n, lo, hi, next)
				}
				next = hi
				least, most = min(least, hi-lo), max(most, hi-lo)
			}
			if next != total || most-least > 1 {
				t.Errorf("total %d in %d shards: end %d, sizes %d..%d", total, n, next, least, most)
			}
		}
	}
}

// FuzzReadJSON asserts that ReadJSON never panics, and that what it
// accepts it reads back the same after WriteJSON.
func FuzzReadJSON(f *testing.F) {
	f.Add(`{"campaign":"x","index":0,"of":1,"name":"SB","source":"a.yaml","condition":null,"models":[{"model":"wasm","observation":"never","outcomes":3,"ok":true}],"runs":[{"engine":"wazero","memory":"imported","iterations":10,"condition":0,"forbidden":[{"outcome":{"T0:r0":1},"count":2}],"forbidden_runs":2,"not_seen":0,"allowed":3,"seconds":1}]}`)
	f.Add(`{"campaign":"x","index":3,"of":2,"name":"SB"}`)
	f.Add("{}\n{")
	f.Fuzz(func(t *testing.T, in string) {
		recs, err := ReadJSON(strings.NewReader(in), "f", true)
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, recs); err != nil {
			return // an outcome that does not encode
		}
		written := b.String()
		again, err := ReadJSON(strings.NewReader(written), "again", false)
		if err != nil {
			t.Fatalf("written records do not read back: %v\n%s", err, written)
		}
		var b2 bytes.Buffer
		WriteJSON(&b2, again)
		if b2.String() != written {
			t.Fatalf("round trip changed the records:\n%s\n%s", written, b2.String())
		}
	})
}

// TestHTMLTable checks that the HTML table has WriteTable's rows and
// cells and marks exactly the cells that show a failure: the fake engine's
// all-zero outcome is forbidden in two of the family's tests (SB with SC
// accesses, where zero in both registers needs a cycle in the SC order,
// and 2+2W, where a location both threads wrote cannot end with its
// initial zero), so those rows and their engine cells are marked, and
// nothing else is.
func TestHTMLTable(t *testing.T) {
	recs, err := Run(context.Background(), family(t), options(t))
	if err != nil {
		t.Fatal(err)
	}
	tab := HTMLTable(recs, TableOptions{})
	if want := []string{"test", "wasm", "sc", "fake"}; !slices.Equal(tab.Header, want) {
		t.Errorf("header %q, want %q", tab.Header, want)
	}
	if len(tab.Rows) != len(recs) {
		t.Fatalf("%d rows for %d records", len(tab.Rows), len(recs))
	}
	cols := Columns(recs)
	for i, row := range tab.Rows {
		r := recs[i]
		if row.Test != r.Name || row.Cells[0].Text != r.Name {
			t.Errorf("row %d is %q (%q), want %q", i, row.Test, row.Cells[0].Text, r.Name)
		}
		forbidden := false
		for _, run := range r.Runs {
			forbidden = forbidden || run.ForbiddenRuns > 0
		}
		if row.Bad != forbidden {
			t.Errorf("%s: row marked %v, forbidden runs %v", r.Name, row.Bad, forbidden)
		}
		for j, c := range cols {
			cell := row.Cells[j+1]
			if cell.Text != Cell(r, c) {
				t.Errorf("%s/%s%s: %q, want %q", r.Name, c.Model, c.Engine, cell.Text, Cell(r, c))
			}
			if want := c.Engine != "" && forbidden; cell.Bad != want {
				t.Errorf("%s/%s%s: marked %v, want %v", r.Name, c.Model, c.Engine, cell.Bad, want)
			}
		}
	}
	if !strings.Contains(tab.Summary, "Forbidden outcomes (4 runs)") {
		t.Errorf("summary lacks the forbidden outcomes:\n%s", tab.Summary)
	}
}
