package engine

import (
	"wmm/js"
	"wmm/litmus"
	"wmm/wasm"
)

// memoryAPIOps gives, for each method of the memory-access API (feature
// js-memory-api, js.MemoryMethods), the Wasm instruction it performs.
var memoryAPIOps = map[string]wasm.Op{
	"load8_s": wasm.OpI32Load8S, "load8_u": wasm.OpI32Load8U,
	"load16_s": wasm.OpI32Load16S, "load16_u": wasm.OpI32Load16U,
	"load32": wasm.OpI32Load, "load64": wasm.OpI64Load,
	"store8": wasm.OpI32Store8, "store16": wasm.OpI32Store16,
	"store32": wasm.OpI32Store, "store64": wasm.OpI64Store,
}

// usesMemoryAPI reports whether a JS thread of t calls the memory-access
// API.
func usesMemoryAPI(t *litmus.Test) bool {
	for _, th := range t.Threads {
		if th.IsJS() {
			for _, u := range th.JS.Uses {
				if u.Feature == js.FeatureMemoryAPI {
					return true
				}
			}
		}
	}
	return false
}

// memoryAPIFuncs returns the functions, exported as "wmm_" and the method's
// name, that the mixed runner installs as the methods of the memory-access
// API on the memory its JS threads see: no engine here has the proposal,
// and the proposal defines each method as behaving exactly as a Wasm
// function doing its load or store, which these are (mixed.js turns their
// traps into RangeErrors, as the proposal asks).
func memoryAPIFuncs() []wasm.Func {
	var out []wasm.Func
	for _, mm := range js.MemoryMethods {
		op := memoryAPIOps[mm.Name]
		f := wasm.Func{Export: "wmm_" + mm.Name, Params: []wasm.Local{{Type: wasm.I32}}}
		f.Body = []wasm.Instr{{Op: wasm.OpLocalGet, Index: 0}}
		vt := wasm.I32
		if mm.Elem.Big {
			vt = wasm.I64
		}
		if mm.Store {
			f.Params = append(f.Params, wasm.Local{Type: vt})
			f.Body = append(f.Body, wasm.Instr{Op: wasm.OpLocalGet, Index: 1})
		} else {
			f.Results = []wasm.ValType{vt}
		}
		f.Body = append(f.Body, wasm.Instr{Op: op})
		out = append(out, f)
	}
	return out
}
