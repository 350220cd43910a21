package wasm

import "wmm/position"

// An Error is a problem found in WebAssembly text or code, at a position
// (position.Error: the type litmus uses too).
type Error = position.Error

// An ErrorList is a list of errors (position.ErrorList).
type ErrorList = position.ErrorList

// MaxErrors is the number of errors after which the parser and the
// validator stop looking for more.
const MaxErrors = 10
