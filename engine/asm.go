package engine

import "wmm/wasm"

// Small constructors for the instructions the harness emits. They keep the
// code generators readable as flat instruction lists.

func ins(op wasm.Op) wasm.Instr               { return wasm.Instr{Op: op} }
func i32(v int64) wasm.Instr                  { return wasm.Instr{Op: wasm.OpI32Const, Value: uint64(uint32(v))} }
func i64(v int64) wasm.Instr                  { return wasm.Instr{Op: wasm.OpI64Const, Value: uint64(v)} }
func get(l uint32) wasm.Instr                 { return wasm.Instr{Op: wasm.OpLocalGet, Index: l} }
func set(l uint32) wasm.Instr                 { return wasm.Instr{Op: wasm.OpLocalSet, Index: l} }
func tee(l uint32) wasm.Instr                 { return wasm.Instr{Op: wasm.OpLocalTee, Index: l} }
func br(depth int) wasm.Instr                 { return wasm.Instr{Op: wasm.OpBr, Index: uint32(depth)} }
func brIf(depth int) wasm.Instr               { return wasm.Instr{Op: wasm.OpBrIf, Index: uint32(depth)} }
func block(body ...wasm.Instr) wasm.Instr     { return wasm.Instr{Op: wasm.OpBlock, Body: body} }
func loop(body ...wasm.Instr) wasm.Instr      { return wasm.Instr{Op: wasm.OpLoop, Body: body} }
func ifThen(body ...wasm.Instr) wasm.Instr    { return wasm.Instr{Op: wasm.OpIf, Body: body} }
func memOp(op wasm.Op, off uint32) wasm.Instr { return wasm.Instr{Op: op, Mem: memArg(op, off)} }

// memArg returns op's memory immediate with natural alignment.
func memArg(op wasm.Op, off uint32) wasm.MemArg {
	a := op.Info().Access
	if a == nil {
		return wasm.MemArg{Offset: off}
	}
	return wasm.MemArg{Offset: off, Align: a.NaturalAlign()}
}

func ifElse(then, els []wasm.Instr) wasm.Instr {
	return wasm.Instr{Op: wasm.OpIf, Body: then, Else: els}
}

// atomicLoad loads the i32 control word at addr.
func atomicLoad(addr uint32) []wasm.Instr {
	return []wasm.Instr{i32(int64(addr)), memOp(wasm.OpI32AtomicLoad, 0)}
}

// atomicStore stores v to the i32 control word at addr.
func atomicStore(addr uint32, v int64) []wasm.Instr {
	return []wasm.Instr{i32(int64(addr)), i32(v), memOp(wasm.OpI32AtomicStore, 0)}
}

// atomicAdd adds v to the control word at addr and drops the old value.
func atomicAdd(addr uint32, v int64) []wasm.Instr {
	return []wasm.Instr{i32(int64(addr)), i32(v), memOp(wasm.OpI32AtomicRmwAdd, 0), ins(wasm.OpDrop)}
}

// seq concatenates instruction lists.
func seq(parts ...[]wasm.Instr) []wasm.Instr {
	var out []wasm.Instr
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// list makes an instruction list of single instructions.
func list(in ...wasm.Instr) []wasm.Instr { return in }
