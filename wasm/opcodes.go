package wasm

import "fmt"

// An Op identifies an instruction.
type Op uint16

// A Class groups instructions by the immediates they take and how they use
// the stack.
type Class uint8

// The instruction classes.
const (
	ClassControl    Class = iota + 1 // block, loop, if, br, br_if, return, nop, unreachable
	ClassParametric                  // drop, select
	ClassLocal                       // local.get, local.set, local.tee
	ClassConst                       // t.const
	ClassNumeric                     // arithmetic, comparison, conversion
	ClassMemory                      // every instruction that touches a memory
)

// An AccessKind says what a memory instruction does.
type AccessKind uint8

// The memory access kinds.
const (
	AccessLoad    AccessKind = iota + 1 // plain or atomic load
	AccessStore                         // plain or atomic store
	AccessRMW                           // atomic read-modify-write
	AccessCmpxchg                       // atomic compare-exchange
	AccessWait                          // memory.atomic.wait32/64
	AccessNotify                        // memory.atomic.notify
	AccessFence                         // atomic.fence
	AccessSize                          // memory.size
	AccessGrow                          // memory.grow
	AccessFill                          // memory.fill
	AccessCopy                          // memory.copy
	AccessDiscard                       // memory.discard (memory-control proposal, feature discard)
	AccessProtect                       // memory.protect (memory-control proposal, feature protect)
)

// An RMWOp is the operator of an atomic read-modify-write.
type RMWOp uint8

// The read-modify-write operators.
const (
	RMWAdd RMWOp = iota + 1
	RMWSub
	RMWAnd
	RMWOr
	RMWXor
	RMWXchg
)

// An Access describes what a memory instruction accesses.
type Access struct {
	Kind   AccessKind
	Type   ValType // the type of the value loaded, stored or compared
	Width  int     // bytes accessed (0 for size, grow, fill, copy, discard, protect, fence)
	Signed bool    // a sign-extending load
	Atomic bool    // an atomic instruction (alignment must be natural)
	RMW    RMWOp   // the operator of an AccessRMW
}

// NaturalAlign returns log2 of the access width, the natural (and, for
// atomics, required) alignment.
func (a *Access) NaturalAlign() uint8 {
	switch a.Width {
	case 2:
		return 1
	case 4:
		return 2
	case 8:
		return 3
	}
	return 0
}

// An OpInfo describes one instruction: its text name, binary encoding,
// class, stack signature (for instructions with a fixed one) and, for
// memory instructions, what it accesses.
type OpInfo struct {
	Name   string
	Prefix byte   // 0, or the 0xFC / 0xFE prefix byte
	Code   uint32 // the opcode byte, or the LEB128 sub-opcode after a prefix
	Class  Class
	In     []ValType // operand types, bottom of the stack first
	Out    []ValType // result types
	Access *Access   // nil unless Class is ClassMemory
}

// Info returns the description of op.
func (op Op) Info() *OpInfo {
	switch op {
	case OpGlobalGet:
		return &globalGetInfo
	case OpGlobalSet:
		return &globalSetInfo
	}
	if op <= OpInvalid || op >= opCount {
		return &OpInfo{Name: fmt.Sprintf("op(%d)", uint16(op))}
	}
	return &opInfos[op]
}

// The descriptions of the generated-code-only instructions.
var (
	globalGetInfo = OpInfo{Name: "global.get", Code: 0x23}
	globalSetInfo = OpInfo{Name: "global.set", Code: 0x24}
)

// String returns the text-format name of op.
func (op Op) String() string { return op.Info().Name }

// HasMemArg reports whether op takes offset= and align= immediates.
func (op Op) HasMemArg() bool {
	a := op.Info().Access
	return a != nil && a.Width > 0
}

// HasOrder reports whether op takes a memory-ordering immediate (the
// shared-everything threads proposal): atomic loads, stores, RMWs,
// compare-exchanges and atomic.fence.
func (op Op) HasOrder() bool {
	a := op.Info().Access
	if a == nil || !a.Atomic {
		return false
	}
	switch a.Kind {
	case AccessLoad, AccessStore, AccessRMW, AccessCmpxchg, AccessFence:
		return true
	}
	return false
}

// HasWriteOrder reports whether op's ordering immediate holds a read and
// a write ordering (RMWs and compare-exchanges: low nibble read, high
// nibble write).
func (op Op) HasWriteOrder() bool {
	a := op.Info().Access
	return a != nil && (a.Kind == AccessRMW || a.Kind == AccessCmpxchg)
}

var opsByName = func() map[string]Op {
	m := make(map[string]Op, opCount)
	for op := OpInvalid + 1; op < opCount; op++ {
		m[opInfos[op].Name] = op
	}
	return m
}()

// Lookup returns the instruction with the given text-format name.
func Lookup(name string) (Op, bool) {
	op, ok := opsByName[name]
	return op, ok
}

// Ops returns every instruction, in binary-encoding order.
func Ops() []Op {
	ops := make([]Op, 0, opCount-1)
	for op := OpInvalid + 1; op < opCount; op++ {
		ops = append(ops, op)
	}
	return ops
}
