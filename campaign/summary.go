package campaign

import (
	"fmt"
	"io"
	"strings"
)

// A Summary counts what a campaign found.
type Summary struct {
	Campaign string
	Tests    int // records
	Of       int // tests in the whole campaign
	Models   []ModelSummary
	Engines  []EngineSummary
	// Splits lists, for each pair of models, the tests whose observation
	// differs between them (both known).
	Splits []Split
	// Findings are the engine runs that produced an outcome the model
	// forbids, in record order.
	Findings []Finding
	Failed   int // tests whose expectation failed under some model
	Errors   int // model checks or engine runs that failed
}

// A ModelSummary counts the observations under one model.
type ModelSummary struct {
	Model                          string
	Never, Sometimes, Always, None int
	Unknown, Errors, Failed        int
}

// An EngineSummary counts the runs of one engine.
type EngineSummary struct {
	Engine string
	// Tests ran at least once; Skipped never ran (the engine refused
	// them); Forbidden showed an outcome the model forbids; Seen
	// satisfied the condition in some run; Unseen are the tests whose
	// condition the first model allows (sometimes or always) that no run
	// satisfied.
	Tests, Skipped, Errors, Forbidden, Seen, Unseen int
	Runs, Iterations                                int
	Seconds                                         float64
	Unseen1                                         []string // the first names of Unseen
}

// A Split is the tests two models disagree on.
type Split struct {
	A, B  string
	Tests []string
}

// A Finding is an outcome an engine produced that the model forbids.
type Finding struct {
	Record *Record
	Run    EngineRun
}

// Summarize counts what recs found.
func Summarize(recs []*Record) *Summary {
	s := &Summary{Tests: len(recs)}
	if len(recs) == 0 {
		return s
	}
	s.Campaign, s.Of = recs[0].Campaign, recs[0].Of
	for _, c := range Columns(recs) {
		if c.Model != "" {
			s.Models = append(s.Models, ModelSummary{Model: c.Model})
		} else {
			s.Engines = append(s.Engines, EngineSummary{Engine: c.Engine})
		}
	}
	for i := range s.Models {
		for j := i + 1; j < len(s.Models); j++ {
			s.Splits = append(s.Splits, Split{A: s.Models[i].Model, B: s.Models[j].Model})
		}
	}
	for _, r := range recs {
		s.add(r)
	}
	return s
}

func (s *Summary) add(r *Record) {
	failed := false
	obs := map[string]string{}
	for _, v := range r.Models {
		for i := range s.Models {
			if s.Models[i].Model == v.Model {
				s.Models[i].add(v)
			}
		}
		if v.Error != "" {
			s.Errors++
		}
		if v.Expect != "" && !v.OK && v.Unknown == "" && v.Error == "" {
			failed = true
		}
		obs[v.Model] = v.Observation
	}
	if failed {
		s.Failed++
	}
	for i := range s.Splits {
		sp := &s.Splits[i]
		if a, b := obs[sp.A], obs[sp.B]; a != "" && b != "" && a != b {
			sp.Tests = append(sp.Tests, r.Name)
		}
	}
	allowed := len(r.Models) > 0 && (r.Models[0].Observation == "sometimes" || r.Models[0].Observation == "always")
	for i := range s.Engines {
		s.Engines[i].add(r, allowed)
	}
	for _, run := range r.Runs {
		if run.Error != "" {
			s.Errors++
		}
		if run.ForbiddenRuns > 0 {
			s.Findings = append(s.Findings, Finding{r, run})
		}
	}
}

func (m *ModelSummary) add(v Verdict) {
	switch {
	case v.Error != "":
		m.Errors++
	case v.Unknown != "":
		m.Unknown++
	case v.Observation == "never":
		m.Never++
	case v.Observation == "sometimes":
		m.Sometimes++
	case v.Observation == "always":
		m.Always++
	default:
		m.None++
	}
	if v.Expect != "" && !v.OK && v.Unknown == "" && v.Error == "" {
		m.Failed++
	}
}

func (e *EngineSummary) add(r *Record, allowed bool) {
	tot := r.engineTotals(e.Engine)
	e.Errors += tot.errors
	e.Runs += tot.runs
	e.Iterations += tot.iterations
	e.Seconds += tot.seconds
	switch {
	case tot.runs > 0:
		e.Tests++
	case tot.skipped:
		e.Skipped++
		return
	default:
		return
	}
	if tot.forbiddenRuns > 0 {
		e.Forbidden++
	}
	if tot.condition > 0 {
		e.Seen++
	} else if allowed {
		e.Unseen++
		if len(e.Unseen1) < 5 {
			e.Unseen1 = append(e.Unseen1, r.Name)
		}
	}
}

