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
