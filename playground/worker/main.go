//go:build js && wasm

// Command worker is the checker of the playground, compiled to WebAssembly
// (GOOS=js GOARCH=wasm) and run in a Web Worker by the page's worker.js
// with the Go distribution's wasm_exec.js. It defines one JavaScript
// function, wmmCall(request, done): request is a checker.Request as JSON,
// and done is called with the checker.Response as JSON. It then calls
// wmmReady(), which worker.js defines, to say it is ready.
//
// Each request runs on its own goroutine: a js.FuncOf callback must not
// block, since the Go runtime's timers need JavaScript's event loop.
package main

import (
	"syscall/js"

	"wmm/playground/checker"
)

func main() {
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
