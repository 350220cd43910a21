package main

import (
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"

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

// doShow prints the tests called names, each once, in the order asked.
func doShow(w io.Writer, names []string) error {
	entries, err := catalog.Load()
	if err != nil {
		return err
	}
	var shown []catalog.Entry
	var unknown []string
	for _, name := range names {
		found := selectEntries(entries, name)
		if len(found) == 0 {
			unknown = append(unknown, unknownName(entries, name))
		}
		for _, e := range found {
			if !slices.ContainsFunc(shown, func(s catalog.Entry) bool { return s.Test == e.Test }) {
				shown = append(shown, e)
			}
		}
	}
	for i, e := range shown {
		if i > 0 {
			io.WriteString(w, "---\n")
		}
		fmt.Fprintf(w, "# family %s (%s)\n", e.Family, path.Join(catalog.Dir, e.Family+".yaml"))
		io.WriteString(w, litmus.Format(e.Test))
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%s", strings.Join(unknown, "; "))
	}
	return nil
}

// selectEntries returns the test called name, or the tests of the family
// called name.
func selectEntries(entries []catalog.Entry, name string) []catalog.Entry {
	if e, ok := catalog.Lookup(entries, name); ok {
		return []catalog.Entry{e}
	}
	var out []catalog.Entry
	for _, e := range entries {
		if e.Family == name {
			out = append(out, e)
		}
	}
	return out
}

// unknownName says that name is in the catalogue neither as a test nor as
// a family, suggesting the closest names.
func unknownName(entries []catalog.Entry, name string) string {
	var names []string
	for _, e := range entries {
		names = append(names, e.Test.Name)
	}
	names = append(names, catalog.Families()...)
	msg := fmt.Sprintf("no test or family called %q in the catalogue", name)
	if close := closestNames(name, names, 5); len(close) > 0 {
		msg += " (did you mean " + strings.Join(close, ", ") + "?)"
	}
	return msg
}

// closestNames returns at most n of names close to name, ignoring case:
// the closest ones, if they are within an edit distance of a quarter of
// name's length (2 for short names, 1 for very short ones) or start with
// name.
func closestNames(name string, names []string, n int) []string {
	limit := max(2, len(name)/4)
	if len(name) <= 3 {
		limit = 1
	}
	type scored struct {
		name string
		d    int
	}
	var close []scored
	for _, c := range names {
		lname, lc := strings.ToLower(name), strings.ToLower(c)
		d := litmus.EditDistance(lname, lc)
		if len(name) >= 3 && strings.HasPrefix(lc, lname) {
			d = min(d, 1)
		}
		if d <= limit {
			close = append(close, scored{c, d})
		}
	}
	sort.SliceStable(close, func(i, j int) bool {
		if close[i].d != close[j].d {
			return close[i].d < close[j].d
		}
		return close[i].name < close[j].name
	})
	var out []string
	for i := 0; i < len(close) && i < n && close[i].d == close[0].d; i++ {
		out = append(out, close[i].name)
	}
	return out
}
