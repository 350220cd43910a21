package engine

import (
	"fmt"

	"wmm/wasm"
)

// Parameters of a batch thread function: (n, seed, delay, spin). delay is
// the number of distinct delays (Delay+1); spin the barrier's spin limit.
const (
	parN = iota
	parSeed
	parDelay
	parSpin
	batchParams
)

// batchModule builds the batch harness: for each thread a function
// t<k>(n, seed, delay, spin) that runs the thread's body over instances
// 0..n-1, each started by a barrier shared with the other threads and
// recorded in the thread's result region; setup(n), which runs the setup
// code once per instance and returns 0 or 1+the instance where it did not
// complete; and wake(addr), which notifies every waiter at addr.
func batchModule(p *plan, h *Harness) *wasm.Module {
	m := &wasm.Module{HasMemory: true, Memory: harnessMemory(h)}
	for t := range p.test.Threads {
		m.Funcs = append(m.Funcs, batchThread(p, h, t))
	}
	m.Funcs = append(m.Funcs, batchSetup(p, h), wakeFunc(), ctlLoadFunc(), ctlStoreFunc())
	return m
}

// ctlLoadFunc builds ctl(addr): the atomic load of a control word. The
// host reads the control area through it while the threads run, so that
// the engine sees one kind of access to each word: its own atomics (the
// wazero interpreter implements them under a lock, which Go's race
// detector understands; a Go atomic on the same bytes it would not).
func ctlLoadFunc() wasm.Func {
	return wasm.Func{
		Export:  "ctl",
		Params:  []wasm.Local{{Type: wasm.I32}},
		Results: []wasm.ValType{wasm.I32},
		Body:    list(get(0), memOp(wasm.OpI32AtomicLoad, 0)),
	}
}

// ctlStoreFunc builds setctl(addr, v): the atomic store of a control word.
func ctlStoreFunc() wasm.Func {
	return wasm.Func{
		Export: "setctl",
		Params: []wasm.Local{{Type: wasm.I32}, {Type: wasm.I32}},
		Body:   list(get(0), get(1), memOp(wasm.OpI32AtomicStore, 0)),
	}
}

func i32Params(n int) []wasm.ValType {
	ps := make([]wasm.ValType, n)
	for i := range ps {
		ps[i] = wasm.I32
	}
	return ps
}

// batchThread builds thread t's function.
func batchThread(p *plan, h *Harness, t int) wasm.Func {
	code := p.test.Threads[t].Code
	b := newFuncBuilder(fmt.Sprintf("t%d", t), i32Params(batchParams), nil, code)
	i, rec, status, counter := b.local(wasm.I32), b.local(wasm.I32), b.local(wasm.I32), b.local(wasm.I32)
	leader, saw := b.local(wasm.I32), b.local(wasm.I32)
	rw := &rewriter{p: p, fr: &b.fr, thread: t, protocol: h.Waits, cancel: list(ins(wasm.OpReturn))}
	l := &h.Layout
	threads := len(p.test.Threads)
	iteration := seq(
		meet(threads, t, h.SyncEvery, i, b.fr.gen, counter, leader, h.Waits),
		resetLocals(code, b.fr.shift),
		list(get(i), i32(int64(l.Stride)), ins(wasm.OpI32Mul), i32(int64(l.Slots)), ins(wasm.OpI32Add), set(b.fr.base)),
		list(get(i), i32(int64(l.RecordSize[t])), ins(wasm.OpI32Mul), i32(int64(l.Results[t])), ins(wasm.OpI32Add), set(rec)),
		skewedDelay(i, counter, leader, t),
		unfinished(threads, t, i, saw),
		list(wrapped(rw.body(code.Body), status)),
		endMark(t, i, saw, status),
		record(code, b.fr.shift, rec, status, leader),
		list(get(i), i32(1), ins(wasm.OpI32Add), tee(i), get(parN), ins(wasm.OpI32LtU), brIf(0)),
	)
	b.f.Body = seq(
		list(block(get(parN), ins(wasm.OpI32Eqz), brIf(0), loop(iteration...))),
		barrier(threads, b.fr.gen, counter, leader, h.Waits),
	)
	return b.f
}

// meet starts instance i of thread t. With every = 1 every thread meets
// at the barrier, then at release. With every > 1 (Harness.SyncEvery)
// only every every-th instance starts with the barrier, and the others
// with softMeet.
func meet(threads, t, every int, i, gen, spins, leader uint32, waits bool) []wasm.Instr {
	full := seq(barrier(threads, gen, spins, leader, waits), release(threads, leader))
	if every <= 1 {
		return full
	}
	return seq(
		list(i32(int64(ctlProg(t))), get(i), i32(1), ins(wasm.OpI32Add), memOp(wasm.OpI32AtomicStore, 0)),
		list(get(i), i32(int64(every)), ins(wasm.OpI32RemU), ins(wasm.OpI32Eqz), ifElse(full, softMeet(threads, t, i, spins, leader))),
	)
}

