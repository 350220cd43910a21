package engine

import "wmm/wasm"

// The stuck protocol. A thread that waits with a negative timeout may
// wait forever: the outcome then has T:stuck=1 with the locals the thread
// had when it went to sleep. In batch mode the harness decides this
// without a timeout that could misjudge a slow notifier:
//
//   - A thread about to wait forever publishes the wait's address in its
//     wait-address word and counts itself pending (the high half of the
//     stuck word).
//   - Every notify adds the number of waiters it woke to the wakes word.
//   - A waiter that returns 0 (woken) claims one of those wakes by
//     incrementing the low half of the stuck word (and, if it was pending,
//     decrementing the high half in the same compare-exchange).
//   - The host watches the control area. When every thread of the current
//     instance has either reached the next barrier or is pending, and every
//     wake has been claimed, nothing can wake the pending threads any more:
//     their notifiers are done. The host then writes gen+1 to the abort
//     word and notifies the published addresses.
//   - A waiter that is woken but finds no wake to claim spins until one
//     appears (its notifier has not yet counted it) or the abort word names
//     its instance: then it leaves through the stuck label with its locals
//     as they were. A waiter with a finite timeout that the host's notify
//     happened to wake reports a timeout (2), which is always allowed.
//
// When two threads of one instance wait on the same address and only one
// is woken, they may swap roles (the claim goes to whichever runs first).

// wait rewrites a memory.atomic.wait32/64 c under the stuck protocol. On
// entry the stack holds the shifted address; the expected value and the
// timeout are in scratch locals 1 and 2. It leaves the wait's result.
func (r *rewriter) wait(c wasm.Instr, types []wasm.ValType, d int) []wasm.Instr {
	fr := r.fr
	exp, timeout := fr.scratch[types[1]][1], fr.scratch[wasm.I64][2]
	waitWord := ctlWaitAddr(r.thread)
	out := list(
		set(fr.wordPA),
		get(timeout), i64(0), ins(wasm.OpI64LtS), set(fr.inf),
		get(fr.inf),
		ifThen(seq(
			list(i32(int64(waitWord)), get(fr.wordPA), i32(1), ins(wasm.OpI32Add), memOp(wasm.OpI32AtomicStore, 0)),
			atomicAdd(ctlStuck, 1<<16),
		)...),
		get(fr.wordPA), get(exp), get(timeout), c, set(fr.res),
		get(fr.res), ins(wasm.OpI32Eqz),
		ifElse(
			list(block(loop(r.claim(d+3)...))),
			list(get(fr.inf), ifThen(atomicAdd(ctlStuck, -(1<<16))...)),
		),
		get(fr.inf), ifThen(atomicStore(waitWord, 0)...),
		get(fr.res),
	)
	return out
}

// claim is the body of the loop that resolves a wake: d is the depth of
// the loop itself (inside the if and the claimed block). Branch depths
// below count from the innermost construct.
func (r *rewriter) claim(d int) []wasm.Instr {
	fr := r.fr
	// The new stuck word: claimed+1, and pending-1 for an infinite wait.
	newWord := list(get(fr.tmp), i32(1), ins(wasm.OpI32Add), get(fr.inf), i32(16), ins(wasm.OpI32Shl), ins(wasm.OpI32Sub))
	tryClaim := seq(
		list(i32(ctlStuck), get(fr.tmp)), newWord,
		list(memOp(wasm.OpI32AtomicRmwCmpxchg, 0), get(fr.tmp), ins(wasm.OpI32Eq),
			brIf(2), // claimed: out of the block
			br(1)),  // lost a race: try again
	)
	aborted := list(
		get(fr.inf),
		ifThen(seq(
			atomicAdd(ctlStuck, -(1<<16)),
			atomicStore(ctlWaitAddr(r.thread), 0),
			list(br(d+2+labelStuck)),
		)...),
		i32(2), set(fr.res), br(2),
	)
	return seq(
		cancelCheck(list(ins(wasm.OpReturn))),
		atomicLoad(ctlStuck), list(tee(fr.tmp), i32(0xFFFF), ins(wasm.OpI32And)),
		atomicLoad(ctlWakes), list(ins(wasm.OpI32LtU), ifThen(tryClaim...)),
		atomicLoad(ctlAbort), list(get(fr.gen), i32(1), ins(wasm.OpI32Add), ins(wasm.OpI32Eq), ifThen(aborted...)),
		list(br(0)),
	)
}
