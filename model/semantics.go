package model

// Semantics holds the choices that change which events the operational
// semantics emits (as opposed to which executions the axioms accept). A
// model (package axioms) fixes them; the interpreter follows them.
type Semantics struct {
	// FailedCmpxchgWrites makes a failed compare-exchange an RMW that
	// writes back the bytes it read, as JavaScript's compareExchange does
	// (MODEL.md §11.1 item 5). Wasm: false (a failed cmpxchg is an SC read).
	FailedCmpxchgWrites bool
	// GrowPreZeroed makes the allocation's init write cover the maximum
	// size, as the JavaScript growable SharedArrayBuffer does (MODEL.md
	// §11.1 item 4): grow emits no zero-fill write.
	GrowPreZeroed bool
	// GrowZeroInit gives grow's zero fill the ordering init instead of
	// unord, so that it is hb-before every access overlapping it (MODEL.md
	// §12 A7, variant grow-zero-init).
	GrowZeroInit bool
	// WaitCritical gives every wait, including one that returns
	// "not-equal", and every notify a waiter-list critical section that
	// is totally ordered with the others at its address (JavaScript,
	// MODEL.md §11.1 item 6).
	WaitCritical bool
	// BulkSingleCheck makes memory.fill and memory.copy check bounds once
	// and then write without further length reads (MODEL.md §12 A10).
	BulkSingleCheck bool
	// ImportLenRead gives every test thread a first event that reads the
	// length SC, as instantiating a module that imports the memory does
	// (MODEL.md §6.4, §12 A6).
	ImportLenRead bool
	// NoSpuriousGrowFailure lets memory.grow fail only when the length it
	// reads leaves no room below the maximum (MODEL.md §12 A9).
	NoSpuriousGrowFailure bool
	// JSBufferUnord makes the length read of JavaScript's memory.buffer
	// getter unordered instead of SC (MODEL.md "JavaScript threads", J1).
	JSBufferUnord bool
	// JSWaitNoCritical makes a JavaScript Atomics.wait that returns
	// "not-equal" emit no waiter-list critical section unless WaitCritical
	// is set, as a Wasm wait (MODEL.md "JavaScript threads", J2).
	JSWaitNoCritical bool
	// FiniteWaitMayBlock lets a wait with a finite timeout stay suspended
	// forever (MODEL.md §12 A15).
	FiniteWaitMayBlock bool
	// AcqRelAsSeqCst gives the atomic instructions written with the
	// acqrel ordering the ordering seqcst, as an engine that implements
	// acqrel as seqcst does (MODEL.md §16.4 R1, variant acqrel-as-seqcst).
	AcqRelAsSeqCst bool
	// DiscardSC makes memory.discard's zero write one seqcst write event
	// over the discarded range instead of an unordered, tearable one
	// (MODEL.md §17.3 D1, variant discard-sc).
	DiscardSC bool
	// ProtectSC makes the read of the pages' protection state that every
	// access makes in a test that protects pages a seqcst read instead of
	// an unordered one (MODEL.md §18.3 P1, variant protect-sc).
	ProtectSC bool
}
