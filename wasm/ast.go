// Package wasm holds the part of WebAssembly that litmus tests use: the
// instruction syntax tree, the text-format parser for function bodies and
// small modules, validation (stack types, labels, alignment) and the binary
// encoder used for engine runs.
//
// The syntax tree is structured: block, loop and if carry their bodies, so
// that an interpreter or a code transformer can walk it without matching
// "end" tokens. Label and local references are resolved to indices by the
// parser; names are kept only for printing.
package wasm

import (
	"fmt"

	"wmm/position"
)

// A ValType is a WebAssembly value type. Its value is the binary encoding.
type ValType byte

// The value types used by litmus code. Floats are handled as bit patterns.
const (
	I32 ValType = 0x7F
	I64 ValType = 0x7E
	F32 ValType = 0x7D
	F64 ValType = 0x7C
)

// String returns the text-format name of t.
func (t ValType) String() string {
	switch t {
	case I32:
		return "i32"
	case I64:
		return "i64"
	case F32:
		return "f32"
	case F64:
		return "f64"
	}
	return fmt.Sprintf("valtype(0x%02x)", byte(t))
}

// Bits returns the width of t in bits (32 or 64).
func (t ValType) Bits() int {
	if t == I64 || t == F64 {
		return 64
	}
	return 32
}

// A Pos is a position in a source text: 1-based line and column (in
// bytes), without a file: the loader maps it into the file's text. The
// zero Pos means "unknown" (for example, synthesized code). It is
// position.Pos, the type litmus uses too.
type Pos = position.Pos

// A MemArg holds the immediates of a memory instruction.
type MemArg struct {
	Offset uint32 // the static offset added to the dynamic address
	Align  uint8  // log2 of the alignment hint in bytes

	// Order is the memory ordering of an atomic access or atomic.fence
	// (the shared-everything threads proposal), the read's for an RMW;
	// WriteOrder is an RMW's write ordering. Both are SeqCst, the
	// ordering of the threads proposal, unless the code names another.
	Order, WriteOrder Order
	// OrderPos is where the ordering immediate (acqrel, seqcst) is
	// written; the zero Pos when the instruction has none.
	OrderPos Pos
	// Mem is the memory index of the instruction (multi-memory), the
	// destination's for memory.copy; SrcMem is memory.copy's source (0
	// for every other instruction).
	// MemPos is where the first index other than 0 is written; the zero
	// Pos when every index is 0.
	Mem, SrcMem uint32
	MemPos      Pos
}

// An Order is a memory-ordering immediate of the shared-everything
// threads proposal; its value is the binary encoding.
type Order uint8

// The orderings.
const (
	SeqCst Order = 0 // seqcst, the default
	AcqRel Order = 1 // acqrel: acquire reads, release writes
)

// String returns "seqcst" or "acqrel".
func (o Order) String() string {
	if o == AcqRel {
		return "acqrel"
	}
	return "seqcst"
}

// FeatureAcqRel names the shared-everything threads proposal's
// release-acquire orderings: a test must enable it to write an ordering
// immediate.
const FeatureAcqRel = "acqrel"

// FeatureDiscard names memory.discard of the memory-control proposal
// (MODEL.md §17): a test must enable it to use the instruction.
const FeatureDiscard = "discard"

// FeatureProtect names memory.protect of the memory-control proposal
// (MODEL.md §18): a test must enable it to use the instruction.
const FeatureProtect = "protect"

// FeatureMultiMemory names several memories in one test (the
// multi-memory proposal, standard in Wasm 3.0; MODEL.md §19): a test must
// enable it to declare memories: or name a memory other than 0.
const FeatureMultiMemory = "multi-memory"

// A Prot is the protection immediate of memory.protect (memory-control
// Overview.md: none, read, readwrite). Its value is wmm's binary encoding
// and the value of a page's protection cell (MODEL.md §18.1): 0, the
// initial state of every page, is readwrite.
type Prot uint8

// The protections.
const (
	ProtReadWrite Prot = 0 // readwrite: loads and stores
	ProtRead      Prot = 1 // read: loads only; a store traps
	ProtNone      Prot = 2 // none: every access traps
)

// String returns the text-format keyword: "readwrite", "read" or "none".
func (p Prot) String() string {
	switch p {
	case ProtRead:
		return "read"
	case ProtNone:
		return "none"
	}
	return "readwrite"
}

// Allows reports whether a page with protection p allows an access that
// reads (write false) or writes.
func (p Prot) Allows(write bool) bool {
	return p == ProtReadWrite || p == ProtRead && !write
}

// A FeatureUse is a place where code uses the syntax of an opt-in feature.
type FeatureUse struct {
	Feature string // FeatureAcqRel, FeatureDiscard, FeatureProtect, FeatureMultiMemory
	Pos     Pos
	What    string // what is used, for messages: "i32.atomic.load acqrel"
}

