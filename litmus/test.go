// Package litmus holds the litmus test format of wmm: the Test type, the
// YAML loader (with a file:line:col position for every error), conditions
// and their evaluation, expectations, and the canonical printer.
//
// The format is specified in LITMUS.md; this package implements it.
package litmus

import (
	"fmt"
	"path/filepath"
	"strings"

	"wmm/js"
	"wmm/position"
	"wmm/wasm"
)

// A Pos is a position in a litmus file (position.Pos, the type wasm uses
// too).
type Pos = position.Pos

// A Test is one litmus test, loaded and checked: every thread's code parsed
// and validated, every name in the condition and observe list resolved.
type Test struct {
	Name string
	Doc  string
	Pos  Pos // where the test's document starts
	// Features are the opt-in features the test enables (its features:
	// list, in the file's order; see Features).
	Features []string
	// Unsupported lists, for a test imported from a .wast script, the
	// errors ("file:line:col: unsupported: ...") of what the importer left
	// out of its part of the script: the test is then not the script's,
	// and must get no outcomes and no verdict.
	Unsupported []string

	Memory Memory
	// Memories are all the test's memories, in index order, when it
	// declares them with memories: (feature multi-memory; Memories[0] is
	// Memory); nil when it has the one memory of memory:.
	Memories []Memory
	Init     []Init     // initial contents of memory 0, in the file's order
	Setup    *wasm.Func // code run before the threads start; nil if none

	// Functions are the test's functions (functions: in the file): JS
	// host functions that Wasm code imports and JS code calls, and Wasm
	// functions that JS code calls (LITMUS.md "Host functions"). In the
	// file's order.
	Functions []Function

	Threads []Thread // in the file's order

	Condition *Condition // nil when the test has none
	// Observe is the observe: list, or nil when the file has none (then the
	// observed names are the defaults of LITMUS.md).
	Observe []Loc

	// Expect maps a model name ("wasm", "js", ...) to the expectation for
	// it. An expectation given without a model is stored under DefaultModel.
	Expect map[string]Expect

	// Unroll is the loop bound from the file (iterations beyond the first)
	// when UnrollSet; otherwise the file gives none and DefaultUnroll
	// applies.
	Unroll    int
	UnrollSet bool
}

// DefaultModel is the model an expectation without a model name refers to.
const DefaultModel = "wasm"

// DefaultUnroll is the loop bound used when neither the test nor the
// command line gives one: iterations beyond the first.
const DefaultUnroll = 2

// Memory is the test's shared memory (memory index 0).
type Memory struct {
	Pages uint32 // initial size in 64 KiB pages
	Max   uint32 // maximum size in pages
	Name  string // $name without "$" (memories:, feature multi-memory); may be empty
}

// An Init entry gives initial contents: Width bytes at Addr, little-endian.
type Init struct {
	Width int // 1, 2, 4 or 8
	Addr  uint32
	Value uint64 // fits Width bytes (a negative value as two's complement)
	Pos   Pos
	Hex   bool // written in hex: wmm fmt keeps the radix
}

// InitialContents returns the initial contents of the test's memory: the
// init: entries applied in the order of the file, each writing its Width
// bytes little-endian, so a later entry overwrites the bytes of an
// earlier one that it overlaps, zero bytes included (LITMUS.md, "init").
// Only non-zero bytes are in the map; every other byte is 0. It is the one
// place that computes them: the model's allocation event and its value
// domain both use it, and the engines' harnesses write the entries in the
// same order.
func (t *Test) InitialContents() map[uint64]byte {
	mem := map[uint64]byte{}
	for _, in := range t.Init {
		for i := 0; i < in.Width; i++ {
			addr := uint64(in.Addr) + uint64(i)
			if b := byte(in.Value >> (8 * i)); b != 0 {
				mem[addr] = b
			} else {
				delete(mem, addr)
			}
		}
	}
	return mem
}

// A Thread is one test thread: a function with no parameters and no
// results whose declared locals are observable.
type Thread struct {
	Name string
	Code *wasm.Func // nil for a JS thread
	// JS is the code of a JavaScript thread ({js: CODE} in the file), nil
	// for a WebAssembly thread.
	JS   *js.Program
	Pos  Pos    // where the thread's name is in the file
	Text string // the code as written in the file
	// After names the threads this one starts after: it is spawned once
	// they have finished, so every event of theirs happens before every
	// event of it (the harness's spawn and join, MODEL.md §6.2–§6.3). Empty
	// for threads that start together after setup.
	After []string
}

