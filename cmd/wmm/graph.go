package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
)

const graphLong = `Graph draws executions of litmus tests, as SVG drawn by wmm itself (no
graphviz needed) or as DOT for graphviz.

The drawing has one column per thread, its events top to bottom in
program order, the memory's allocation ("init") and any setup code at the
top and the final observer at the bottom. Reads-from edges carry the byte
ranges they cover; a reads-from that synchronises (SC accesses of the same
range, a happens-before edge) is bold green, a reads-from of the length
location dashed blue, and events that write the length or read it SC
(memory.grow, memory.size) are dashed blue boxes. Suspension edges
(wait/notify, happens-before) are orange; a numbered badge gives the
position of each constrained event in the total order.

By default graph draws the outcomes of the test's condition (or those of
--outcome, as wmm explain selects them): for an allowed outcome one
execution that has it; for a forbidden one the simplest candidate
execution of each axiom it breaks, with what breaks the axiom in red (the
reads-from, the happens-before paths and the total-order facts it relies
on). With --all, graph draws one execution for every allowed outcome
instead.

Each graph goes to a file in the directory of -o (default: the current
one), named TEST-N.svg or TEST-N.dot; -o - writes to standard output (DOT
graphs one after another; one SVG only). --dot-svg renders the DOT with
graphviz's dot instead of wmm's own layout.`

const graphExample = `  wmm graph catalog/sb.yaml --test SB+sc -o /tmp/graphs
  wmm graph --catalog MP+sc --format dot -o - | dot -Tpng > mp.png
  wmm graph --all --catalog IRIW -o graphs/`

// graphFlags are the flags of wmm graph.
type graphFlags struct {
	explainFlags
	all, dotSVG bool
	format, out string // the output format and directory
}

func newGraphCmd() *cobra.Command {
	var f graphFlags
	cmd := command("graph [--test NAME] [--outcome PROP] [--all] FILE...", "Draw executions of litmus tests (SVG or DOT)", graphLong, graphExample, f.needInputs,
		func(cmd *cobra.Command, args []string) error {
			if f.format != "svg" && f.format != "dot" {
				return &usageError{cmd: cmd, err: fmt.Errorf("unknown format %q (want svg or dot)", f.format)}
			}
			return doGraph(cmd.OutOrStdout(), args, f)
		})
	fl := cmd.Flags()
	f.registerExplain(fl, "draw", "drawn", "drawn")
	fl.BoolVar(&f.all, "all", false, "draw one execution of every allowed outcome")
	fl.StringVar(&f.format, "format", "svg", "output format: svg or dot")
	fl.BoolVar(&f.dotSVG, "dot-svg", false, "render SVG with graphviz's dot instead of wmm's layout")
	fl.StringVarP(&f.out, "output", "o", ".", "directory for the graph files, or - for standard output")
	return cmd
}

// doGraph builds the graphs of every test and writes them.
func doGraph(w io.Writer, args []string, f graphFlags) error {
	m, err := axioms.Lookup(f.model, f.variants...)
	if err != nil {
		return err
	}
	if f.dotSVG {
		if _, err := exec.LookPath("dot"); err != nil {
			return errors.New("--dot-svg needs graphviz's dot, which is not installed (leave the flag out to draw with wmm's own layout)")
		}
	}
	tests, loadErr := selectTest(args, f.catalog, f.features, f.test)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	var graphs []namedGraph
	for _, t := range tests {
		gs, err := testGraphs(t, m, f)
		if err != nil {
			err, _ = unknownResult(t, m.Name(), err)
			errs.Wrap(litmus.Pos{}, err)
			continue
		}
		for i, g := range gs {
			graphs = append(graphs, namedGraph{name: reports.GraphName(t.Name, i+1), g: g})
		}
	}
	if err := writeGraphs(w, graphs, f); err != nil {
		return err
	}
	return errs.Err()
}

// A namedGraph is a graph with the file name (without extension) it goes
// to.
type namedGraph struct {
	name string
	g    *reports.Graph
}

// testGraphs returns the graphs of one test.
func testGraphs(t *litmus.Test, m *axioms.Model, f graphFlags) ([]*reports.Graph, error) {
	opts := f.explainOptions()
	order := func(x *model.Execution) []model.EventID { return enumerate.ConstrainedOrder(m, x) }
	if f.all {
		r, err := enumerate.Run(t, m, opts)
		if err != nil {
			return nil, err
		}
		return reports.WitnessGraphs(r, m.Name(), order, 0), nil
	}
	want, sel, err := selection(t, f.outcome)
	if err != nil {
		return nil, err
	}
	ex, err := enumerate.ExplainWith(t, m, opts, want, enumerate.ExplainOptions{Keep: f.examples, MaxCandidates: f.maxCandidates.v})
	if err != nil {
		return nil, err
	}
	return (&reports.Explain{Explanation: ex, Model: m.Name(), Selection: sel, Limit: f.limit, Order: order}).Graphs(), nil
}

// writeGraphs writes every graph to its file in f.out, or to w, and lists
// the files written on w.
func writeGraphs(w io.Writer, graphs []namedGraph, f graphFlags) error {
	ext := "." + f.format
	if f.out == "-" {
		if f.format == "svg" && len(graphs) > 1 {
			return fmt.Errorf("%d graphs to draw, but only one SVG document can go to standard output: use -o DIR", len(graphs))
		}
		for _, ng := range graphs {
			if err := renderGraph(w, ng.g, f); err != nil {
				return err
			}
		}
		return nil
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	for _, ng := range graphs {
		var buf bytes.Buffer
		if err := renderGraph(&buf, ng.g, f); err != nil {
			return err
		}
		path := filepath.Join(f.out, ng.name+ext)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s\n", path, ng.g.Title)
	}
	return nil
}

// renderGraph writes one graph in the chosen format.
func renderGraph(w io.Writer, g *reports.Graph, f graphFlags) error {
	switch {
	case f.format == "dot":
		return reports.WriteDOT(w, g)
	case f.dotSVG:
		var dot bytes.Buffer
		if err := reports.WriteDOT(&dot, g); err != nil {
			return err
		}
		cmd := exec.Command("dot", "-Tsvg")
		cmd.Stdin, cmd.Stdout = &dot, w
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("dot -Tsvg: %v: %s", err, strings.TrimSpace(stderr.String()))
		}
		return nil
	}
	return reports.WriteSVG(w, g)
}
