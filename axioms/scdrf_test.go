package axioms_test

import (
	"testing"
	"time"

	"wmm/axioms"
	"wmm/model"
)

// TestSCDRF checks the paper's Proposition 6.1 (SC-DRF) for wasm and js on
// generated programs: when no consistent execution of a program has a data
// race (Fig. 17, under the model's own happens-before), every consistent
// execution's total order is sequentially consistent (is-seqcst) and the
// program's outcomes are exactly its sc outcomes. On every program, racy
// or not, every sc outcome must be allowed (sc is the strongest model).
func TestSCDRF(t *testing.T) {
	for _, name := range []string{"wasm", "js"} {
		t.Run(name, func(t *testing.T) {
			checkSCDRF(t, mustLookup(t, name), howMany(60))
		})
	}
}

// checkSCDRF runs the SC-DRF check on programs until want of them are
// race-free.
func checkSCDRF(t *testing.T, m *axioms.Model, want int) {
	sc := mustLookup(t, "sc")
	g := newGenerator(1, genOpts{mixed: true, cmpxchg: true})
	start := time.Now()
	drf, racy, withPlain, withMixed := 0, 0, 0, 0
	for drf < want {
		p, tt := draw(t, g)
		r := runOrFail(t, p, tt, m)
		s := runOrFail(t, p, tt, sc)
		if missing := outcomesOnly(s, r); missing != "" {
			t.Fatalf("%s forbids sc outcomes:\n%s\nprogram:\n%s", m.Name(), missing, p.yaml())
		}
		if r.race != "" {
			racy++
			continue
		}
		drf++
		plain, mixed := p.kinds()
		withPlain += plain
		withMixed += mixed
		if r.nonSC != nil {
			t.Fatalf("a race-free %s execution is not SC:\n%s", m.Name(), describe(p, r.nonSC, r.nonSCWhy))
		}
		if extra := outcomesOnly(r, s); extra != "" {
			t.Fatalf("race-free program with outcomes sc does not allow:\n%s\nprogram:\n%s", extra, p.yaml())
		}
	}
	t.Logf("%s: SC-DRF holds on %d race-free programs (%d with plain accesses, %d with mixed sizes; %d racy ones also generated, sc outcomes allowed on all) in %v",
		m.Name(), drf, withPlain, withMixed, racy, time.Since(start).Round(time.Millisecond))
}

// TestSCDRFFailsJS2017 checks that the generator finds race-free
// programs with non-SC executions under js2017, that the current model
// (js) rejects each of them by clause (ii) † or (iii) ‡ of sc-last-visible,
// and that one of the shape of the paper's Fig. 18 turns up: two SC writes
// of one location, in different threads, both hb-before two plain reads
// of it in one thread that see them in the order no interleaving
// explains (clause ‡). Other shapes found on the way are logged.
func TestSCDRFFailsJS2017(t *testing.T) {
	js2017, js, sc := mustLookup(t, "js2017"), mustLookup(t, "js"), mustLookup(t, "sc")
	g := newGenerator(2, genOpts{shape: shapeMP, twoThreads: true})
	kinds := map[string]int{}
	const tries = 30000
	for i := 0; i < tries; i++ {
		p, tt := draw(t, g)
		r := runOrFail(t, p, tt, js2017)
		if r.race != "" || r.nonSC == nil {
			continue
		}
		x, v, kind := classify(js, r)
		if v == nil {
			t.Fatalf("js does not reject a non-SC race-free js2017 execution by † or ‡:\n%s", describe(p, x, r.nonSCWhy))
		}
		if kinds[kind]++; kinds[kind] > 1 {
			continue
		}
		extra := outcomesOnly(r, runOrFail(t, p, tt, sc))
		t.Logf("program %d: a non-SC race-free js2017 execution that js rejects by %v\noutcomes sc does not allow:\n%s\n%s", i+1, v, extra, describe(p, x, axioms.IsSeqCst(x)))
		if kind == "Fig. 18" {
			if extra == "" {
				t.Fatalf("the Fig. 18 counterexample has only sc outcomes")
			}
			t.Logf("Fig. 18's shape found after %d programs; counterexamples by kind: %v", i+1, kinds)
			return
		}
	}
	t.Fatalf("no counterexample of Fig. 18's shape in %d programs (found: %v)", tries, kinds)
}

// classify returns the most telling of r's non-SC executions with js's
// verdict on it and its kind: "Fig. 18" for one of that shape, else the
// clause of sc-last-visible that js breaks ("ii" for †, "iii" for ‡). It
// returns a nil violation for an execution that js accepts or rejects for
// another reason (a failure of the test).
func classify(js *axioms.Model, r *run) (*model.Execution, *model.Violation, string) {
	var first *model.Execution
	var firstV *model.Violation
	for _, x := range append([]*model.Execution{r.nonSC}, r.moreNonSC...) {
		v := js.Check(x)
		if v == nil || v.Axiom != model.AxSCLast || v.Clause == "i" {
			return x, nil, ""
		}
		if v.Clause == "iii" && fig18Shape(x, v) {
			return x, v, "Fig. 18"
		}
		if first == nil {
			first, firstV = x, v
		}
	}
	return first, firstV, firstV.Clause
}

// fig18Shape reports whether the violation v of clause (iii) names the
// events of Fig. 18: SC writes W and W' of the same range, in different
// threads, both hb-before the plain read R that reads from W, with W
// before W' in tot; and another plain read of the same range in R's
// thread that reads from W'.
func fig18Shape(x *model.Execution, v *model.Violation) bool {
	if len(v.Events) != 3 {
		return false
	}
	w, w2, r := v.Events[0], v.Events[1], v.Events[2]
	ew, ew2, er := x.Events[w], x.Events[w2], x.Events[r]
	if ew.Thread == ew2.Thread || er.Data.Ord != model.Unord || !model.Sync(ew.Data, ew2.Data) || !er.Data.Same(ew.Data) {
		return false
	}
	hb := axioms.Wasm().HB(x)
	if !hb.Has(w, r) || !hb.Has(w2, r) {
		return false
	}
	for _, id := range x.Threads[er.Thread].Events {
		e := x.Events[id]
		if id != r && e.Data.Reading() && e.Data.Ord == model.Unord && e.Data.Same(er.Data) && slicesEqual(x.Writers(id, model.Data), []model.EventID{w2}) {
			return true
		}
	}
	return false
}

func slicesEqual(a, b []model.EventID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
