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
package playground
