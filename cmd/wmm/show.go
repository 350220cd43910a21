package main

import (
	"fmt"
	"io"
	"path"

	"github.com/spf13/cobra"

	"wmm/catalog"
	"wmm/litmus"
)

const showLong = `Show prints tests of the bundled catalogue in canonical form, as wmm fmt
prints a file: name, doc (which explains, axiom by axiom, why the
expectation holds), memory, threads, condition and expectations. A comment
before each test names its family and the file it comes from, and tests are
separated by ---, so the output is itself a litmus file that wmm check reads.

Each NAME is a test name as wmm catalog lists it, or a family, which stands
for all its tests. An unknown name is an error that suggests the closest
names; the tests that were found are printed all the same.`

const showExample = `  wmm show MP+sc                    one test with its doc
  wmm show SB SB+sc                 two tests, separated by ---
  wmm show wait                     every test of the family wait
  wmm show IRIW > iriw.yaml         a copy to edit and check with wmm check iriw.yaml`

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "show NAME...",
		Short:   "Print bundled litmus tests with their docs",
		Long:    showLong,
		Example: showExample,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &usageError{cmd: cmd, err: fmt.Errorf("no test names given (wmm catalog lists them)")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return doShow(cmd.OutOrStdout(), args)
		},
	}
}

// doShow prints the tests called names, each once, in catalogue order;
// the tests found are printed even when some name is unknown.
func doShow(w io.Writer, names []string) error {
	entries, err := catalog.Load()
	if err != nil {
		return err
	}
	shown, err := catalog.Select(entries, names...)
	for i, e := range shown {
		if i > 0 {
			io.WriteString(w, "---\n")
		}
		fmt.Fprintf(w, "# family %s (%s)\n", e.Family, path.Join(catalog.Dir, e.Family+".yaml"))
		io.WriteString(w, litmus.Format(e.Test))
	}
	return err
}