// softWindow is how many instances behind a thread may be for softMeet
// to wait for it.
const softWindow = 16

// softMeet starts an instance without a barrier, for threads that may
// not all be running (more threads than cores): thread t has published
// that it arrived at instance i (its progress word), and waits, spinning
// at most the spin limit, only for the threads a little behind it (fewer
// than softWindow instances), which are likely running and about to
// arrive; a thread further behind is likely descheduled and is not
// waited for, and catches up without waiting when it runs again, since
// every other thread is ahead of it. So the threads that run at once
// run the same instance at once, and no thread ever waits for one that
// is not running for longer than the spin limit. Local leader is 1 when
// no thread had to be waited for (t arrived last), as at the barrier.
func softMeet(threads, t int, i, spins, leader uint32) []wasm.Instr {
	var behind []wasm.Instr
	for u := range threads {
		if u != t {
			// i - (progress-1) - 1, unsigned: below softWindow-1 when u
			// arrived at an instance from i-softWindow+1 to i-1.
			behind = append(behind, get(i), i32(int64(ctlProg(u))), memOp(wasm.OpI32AtomicLoad, 0), ins(wasm.OpI32Sub),
				i32(softWindow-1), ins(wasm.OpI32LtU), brIf(0))
		}
	}
	check := block(append(behind, br(2))...)
	return list(
		i32(1), set(leader), i32(0), set(spins),
		block(loop(seq(
			cancelCheck(list(ins(wasm.OpReturn))),
			list(check, i32(0), set(leader),
				get(spins), i32(1), ins(wasm.OpI32Add), tee(spins), get(parSpin), ins(wasm.OpI32GeU), brIf(1),
				br(0)))...)),
	)
}

// release lets the threads leave the barrier so that no thread always
// starts first. The thread that arrives last at the barrier releases it
// and is a cache-line transfer ahead of the others, which the start
// offsets (skewedDelay, learned per thread and per role by skewTuner)
// even out. A thread asleep at the barrier is far more than that behind:
// when the same thread is always last (the waiter of a wait test, after
// a stuck instance made the other sleep), the same thread would always
// start first and outcomes would lock in. So when the releaser had to
// wake a sleeper (the barrier leaves leader = 2), it waits until every
// other thread has passed the barrier, and then counts as one of them
// (leader = 0). Threads that did not release count themselves passed.
func release(threads int, leader uint32) []wasm.Instr {
	if threads < 2 {
		return nil
	}
	wait := list(block(loop(seq(
		cancelCheck(list(ins(wasm.OpReturn))),
		atomicLoad(ctlPassed), list(i32(int64(threads-1)), ins(wasm.OpI32GeU), brIf(1), br(0)))...)),
		i32(0), set(leader))
	return list(
		get(leader), i32(2), ins(wasm.OpI32Eq), ifThen(wait...),
		get(leader), ins(wasm.OpI32Eqz), ifThen(atomicAdd(ctlPassed, 1)...),
	)
}

// skewedDelay spins thread t's start offset for its role in this
// instance (the control word ctlSkew(t), +4 for the releaser, which the
// host sets between batches: see skewTuner) plus a pseudo-random number
// of turns below the batch's delay parameter.
func skewedDelay(i, counter, leader uint32, t int) []wasm.Instr {
	return seq(
		delayTurns(i, parSeed, parDelay, counter, t),
		list(
			get(leader), i32(2), ins(wasm.OpI32Shl), i32(int64(ctlSkew(t))), ins(wasm.OpI32Add), memOp(wasm.OpI32Load, 0),
			get(counter), ins(wasm.OpI32Add), set(counter),
			spinDown(counter),
		),
	)
}

// unfinished sets local saw to the threads u (bit u) whose end marker
// shows instance i not finished yet, read just before thread t's body
// with plain loads (so as not to fence the test's accesses).
func unfinished(threads, t int, i, saw uint32) []wasm.Instr {
	out := list(i32(0), set(saw))
	for u := range min(threads, overlapThreads) {
		if u == t || t >= overlapThreads {
			continue
		}
		out = append(out, i32(int64(ctlMark(u))), memOp(wasm.OpI32Load, 0), get(i), ins(wasm.OpI32LeU),
			i32(int64(u)), ins(wasm.OpI32Shl), get(saw), ins(wasm.OpI32Or), set(saw))
	}
	return out
}

// endMark writes 1+i to thread t's end marker just after its body (a
// plain store), and puts the mask of unfinished threads into status,
// from bit 8 up.
func endMark(t int, i, saw, status uint32) []wasm.Instr {
	return list(
		i32(int64(ctlMark(t))), get(i), i32(1), ins(wasm.OpI32Add), memOp(wasm.OpI32Store, 0),
		get(saw), i32(8), ins(wasm.OpI32Shl), get(status), ins(wasm.OpI32Or), set(status),
	)
}

