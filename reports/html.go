package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"wmm/conform"
	"wmm/litmus"
	"wmm/model"
)

// An HTMLReport is a set of checked tests to render as one self-contained
// HTML page (WriteHTML): no network access, no scripts, every graph
// inline SVG.
type HTMLReport struct {
	Title string
	Model string
	// Tables are shown before the tests, such as a campaign's comparison
	// table (campaign.HTMLTable).
	Tables []*HTMLTable
	Tests  []*HTMLTest
}

// An HTMLTable is a table of a report that is not one of its tests: a
// title, paragraphs, a header and rows, and a preformatted summary. A row
// that names a test the report holds links to that test's section.
type HTMLTable struct {
	Title   string
	Intro   []string
	Header  []string
	Rows    []HTMLRow
	Summary string // preformatted text after the table
}

// An HTMLRow is a row of an HTMLTable. Test is the name of the test the
// row is about; Bad marks the row (and Cells' Bad the cells) as showing
// a failure: a failed expectation or an outcome the model forbids.
type HTMLRow struct {
	Test  string
	Cells []HTMLCell
	Bad   bool
}

// An HTMLCell is a cell of an HTMLRow.
type HTMLCell struct {
	Text string
	Bad  bool
}

// An HTMLTest is one test of a report.
type HTMLTest struct {
	Check  *Check
	Family string // the catalogue family, or the file's name
	// Graphs holds one execution per allowed outcome (WitnessGraphs),
	// Undrawn the number of allowed outcomes left without one.
	Graphs  []*Graph
	Undrawn int
	Runs    []*conform.Record // engine results for the test, if any
}

// A bar is one row of an engine histogram chart.
type bar struct {
	Outcome   string
	Count     int
	Allowed   bool
	Satisfies bool // the outcome satisfies the condition's proposition
}

// bars lines up an engine's histogram with the allowed outcomes: every
// allowed outcome (observed or not) and every observed one, in outcome
// order.
func bars(c *Check, run *conform.Record) []bar {
	names := make([]string, len(c.Names))
	for i, n := range c.Names {
		names[i] = n.String()
	}
	var allowed model.OutcomeSet
	for _, o := range c.Outcomes {
		allowed.Add(o)
	}
	counts := map[string]int{}
	var all model.OutcomeSet
	for _, o := range c.Outcomes {
		all.Add(o)
	}
	for _, h := range run.Histogram {
		o := h.Outcome.Over(names)
		all.Add(o)
		counts[o.String()] += h.Count
	}
	var out []bar
	for _, o := range all.Sorted() {
		b := bar{Outcome: o.String(), Count: counts[o.String()], Allowed: allowed.Contains(o)}
		b.Satisfies = c.Test.Condition != nil && c.Test.Condition.Prop.Eval(o)
		out = append(out, b)
	}
	return out
}

