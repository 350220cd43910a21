// Package engine runs litmus tests on real WebAssembly engines and counts
// the outcomes they produce, in the manner of litmus7: the same test, the
// same outcome names as the model (litmus.Test.Names), so that the allowed
// and the observed sets can be compared. It knows nothing of the model: it
// never imports interp, enumerate or axioms, so the comparison is between
// two independent answers.
//
// # The harness
//
// Compile turns a test into one binary module (package wasm's encoder).
// Calling into an engine once per iteration is far too slow, so the loop
// runs inside Wasm. In batch mode, the usual one, each thread is a function
// t<k>(n, seed, delay, spin) that runs the thread's body over n independent
// instances of the test:
//
//   - Instance i's memory is a slot of the harness memory, at
//     Slots + i*Stride: every address the test uses is moved into the slot,
//     so each iteration touches fresh locations, a cache line or more away
//     from the previous ones (--stride, default 64 bytes). When every
//     address is a constant the slot is as large as the footprint; when an
//     address is computed, it is the whole test memory.
//   - All threads of an instance start together: a generation barrier in
//     the control area at the start of the harness memory (atomic add,
//     then spinning on an atomic load of the generation, falling back to
//     memory.atomic.wait32 after SpinLimit turns).
//   - After the barrier each thread spins its start offset, then a
//     pseudo-random number of turns up to the batch's largest delay
//     (--delay; by default batches cycle through AutoDelays). The delay
//     spreads the threads' relative start over the window in which store
//     buffers make a difference. The offsets (one per thread and role:
//     released the barrier or not) are learned by the host between
//     batches from the end markers (skewTuner, concurrency.go): a thread
//     that often finished before another began gets a longer offset, one
//     that often began after another finished a shorter one. The releaser
//     leaves a cache-line transfer before the others, and threads differ
//     in how long their bodies take; the offsets even this out. On SB
//     they tripled the instances whose threads overlapped.
//   - With Options.SyncEvery = K > 1 (wmm run --sync K) only every K-th
//     instance starts at the barrier; the others start at softMeet: each
//     thread publishes the instance it arrived at and waits, spinning at
//     most the spin limit, only for threads fewer than 16 instances
//     behind it. A thread further behind is taken as descheduled and
//     catches up without waiting when it runs again. With more threads
//     than cores this runs fifteen to twenty times faster than a barrier that
//     needs every thread scheduled at every instance. Every instance is
//     still one whole execution: each thread runs the body once on the
//     instance's own slot, and the host reads the slot only after every
//     thread has finished the batch; only when the threads start changes.
//     Tests that wait always meet at the barrier (the stuck protocol
//     counts per instance from it).
//   - Each thread writes its locals (i64 bits; f32 and f64 as their bit
//     patterns) and its status (done, trapped, stuck) to its own result
//     region. The host reads the records and the memory atoms of every
//     instance after the batch, which is the final observer of LITMUS.md:
//     plain reads after joining every thread.
//
// The thread's code is rewritten, not wrapped: local indices shifted past
// the harness's parameters; return (and a branch to the function's label)
// ends the body; and, in batch mode, every trap becomes a branch out of
// the body, so that the locals keep the values they had at the trap, as
// the model reports them, and the batch goes on with the next instance.
// Traps are decided the way the spec does: unreachable; integer division
// by zero and signed overflow; an access beyond the test's memory (not the
// harness's), including memory.fill and memory.copy; an atomic access,
// wait or notify whose effective address is not aligned to its width.
// These guards read nothing but the operands: the test memory's size is a
// constant in batch mode (no test that grows the memory or reads its size
// runs there), so a guard decides exactly what the engine's own check
// would decide for the test's memory, and cannot create or hide an
// outcome. What a guard does hide is the engine's own trapping code path:
// in batch mode the engine's bounds check is against the larger harness
// memory, so a bug in how an engine checks bounds shows only in isolated
// mode. The access itself is the test's instruction, unchanged but for its
// address.
//
// A test that grows the memory or reads its size cannot share a memory
// with other instances: it runs in isolated mode, one fresh instantiation
// (and so one fresh memory, the test's own size and maximum) per instance.
// Its thread functions run one instance per call and return their status
// and locals; the threads start together through a gate in the host.
// There the memory instructions are the test's own and unguarded: bounds
// and alignment are the engine's to decide, and an engine's trap ends the
// call. Each local.set also copies the value's bits to an exported global
// (MirrorGlobal), from which the host reads the locals the thread had
// when it trapped. (An earlier harness guarded every access with its own
// check against memory.size; where an engine's memory.size was stale, that
// check reported traps the engine never produced: TestStaleSizeCannotTrap
// runs the harness with every memory.size answering a stale size and
// checks that no trap appears.) Division and unreachable stay rewritten
// as in batch mode, which reads nothing shared. Isolated mode manages
// hundreds to thousands of instances per second, where batch mode manages
// hundreds of thousands or more: each instance needs a fresh memory and
// the threads must meet at a gate in the host. The JavaScript runners
// create a group's memories and instances before its first gate and
// collect them after the group on node (V8 11's memory.grow takes time in
// proportion to the shared memories an isolate still holds), after every
// fourth group on deno and bun. A test that never grows gets a memory
// whose maximum is its initial size (only a grow can tell the maximum),
// and then the JavaScript runners reset the first group's memories
// (zeroed, initial values, setup code) and reuse them and the workers'
// instances for every later group (jsConfig.Reuse), and the Go driver
// (isodriver.go) reuses one instantiation the same way; each thread
// function zeroes its mirror globals on entry. Nothing is created or
// collected after the first group. docs/ENGINES-RESULTS.md has the
// profile.
//
// On the JavaScript runners a test that grows, but whose grows cannot
// reach its maximum (each has a constant operand and is outside every
// loop, and together they fit), is stacked instead (stack.go,
// Options.Stack): its instances follow one another at the top of one
// memory that only grows, each on the pages a grow by the test's initial
// size has just added, so that the memory's end is the test memory's end
// and the engine's own bounds checks decide every trap. A thread starts
// an instance only once its memory.size covers the instance's pages.
// Stacked runs make one memory and one instance per thread for up to 1024
// instances. They ran the grow family at 6,700-21,800 instances a second
// on node and 5,100-22,300 on deno on a quiet machine, where fresh
// memories gave 1,700-3,900 (docs/ENGINES-RESULTS.md).
//
// # Stuck threads
//
// A wait with a negative timeout may never return. In batch mode the
// harness and the host decide this exactly, without a timeout that could
// mistake a slow notifier for a missing one (waits.go): a waiter publishes
// its address and counts itself pending, notifiers count the waiters they
// wake, and when every other thread of the instance has finished and every
// wake has been claimed, the host marks the instance aborted and notifies
// the pending addresses; a waiter woken with nothing to claim leaves with
// T:stuck=1 and the locals it had when it went to sleep. A per-batch
// deadline (Options.Deadline) is the backstop for anything else that does
// not end (a spin loop waiting for a write that never comes): the batch is
// cancelled, the instances that did not finish are dropped and counted,
// and the engine is restarted.
//
// # Engines
//
// A Runner is the whole backend boundary: Wazero (compiler and interpreter,
// in process), JS (node, deno and bun, driving the embedded harness.js as a
// subprocess with worker_threads and a shared WebAssembly.Memory) and,
// built with -tags wasmtime, Wasmtime (Cranelift through wasmtime-go,
// cgo). The in-process engines share the Go driver (godriver.go,
// isodriver.go): one goroutine per thread, locked to an OS thread.
//
// # Decisions and limits
//
//   - Engines implement a shared memory created by the host and imported
//     differently from one a module defines and exports, so both are
//     run (Options.Memory; wmm's --memory both is the default). With an
//     exported memory, wazero runs one instance whose functions every
//     thread calls; the JavaScript runtimes create the memory by
//     instantiating the module in the main thread and pass it to
//     workers, which instantiate the same harness importing it (an
//     instance cannot be shared between workers). wasmtime-go cannot pass
//     a module's own shared memory to another store, so it runs only the
//     imported way.
//   - Shared memories are reserved at their maximum, so a run refuses a
//     test whose memory may grow beyond its budget (Options.MemBudget,
//     half the machine's available memory) and keeps no more isolated
//     instances alive than fit (budget.go); wazero's memories are mapped
//     with mmap and unmapped when closed (mmap.go).
//   - Tests may not wait in their setup code; tests in isolated mode may
//     not wait with a timeout that can be infinite (there is no spare
//     memory for the stuck protocol). Both are refused with an
//     UnsupportedError, as are tests whose memory exceeds Options.MaxMemory.
//   - When two threads of one instance wait on the same address and only
//     one is woken, the stuck protocol may give the wake to either.
//   - Only the outcome is recorded, not the execution: a loop's iteration
//     count is invisible unless the test keeps it in a local.
//   - A test with more threads than the machine has cores still runs, but
//     its threads cannot all run at once; the barrier then sleeps sooner
//     (a spin limit of 500 instead of 100000). Otherwise the limit stays
//     at 100000 however loaded the machine is (lowering it under load
//     made the threads sleep at the barrier and stop overlapping); a run
//     whose threads often slept says so, every batch-mode run reports
//     its concurrency (concurrency.go), and a run during which other
//     programs kept the cores busy says so too (load.go).
//   - When the thread that releases the barrier had to wake a sleeper,
//     it waits until the others have passed the barrier, so that the same
//     thread (a waiter whose stuck instance sent the other thread to
//     sleep) does not always start first. (It used to wait in every other
//     instance, which put the releaser either a transfer ahead or a
//     transfer behind and the threads rarely at the same point.)
//   - --timeout (Options.Budget) ends a batch in progress: the batch's
//     deadline is the earlier of the budget's end and Options.Deadline.
package engine
