package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"wmm/axioms"
	"wmm/campaign"
	"wmm/conform"
	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
	"wmm/reports"
)

const reportLong = `Report checks litmus tests and writes one self-contained HTML page about
them: no network access, no scripts, every drawing inline SVG, so that it
opens anywhere and can be mailed or archived.

The page starts with a summary table (one row per test: family, number of
allowed outcomes, condition, observation, expectation, verdict, and what
the engines saw), then gives each test its doc, its code, its allowed
outcomes (those marked * satisfy the condition), the observation and
expectation, and one execution graph per allowed outcome (as wmm graph
--all draws them; --max-graphs bounds them per test).

--results reads engine results, the JSON lines of wmm validate --json or
wmm run --json ("-" for standard input), and puts each engine's histogram
beside the allowed set as a bar chart: allowed outcomes seen in blue,
allowed outcomes never seen as empty frames, forbidden outcomes seen in
red. Together:

  wmm validate --json catalog/ | wmm report --html r.html --results - catalog/

--campaign reads a campaign's records (wmm campaign --json or --state, one
file per shard) and shows its comparison table and summary above the
tests, each row linked to its test when the report holds it.`

const reportExample = `  wmm report --html catalog.html --catalog
  wmm report --html sb.html catalog/sb.yaml
  wmm validate --json --catalog sb > sb.json && wmm report --html sb.html --results sb.json --catalog sb
  wmm campaign --json --catalog sb > c.jsonl && wmm report --html c.html --campaign c.jsonl --catalog sb`

// reportFlags are the flags of wmm report.
type reportFlags struct {
	html  string
	title string
	model string
	inputFlags
	results   []string
	campaigns []string
	maxGraphs int
}

func newReportCmd() *cobra.Command {
	var f reportFlags
	cmd := command("report --html OUT.html [--results FILE]... FILE...", "Write an HTML report of litmus tests, with graphs and engine results", reportLong, reportExample, f.needInputs,
		func(cmd *cobra.Command, args []string) error {
			if f.html == "" {
				return &usageError{cmd: cmd, err: errors.New("no output file: give --html OUT.html")}
			}
			return doReport(cmd.InOrStdin(), cmd.OutOrStdout(), args, f)
		})
	fl := cmd.Flags()
	fl.StringVar(&f.html, "html", "", "write the report to this file")
	fl.StringVar(&f.title, "title", "wmm report", "the page's title")
	fl.StringVar(&f.model, "model", "wasm", "memory model: wasm, js, js2017 or sc")
	f.register(fl, "report on")
	fl.StringSliceVar(&f.results, "results", nil, "engine results: JSON lines of wmm validate/run --json (- for standard input)")
	fl.StringSliceVar(&f.campaigns, "campaign", nil, "a campaign's records: JSON lines of wmm campaign --json or --state (repeatable, one per shard), shown as a table above the tests")
	fl.IntVar(&f.maxGraphs, "max-graphs", 12, "execution graphs per test (0: one per allowed outcome)")
	return cmd
}

// doReport checks the tests, builds the report and writes it.
func doReport(stdin io.Reader, stdout io.Writer, args []string, f reportFlags) error {
	m, err := axioms.Lookup(f.model, f.variants...)
	if err != nil {
		return err
	}
	runs, err := readRuns(stdin, f.results)
	if err != nil {
		return err
	}
	tests, loadErr := loadTests(args, f.catalog, f.features)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, loadErr)
	rep := &reports.HTMLReport{Title: f.title, Model: m.Name()}
	if len(f.campaigns) > 0 {
		recs, err := readCampaign(f.campaigns)
		if err != nil {
			return err
		}
		rep.Tables = append(rep.Tables, campaign.HTMLTable(recs, campaign.TableOptions{}))
	}
	graphs := 0
	for _, t := range tests {
		ht, err := reportTest(t, m, f)
		if err != nil {
			err, unknown := unknownResult(t, m.Name(), err)
			errs.Wrap(t.Pos, err)
			if !unknown {
				continue
			}
			// A budget ran out: the test stays in the report, saying so.
			ht = &reports.HTMLTest{Check: reports.NewUnknown(t, m.Name(), err), Family: t.Family()}
		}
		ht.Runs = runs[t.Name]
		graphs += len(ht.Graphs)
		rep.Tests = append(rep.Tests, ht)
	}
	var buf bytes.Buffer
	if err := reports.WriteHTML(&buf, rep); err != nil {
		return err
	}
	if err := os.WriteFile(f.html, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d test(s), %d execution graph(s)\n", f.html, len(rep.Tests), graphs)
	return errs.Err()
}

// reportTest checks one test and draws one execution per allowed outcome.
func reportTest(t *litmus.Test, m *axioms.Model, f reportFlags) (*reports.HTMLTest, error) {
	r, err := enumerate.Run(t, m, f.enumOptions())
	if err != nil {
		return nil, err
	}
	order := func(x *model.Execution) []model.EventID { return enumerate.ConstrainedOrder(m, x) }
	gs := reports.WitnessGraphs(r, m.Name(), order, f.maxGraphs)
	return &reports.HTMLTest{Check: reports.NewCheck(r), Family: t.Family(), Graphs: gs, Undrawn: len(r.Outcomes) - len(gs)}, nil
}

// readCampaign reads and merges the records of a campaign's shards (wmm
// campaign --merge, wmm report --campaign).
func readCampaign(files []string) ([]*campaign.Record, error) {
	var sets []campaign.Set
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		recs, err := campaign.ReadJSON(bytes.NewReader(b), name, false)
		if err != nil {
			return nil, err
		}
		sets = append(sets, campaign.Set{Source: name, Records: recs})
	}
	return campaign.Merge(sets...)
}

// readRuns reads the engine results files and groups the runs by test.
func readRuns(stdin io.Reader, files []string) (map[string][]*conform.Record, error) {
	out := map[string][]*conform.Record{}
	for _, file := range files {
		var r io.Reader = stdin
		if file != "-" {
			data, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			r = bytes.NewReader(data)
		}
		runs, err := conform.ReadRecords(r, file)
		if err != nil {
			return nil, err
		}
		for _, run := range runs {
			out[run.Name] = append(out[run.Name], run)
		}
	}
	return out, nil
}