// chartSVG draws an engine's histogram as horizontal bars beside the
// allowed set: observed allowed outcomes blue, observed forbidden ones
// red, allowed outcomes never observed as empty frames.
func chartSVG(c *Check, run *conform.Record) template.HTML {
	bs := bars(c, run)
	most := 1
	labelW := 0
	for _, b := range bs {
		most = max(most, b.Count)
		labelW = max(labelW, len(b.Outcome)+2)
	}
	const barW, rowH = 320.0, 18.0
	lx := float64(labelW)*6.6 + 10
	width, height := lx+barW+150, rowH*float64(len(bs))+36
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" class="wmm-chart" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="monospace" font-size="11">`, width, height, width, height)
	fmt.Fprintf(&sb, `<text x="0" y="13" font-weight="bold">%s: %d iterations</text>`, esc(run.Engine), run.Iterations)
	for i, b := range bs {
		y := 24 + rowH*float64(i)
		w := barW * float64(b.Count) / float64(most)
		if b.Count > 0 {
			w = max(w, 2)
		}
		fill, stroke, note := "#3a7bd5", "#3a7bd5", ""
		switch {
		case !b.Allowed:
			fill, stroke, note = "#c0152f", "#c0152f", " FORBIDDEN"
		case b.Count == 0:
			fill, note = "none", " not seen"
		}
		mark := "\u00a0\u00a0" // spaces that SVG text keeps
		if b.Satisfies {
			mark = "*\u00a0"
		}
		fmt.Fprintf(&sb, `<text x="0" y="%.1f">%s</text>`, y+12, esc(mark+b.Outcome))
		fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="13" fill="%s" stroke="%s"/>`, lx, y+2, max(w, 1), fill, stroke)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" fill="%s">%d%s</text>`, lx+max(w, 1)+6, y+12, stroke, b.Count, note)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// htmlTest is what the template shows of one test.
type htmlTest struct {
	*HTMLTest
	ID       string
	Code     []htmlCode
	Outcomes []htmlOutcome
	SVGs     []template.HTML
	Charts   []template.HTML
	YAML     string // the whole test, canonical
	Seen     string // engine summary for the table
	Bad      bool   // an engine produced a forbidden outcome
}

type htmlCode struct{ Name, Text string }

type htmlOutcome struct {
	Text      string
	Satisfies bool
}

// WriteHTML renders the report: a summary table (one row per test: its
// family, outcomes, condition, observation, expectation and verdict, and
// what the engines saw), then per test its doc, its code, the allowed
// outcomes, the execution graphs and the engines' histograms.
func WriteHTML(w io.Writer, r *HTMLReport) error {
	data := struct {
		*HTMLReport
		Tests     []*htmlTest
		Links     map[string]string // test name → its section's id
		Graphs    int
		HasEngine bool
		Failed    int
		Unknown   int
	}{HTMLReport: r, Links: map[string]string{}}
	for _, t := range r.Tests {
		ht, err := prepare(t)
		if err != nil {
			return err
		}
		data.Tests = append(data.Tests, ht)
		data.Links[t.Check.Test.Name] = ht.ID
		data.Graphs += len(ht.SVGs)
		data.HasEngine = data.HasEngine || len(t.Runs) > 0
		switch {
		case t.Check.Unknown != nil:
			data.Unknown++
		case !t.Check.Verdict.OK || ht.Bad:
			data.Failed++
		}
	}
	return htmlTemplate().Execute(w, data)
}

// prepare renders the parts of one test the template cannot.
func prepare(t *HTMLTest) (*htmlTest, error) {
	c := t.Check
	ht := &htmlTest{HTMLTest: t, ID: "test-" + anchor(c.Test.Name)}
	ht.YAML = litmus.Format(c.Test)
	for _, th := range c.Test.Threads {
		ht.Code = append(ht.Code, htmlCode{th.Name, strings.TrimRight(th.Text, "\n")})
	}
	for _, o := range c.Outcomes {
		ht.Outcomes = append(ht.Outcomes, htmlOutcome{o.String(), c.Test.Condition != nil && c.Test.Condition.Prop.Eval(o)})
	}
	for _, g := range t.Graphs {
		var buf bytes.Buffer
		if err := WriteSVG(&buf, g); err != nil {
			return nil, err
		}
		ht.SVGs = append(ht.SVGs, template.HTML(buf.String()))
	}
	var seen []string
	for _, run := range t.Runs {
		ht.Charts = append(ht.Charts, chartSVG(c, run))
		forbidden := 0
		for _, b := range bars(c, run) {
			if !b.Allowed {
				forbidden += b.Count
			}
		}
		ht.Bad = ht.Bad || forbidden > 0
		seen = append(seen, fmt.Sprintf("%s: %d forbidden", run.Engine, forbidden))
	}
	ht.Seen = strings.Join(seen, "; ")
	return ht, nil
}

// anchor turns a test name into an HTML id.
func anchor(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return r
		}
		return '_'
	}, s)
}

// htmlTemplate returns the report's template, parsed when first asked:
// a package variable would keep html/template's parser and executor
// (and, through its reflection, every exported method of the program) in
// every binary that imports reports, the playground's checker for the
// browser among them, which writes no HTML report.
func htmlTemplate() *template.Template {
	htmlOnce.Do(func() { htmlParsed = parseHTMLTemplate() })
	return htmlParsed
}

var (
	htmlOnce   sync.Once
	htmlParsed *template.Template
)

func parseHTMLTemplate() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"observation": func(c *Check) string {
			if c.Unknown != nil {
				return "unknown"
			}
			if c.Test.Condition == nil {
				return "—"
			}
			return c.Verdict.Observation.String()
		},
		"expect": func(c *Check) string {
			if c.Unknown != nil {
				if e, ok := c.Test.ExpectFor(c.Model); ok {
					return e.Word
				}
			}
			if c.Verdict.Expect == nil {
				return "—"
			}
			return c.Verdict.Expect.Word
		},
		"condition": func(c *Check) string {
			if c.Test.Condition == nil {
				return "—"
			}
			return c.Test.Condition.String()
		},
		"link":    func(links map[string]string, name string) string { return links[name] },
		"clean":   func(s string) string { return strings.TrimSpace(s) },
		"hasInit": func(t *litmus.Test) bool { return len(t.Init) > 0 },
		"inits": func(t *litmus.Test) string {
			var parts []string
			for _, in := range t.Init {
				parts = append(parts, fmt.Sprintf("i%d[%d] = %d", 8*in.Width, in.Addr, in.Value))
			}
			return strings.Join(parts, ", ")
		},
	}).Parse(htmlSource))
}

