//go:build js && wasm

// Command worker is the checker of the playground, compiled to WebAssembly
// (GOOS=js GOARCH=wasm) and run in a Web Worker by the page's worker.js
// with the Go distribution's wasm_exec.js. It defines one JavaScript
// function, wmmCall(request, done): request is a checker.Request as JSON,
// and done is called with the checker.Response as JSON. It then calls
// wmmReady(), which worker.js defines, to say it is ready. While a search
// runs, it calls wmmProgress(progress) with the search's meter as JSON
// (Progress) every ProgressEvery: Go on js/wasm has one thread, so the
// search reports from its own goroutine (budget.ReportTo).
//
// Each request runs on its own goroutine: a js.FuncOf callback must not
// block, since the Go runtime's timers need JavaScript's event loop.
package main

import (
	"encoding/json"
	"syscall/js"
	"time"

	"wmm/budget"
	"wmm/playground/checker"
)

// ProgressEvery is the interval of the progress reports.
const ProgressEvery = 250 * time.Millisecond

// Progress is what wmmProgress receives.
type Progress struct {
	Name       string  `json:"name"` // the test and the model
	Phase      string  `json:"phase"`
	Paths      int64   `json:"paths"`
	Candidates int64   `json:"candidates"`
	Executions int64   `json:"executions"`
	Outcomes   int64   `json:"outcomes"`
	Seconds    float64 `json:"seconds"`
}

func main() {
	budget.ReportTo(ProgressEvery, func(m *budget.Meter, p budget.Progress) {
		b, _ := json.Marshal(Progress{m.Name, p.Phase.String(), p.Paths, p.Candidates, p.Executions, p.Outcomes, p.Elapsed.Seconds()}) // plain fields: no error
		js.Global().Call("wmmProgress", string(b))
	})
	call := js.FuncOf(func(this js.Value, args []js.Value) any {
		req, done := args[0].String(), args[1]
		go func() {
			done.Invoke(string(checker.Handle([]byte(req))))
		}()
		return nil
	})
	js.Global().Set("wmmCall", call)
	js.Global().Call("wmmReady")
	select {}
}
