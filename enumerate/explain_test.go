package enumerate_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/axioms"
	"wmm/catalog"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// catalogTest returns the catalogue's test called name.
func catalogTest(t *testing.T, name string) *litmus.Test {
	t.Helper()
	entries, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Test.Name == name {
			return e.Test
		}
	}
	t.Fatalf("no catalogue test %s", name)
	return nil
}

// conditionOf selects the outcomes that satisfy t's proposition.
func conditionOf(t *litmus.Test) func(model.Outcome) bool { return t.Condition.Prop.Eval }

// binding selects the outcomes that bind name to v.
func binding(name string, v uint64) func(model.Outcome) bool {
	return func(o model.Outcome) bool {
		got, _ := o.Get(name)
		return got == v
	}
}

// TestExplainNamesTheAxiom checks, on worked examples of MODEL.md, that
// the simplest candidate of a forbidden outcome breaks the axiom the
// example's reasoning names, and that an allowed outcome has a witness.
func TestExplainNamesTheAxiom(t *testing.T) {
	tests := []struct {
		test   string
		want   func(*litmus.Test) func(model.Outcome) bool
		allow  bool
		axiom  string
		clause string
		reason string
	}{
		{"SB+sc", conditionOf, false, model.AxSCLast, "ii", "A2: reading init while the other store is tot-earlier breaks C3 (ii)"},
		{"IRIW+sc", conditionOf, false, model.AxSCLast, "ii", "D2: the reads of init come tot-after the other location's store"},
		{"MP+sc", conditionOf, false, model.AxHB, "c", "B2: init hb Wx hb Rx through the synchronising flag hides init"},
		{"MP+plain+scflag", conditionOf, false, model.AxHB, "c", "B3: the plain data read is hb-after the data store"},
		{"LB+sc", conditionOf, false, model.AxHBAcyclic, "", "C2: both reads synchronise, making an hb cycle"},
		{"Tear+i32+setup", func(*litmus.Test) func(model.Outcome) bool { return binding("T1:r0", 0x02020101) }, false, model.AxNoTear, "", "F1: two same-range tear-free writers"},
		{"Wait+notify+plainflag", conditionOf, false, model.AxSuspension, "queue", "W2: a notify after the wait in tot must wake it"},
		{"SB", conditionOf, true, "", "", "A1: allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.test, func(t *testing.T) {
			lt := catalogTest(t, tc.test)
			ex, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, tc.want(lt), 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(ex.Outcomes) == 0 {
				t.Fatalf("no outcome explained (%s)", tc.reason)
			}
			oe := ex.Outcomes[0]
			if oe.Allowed != tc.allow {
				t.Fatalf("outcome %s: allowed %v, want %v (%s)", oe.Outcome, oe.Allowed, tc.allow, tc.reason)
			}
			if tc.allow {
				if oe.Witness == nil || len(oe.Groups) != 0 {
					t.Errorf("allowed outcome %s: witness %v, groups %d", oe.Outcome, oe.Witness != nil, len(oe.Groups))
				}
				return
			}
			g := oe.Groups[0]
			if g.Axiom != tc.axiom || g.Clause != tc.clause {
				t.Errorf("simplest candidate breaks %s (%s), want %s (%s): %s", g.Axiom, g.Clause, tc.axiom, tc.clause, tc.reason)
			}
			total := 0
			for _, g := range oe.Groups {
				total += g.Count
				if len(g.Examples) != 1 || g.Examples[0].HB == nil {
					t.Errorf("group %s (%s): %d examples", g.Axiom, g.Clause, len(g.Examples))
				}
			}
			if total != oe.Candidates {
				t.Errorf("groups count %d candidates, the outcome %d", total, oe.Candidates)
			}
		})
	}
}

// TestExplainStatusNames checks that an outcome where a thread blocks,
// which no allowed execution has, can be asked for and is explained with
// its T:stuck binding.
func TestExplainStatusNames(t *testing.T) {
	lt := catalogTest(t, "Wait+notify+scflag")
	ex, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, conditionOf(lt), 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, oe := range ex.Outcomes {
		got = append(got, oe.Outcome.String())
	}
	if want := []string{"T0:r0=0; T1:r0=0; T1:stuck=1"}; !cmp.Equal(want, got) {
		t.Errorf("outcomes explained (-want +got):\n%s", cmp.Diff(want, got))
	}
}

