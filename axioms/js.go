package axioms

// The JavaScript models. Both judge the same events as the Wasm model
// (interp emits them from WebAssembly code, with the operational choices
// of model.Semantics that JavaScript makes); what differs is stated here,
// rule by rule, with where it comes from.
//
// Sources (read through the project's search tools):
//
//   - [ES] ECMA-262 spec.html, tc39/ecma262 @ dd9d1d2c2246 (the current
//     text: sections "synchronizes-with", "happens-before", "Sequentially
//     Consistent Atomics", and Atomics.wait/notify with their waiter-list
//     critical sections);
//   - [1511] tc39/ecma262 pull request #1511 (April 2019, in ES2020),
//     "Normative: fix axiomatic model to be SC-DRF, and allow ARMv8
//     compilation": its diff shows the memory-order clause it replaced and
//     adds the note that init events no longer take part in
//     synchronizes-with;
//   - [1065] tc39/ecma262 pull request #1065 (January 2018), which quotes
//     the ES2017 synchronizes-with conditions, the init one included;
//   - [EMME] FMJS/EMME model/memory_model.als (2017), the Alloy encoding
//     of ES2017 that the paper validated Proposition 6.2 against: sw_def
//     (SW4c, SW4d) and mo_def (MO3b) follow the ES2017 numbering;
//   - [JSMM] conrad-watt/repairing-and-mechanising-the-javascript-relaxed-
//     memory-model @ c6f707610e4d, alloy/memory_model_js.als ("reading
//     purely from Init also synchronizes", consistent_stephen_unfixed);
//   - [1119], [1127], [1680], [1692]: tc39/ecma262 issue #1119 (February
//     2018: Atomics.wait and wake are invisible to the axiomatic model but
//     for wait's load), pull request #1127 (ES2019: a notifier
//     synchronises with the waiter it wakes), issue #1680 and pull request
//     #1692 (ES2020: entering a waiter list's critical section synchronises
//     with the last one to leave it).
//
// js (ES2024, MODEL.md §11): valid chosen reads, coherent reads, tear-free
// reads and sequentially consistent atomics are C1, C2, C4 and C3 with
// hb ⊆ tot, clause for clause ([ES]; MODEL.md §11's table). Init events
// do not synchronise ([ES] note under synchronizes-with, added by [1511]).
// Operationally: compareExchange always writes (a ReadModifyWriteShared-
// Memory event even when it fails), a growable SharedArrayBuffer's block is
// allocated, and initialised, at its maximum length, and every
// Atomics.wait (the not-equal ones included) and Atomics.notify is a
// critical section of its waiter list, each synchronising with the one
// before it ([1692]) and each notifier with the waiters it wakes ([1127]).
//
// js2017 (ECMA-262 8th edition, June 2017) differs from js in four rules:
//
//  1. Sequentially consistent atomics had one clause, the one [1511]
//     removed: for (W, R) in synchronizes-with, no write V of R's range,
//     V ≠ W, lies between W and R in memory-order ([1511]'s diff, [EMME]
//     MO3bii). V ranges over every write, not only SC ones: the rule ARMv8's
//     LDAR/STLR mapping breaks ([1511] description, [JSMM]
//     consistent_stephen_unfixed). Clauses (ii) † and (iii) ‡ are absent
//     (paper §6.2). Model fields: OldClauseA, NoDagger.
//  2. An SC read that reads every byte from init events synchronises with
//     them ([1065]: "If W.[[Order]] is "Init", and for each event V such
//     that (R, V) is in execution.[[ReadsFrom]], V.[[Order]] is "Init"";
//     [EMME] SW4d; [JSMM] sw). The hb edge is there anyway; what the rule
//     adds is clause 1 for such a read: no write of its range between
//     init and the read in tot. Model field: InitSync.
//  3. Atomics.wait and Atomics.wake entered their waiter list's critical
//     section, but nothing of it was a memory-model event ([1119]): no
//     synchronisation between wait, wake and the woken waiter, and the
//     order of the critical sections (who is woken) unrelated to
//     memory-order, so that a wait may read a value older than a store
//     that precedes, in the same thread, a notify the wait missed ([1680]).
//     Model field: WaitersUnordered; the semantics emits no critical
//     section for a not-equal wait (it changes no waiter list).
//  4. Nothing else: compareExchange always wrote, tear-freedom and the
//     init events were as now. ES2017 had no growable buffers; js2017
//     keeps js's pre-zeroed growth and keeps clauses † and ‡ in the length
//     region, so that its length observations stay sequentially
//     consistent (a choice: ES2017 says nothing).
//
// What ES2017 called a data race (a race is two writes, or a write and a
// read that reads from it, not ordered by happens-before; a data race is
// a race not between two SC events of equal range) is not used here: the
// property tests use the paper's Fig. 17 under each model's own hb.

// setJS configures m as the ECMAScript 2024 model.
func setJS(m *Model) {
	m.sem.FailedCmpxchgWrites = true
	m.sem.GrowPreZeroed = true
	m.sem.WaitCritical = true
}

// setJS2017 configures m as the ECMAScript 2017 model.
func setJS2017(m *Model) {
	m.sem.FailedCmpxchgWrites = true
	m.sem.GrowPreZeroed = true
	m.noDagger, m.noDaggerDataOnly = true, true
	m.oldClauseA = true
	m.initSync = true
	m.waitersUnordered = true
}