// FeatureUses returns the places where f uses the syntax of opt-in
// features, in program order.
func FeatureUses(f *Func) []FeatureUse {
	var out []FeatureUse
	var walk func([]Instr)
	walk = func(body []Instr) {
		for i := range body {
			in := &body[i]
			if in.Mem.OrderPos != (Pos{}) {
				out = append(out, FeatureUse{FeatureAcqRel, in.Mem.OrderPos, in.Op.String() + " " + in.Mem.Order.String()})
			}
			if in.Op == OpMemoryDiscard {
				out = append(out, FeatureUse{FeatureDiscard, in.Pos, in.Op.String()})
			}
			if in.Op == OpMemoryProtect {
				out = append(out, FeatureUse{FeatureProtect, in.Pos, in.Op.String()})
			}
			if in.Mem.MemPos != (Pos{}) {
				out = append(out, FeatureUse{FeatureMultiMemory, in.Mem.MemPos, in.Op.String() + " on a memory other than 0"})
			}
			walk(in.Body)
			walk(in.Else)
		}
	}
	walk(f.Body)
	return out
}

// An Instr is one instruction. Which fields are meaningful depends on Op:
//
//   - const: Value holds the constant's bits (i32 and f32 in the low 32 bits);
//   - local.get/set/tee: Index is the local index (parameters first);
//   - br, br_if: Index is the relative label depth;
//   - call: Index is the import called (Func.Imports);
//   - memory instructions: Mem holds offset and alignment;
//   - memory.protect: Value holds the protection (a Prot);
//   - block, loop, if: Result is the block's result type (0 for none),
//     Label the optional $name (without "$"), Body the instructions, and
//     Else the else-branch of an if.
type Instr struct {
	Op     Op
	Pos    Pos
	Value  uint64
	Index  uint32
	Mem    MemArg
	Result ValType
	Label  string
	Body   []Instr
	Else   []Instr
}

// A Local is a parameter or declared local of a function. Name is without
// the leading "$" and may be empty.
type Local struct {
	Name string
	Type ValType
	Pos  Pos
}

// A Func is a function: its signature, locals and body. Litmus thread
// bodies have no parameters and no results.
type Func struct {
	Name    string // $name without "$", may be empty
	Export  string // export name, may be empty
	Params  []Local
	Results []ValType
	Locals  []Local
	Body    []Instr
	Pos     Pos
	// Imports are the functions a litmus function imports, declared at
	// the head of its body, (import "env" "f" (func $f (param i32))):
	// call's index is into this list (LITMUS.md "Host functions").
	Imports []Import
}

// An Import is a function a litmus function imports and calls: module
// and name, the $id calls name it by (without "$", may be empty), its
// signature, and where the import is written.
type Import struct {
	Module, Name string
	ID           string
	Params       []ValType
	Results      []ValType
	Pos          Pos
}

// ImportIndex returns the index of the import whose $id is id.
func (f *Func) ImportIndex(id string) (uint32, bool) {
	for i, im := range f.Imports {
		if im.ID == id {
			return uint32(i), true
		}
	}
	return 0, false
}

// LocalType returns the type of local i (parameters first) and whether it
// exists.
func (f *Func) LocalType(i uint32) (ValType, bool) {
	if int(i) < len(f.Params) {
		return f.Params[i].Type, true
	}
	i -= uint32(len(f.Params))
	if int(i) < len(f.Locals) {
		return f.Locals[i].Type, true
	}
	return 0, false
}

// LocalIndex returns the index of the local or parameter named name.
func (f *Func) LocalIndex(name string) (uint32, bool) {
	for i, l := range f.Params {
		if l.Name == name {
			return uint32(i), true
		}
	}
	for i, l := range f.Locals {
		if l.Name == name {
			return uint32(len(f.Params) + i), true
		}
	}
	return 0, false
}

// A Memory describes a module's single linear memory.
type Memory struct {
	Min, Max uint32 // in 64 KiB pages
	HasMax   bool
	Shared   bool
	// ImportModule and ImportName are set when the memory is imported.
	ImportModule, ImportName string
	// Export is the export name, or empty.
	Export string
}

// Imported reports whether the memory is imported.
func (m Memory) Imported() bool { return m.ImportModule != "" || m.ImportName != "" }

// A Module is a module with at most one memory and a list of functions.
type Module struct {
	Name      string // $name without "$", may be empty
	HasMemory bool
	Memory    Memory
	// MoreMemories are the memories after the first (multi-memory),
	// defined, not imported; only generated code has them (the text
	// parser reads one memory).
	MoreMemories []Memory
	// Globals are mutable globals, zero at instantiation. Only generated
	// code uses them (the engine harness): the text parser does not read
	// them and the interpreter does not run them.
	Globals []Global
	// Imports are imported functions, which come before Funcs in the
	// function index space (call's index in Funcs' code is the module's).
	// Only generated code has them (the engine's runner of host
	// functions): the module parser refuses function imports.
	Imports []Import
	Funcs   []Func
	Pos     Pos
}

// A Global is a mutable global of a generated module, initially zero,
// exported under Export when it is not empty.
type Global struct {
	Type   ValType
	Export string
}

// Instructions that only generated code uses (the engine harness): the
// encoder and the printer know them; the text parser, the validator and
// the interpreter do not, so no test can contain them.
const (
	OpGlobalGet Op = 0x7F00 + iota // global.get, Instr.Index the global
	OpGlobalSet                    // global.set, Instr.Index the global
)

// PageSize is the size of a WebAssembly page in bytes.
const PageSize = 65536

// MaxPages is the largest number of pages a 32-bit memory may have.
const MaxPages = 65536