// TestRefuteTotAgrees checks RefuteTot against the enumerator: for every
// candidate of a few tests whose reads-from breaks nothing by itself, the
// refutation finds an order exactly when the enumerator found the
// candidate consistent, and every failed branch starts with the events
// that happen before all others.
func TestRefuteTotAgrees(t *testing.T) {
	for _, name := range []string{"SB+sc", "IRIW+sc", "FAA2", "Wait+notify+scflag", "Wait+notify+plainflag", "SCDRF+ddagger", "MP+notify+timeout"} {
		t.Run(name, func(t *testing.T) {
			lt := catalogTest(t, name)
			checked := 0
			opts := enumerate.Options{Explain: true, OnCandidate: func(c *enumerate.Candidate) {
				x := c.X
				hb := enumerate.SyncHB(axioms.Wasm(), x)
				if _, ok := hb.Irreflexive(); !ok {
					return
				}
				for _, e := range x.Events {
					if axioms.Wasm().CheckRead(x, hb, e.ID) != nil {
						return
					}
				}
				checked++
				r := enumerate.RefuteTot(axioms.Wasm(), x, hb, 8)
				if (r.Found != nil) != (c.Violation == nil) || r.Truncated {
					t.Errorf("candidate with violation %v: refutation found %v (truncated %v)\n%s", c.Violation, r.Found, r.Truncated, x)
				}
				if c.Violation != nil && len(r.Leaves) == 0 {
					t.Errorf("refuted candidate without a failed branch:\n%s", x)
				}
				for _, l := range r.Leaves {
					if l.Violation == nil && !l.Seen {
						t.Errorf("branch %v has neither a violation nor a seen state", l.Order)
					}
				}
			}}
			if _, err := enumerate.Run(lt, axioms.Wasm(), opts); err != nil {
				t.Fatal(err)
			}
			if checked == 0 {
				t.Errorf("no candidate reached the tot search")
			}
		})
	}
}

// TestRefuteTotSB checks the refutation of SB+sc's candidate that reads
// both initial values: after init, either store comes first, and either
// way the other thread's load breaks sc-last-visible (ii).
func TestRefuteTotSB(t *testing.T) {
	lt := catalogTest(t, "SB+sc")
	ex, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, conditionOf(lt), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := ex.Outcomes[0].Groups[0].Examples[0]
	if r.Tot == nil {
		t.Fatalf("no refutation for %v", r.Violation)
	}
	x := r.X
	var got [][]string
	for _, l := range r.Tot.Leaves {
		var names []string
		for _, e := range l.Order {
			names = append(names, x.Label(e))
		}
		got = append(got, append(names, l.Violation.Axiom+" ("+l.Violation.Clause+")"))
	}
	want := [][]string{{"init", "T0.0", "sc-last-visible (ii)"}, {"init", "T1.0", "sc-last-visible (ii)"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("failed branches (-want +got):\n%s", d)
	}
	if r.Tot.More != 0 || r.Tot.Found != nil {
		t.Errorf("more %d, found %v", r.Tot.More, r.Tot.Found)
	}
}

// TestEdgesAndPath checks the reads-from and happens-before edges of MP+sc's
// simplest candidate for its forbidden outcome, and the path that makes
// T0.0 hb T1.1: program order, synchronisation, program order.
func TestEdgesAndPath(t *testing.T) {
	lt := catalogTest(t, "MP+sc")
	ex, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, conditionOf(lt), 1)
	if err != nil {
		t.Fatal(err)
	}
	x := ex.Outcomes[0].Groups[0].Examples[0].X
	id := func(label string) model.EventID {
		for _, e := range x.Events {
			if x.Label(e.ID) == label {
				return e.ID
			}
		}
		t.Fatalf("no event %s", label)
		return 0
	}
	str := func(es []enumerate.Edge) []string {
		var out []string
		for _, e := range es {
			out = append(out, x.Label(e.From)+" "+e.Kind.String()+" "+x.Label(e.To))
		}
		return out
	}
	var data []enumerate.Edge
	for _, e := range enumerate.RFEdges(x) {
		if e.Region == model.Data {
			data = append(data, e)
		}
	}
	if d := cmp.Diff([]string{"T0.1 sync T1.0", "init rf T1.1"}, str(data)); d != "" {
		t.Errorf("data reads-from (-want +got):\n%s", d)
	}
	path := enumerate.Path(enumerate.HBEdges(x, nil), id("T0.0"), id("T1.1"))
	if d := cmp.Diff([]string{"T0.0 po T0.1", "T0.1 sync T1.0", "T1.0 po T1.1"}, str(path)); d != "" {
		t.Errorf("path (-want +got):\n%s", d)
	}
	if p := enumerate.Path(enumerate.HBEdges(x, nil), id("T1.1"), id("T0.0")); p != nil {
		t.Errorf("path against happens-before: %v", str(p))
	}
}