// runTotals sums the runs of one engine in a record: the runs that ran,
// those that failed, and whether any was skipped.
type runTotals struct {
	runs, errors, iterations, condition, forbiddenRuns int
	seconds                                            float64
	skipped                                            bool
}

// engineTotals sums the runs of r on engine.
func (r *Record) engineTotals(engine string) runTotals {
	var t runTotals
	for _, run := range r.Runs {
		if run.Engine != engine {
			continue
		}
		switch {
		case run.Skipped != "":
			t.skipped = true
		case run.Error != "":
			t.errors++
		default:
			t.runs++
			t.iterations += run.Iterations
			t.seconds += run.Seconds
			t.condition += run.Condition
			t.forbiddenRuns += run.ForbiddenRuns
		}
	}
	return t
}

// ValidateCommand returns the wmm validate command that repeats run of
// r's test; flags are the campaign's further flags (TableOptions.Flags).
func ValidateCommand(r *Record, run EngineRun, flags []string) string {
	args := []string{"wmm", "validate", "--engine", run.Engine, "--model", run.Model, "--memory", run.Memory, "-n", fmt.Sprint(run.Iterations)}
	args = append(args, flags...)
	if r.Source == "catalog" {
		return strings.Join(append(args, "--catalog", r.Name), " ")
	}
	quoted := strings.NewReplacer(".", `\.`, "+", `\+`).Replace(r.Name)
	return strings.Join(append(args, "--test", "'^"+quoted+"$'", r.Source), " ")
}

// WriteSummary prints the summary of recs: the observations per model,
// the tests that split two models, per engine the tests run, those with a
// forbidden outcome and those whose allowed condition no run showed, and
// every forbidden outcome with the command that repeats it.
func WriteSummary(w io.Writer, recs []*Record, opts TableOptions) {
	s := Summarize(recs)
	fmt.Fprintf(w, "Campaign %s: %d of the campaign's %d tests\n", s.Campaign, s.Tests, s.Of)
	for _, m := range s.Models {
		fmt.Fprintf(w, "  %-10s %d never, %d sometimes, %d always", m.Model, m.Never, m.Sometimes, m.Always)
		if m.None > 0 {
			fmt.Fprintf(w, ", %d without condition", m.None)
		}
		fmt.Fprintf(w, ", %d unknown, %d errors", m.Unknown, m.Errors)
		if m.Failed > 0 {
			fmt.Fprintf(w, ", %d expectations failed", m.Failed)
		}
		fmt.Fprintln(w)
	}
	for _, e := range s.Engines {
		fmt.Fprintf(w, "  %-10s %d tests run (%d runs, %d iterations, %.1f s), %d skipped, %d errors\n",
			e.Engine, e.Tests, e.Runs, e.Iterations, e.Seconds, e.Skipped, e.Errors)
		fmt.Fprintf(w, "  %-10s %d with a forbidden outcome; condition seen in %d; allowed by %s but never seen in %d",
			"", e.Forbidden, e.Seen, firstModel(s), e.Unseen)
		if len(e.Unseen1) > 0 {
			fmt.Fprintf(w, " (%s", strings.Join(e.Unseen1, ", "))
			if e.Unseen > len(e.Unseen1) {
				fmt.Fprint(w, ", ...")
			}
			fmt.Fprint(w, ")")
		}
		fmt.Fprintln(w)
	}
	for _, sp := range s.Splits {
		fmt.Fprintf(w, "  %s and %s differ on %d tests", sp.A, sp.B, len(sp.Tests))
		if len(sp.Tests) > 0 {
			n := min(len(sp.Tests), 10)
			fmt.Fprintf(w, ": %s", strings.Join(sp.Tests[:n], ", "))
			if len(sp.Tests) > n {
				fmt.Fprint(w, ", ...")
			}
		}
		fmt.Fprintln(w)
	}
	if len(s.Findings) == 0 {
		return
	}
	fmt.Fprintf(w, "Forbidden outcomes (%d runs):\n", len(s.Findings))
	for _, f := range s.Findings {
		for _, o := range f.Run.Forbidden {
			fmt.Fprintf(w, "  %s on %s (%s memory): %s seen %d of %d\n", f.Record.Name, f.Run.Engine, f.Run.Memory, o.Outcome, o.Count, f.Run.Iterations)
		}
		fmt.Fprintf(w, "    %s\n", ValidateCommand(f.Record, f.Run, opts.Flags))
	}
}

func firstModel(s *Summary) string {
	if len(s.Models) == 0 {
		return "the model"
	}
	return s.Models[0].Model
}
