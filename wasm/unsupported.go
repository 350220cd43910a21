package wasm

import (
	"slices"
	"strings"
)

// numericOps are the WebAssembly 2.0 numeric and memory instructions of
// each number type (after "i32." and the like), so that one wmm does not
// implement is told apart from a misspelling.
var numericOps = map[string][]string{
	"int": {"const", "clz", "ctz", "popcnt", "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u",
		"and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "eqz", "eq", "ne", "lt_s", "lt_u",
		"gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "load", "store", "load8_s", "load8_u", "load16_s",
		"load16_u", "store8", "store16", "extend8_s", "extend16_s", "trunc_f32_s", "trunc_f32_u",
		"trunc_f64_s", "trunc_f64_u", "trunc_sat_f32_s", "trunc_sat_f32_u", "trunc_sat_f64_s",
		"trunc_sat_f64_u", "wrap_i64", "load32_s", "load32_u", "store32", "extend32_s", "extend_i32_s",
		"extend_i32_u", "reinterpret_f32", "reinterpret_f64"},
	"float": {"const", "abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt", "add", "sub", "mul", "div",
		"min", "max", "copysign", "eq", "ne", "lt", "gt", "le", "ge", "load", "store", "convert_i32_s",
		"convert_i32_u", "convert_i64_s", "convert_i64_u", "demote_f64", "promote_f32",
		"reinterpret_i32", "reinterpret_i64"},
}

// otherOps are the other instructions of WebAssembly 2.0 and its common
// proposals that are not numeric.
var otherOps = []string{"call_indirect", "return_call", "return_call_indirect", "call_ref",
	"return_call_ref", "br_on_null", "br_on_non_null", "br_on_cast", "br_on_cast_fail", "try", "try_table",
	"catch", "catch_all", "throw", "throw_ref", "rethrow", "delegate", "memory.init", "memory.copy",
	"memory.fill", "data.drop", "elem.drop", "global.get", "global.set", "atomic.fence"}

// vectorPrefixes and referencePrefixes begin the names of SIMD, reference
// and table instructions.
var otherPrefixes = []string{"v128.", "i8x16.", "i16x8.", "i32x4.", "i64x2.", "f32x4.", "f64x2.",
	"ref.", "table.", "struct.", "array.", "i31.", "any.", "extern."}

// IsWasmInstruction reports whether name is an instruction of
// WebAssembly (2.0, threads, and the common proposals) in the text
// format, whether or not wmm implements it.
func IsWasmInstruction(name string) bool {
	if _, ok := Lookup(name); ok || slices.Contains(otherOps, name) {
		return true
	}
	for _, p := range otherPrefixes {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	typ, op, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	if rest, atomic := strings.CutPrefix(op, "atomic."); atomic && (typ == "i32" || typ == "i64") {
		return rest != ""
	}
	switch typ {
	case "i32", "i64":
		return slices.Contains(numericOps["int"], op)
	case "f32", "f64":
		return slices.Contains(numericOps["float"], op)
	}
	return false
}
