package engine

import (
	"fmt"
	"slices"
	"strings"

	"wmm/litmus"
	"wmm/wasm"
)

// HasHost reports whether t declares functions (functions:, LITMUS.md
// "Host functions"): JS host functions or Wasm functions, which only the
// mixed runner on node runs.
func HasHost(t *litmus.Test) bool { return len(t.Functions) > 0 }

// refuseHost reports a test with functions as unsupported by the harness:
// a JS host function needs a JavaScript engine around the module, and the
// harness compiles WebAssembly threads only.
func refuseHost(t *litmus.Test) error {
	for _, f := range t.Functions {
		if f.JS != nil {
			return &UnsupportedError{t.Name, "unsupported: JS host function " + f.Name + ": only the JS runners (node, deno, bun) run host functions (engine/mixed.go)"}
		}
	}
	if len(t.Functions) > 0 {
		return &UnsupportedError{t.Name, "unsupported: test functions (functions: " + t.Functions[0].Name + "): only the JS runners (node, deno, bun) run them (engine/mixed.go)"}
	}
	return nil
}

// hostLinks lays out a test's functions in the mixed runner's module: the
// JS functions as function imports from "env" (one per name and
// signature, since each Wasm import has its own type), the Wasm functions
// as module functions exported as "fn_" + name, after the threads'
// functions.
type hostLinks struct {
	t       *litmus.Test
	imports []wasm.Import
	first   uint32 // module index of the first Wasm function of functions:
	wasmFns []*litmus.Function
}

// newHostLinks collects the imports of every Wasm code of t; nthreads is
// the number of module functions (the Wasm threads') before the test's
// Wasm functions.
func newHostLinks(t *litmus.Test, nthreads int) *hostLinks {
	h := &hostLinks{t: t}
	var codes []*wasm.Func
	for _, th := range t.Threads {
		if th.Code != nil {
			codes = append(codes, th.Code)
		}
	}
	for i := range t.Functions {
		if f := &t.Functions[i]; f.Code != nil {
			codes = append(codes, f.Code)
			h.wasmFns = append(h.wasmFns, f)
		}
	}
	for _, c := range codes {
		for _, im := range c.Imports {
			if f := t.Function(im.Name); f != nil && f.JS != nil && h.importIndex(im) < 0 {
				h.imports = append(h.imports, wasm.Import{Module: litmus.HostModule, Name: im.Name, Params: im.Params, Results: im.Results})
			}
		}
	}
	h.first = uint32(len(h.imports) + nthreads)
	return h
}

// importIndex returns the module import for im, or -1.
func (h *hostLinks) importIndex(im wasm.Import) int {
	return slices.IndexFunc(h.imports, func(x wasm.Import) bool {
		return x.Name == im.Name && slices.Equal(x.Params, im.Params) && slices.Equal(x.Results, im.Results)
	})
}

// funcIndex returns the module function index that a call of code's
// import im reaches.
func (h *hostLinks) funcIndex(im wasm.Import) uint32 {
	if i := h.importIndex(im); i >= 0 {
		return uint32(i)
	}
	for k, f := range h.wasmFns {
		if f.Name == im.Name {
			return h.first + uint32(k)
		}
	}
	return 0 // the loader links every import
}

// relink returns a copy of body whose calls use module function indices
// (body's own imports, imports, say what each call reaches).
func (h *hostLinks) relink(body []wasm.Instr, imports []wasm.Import) []wasm.Instr {
	if len(imports) == 0 || body == nil {
		return body
	}
	out := make([]wasm.Instr, len(body))
	for i, in := range body {
		if in.Op == wasm.OpCall && int(in.Index) < len(imports) {
			in.Index = h.funcIndex(imports[in.Index])
		}
		in.Body = h.relink(in.Body, imports)
		in.Else = h.relink(in.Else, imports)
		out[i] = in
	}
	return out
}

// funcs returns the test's Wasm functions as module functions, exported
// as "fn_" + name.
func (h *hostLinks) funcs() []wasm.Func {
	var out []wasm.Func
	for _, f := range h.wasmFns {
		out = append(out, wasm.Func{Name: f.Name, Export: "fn_" + f.Name, Params: f.Code.Params, Results: f.Code.Results,
			Locals: f.Code.Locals, Body: h.relink(f.Code.Body, f.Code.Imports)})
	}
	return out
}

// prelude returns the JavaScript that declares the test's functions in
// the scope of a JS thread or of a module's imports (mixed.js): each JS
// function as written, each Wasm function as a call of its export in
// wmmLink, the exports of the instance on the same memory.
func (h *hostLinks) prelude() string {
	var b strings.Builder
	for _, f := range h.t.Functions {
		if f.JS != nil {
			b.WriteString(f.Text + "\n")
			continue
		}
		fmt.Fprintf(&b, "function %s(...a) { return wmmLink.fn_%s(...a); }\n", f.Name, f.Name)
	}
	return b.String()
}

// jsNames returns the names of the JS functions, which mixed.js passes to
// the module as its imports.
func (h *hostLinks) jsNames() []string {
	var out []string
	for _, f := range h.t.Functions {
		if f.JS != nil {
			out = append(out, f.Name)
		}
	}
	return out
}
