package campaign

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Column is a column of the table: a model (Model set) or an engine.
type Column struct {
	Model, Engine string
}

// Columns returns the table's columns for recs: the models in the order
// of the first record, then the engines in order of appearance.
func Columns(recs []*Record) []Column {
	var cols []Column
	if len(recs) == 0 {
		return nil
	}
	for _, v := range recs[0].Models {
		cols = append(cols, Column{Model: v.Model})
	}
	var engines []string
	for _, r := range recs {
		for _, run := range r.Runs {
			if !slices.Contains(engines, run.Engine) {
				engines = append(engines, run.Engine)
			}
		}
	}
	for _, e := range engines {
		cols = append(cols, Column{Engine: e})
	}
	return cols
}

// Cell returns the text of r's cell in column c: a model's observation
// (with FAIL when an expectation fails, unknown or error when there is
// none); an engine's count of runs that satisfied the condition of all
// runs (both memory modes added), with FORBIDDEN when an outcome the
// model forbids was seen, or skipped/error.
func Cell(r *Record, c Column) string {
	s, _ := cell(r, c)
	return s
}

// cell returns Cell's text and whether the cell shows a failure: a
// failed expectation, check or run, or a forbidden outcome.
func cell(r *Record, c Column) (text string, bad bool) {
	if c.Model != "" {
		for _, v := range r.Models {
			if v.Model == c.Model {
				return verdictCell(v)
			}
		}
		return "-", false
	}
	tot := r.engineTotals(c.Engine)
	switch {
	case tot.errors > 0:
		return "error", true
	case tot.runs == 0 && tot.skipped:
		return "skipped", false
	case tot.runs == 0:
		return "-", false
	}
	s := fmt.Sprintf("%d/%d", tot.condition, tot.iterations)
	if tot.forbiddenRuns > 0 {
		return s + " FORBIDDEN", true
	}
	return s, false
}

func verdictCell(v Verdict) (string, bool) {
	switch {
	case v.Error != "":
		return "error", true
	case v.Unknown != "":
		return "unknown", false
	case v.Observation == "":
		return "-", false
	case v.Expect != "" && !v.OK:
		return v.Observation + " FAIL", true
	}
	return v.Observation, false
}

// TableOptions say how WriteTable writes the commands that repeat a
// finding.
type TableOptions struct {
	// Flags are the flags of the campaign that wmm validate shares and
	// that records do not hold (--variant, --unroll, --seed, ...), as
	// they are to be written on the command line.
	Flags []string
}

// WriteTable prints the campaign's table in the manner of mcompare7: a row
// per test, a column per model (the observation of the condition) and per
// engine (runs that satisfied the condition / runs), then the summary.
func WriteTable(w io.Writer, recs []*Record, opts TableOptions) {
	cols := Columns(recs)
	width := len("test")
	for _, r := range recs {
		width = max(width, len(r.Name))
	}
	cells := make([][]string, len(recs))
	colWidth := make([]int, len(cols))
	for j, c := range cols {
		colWidth[j] = len(c.Model + c.Engine)
	}
	for i, r := range recs {
		for j, c := range cols {
			s := Cell(r, c)
			cells[i] = append(cells[i], s)
			colWidth[j] = max(colWidth[j], len(s))
		}
	}
	head := fmt.Sprintf("%-*s", width, "test")
	for j, c := range cols {
		head += fmt.Sprintf("  %-*s", colWidth[j], c.Model+c.Engine)
	}
	fmt.Fprintln(w, strings.TrimRight(head, " "))
	for i, r := range recs {
		line := fmt.Sprintf("%-*s", width, r.Name)
		for j := range cols {
			line += fmt.Sprintf("  %-*s", colWidth[j], cells[i][j])
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintln(w)
	WriteSummary(w, recs, opts)
}