// A Function is one of the test's functions: a JavaScript host function
// (JS, written {js: "function f(x) { ... }"}) or a Wasm function (Code,
// WebAssembly text with its parameters and results). It runs on the
// thread of whoever calls it.
type Function struct {
	Name string
	JS   *js.Program // nil for a Wasm function
	Code *wasm.Func  // nil for a JS function
	Pos  Pos         // where its name is in the file
	Text string      // the code as written in the file
}

// Function returns the test's function called name, or nil.
func (t *Test) Function(name string) *Function {
	for i := range t.Functions {
		if t.Functions[i].Name == name {
			return &t.Functions[i]
		}
	}
	return nil
}

// A LocKind says what a Loc names.
type LocKind uint8

// The kinds of observable names.
const (
	LocLocal LocKind = iota + 1 // T:name, a thread's local
	LocTrap                     // T:trap, 1 where thread T trapped
	LocStuck                    // T:stuck, 1 where thread T waits forever
	LocMem                      // i8[A], i16[A], i32[A], i64[A]: final memory
	LocSize                     // size: final memory size in pages
)

// A Loc is an observable name of a test.
type Loc struct {
	Kind   LocKind
	Thread string // for LocLocal, LocTrap, LocStuck
	Local  string // for LocLocal: the local's name without "$"
	Width  int    // for LocMem: 1, 2, 4 or 8 bytes
	Addr   uint32 // for LocMem
	// Mem is the memory of a LocMem or LocSize (multi-memory), and
	// MemName its $name without "$"; both are zero for memory 0.
	Mem     uint32
	MemName string
}

// memPrefix returns "$name." for an atom of a memory other than 0 (as
// written in a condition: "$b.i32[4]"), "" for memory 0.
func (l Loc) memPrefix() string {
	if l.MemName == "" {
		return ""
	}
	return "$" + l.MemName + "."
}

// String returns the name as it appears in outcomes: "T1:r0", "T1:trap",
// "T1:stuck", "i32[8]", "size", or for a memory other than the first
// "$b.i32[8]", "$b.size".
func (l Loc) String() string {
	switch l.Kind {
	case LocLocal:
		return l.Thread + ":" + l.Local
	case LocTrap:
		return l.Thread + ":trap"
	case LocStuck:
		return l.Thread + ":stuck"
	case LocMem:
		return l.memPrefix() + fmt.Sprintf("i%d[%d]", 8*l.Width, l.Addr)
	case LocSize:
		return l.memPrefix() + "size"
	}
	return "?"
}

// Observation is herd7's classification of a condition's proposition over
// the allowed outcomes.
type Observation uint8

// The observations. They are bits so that an Expect can hold several.
const (
	Never     Observation = 1 << iota // no allowed outcome satisfies it
	Sometimes                         // some do, some do not
	Always                            // every allowed outcome satisfies it
)

// String returns "never", "sometimes" or "always".
func (o Observation) String() string {
	switch o {
	case Never:
		return "never"
	case Sometimes:
		return "sometimes"
	case Always:
		return "always"
	}
	return "?"
}

// Family returns the family of a test: the name of the file it was loaded
// from without its extension and a ".litmus" before it ("catalog/sb.yaml"
// and "x/SB.litmus.yaml" are sb and SB). The catalogue's families are
// these names of its files.
func (t *Test) Family() string {
	base := filepath.Base(t.Pos.File)
	return strings.TrimSuffix(strings.TrimSuffix(base, filepath.Ext(base)), ".litmus")
}

// Herd returns the word herd7 and litmus7 print on their Observation
// line: "Never", "Sometimes" or "Always".
func (o Observation) Herd() string {
	w := o.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

// ObservationOf classifies a proposition by how many outcomes (or runs, or
// executions) satisfy it (pos) and how many do not (neg), as herd7 does:
// Never when none does (so also when there are none), Always when all do,
// Sometimes otherwise.
func ObservationOf(pos, neg int) Observation {
	switch {
	case pos == 0:
		return Never
	case neg == 0:
		return Always
	}
	return Sometimes
}

// An Expect is the set of observations a test's author accepts, with the
// word they wrote: "never", "forbidden" (= never), "sometimes", "always" or
// "allowed" (= sometimes or always).
type Expect struct {
	Accept Observation // a union of Never, Sometimes, Always
	Word   string
	Pos    Pos
}

// Holds reports whether observation o meets the expectation.
func (e Expect) Holds(o Observation) bool { return e.Accept&o != 0 }
