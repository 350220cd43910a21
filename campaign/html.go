package campaign

import (
	"strings"

	"wmm/reports"
)

// HTMLTable returns the campaign's comparison table and summary as a
// table of an HTML report (reports.WriteHTML): the same rows, columns,
// cells and summary as WriteTable, with the rows and cells that show a
// failed expectation, a failed check or run, or a forbidden outcome
// marked.
func HTMLTable(recs []*Record, opts TableOptions) *reports.HTMLTable {
	t := &reports.HTMLTable{Title: "Campaign", Header: []string{"test"}}
	if len(recs) > 0 {
		t.Title = "Campaign " + recs[0].Campaign
		t.Intro = []string{"A model's column gives the observation of the test's condition (FAIL: the expectation fails); an engine's column gives the runs that satisfied the condition of all runs, both memory ways added (FORBIDDEN: the engine produced an outcome the first model forbids)."}
	}
	cols := Columns(recs)
	for _, c := range cols {
		t.Header = append(t.Header, c.Model+c.Engine)
	}
	for _, r := range recs {
		row := reports.HTMLRow{Test: r.Name, Cells: []reports.HTMLCell{{Text: r.Name}}}
		for _, c := range cols {
			s, bad := cell(r, c)
			row.Cells = append(row.Cells, reports.HTMLCell{Text: s, Bad: bad})
			row.Bad = row.Bad || bad
		}
		t.Rows = append(t.Rows, row)
	}
	var sb strings.Builder
	WriteSummary(&sb, recs, opts)
	t.Summary = sb.String()
	return t
}