// record stores every local of the instance in its record, then the
// status, which marks the record complete: the status word has the
// status and the overlap mask in its low half (endMark), and 1 in bit 32
// when the thread released the barrier (skewTuner reads it).
func record(code *wasm.Func, shift, rec, status, leader uint32) []wasm.Instr {
	var out []wasm.Instr
	for j, lo := range code.Locals {
		out = append(out, get(rec), get(shift+uint32(j)))
		out = append(out, asI64(lo.Type)...)
		out = append(out, memOp(wasm.OpI64Store, 8+8*uint32(j)))
	}
	return append(out, get(rec), get(status), ins(wasm.OpI64ExtendI32U),
		get(leader), ins(wasm.OpI64ExtendI32U), i64(32), ins(wasm.OpI64Shl), ins(wasm.OpI64Or), memOp(wasm.OpI64Store, 0))
}

// barrier is a generation barrier for the given number of threads: the
// last thread to arrive resets the count (and the stuck protocol's
// counters), advances the generation and wakes the sleepers; the others
// spin on the generation, and after the spin limit sleep in wait32 on it.
// It leaves the generation it started from in local gen.
//
// It sets local leader to 1 in the thread that released the barrier, 0
// in the others.
func barrier(threads int, gen, spins, leader uint32, waits bool) []wasm.Instr {
	last := seq(list(i32(1), set(leader)), atomicStore(ctlCount, 0), atomicStore(ctlPassed, 0))
	if waits {
		last = seq(last, atomicStore(ctlStuck, 0), atomicStore(ctlWakes, 0))
	}
	last = seq(last,
		atomicAdd(ctlGen, 1),
		atomicLoad(ctlSleep),
		list(ifThen(i32(ctlGen), i32(-1), memOp(wasm.OpMemoryAtomicNotify, 0), ins(wasm.OpDrop), i32(2), set(leader))),
	)
	wait := seq(
		list(get(spins), i32(1), ins(wasm.OpI32Add), tee(spins), get(parSpin), ins(wasm.OpI32LtU), brIf(0)),
		atomicAdd(ctlSleep, 1),
		atomicAdd(ctlSleeps, 1),
		list(i32(ctlGen), get(gen), i64(-1), memOp(wasm.OpMemoryAtomicWait32, 0), ins(wasm.OpDrop)),
		atomicAdd(ctlSleep, -1),
		list(i32(0), set(spins), br(0)),
	)
	others := list(i32(0), set(leader), i32(0), set(spins), block(loop(seq(
		cancelCheck(list(ins(wasm.OpReturn))),
		atomicLoad(ctlGen), list(get(gen), ins(wasm.OpI32Ne), brIf(1)),
		wait)...)))
	return seq(
		atomicLoad(ctlGen), list(set(gen)),
		list(i32(ctlCount), i32(1), memOp(wasm.OpI32AtomicRmwAdd, 0), i32(int64(threads-1)), ins(wasm.OpI32Eq)),
		list(ifElse(last, others)),
	)
}

// cancelCheck returns the code at the head of a loop that runs exit when
// the host has set the cancel word: a cancelled batch ends at once, even
// in a test's endless loop, without the engine's own (costly) checks.
func cancelCheck(exit []wasm.Instr) []wasm.Instr {
	return seq(atomicLoad(ctlCancel), list(ifThen(exit...)))
}

// batchSetup builds setup(n).
func batchSetup(p *plan, h *Harness) wasm.Func {
	code := p.test.Setup
	if code == nil {
		code = &wasm.Func{}
	}
	b := newFuncBuilder("setup", i32Params(1), []wasm.ValType{wasm.I32}, code)
	i, status := b.local(wasm.I32), b.local(wasm.I32)
	rw := &rewriter{p: p, fr: &b.fr, thread: -1, cancel: list(i32(-1), ins(wasm.OpReturn))}
	l := &h.Layout
	iteration := seq(
		resetLocals(code, b.fr.shift),
		list(get(i), i32(int64(l.Stride)), ins(wasm.OpI32Mul), i32(int64(l.Slots)), ins(wasm.OpI32Add), set(b.fr.base)),
		list(wrapped(rw.body(code.Body), status)),
		list(get(status), i32(statusDone), ins(wasm.OpI32Ne), ifThen(get(i), i32(1), ins(wasm.OpI32Add), ins(wasm.OpReturn))),
		list(get(i), i32(1), ins(wasm.OpI32Add), tee(i), get(0), ins(wasm.OpI32LtU), brIf(0)),
	)
	b.f.Body = list(
		block(get(0), ins(wasm.OpI32Eqz), brIf(0), loop(iteration...)),
		i32(0),
	)
	return b.f
}

// wakeFunc builds wake(addr): notify every waiter at addr.
func wakeFunc() wasm.Func {
	return wasm.Func{
		Export:  "wake",
		Params:  []wasm.Local{{Type: wasm.I32}},
		Results: []wasm.ValType{wasm.I32},
		Body:    list(get(0), i32(-1), memOp(wasm.OpMemoryAtomicNotify, 0)),
	}
}
