package litmus

import (
	"wmm/model"
	"wmm/wasm"
)

// Protects reports whether the code of the test (setup, a thread or a
// Wasm function) executes memory.protect: then its pages have protection
// state that every access reads (feature protect, MODEL.md §18.1).
func (t *Test) Protects() bool { return t.Uses(wasm.FeatureProtect) }

// Uses reports whether the WebAssembly code of the test (setup, a thread
// or a Wasm function) uses the syntax of an opt-in feature
// (wasm.FeatureUses).
func (t *Test) Uses(feature string) bool {
	funcs := []*wasm.Func{t.Setup}
	for _, th := range t.Threads {
		funcs = append(funcs, th.Code)
	}
	for _, fn := range t.Functions {
		funcs = append(funcs, fn.Code) // a Wasm function runs on its caller's thread
	}
	for _, f := range funcs {
		if f == nil {
			continue
		}
		for _, u := range wasm.FeatureUses(f) {
			if u.Feature == feature {
				return true
			}
		}
	}
	return false
}

// checkProtectRanges reports memory.discard and memory.protect on a
// memory other than 0, and, at the instruction, every memory.protect of
// f whose operands are constants (i32.const just before it, flat or
// folded) and whose range ends past the memory's maximum: it could only
// trap, so it is a validation error, as wat2wasm reports a constant
// address out of range (MODEL.md §18.1). It reports whether there was
// none.
func (l *loader) checkProtectRanges(f *wasm.Func, m *textMap) bool {
	ok := true
	limit := uint64(l.t.Memory.Max) * model.PageSize
	var walk func([]wasm.Instr)
	walk = func(body []wasm.Instr) {
		for i := range body {
			in := &body[i]
			walk(in.Body)
			walk(in.Else)
			if (in.Op == wasm.OpMemoryProtect || in.Op == wasm.OpMemoryDiscard) && in.Mem.Mem != 0 {
				l.errs.Addf(m.wasmPos(in.Mem.MemPos), "%s on memory %d: wmm has memory.discard and memory.protect on memory 0 only (MODEL.md §19.2)", in.Op, in.Mem.Mem)
				ok = false
				continue
			}
			if in.Op != wasm.OpMemoryProtect || i < 2 || body[i-2].Op != wasm.OpI32Const || body[i-1].Op != wasm.OpI32Const {
				continue
			}
			d, n := uint64(uint32(body[i-2].Value)), uint64(uint32(body[i-1].Value))
			if d+n > limit {
				l.errs.Addf(m.wasmPos(in.Pos), "memory.protect: range %s is past the end of the memory (at most %d pages, %d bytes)",
					model.Range(d, d+n), l.t.Memory.Max, limit)
				ok = false
			}
		}
	}
	walk(f.Body)
	return ok
}
