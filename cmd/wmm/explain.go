package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
)

const explainLong = `Explain says why the memory model allows or forbids outcomes of a litmus
test, in terms of its axioms (MODEL.md §8, named as in relaxed.rst).

The outcomes explained are those of the test's condition: the outcomes
that satisfy its proposition (for exists and ~exists) or that break it
(for forall); --outcome names others, as a proposition over the test's
names in the condition syntax ('T1:r0=1 /\ T1:r1=0').

For an allowed outcome, explain prints one execution that has it: its
events per thread (label, instruction, and each action with its ordering,
byte range and values), where every read takes each byte from
("T1.1 reads bytes [4,6) from T0.0, [6,8) from init"), the happens-before
edges that synchronisation adds, and the total order of the events whose
order matters (SC accesses, RMWs, suspension events).

For a forbidden outcome, explain finds every candidate execution that
would give it (every choice of writers that makes the reads return its
values) and counts them by the axiom and clause each breaks. For the
simplest candidate of each axiom it prints the execution and the relations
that break the axiom: the reads-from, each happens-before with the path of
program order, spawn, synchronisation and suspension edges that makes it,
and each total-order fact. When reads-from alone breaks nothing, no total
order works; explain then lists every branch of the search for one, each
with the axiom it breaks.

Event labels are stable: THREAD.INDEX (T1.0 is the first event of T1),
"init" for the memory's allocation (its initial length and contents),
setup.N for the setup code's events, final.N for the final observer's.

Explaining a forbidden outcome searches its candidates without the
pruning that makes wmm check fast; on large tests it is slow, and it stops
after --max-candidates candidates (saying so: the counts are then lower
bounds). --limit bounds the outcomes explained in full (0: all),
--examples the candidates printed per axiom. With --json, explain prints
one JSON object per test.`

const explainExample = `  wmm explain catalog/sb.yaml --test SB+sc
  wmm explain mp.yaml --outcome 'T1:r0=1 /\ T1:r1=0'
  wmm explain --catalog Tear+i32+setup --outcome 'T1:r0=0x02020101'
  wmm explain --json --catalog MP+sc`

// explainFlags are the flags of wmm explain.
type explainFlags struct {
	test, outcome, model string
	inputFlags
	json            bool
	limit, examples int
}

func newExplainCmd() *cobra.Command {
	var f explainFlags
	cmd := command("explain [--test NAME] [--outcome PROP] FILE...", "Explain why the model allows or forbids an outcome", explainLong, explainExample, f.needInputs,
		func(cmd *cobra.Command, args []string) error {
			return doExplain(cmd.OutOrStdout(), args, f)
		})
	f.registerExplain(cmd.Flags(), "explain", "explained in full", "printed")
	cmd.Flags().BoolVar(&f.json, "json", false, "print one JSON object per test")
	return cmd
}

// registerExplain adds the flags explain and graph share; verb, shown and
// printed say what the command does with a test, an outcome and a
// candidate execution ("explain", "explained in full", "printed").
func (f *explainFlags) registerExplain(fl *pflag.FlagSet, verb, shown, printed string) {
	fl.StringVar(&f.test, "test", "", verb+" only the test with this name")
	fl.StringVar(&f.outcome, "outcome", "", "the outcomes to "+verb+", as a proposition (default: the condition's)")
	fl.StringVar(&f.model, "model", "wasm", "memory model: wasm, js, js2017 or sc")
	f.register(fl, verb)
	fl.IntVar(&f.limit, "limit", 4, "outcomes "+shown+" per test (0: all)")
	fl.IntVar(&f.examples, "examples", 1, "candidate executions "+printed+" per violated axiom")
	// --max-candidates bounds the search for candidates of forbidden
	// outcomes here, not the ordinary search.
	f.maxCandidates.v = enumerate.DefaultMaxCandidates
	mc := fl.Lookup("max-candidates")
	mc.DefValue, mc.Usage = strconv.Itoa(enumerate.DefaultMaxCandidates), "stop looking at candidates of forbidden outcomes after this many"
}

// explainOptions returns the enumerator's options: the candidate budget
// is --max-candidates's only for the search of forbidden outcomes.
func (f *explainFlags) explainOptions() enumerate.Options {
	opts := f.enumOptions()
	opts.Limits.Candidates = 0
	return opts
}

// doExplain loads the tests, explains each, and returns the loading
// errors.
func doExplain(w io.Writer, args []string, f explainFlags) error {
	m, err := axioms.Lookup(f.model, f.variants...)
	if err != nil {
		return err
	}
	tests, loadErr := selectTest(args, f.catalog, f.features, f.test)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	for i, t := range tests {
		want, sel, err := selection(t, f.outcome)
		if err != nil {
			errs.Wrap(litmus.Pos{}, err)
			continue
		}
		ex, err := enumerate.ExplainWith(t, m, f.explainOptions(), want, enumerate.ExplainOptions{Keep: f.examples, MaxCandidates: f.maxCandidates.v})
		if err != nil {
			err, _ = unknownResult(t, m.Name(), err)
			errs.Wrap(t.Pos, err)
			continue
		}
		r := &reports.Explain{Explanation: ex, Model: m.Name(), Selection: sel, Limit: f.limit,
			Order: func(x *model.Execution) []model.EventID { return enumerate.ConstrainedOrder(m, x) }}
		if f.json {
			err = reports.WriteExplainJSON(w, r)
		} else {
			if i > 0 {
				fmt.Fprintln(w)
			}
			err = reports.WriteExplainText(w, r)
		}
		if err != nil {
			return err
		}
	}
	return errs.Err()
}

// selectTest loads the tests and keeps the one called name, if given.
func selectTest(args []string, fromCatalog bool, features []string, name string) ([]*litmus.Test, error) {
	tests, err := loadTests(args, fromCatalog, features)
	if name == "" {
		return tests, err
	}
	var names []string
	for _, t := range tests {
		if t.Name == name {
			return []*litmus.Test{t}, err
		}
		names = append(names, t.Name)
	}
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	errs.Addf(litmus.Pos{File: strings.Join(args, " ")}, "no test %s (tests: %s)", name, strings.Join(names, ", "))
	return nil, errs.Err()
}

// selection returns the outcomes to explain (Test.Selected) with a phrase
// that names them.
func selection(t *litmus.Test, outcome string) (func(model.Outcome) bool, string, error) {
	p, err := t.Selected(outcome, litmus.Pos{File: "--outcome", Line: 1, Col: 1})
	if err != nil {
		return nil, "", err
	}
	if outcome == "" && t.Condition == nil {
		return p.Eval, "any values", nil
	}
	return p.Eval, p.String(), nil
}
