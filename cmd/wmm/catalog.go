package main

import (
	"io"

	"github.com/spf13/cobra"

	"wmm/catalog"
	"wmm/reports"
)

const catalogLong = `Catalog lists the litmus tests bundled with wmm, one line per test: its
family, its name and the first sentence of its doc. A family is one file of
the catalogue (sb, mp, tearing, wait, ...) and holds a classic shape with its
variations.

Every bundled test states its expectation under the Wasm model, and under
the JavaScript models and the variants of MODEL.md §12 where they differ.
To check them, use wmm check --catalog: without names it checks the whole
catalogue, and names of tests or families select some of it; with
--every-model it checks each test under every model its expectations name.
wmm show NAME prints a test in full, with the doc that explains its
expectation.

With --json, catalog prints one JSON object per test, one per line:
{"family": ..., "name": ..., "summary": ...}.`

const catalogExample = `  wmm catalog                             every bundled test
  wmm catalog --family sb --family mp     the store-buffering and message-passing families
  wmm check --catalog                     check the whole catalogue under wasm
  wmm check --catalog --every-model sb    check family sb under every model it names
  wmm show MP+sc                          print one test with its doc`

// catalogFlags are the flags of wmm catalog.
type catalogFlags struct {
	families []string
	json     bool
}

func newCatalogCmd() *cobra.Command {
	var f catalogFlags
	cmd := command("catalog [--family F]... [--json]", "List the bundled litmus tests", catalogLong, catalogExample, noArgs,
		func(cmd *cobra.Command, args []string) error {
			return doCatalog(cmd.OutOrStdout(), f)
		})
	cmd.Flags().StringSliceVar(&f.families, "family", nil, "list only this family (repeatable)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print one JSON object per test")
	return cmd
}

// doCatalog lists the catalogue, or the families asked for.
func doCatalog(w io.Writer, f catalogFlags) error {
	entries, err := catalog.Load()
	if err != nil {
		return err
	}
	lines, err := catalog.List(entries, f.families...)
	if err != nil {
		return err
	}
	if f.json {
		return reports.WriteCatalogJSON(w, lines)
	}
	reports.WriteCatalogText(w, lines)
	return nil
}
