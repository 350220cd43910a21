package main

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"wmm/enumerate"
)

// inputFlags are the flags that every command checking tests shares:
// where the tests come from and how the model runs them.
type inputFlags struct {
	catalog  bool
	variants []string
	unroll   int
}

// register adds the flags; verb says what the command does with the
// bundled tests ("check", "explain", ...).
func (f *inputFlags) register(fl *pflag.FlagSet, verb string) {
	fl.BoolVar(&f.catalog, "catalog", false, verb+" bundled tests; arguments select tests or families (all when none)")
	fl.StringSliceVar(&f.variants, "variant", nil, "model variants, comma-separated (wmm check --help lists them)")
	fl.IntVar(&f.unroll, "unroll", -1, "loop iterations beyond the first; -1 takes the test's unroll:, else 2")
}

// needInputs checks that the command line names tests to work on.
func (f *inputFlags) needInputs(cmd *cobra.Command, args []string) error {
	if !f.catalog && len(args) == 0 {
		return &usageError{cmd: cmd, err: errors.New("no files given (use --catalog for the bundled tests)")}
	}
	return nil
}

// options returns the enumerator's options the flags ask for.
func (f *inputFlags) options() enumerate.Options {
	return enumerate.Options{Unroll: f.unroll, UnrollSet: f.unroll >= 0}
}
