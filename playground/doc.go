// Package playground holds the browser playground of wmm: a single page
// (site/: the page, its script, the Web Worker's script, the style sheet)
// that checks litmus tests with the checker compiled to WebAssembly
// (package playground/worker, built by Build with GOOS=js GOARCH=wasm),
// the HTTP handler that serves it with the headers that make the page
// cross-origin isolated, and the export of the same site as static files.
//
// The checker is built from the module's source with the Go toolchain
// when the site is made (Build), not committed: the binary is megabytes,
// and it must match wasm_exec.js, the glue of the Go distribution that
// builds it, which Build copies beside it. Go's build cache makes every
// build after the first a link.
//
// Why GOOS=js and not wasip1: the page needs to call the checker and get
// answers back, and js/wasm gives that through syscall/js with the glue
// that ships with Go (wasm_exec.js); wasip1 has no way to export a
// function from Go 1.26's main package but go:wasmexport with
// scalar arguments, so every request would go through a hand-written
// shim passing strings through linear memory, and a WASI polyfill for the
// browser besides. Both produce binaries of the same size.
package playground