const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #1d1d1f; max-width: 1400px; }
h1 { font-size: 1.6em; }
h2 { margin-top: 2.2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
code, pre, td.mono { font-family: ui-monospace, monospace; font-size: 12px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d0d0; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
tr.fail td { background: #fde2e4; }
.ok { color: #1b7a3a; font-weight: bold; }
.failed { color: #c0152f; font-weight: bold; }
.doc { max-width: 60em; line-height: 1.45; }
.threads { display: flex; gap: 1.2em; flex-wrap: wrap; }
.threads pre { background: #f7f7f7; border: 1px solid #ddd; padding: .5em .8em; margin: .2em 0; }
.graphs { display: flex; gap: 1.5em; flex-wrap: wrap; align-items: flex-start; }
.graphs svg, .charts svg { border: 1px solid #ddd; background: #fff; }
.note { color: #666; font-style: italic; }
.sat { color: #1b7a3a; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{range .Tables}}
<section class="table">
<h2>{{.Title}}</h2>
{{range .Intro}}<p class="doc">{{.}}</p>{{end}}
<table>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if .Bad}} class="fail"{{end}}>{{$id := link $.Links .Test}}{{range $i, $c := .Cells}}<td class="mono">{{if and (eq $i 0) $id}}<a href="#{{$id}}">{{$c.Text}}</a>{{else if $c.Bad}}<span class="failed">{{$c.Text}}</span>{{else}}{{$c.Text}}{{end}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{with .Summary}}<pre>{{.}}</pre>{{end}}
</section>
{{end}}
{{if .Tests}}
<p>Model <code>{{.Model}}</code>: {{len .Tests}} test(s), {{.Graphs}} execution graph(s){{if .Failed}}, <span class="failed">{{.Failed}} with a failed expectation or a forbidden outcome observed</span>{{else if not .Unknown}}, <span class="ok">every expectation holds</span>{{end}}{{if .Unknown}}, <span class="failed">{{.Unknown}} without a result</span>{{end}}.
Outcomes marked * satisfy the test's condition.</p>
<table class="summary">
<thead><tr><th>Test</th><th>Family</th><th>Outcomes</th><th>Condition</th><th>Observation</th><th>Expected</th><th>Verdict</th>{{if .HasEngine}}<th>Engines</th>{{end}}</tr></thead>
<tbody>
{{- range .Tests}}
<tr{{if or (not .Check.Verdict.OK) .Bad}} class="fail"{{end}}><td><a href="#{{.ID}}">{{.Check.Test.Name}}</a></td><td>{{.Family}}</td><td>{{len .Check.Outcomes}}</td><td class="mono">{{condition .Check}}</td><td>{{observation .Check}}</td><td>{{expect .Check}}</td><td>{{if .Check.Unknown}}<span class="failed">unknown</span>{{else if .Check.Verdict.OK}}<span class="ok">ok</span>{{else}}<span class="failed">FAILED</span>{{end}}</td>{{if $.HasEngine}}<td>{{.Seen}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{end}}
{{range .Tests}}
<section id="{{.ID}}">
<h2>{{.Check.Test.Name}} <small>({{.Family}})</small></h2>
{{with .Check.Test.Doc}}<p class="doc">{{clean .}}</p>{{end}}
<div class="threads">
{{- range .Code}}<div><b>{{.Name}}</b><pre>{{.Text}}</pre></div>{{end}}
</div>
{{if hasInit .Check.Test}}<p>Initial contents: <code>{{inits .Check.Test}}</code></p>{{end}}
<details><summary>The whole test</summary><pre>{{.YAML}}</pre></details>
{{if .Check.Unknown}}<p>Condition <code>{{condition .Check}}</code>, expected <b>{{expect .Check}}</b>: <span class="failed">no result</span>: {{.Check.Unknown.Reason}}.</p>
{{else}}<p>Condition <code>{{condition .Check}}</code>: observation <b>{{observation .Check}}</b>, expected <b>{{expect .Check}}</b>: {{if .Check.Verdict.OK}}<span class="ok">ok</span>{{else}}<span class="failed">FAILED</span>{{end}}.
{{.Check.Stats.Consistent}} consistent execution(s){{if not .Check.Stats.Cut.IsZero}}, {{.Check.Stats.Cut}} cut by the loop bound{{end}}.</p>{{end}}
<table><thead><tr><th>Allowed outcome ({{len .Outcomes}})</th></tr></thead><tbody>
{{- range .Outcomes}}<tr><td class="mono">{{if .Satisfies}}<span class="sat">* </span>{{end}}{{.Text}}</td></tr>{{end}}
</tbody></table>
{{range .Check.Notes}}<p class="note">{{.}}</p>{{end}}
{{if .Charts}}<h3>Engines</h3><div class="charts">{{range .Charts}}{{.}}{{end}}</div>{{end}}
<h3>One execution per allowed outcome</h3>
<div class="graphs">{{range .SVGs}}{{.}}{{end}}</div>
{{if .Undrawn}}<p class="note">{{.Undrawn}} more allowed outcome(s) are not drawn (raise --max-graphs).</p>{{end}}
</section>
{{end}}
</body>
</html>
`
