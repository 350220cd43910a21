package conform

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"wmm/engine"
	"wmm/model"
)

// A Record is the JSON object of one test's result that wmm run --json
// and wmm validate --json print, one per line (LITMUS.md, "wmm run --json
// and wmm validate --json"). ReadRecords reads it back.
type Record struct {
	Name          string           `json:"name"`
	Engine        string           `json:"engine"`
	Version       string           `json:"version"`
	Mode          string           `json:"mode"`
	Stacked       bool             `json:"stacked,omitempty"`
	Memory        string           `json:"memory"`
	Iterations    int              `json:"iterations"`
	Dropped       int              `json:"dropped"`
	Histogram     []Count          `json:"histogram"`
	Condition     *string          `json:"condition"`
	ConditionSeen bool             `json:"condition_seen"`
	Model         string           `json:"model,omitempty"`
	ForbiddenSeen *int             `json:"forbidden_seen,omitempty"`
	NotSeen       *[]model.Outcome `json:"not_seen,omitempty"`
	Coverage      *float64         `json:"coverage,omitempty"`
	Rate          int64            `json:"iterations_per_second"`
	Concurrency   *float64         `json:"concurrency,omitempty"`
	Notes         []string         `json:"notes,omitempty"`
}

// A Count is one line of a Record's histogram. Allowed is set by validate
// only.
type Count struct {
	Outcome model.Outcome `json:"outcome"`
	Count   int           `json:"count"`
	Allowed *bool         `json:"allowed,omitempty"`
}

// NewRecord builds the JSON object of a result, judged by the model when
// c is not nil.
func NewRecord(res *engine.Result, c *Comparison) *Record {
	t := res.Test
	r := &Record{Name: t.Name, Engine: res.Engine, Version: res.Version, Mode: res.Config.Mode, Stacked: res.Config.Stacked, Memory: strings.Fields(memoryWay(res.Config.Memory))[0], Iterations: res.Iterations,
		Dropped: res.Dropped, Rate: int64(res.Rate()), Notes: res.Notes, Histogram: []Count{}}
	if cc, ok := res.Concurrency(); ok {
		r.Concurrency = &cc
	}
	lines := Lines(res, c)
	for _, l := range lines {
		h := Count{Outcome: l.Outcome, Count: l.N}
		if c != nil {
			h.Allowed = &l.Allowed
		}
		r.Histogram = append(r.Histogram, h)
	}
	if t.Condition != nil {
		s := t.Condition.String()
		r.Condition = &s
		pos, _ := conditionCounts(t, lines)
		r.ConditionSeen = pos > 0
	}
	if c != nil {
		r.Model = c.Model
		r.ForbiddenSeen = &c.ForbiddenRuns
		notSeen := append([]model.Outcome{}, c.NotSeen...)
		r.NotSeen = &notSeen
		if cov, ok := c.Coverage(); ok {
			r.Coverage = &cov
		}
	}
	return r
}

// WriteJSON prints r on one line.
func WriteJSON(w io.Writer, r *Record) {
	b, err := json.Marshal(r)
	if err != nil {
		fmt.Fprintf(w, "{\"name\": %q, \"error\": %q}\n", r.Name, err.Error())
		return
	}
	fmt.Fprintf(w, "%s\n", b)
}

// ReadRecords reads the JSON lines that WriteJSON writes; file names the
// input in errors. Every record must have a name and an engine; outcomes
// keep the order of their names.
func ReadRecords(r io.Reader, file string) ([]*Record, error) {
	dec := json.NewDecoder(r)
	var out []*Record
	for n := 1; ; n++ {
		var rec Record
		err := dec.Decode(&rec)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: object %d: %v", file, n, err)
		}
		if rec.Name == "" || rec.Engine == "" {
			return nil, fmt.Errorf("%s: object %d: expected the name and engine of a run, found neither", file, n)
		}
		out = append(out, &rec)
	}
}

// UnmarshalJSON decodes a histogram line; an error in its outcome says
// so.
func (c *Count) UnmarshalJSON(data []byte) error {
	var raw struct {
		Outcome json.RawMessage `json:"outcome"`
		Count   int             `json:"count"`
		Allowed *bool           `json:"allowed"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	var o model.Outcome
	if err := o.UnmarshalJSON(raw.Outcome); err != nil {
		return fmt.Errorf("outcome: %v", err)
	}
	*c = Count{Outcome: o, Count: raw.Count, Allowed: raw.Allowed}
	return nil
}
