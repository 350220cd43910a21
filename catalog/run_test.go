package catalog_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/internal/litmustest"
	"wmm/litmus"
	"wmm/wast"
)

// TestRunCatalogue checks every test of the catalogue under every model
// its expect: names, as wmm check --catalog --every-model does: each
// expectation must hold, every test must have allowed outcomes, and the
// enumerator's fast checks must agree with the models' complete predicate.
func TestRunCatalogue(t *testing.T) {
	entries := litmustest.Catalog(t)
	perFamily := map[string]int{}
	for _, e := range entries {
		perFamily[e.Family]++
		for _, key := range expectKeys(e.Test) {
			t.Run(e.Test.Name+"/"+key, func(t *testing.T) {
				checkExpectation(t, e.Test, key)
			})
		}
	}
	t.Logf("%d tests: %s", len(entries), familyCounts(perFamily))
}

// TestRunWast imports every script of wast/testdata/wast (the threads
// proposal's test/core/threads) and of wast/testdata/wast-good, and checks each test made from it under
// the wasm model: what the script asserts must always hold. What the
// importer refuses is logged with the reason. The scripts whose every
// command the importer supports must import without an error, so that a
// regression in the importer cannot pass as "not imported".
func TestRunWast(t *testing.T) {
	complete := []string{"LB.wast", "LB_atomic.wast", "MP.wast", "MP_atomic.wast", "SB.wast", "SB_atomic.wast",
		"simple.wast", "thread.wast", "wait_notify.wast"}
	paths, err := filepath.Glob(filepath.Join("..", "wast", "testdata", "wast", "*.wast"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts in wast/testdata/wast (%v)", err)
	}
	// The importer's own examples, which exercise setup code, arguments,
	// early returns, expected traps and scripts without threads.
	own, err := filepath.Glob(filepath.Join("..", "wast", "testdata", "wast-good", "*.wast"))
	if err != nil || len(own) == 0 {
		t.Fatalf("no scripts in wast/testdata/wast-good (%v)", err)
	}
	for _, p := range own {
		complete = append(complete, filepath.Base(p))
	}
	paths = append(paths, own...)
	for _, path := range paths {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		imp := wast.Import(name, data)
		if slices.Contains(complete, name) && (len(imp.Errors) > 0 || len(imp.Tests) == 0) {
			t.Errorf("%s: want every command imported, got %d tests and errors:\n%s", name, len(imp.Tests), joinErrors(imp.Errors))
		}
		t.Logf("%s: %d tests; %s", name, len(imp.Tests), refusals(imp.Errors))
		for _, test := range imp.Tests {
			t.Run(test.Name, func(t *testing.T) {
				checkExpectation(t, test, litmus.DefaultModel)
			})
		}
	}
}

// checkExpectation runs test under the model called key and checks its
// expectation for that model.
func checkExpectation(t *testing.T, test *litmus.Test, key string) {
	t.Helper()
	m, err := axioms.Lookup(key)
	if err != nil {
		t.Fatalf("%s: %v", test.Name, err)
	}
	res, err := enumerate.Run(test, m, enumerate.Options{})
	if err != nil {
		t.Fatalf("%s: %v", test.Name, err)
	}
	if res.Stats.Mismatches != 0 {
		t.Errorf("%s under %s: %d executions passed the fast checks but not the complete predicate", test.Name, key, res.Stats.Mismatches)
	}
	if len(res.Outcomes) == 0 {
		t.Errorf("%s under %s: no allowed outcome", test.Name, key)
	}
	v := test.Judge(key, res.Outcomes)
	if !v.OK {
		t.Errorf("%s under %s: condition %s is %s (%d of %d outcomes satisfy it), expected %s; outcomes:\n%s",
			test.Name, key, test.Condition, v.Observation, v.Positive, v.Positive+v.Negative, v.Expect.Word, outcomeLines(res))
	}
}

// expectKeys returns the model keys of test's expectations, normalised and
// sorted.
func expectKeys(test *litmus.Test) []string {
	var keys []string
	for k := range test.Expect {
		if k = litmus.ModelKey(k); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func outcomeLines(res *enumerate.Result) string {
	var b strings.Builder
	for _, o := range res.Outcomes {
		fmt.Fprintf(&b, "  %s\n", o)
	}
	return b.String()
}

func familyCounts(counts map[string]int) string {
	var fams []string
	for f := range counts {
		fams = append(fams, f)
	}
	sort.Strings(fams)
	var parts []string
	for _, f := range fams {
		parts = append(parts, fmt.Sprintf("%s %d", f, counts[f]))
	}
	return strings.Join(parts, ", ")
}

func joinErrors(errs litmus.ErrorList) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	return b.String()
}

// refusals summarises what the importer left out: how many commands for
// each reason (the message without its position and quoted details).
func refusals(errs litmus.ErrorList) string {
	if len(errs) == 0 {
		return "nothing refused"
	}
	counts := map[string]int{}
	var reasons []string
	for _, e := range errs {
		r := e.Msg
		if i := strings.Index(r, ": "); i >= 0 && strings.HasPrefix(r, "unsupported: a call of") {
			r = "unsupported: a call of a function whose module is left out" + r[strings.LastIndex(r, ": "):]
		}
		if counts[r] == 0 {
			reasons = append(reasons, r)
		}
		counts[r]++
	}
	var parts []string
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%d× %s", counts[r], r))
	}
	return "refused: " + strings.Join(parts, "; ")
}
