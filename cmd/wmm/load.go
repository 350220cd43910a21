package main

import (
	"wmm/catalog"
	"wmm/litmus"
	_ "wmm/wast" // litmus.LoadFile reads threads-proposal .wast scripts
)

// loadTests loads the tests a command runs: the files and directories in
// args, or, with fromCatalog, the bundled catalogue, of which args select
// tests or families (all when args is empty). The error, an ErrorList,
// collects every loading error; the tests that loaded are returned all the
// same.
func loadTests(args []string, fromCatalog bool) ([]*litmus.Test, error) {
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
	files, err := litmus.LoadPaths(args)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	tests, err := litmus.Unique(files)
	errs.Wrap(litmus.Pos{}, err)
	return tests, errs.Err()
}
