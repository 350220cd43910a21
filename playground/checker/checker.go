// Package checker holds what the playground's page asks of the checker
// once it runs in the browser: check a test (the JSON of wmm check --json
// with the rows of the outcome table), explain an outcome, draw its
// graphs, list the catalogue, compile a test for the browser's own engine
// (the module and configuration of engine/harness.js, as wmm run gives
// node) and judge that run's result by the model, as wmm validate does. Each request and answer is JSON, so that the
// Web Worker's glue (package playground/worker, built for js/wasm) only
// passes strings; the package itself is ordinary Go and is tested natively.
//
// The checks are the command line's: the same loader, enumerator, axioms
// and reports, with the same defaults, except the memory budget, which is
// the browser's (MemoryBudget).
package checker

import (
	"encoding/json"
	"errors"

	"wmm/budget"
	"wmm/engine"
	"wmm/litmus"
	"wmm/position"
)

// File is the name the editor's text goes by in positions:
// "test.yaml:3:7: ...".
const File = "test.yaml"

// MemoryBudget is the heap a search may use in the browser: a Go program
// compiled to js/wasm has a 32-bit address space.
const MemoryBudget = 1 << 30

// A Request is one question of the page.
type Request struct {
	// Op is "check", "explain", "graph", "catalog" (the bundled tests,
	// the models and the variants), "compile" or "judge" (a run on the
	// browser's engine).
	Op string `json:"op"`
	// Source is the YAML text of the editor (not for "catalog").
	Source string `json:"source,omitempty"`
	// Model is the memory model (default wasm), Variants its variants.
	Model    string   `json:"model,omitempty"`
	Variants []string `json:"variants,omitempty"`
	// Test names the test of Source to explain or draw (default: the
	// first).
	Test string `json:"test,omitempty"`
	// Outcome is the outcomes to explain or draw, as a proposition
	// (default: the condition's, as wmm explain takes them).
	Outcome string `json:"outcome,omitempty"`
	// Iterations is the number of instances to run (compile, judge;
	// default RunIterations), Cores the browser's
	// navigator.hardwareConcurrency.
	Iterations int `json:"iterations,omitempty"`
	Cores      int `json:"cores,omitempty"`
	// Result is what harness.js reported, {"result": ...} (judge).
	Result json.RawMessage `json:"result,omitempty"`
}

// A Response is the answer to a Request: Errors when the request could
// not be answered (a load error has its position), else the field of the
// Op.
type Response struct {
	Errors   []Error  `json:"errors,omitempty"`
	Checks   []Result `json:"checks,omitempty"`
	Explain  string   `json:"explain,omitempty"`
	Graphs   []Graph  `json:"graphs,omitempty"`
	Catalog  []Entry  `json:"catalog,omitempty"`
	Models   []Choice `json:"models,omitempty"`
	Variants []Choice `json:"variants,omitempty"`
	// Job is the compiled test for harness.js (compile), Threads its
	// number of threads.
	Job     *engine.JSJob `json:"job,omitempty"`
	Threads int           `json:"threads,omitempty"`
	// Run is the judged result of a browser run (judge).
	Run     *Run    `json:"run,omitempty"`
	Seconds float64 `json:"seconds"`
}

// An Error is an error with its position, the parts of which are zero
// when unknown.
type Error struct {
	Text string `json:"text"` // "test.yaml:3:7: message"
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"msg"`
}

// Handle answers a request given as JSON with a Response as JSON.
func Handle(req []byte) []byte {
	var r Request
	var resp *Response
	if err := json.Unmarshal(req, &r); err != nil {
		resp = failed(err)
	} else {
		resp = Do(r)
	}
	out, err := json.Marshal(resp)
	if err != nil {
		out, _ = json.Marshal(failed(err))
	}
	return out
}

// Do answers a request.
func Do(r Request) *Response {
	switch r.Op {
	case "check":
		return Check(r)
	case "explain":
		return Explain(r)
	case "graph":
		return Draw(r)
	case "catalog":
		return &Response{Catalog: Catalog(), Models: Models(), Variants: Variants()}
	case "compile":
		return Compile(r)
	case "judge":
		return Judge(r)
	}
	return failed(errors.New("unknown request " + r.Op + " (want check, explain, graph, catalog, compile or judge)"))
}

// failed returns the response of an error: one Error per entry of a
// list of positioned errors.
func failed(err error) *Response {
	var list position.ErrorList
	if !errors.As(err, &list) {
		return &Response{Errors: []Error{{Text: err.Error(), Msg: err.Error()}}}
	}
	var out []Error
	for _, e := range list {
		out = append(out, Error{Text: e.Error(), Line: e.Pos.Line, Col: e.Pos.Col, Msg: e.Message()})
	}
	return &Response{Errors: out}
}

// load loads the tests of the editor's text.
func load(src string) ([]*litmus.Test, error) {
	return litmus.Load(File, []byte(src))
}

// limits returns the budgets of a search in the browser: the command
// line's, with the browser's heap.
func limits() budget.Limits {
	l := budget.Defaults
	l.Memory = MemoryBudget
	return l
}
