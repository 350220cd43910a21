package main

import (
	"io"

	"github.com/spf13/cobra"

	"wmm/litmus"
)

const checkLong = `Check loads the litmus tests in the given files and checks them.

Each file holds one test or several (YAML documents separated by ---). A
directory stands for the .yaml and .yml files in it. For now check loads
and validates every test (its YAML structure, each thread's WebAssembly
code, the names in its condition) and prints the test's normalised form;
checking against the memory model comes next.

Errors are reported as file:line:col: message, pointing into the YAML file
(inside a thread's code, at the offending token). A test with an error is
left out; the other tests of the file are still checked. The exit status is
2 when any input could not be read or checked.`

const checkExample = `  wmm check mp.yaml
  wmm check catalog/
  wmm check sb.yaml mp.yaml lb.yaml`

func newCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "check FILE...",
		Short:   "Load and check litmus tests",
		Long:    checkLong,
		Example: checkExample,
		Args:    needFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			return doCheck(cmd.OutOrStdout(), args)
		},
	}
}

// doCheck loads the files and reports on each test that loaded; the
// loading errors are returned, to be printed once by run.
func doCheck(w io.Writer, paths []string) error {
	files, err := loadFiles(paths)
	var errs litmus.ErrorList
	appendErrors(&errs, err)
	tests, err := uniqueTests(files)
	appendErrors(&errs, err)
	if err := printNormalised(w, tests); err != nil {
		return err
	}
	return errs.Err()
}

// printNormalised prints the tests in canonical form, as one YAML stream.
func printNormalised(w io.Writer, tests []*litmus.Test) error {
	if len(tests) == 0 {
		return nil
	}
	_, err := io.WriteString(w, litmus.FormatFile(tests))
	return err
}
