package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"wmm/enumerate"
)

// inputFlags are the flags that every command checking tests shares:
// where the tests come from and how the model runs them.
type inputFlags struct {
	catalog  bool
	features []string
	modelFlags
}

// register adds the flags; verb says what the command does with the
// bundled tests ("check", "explain", ...).
func (f *inputFlags) register(fl *pflag.FlagSet, verb string) {
	registerCatalog(fl, &f.catalog, verb)
	registerFeatures(fl, &f.features)
	f.modelFlags.register(fl)
}

// needInputs checks that the command line names tests to work on.
func (f *inputFlags) needInputs(cmd *cobra.Command, args []string) error {
	return needInputs(cmd, f.catalog, args)
}

// modelFlags say how the model runs a test: its variants, the loop
// bound and the budgets of the search.
type modelFlags struct {
	variants []string
	unroll   int
	budgetFlags
}

func (f *modelFlags) register(fl *pflag.FlagSet) {
	fl.StringSliceVar(&f.variants, "variant", nil, "model variants, comma-separated (wmm check --help lists them)")
	fl.Var(&skipValue{&f.variants}, "skip", "drop an `AXIOM` from the model to see what the others allow (repeatable; wmm check --help lists them)")
	registerUnroll(fl, &f.unroll)
	f.budgetFlags.register(fl, "candidate executions one test's search may look at (0: no limit); past it the result is unknown", 0)
}

// enumOptions returns the enumerator's options the flags ask for.
func (f *modelFlags) enumOptions() enumerate.Options {
	return enumerate.Options{Unroll: f.unroll, UnrollSet: f.unroll >= 0, Limits: f.limits(true)}
}

// registerCatalog adds --catalog; verb says what the command does with
// the bundled tests.
func registerCatalog(fl *pflag.FlagSet, p *bool, verb string) {
	fl.BoolVar(p, "catalog", false, verb+" bundled tests; arguments select tests or families (all when none)")
}

// registerUnroll adds --unroll.
func registerUnroll(fl *pflag.FlagSet, p *int) {
	*p = -1
	fl.Var(&unrollValue{p}, "unroll", "loop iterations the model explores beyond the first; -1 takes the test's unroll:, else 2")
}

// unrollValue is the pflag.Value of --unroll: -1 or more.
type unrollValue struct{ p *int }

func (u *unrollValue) String() string { return strconv.Itoa(*u.p) }
func (u *unrollValue) Type() string   { return "int" }

func (u *unrollValue) Set(s string) error {
	v := intValue{min: -1, max: 1 << 30, what: "-1 (the test's unroll:) or an iteration count from 0 to 1073741824"}
	if err := v.Set(s); err != nil {
		return err
	}
	*u.p = v.v
	return nil
}

// needInputs checks that the command line names tests to work on: files,
// or the catalogue.
func needInputs(cmd *cobra.Command, catalog bool, args []string) error {
	if !catalog && len(args) == 0 {
		return &usageError{cmd: cmd, err: errors.New("no files given (use --catalog for the bundled tests)")}
	}
	return nil
}

// skipValue is the pflag.Value of --skip: each axiom named becomes the
// model variant "skip=AXIOM" (axioms.Lookup checks the name).
type skipValue struct{ variants *[]string }

func (v *skipValue) String() string {
	var names []string
	for _, s := range *v.variants {
		if ax, ok := strings.CutPrefix(s, "skip="); ok {
			names = append(names, ax)
		}
	}
	return strings.Join(names, ",")
}

func (v *skipValue) Type() string { return "AXIOM" }

func (v *skipValue) Set(s string) error {
	for _, ax := range strings.Split(s, ",") {
		if ax = strings.TrimSpace(ax); ax == "" {
			return fmt.Errorf("expected an axiom name")
		}
		*v.variants = append(*v.variants, "skip="+ax)
	}
	return nil
}
