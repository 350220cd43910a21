package js

// An ElemType is the element type of a typed array, or a DataView
// get/set method's type (ECMA-262 Table "TypedArray Constructors").
type ElemType struct {
	Name    string // "Int8", "Uint8Clamped", "BigInt64", "Float32", ...
	Size    int    // bytes
	Signed  bool
	Float   bool
	Big     bool // BigInt64 or BigUint64: elements are BigInts
	Clamped bool // Uint8Clamped
}

// ElemTypes lists the element types in the order of ECMA-262's table.
var ElemTypes = []ElemType{
	{Name: "Int8", Size: 1, Signed: true},
	{Name: "Uint8", Size: 1},
	{Name: "Uint8Clamped", Size: 1, Clamped: true},
	{Name: "Int16", Size: 2, Signed: true},
	{Name: "Uint16", Size: 2},
	{Name: "Int32", Size: 4, Signed: true},
	{Name: "Uint32", Size: 4},
	{Name: "BigInt64", Size: 8, Signed: true, Big: true},
	{Name: "BigUint64", Size: 8, Big: true},
	{Name: "Float32", Size: 4, Float: true},
	{Name: "Float64", Size: 8, Float: true},
}

// ElemTypeNamed returns the element type called name ("Int32"), or nil.
func ElemTypeNamed(name string) *ElemType {
	for i := range ElemTypes {
		if ElemTypes[i].Name == name {
			return &ElemTypes[i]
		}
	}
	return nil
}

// IntegerUnclamped reports whether t is an integer type other than
// Uint8Clamped (ECMA-262 IsUnclampedIntegerElementType), BigInt types
// excluded.
func (t *ElemType) IntegerUnclamped() bool { return !t.Float && !t.Big && !t.Clamped }

// AtomicsMethods are the Atomics functions the subset supports.
var AtomicsMethods = []string{"load", "store", "add", "sub", "and", "or", "xor", "exchange", "compareExchange", "wait", "notify"}

// Properties are the property names the subset supports besides the
// Atomics functions and the DataView methods (get/set + a type name).
var Properties = []string{"buffer", "grow", "byteLength", "byteOffset", "length", "name"}

// FeatureMemoryAPI names the memory-access API that Emscripten proposed
// for WebAssembly.Memory (WebAssembly/design#1271): methods that load and
// store as Wasm instructions do. A test must enable it to call them.
const FeatureMemoryAPI = "js-memory-api"

// A MemoryMethod is a method of the memory-access API: the Wasm load or
// store it performs, through an element type that gives its size and how
// JavaScript sees its value (the Wasm result or parameter type: i32 as a
// signed Number, i64 as a BigInt).
type MemoryMethod struct {
	Name  string
	Store bool
	// Elem is the type the value is read as (a load) or converted with (a
	// store, whose value goes through ToInt32 or ToBigInt64 as a Wasm
	// parameter does, then is wrapped to the width).
	Elem *ElemType
}

// MemoryMethods lists the methods of the memory-access API the subset
// has: memory.load8_s(ptr) ... memory.load64(ptr) and memory.store8(ptr,
// v) ... memory.store64(ptr, v).
var MemoryMethods = []MemoryMethod{
	{"load8_s", false, ElemTypeNamed("Int8")},
	{"load8_u", false, ElemTypeNamed("Uint8")},
	{"load16_s", false, ElemTypeNamed("Int16")},
	{"load16_u", false, ElemTypeNamed("Uint16")},
	{"load32", false, ElemTypeNamed("Int32")},
	{"load64", false, ElemTypeNamed("BigInt64")},
	{"store8", true, ElemTypeNamed("Int8")},
	{"store16", true, ElemTypeNamed("Int16")},
	{"store32", true, ElemTypeNamed("Int32")},
	{"store64", true, ElemTypeNamed("BigInt64")},
}

// MemoryMethodNamed returns the memory-access method called name, or nil.
func MemoryMethodNamed(name string) *MemoryMethod {
	for i := range MemoryMethods {
		if MemoryMethods[i].Name == name {
			return &MemoryMethods[i]
		}
	}
	return nil
}

// A FeatureUse is a place where code uses the syntax of an opt-in feature.
type FeatureUse struct {
	Feature string // FeatureMemoryAPI
	Off     int    // byte offset in the source
	What    string // what is used, for messages: "memory.load32"
}
