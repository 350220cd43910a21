package main

import (
	"strings"

	"github.com/spf13/pflag"

	"wmm/catalog"
	"wmm/litmus"
	_ "wmm/wast" // litmus.LoadFile reads threads-proposal .wast scripts
)

// loadTests loads the tests a command runs: the files and directories in
// args, or, with fromCatalog, the bundled catalogue, of which args select
// tests or families (all when args is empty). The error, an ErrorList,
// collects every loading error; the tests that loaded are returned all the
// same. features are the --feature flags: the opt-in features enabled for
// every file (a bundled test names its own).
func loadTests(args []string, fromCatalog bool, features []string) ([]*litmus.Test, error) {
	if err := litmus.CheckFeatures(features); err != nil {
		return nil, err
	}
	if fromCatalog {
		entries, err := catalog.Load()
		if err != nil {
			return nil, err
		}
		if len(args) > 0 {
			entries, err = catalog.Select(entries, args...)
		}
		tests := make([]*litmus.Test, len(entries))
		for i, e := range entries {
			tests[i] = e.Test
		}
		return tests, err
	}
	files, err := litmus.Options{Features: features}.LoadPaths(args)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	tests, err := litmus.Unique(files)
	errs.Wrap(litmus.Pos{}, err)
	return tests, errs.Err()
}

// registerFeatures adds --feature, which enables an opt-in feature
// (litmus.Features) for every test file the command loads.
func registerFeatures(fl *pflag.FlagSet, p *[]string) {
	fl.StringSliceVar(p, "feature", nil, "enable an opt-in feature for every test file, as a test's features: list does ("+strings.Join(litmus.Features, ", ")+"); repeatable")
}