// TestTally checks that the executions a Tally counts per outcome add up
// to the run's consistent executions, over the outcomes the run allows,
// for every catalogue test.
func TestTally(t *testing.T) {
	entries, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		var tally enumerate.Tally
		r, err := enumerate.Run(e.Test, axioms.Wasm(), enumerate.Options{OnCandidate: tally.Add})
		if err != nil {
			t.Fatalf("%s: %v", e.Test.Name, err)
		}
		counts := tally.Counts(r.Names)
		var sum enumerate.Count
		var keys []string
		for k, n := range counts {
			sum = sum.Add(n)
			keys = append(keys, k)
		}
		var want []string
		for _, o := range r.Outcomes {
			want = append(want, o.String())
		}
		slices.Sort(keys)
		slices.Sort(want)
		if sum.Cmp(r.Stats.Consistent) != 0 || !slices.Equal(keys, want) {
			t.Errorf("%s: tally counts %s executions over %d outcomes, the run %s over %d", e.Test.Name, sum, len(keys), r.Stats.Consistent, len(want))
		}
	}
}

// TestConstrainedOrder checks that the order printed for a witness holds
// exactly the SC events and the allocation, in tot order.
func TestConstrainedOrder(t *testing.T) {
	lt := catalogTest(t, "MP+plain+scflag")
	r, err := enumerate.Run(lt, axioms.Wasm(), enumerate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range r.Outcomes {
		x := r.Witness(o)
		order := enumerate.ConstrainedOrder(axioms.Wasm(), x)
		var got []string
		for _, e := range order {
			got = append(got, x.Label(e))
		}
		slices.Sort(got)
		if want := []string{"T0.1", "T1.0", "init"}; !slices.Equal(got, want) {
			t.Errorf("constrained events %v, want %v", got, want)
		}
		if !slices.IsSortedFunc(order, func(a, b model.EventID) int { return slices.Index(x.Tot, a) - slices.Index(x.Tot, b) }) {
			t.Errorf("order %v does not follow tot %v", order, x.Tot)
		}
	}
}

// TestExplainBudget checks that the search for candidates stops at
// MaxCandidates and says so.
func TestExplainBudget(t *testing.T) {
	lt := catalogTest(t, "SB+sc")
	ex, err := enumerate.ExplainWith(lt, axioms.Wasm(), enumerate.Options{}, conditionOf(lt), enumerate.ExplainOptions{MaxCandidates: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !ex.Truncated || ex.Searched != 10 {
		t.Errorf("truncated %v after %d candidates, want true after 10", ex.Truncated, ex.Searched)
	}
	full, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, conditionOf(lt), 1)
	if err != nil {
		t.Fatal(err)
	}
	if full.Truncated || full.Searched != 64 || full.Outcomes[0].Candidates != 64 {
		t.Errorf("truncated %v after %d candidates (%d for the outcome), want false after 64", full.Truncated, full.Searched, full.Outcomes[0].Candidates)
	}
}

// TestJoinEdges checks that a thread that starts after another is
// hb-after it through a join edge: in Join+po, T1 reading the initial
// value or the overwritten first store breaks C2 (c) along T0.1 join T1.0.
func TestJoinEdges(t *testing.T) {
	tests, err := litmus.LoadFile("testdata/after.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lt := tests[0]
	ex, err := enumerate.Explain(lt, axioms.Wasm(), enumerate.Options{}, func(o model.Outcome) bool { return !lt.Condition.Prop.Eval(o) }, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, oe := range ex.Outcomes {
		got = append(got, oe.Outcome.String())
		if oe.Allowed {
			t.Errorf("outcome %s allowed", oe.Outcome)
		}
	}
	if d := cmp.Diff([]string{"T1:r0=0", "T1:r0=1"}, got); d != "" {
		t.Fatalf("outcomes (-want +got):\n%s", d)
	}
	g := ex.Outcomes[1].Groups[0]
	x := g.Examples[0].X
	if g.Axiom != model.AxHB || g.Clause != "c" {
		t.Errorf("breaks %s (%s), want hb-consistent (c)", g.Axiom, g.Clause)
	}
	var last, first model.EventID = x.Threads[1].Events[1], x.Threads[2].Events[0]
	path := enumerate.Path(enumerate.HBEdges(x, nil), last, first)
	if len(path) != 1 || path[0].Kind != enumerate.EdgeJoin {
		t.Errorf("path from %s to %s: %v, want one join edge", x.Label(last), x.Label(first), path)
	}
}
