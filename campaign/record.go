package campaign

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"wmm/model"
)

// A Record is the result of one test of a campaign, one JSON object per
// line (LITMUS.md, "wmm campaign --json"): the test's verdict under each
// model and what each engine observed. Index and Of place it in the
// campaign's list of tests, and Campaign names the campaign (see ID), so
// that records written by different shards, machines or interrupted runs
// merge into one table with nothing lost or counted twice.
type Record struct {
	Campaign  string      `json:"campaign"`
	Index     int         `json:"index"`
	Of        int         `json:"of"`
	Name      string      `json:"name"`
	Source    string      `json:"source"` // the file the test came from, or "catalog"
	Condition *string     `json:"condition"`
	Models    []Verdict   `json:"models"`
	Runs      []EngineRun `json:"runs"`
}

// A Verdict is a test's result under one model: the observation of its
// condition (herd7's never, sometimes or always), or why there is none.
type Verdict struct {
	Model       string `json:"model"`
	Observation string `json:"observation,omitempty"` // empty when unknown or without condition
	Outcomes    int    `json:"outcomes"`              // distinct allowed outcomes
	Expect      string `json:"expect,omitempty"`      // the test's expectation for the model, as written
	OK          bool   `json:"ok"`                    // false when the expectation fails or the result is unknown
	Unknown     string `json:"unknown,omitempty"`     // why the search gave no result (a budget, an import)
	Error       string `json:"error,omitempty"`       // the search failed (file:line:col: message)
}

// An EngineRun is what one engine observed of a test with its memory made one
// way, judged by the campaign's first model.
type EngineRun struct {
	Engine     string `json:"engine"`
	Version    string `json:"version,omitempty"`
	Memory     string `json:"memory"` // imported or exported
	Iterations int    `json:"iterations"`
	// Condition counts the runs whose outcome satisfies the test's
	// condition.
	Condition int `json:"condition"`
	// Model names the model the histogram is judged by; Forbidden lists
	// the observed outcomes it forbids, ForbiddenRuns the runs that
	// produced them, NotSeen the allowed outcomes never produced, of
	// Allowed. All are empty when the model has no result.
	Model         string      `json:"model,omitempty"`
	Forbidden     []Forbidden `json:"forbidden"`
	ForbiddenRuns int         `json:"forbidden_runs"`
	NotSeen       int         `json:"not_seen"`
	Allowed       int         `json:"allowed"`
	Seconds       float64     `json:"seconds"`
	Skipped       string      `json:"skipped,omitempty"` // why the engine could not run the test
	Error         string      `json:"error,omitempty"`
}

// A Forbidden is an outcome an engine produced that the model forbids,
// with how often.
type Forbidden struct {
	Outcome model.Outcome `json:"outcome"`
	Count   int           `json:"count"`
}

// WriteJSON writes each record on one line.
func WriteJSON(w io.Writer, recs []*Record) error {
	bw := bufio.NewWriter(w)
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("campaign record %s: %v", r.Name, err)
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadJSON reads the records WriteJSON writes; file names the input in
// errors (file:line: message). A last line cut short (a run killed while
// writing its state file) is ignored when tolerateTail is set.
func ReadJSON(r io.Reader, file string, tolerateTail bool) ([]*Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<28)
	var out []*Record
	var pending error
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if pending != nil {
			return nil, pending
		}
		var rec Record
		if err := json.Unmarshal([]byte(text), &rec); err != nil {
			pending = fmt.Errorf("%s:%d: not a campaign record: %v", file, line, err)
			continue
		}
		if rec.Campaign == "" || rec.Name == "" || rec.Of <= 0 || rec.Index < 0 || rec.Index >= rec.Of {
			return nil, fmt.Errorf("%s:%d: not a campaign record (expected campaign, index, of and name; wmm campaign --json writes them)", file, line)
		}
		out = append(out, &rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if pending != nil && !tolerateTail {
		return nil, pending
	}
	return out, nil
}
