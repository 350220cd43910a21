package axioms_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// The property tests generate programs (gen_test.go) and compare models on
// them. By default each runs on a few hundred programs, in seconds; a long
// run sets how many:
//
//	go test ./axioms -run SCDRF -props=10000 -timeout=2h
var props = flag.Int("props", 0, "programs (data-race-free ones, for SC-DRF) each property test checks; 0 for the short run")

// howMany returns the number of programs a property test checks.
func howMany(short int) int {
	if *props > 0 {
		return *props
	}
	return short
}

// A run is what the property tests keep of one enumeration.
type run struct {
	test *litmus.Test
	res  *enumerate.Result
	set  *model.OutcomeSet
	// race is the first data race found in a consistent execution (the
	// model's own definition, Fig. 17), "" when there is none.
	race string
	// nonSC is a consistent, race-free execution whose total order is not
	// sequentially consistent (is-seqcst of Fig. 17 fails), with why;
	// moreNonSC the others, up to maxNonSC in all.
	nonSC     *model.Execution
	nonSCWhy  *model.Violation
	moreNonSC []*model.Execution
}

// maxNonSC bounds the non-SC executions a run keeps.
const maxNonSC = 64

// enumerateRun runs t under m, looking at every consistent execution for
// data races and for race-free executions that are not SC.
func enumerateRun(t *litmus.Test, m *axioms.Model) (*run, error) {
	r := &run{test: t}
	opts := enumerate.Options{OnCandidate: func(c *enumerate.Candidate) {
		if c.Violation != nil || c.Cut {
			return
		}
		if race, ok := m.DataRace(c.X); ok {
			if r.race == "" {
				r.race = race.String(c.X)
			}
			return
		}
		if v := axioms.IsSeqCst(c.X); v != nil {
			switch {
			case r.nonSC == nil:
				r.nonSC, r.nonSCWhy = c.X.Clone(), v
			case len(r.moreNonSC) < maxNonSC-1:
				r.moreNonSC = append(r.moreNonSC, c.X.Clone())
			}
		}
	}}
	res, err := enumerate.Run(t, m, opts)
	if err != nil {
		return nil, err
	}
	r.res = res
	r.set = &model.OutcomeSet{}
	for _, o := range res.Outcomes {
		r.set.Add(o)
	}
	return r, nil
}

// outcomesOnly returns the outcomes of a not in b, one per line.
func outcomesOnly(a, b *run) string {
	var lines []string
	for _, o := range a.set.Minus(b.set) {
		lines = append(lines, "  "+o.String())
	}
	return strings.Join(lines, "\n")
}

// mustLookup returns the model called name.
func mustLookup(t *testing.T, name string) *axioms.Model {
	t.Helper()
	m, err := axioms.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// draw returns the next program of g as a test.
func draw(t *testing.T, g *generator) (*program, *litmus.Test) {
	t.Helper()
	p := g.program()
	tt, err := p.test()
	if err != nil {
		t.Fatalf("generated program does not load: %v", err)
	}
	return p, tt
}

// runOrFail runs tt under m.
func runOrFail(t *testing.T, p *program, tt *litmus.Test, m *axioms.Model) *run {
	t.Helper()
	r, err := enumerateRun(tt, m)
	if err != nil {
		t.Fatalf("%s: %v\n%s", m.Name(), err, p.yaml())
	}
	return r
}

// describe prints a counterexample: the program and an execution.
func describe(p *program, x *model.Execution, why error) string {
	return fmt.Sprintf("program:\n%s\nexecution:\n%s%v", p.yaml(), x, why)
}
