// Package axioms holds the consistency predicates of the memory models wmm
// checks against: the WebAssembly relaxed memory model of MODEL.md §8 (the
// letter of the spec, and its variants of §12), the JavaScript models
// (ES2024 and ES2017) and sequential consistency.
//
// A model is a value (a *Model) that lists its checks; each check is named
// after the axiom it implements, and a failing check returns a
// *model.Violation naming the axiom, the clause and the events involved.
// The package works on events and knows nothing about instructions.
package axioms

import (
	"fmt"
	"slices"
	"strings"

	"wmm/model"
)

// A Model is a memory model: the operational choices it makes (which
// events instructions emit) and the axioms it checks.
type Model struct {
	name     string
	variants []string

	// sem holds the operational choices of the model (package interp
	// follows them).
	sem model.Semantics

	// sc makes the model sequential consistency over bytes: every read
	// sees, per byte, the latest write before it in one total order of all
	// events. The other fields below do not apply.
	sc bool
	// noDagger drops clauses (ii) † and (iii) ‡ of sc-last-visible (the
	// paper's Fig. 16), in the data region only when DataOnly is set.
	noDagger, noDaggerDataOnly bool
	// oldClauseA makes clause (i) of sc-last-visible forbid every write of
	// the reader's range between W and R in tot, not only SC writes: the
	// ES2017 rule that the ARMv8 mapping broke (MODEL.md §11.1 item 1).
	oldClauseA bool
	// initSync makes an SC read that reads every cell from the init
	// write synchronise with it for clause (i) of sc-last-visible, as the
	// JSMM artefact encodes the JavaScript model (memory_model_js.als:
	// "reading purely from Init also synchronizes"). It matters only
	// without clause (ii), which subsumes it: without it ES2017 would allow
	// SB with SC atomics.
	initSync bool
	// initNoTear counts init writes and grow's zero fills as same-range
	// tear-free writers in no-tear (MODEL.md §12 A21).
	initNoTear bool
	// paperTearFree uses the paper's tear-freedom (SC, or aligned and at
	// most 4 bytes, floats included) instead of the spec's notears flag
	// (MODEL.md §14).
	paperTearFree bool
	// waitersUnordered makes the waiter lists invisible to the axioms, as
	// in ES2017: suspension actions add no happens-before edge, and the
	// order in which waits, wake-ups, time-outs and notifies take their
	// turn at a waiter list is any order that respects each thread's
	// program order (and spawn and join), whatever tot says. Suspension
	// consistency (C7 (Q)) then asks only that some such order exists.
	// See js.go.
	waitersUnordered bool

	// skip holds the axioms the model does not check (variants
	// "skip=AXIOM"; see Skippable).
	skip map[string]bool

	checks []Check // made by Lookup once the variants are set
}

// Name returns the model's name with its variants, e.g. "wasm" or
// "wasm+init-notear".
func (m *Model) Name() string {
	return strings.Join(append([]string{m.name}, m.variants...), "+")
}

// Base returns the model's name without variants.
func (m *Model) Base() string { return m.name }

// Semantics returns the operational choices of the model.
func (m *Model) Semantics() model.Semantics { return m.sem }

// Models lists the models by name, with a one-line description.
var Models = []struct{ Name, Doc string }{
	{"wasm", "the WebAssembly threads relaxed memory model, by the letter of the spec (MODEL.md §8)"},
	{"js", "the ECMAScript 2024 SharedArrayBuffer model (MODEL.md §11), with the PLDI 2020 fixes"},
	{"js2017", "the ECMAScript 2017 model: no sc-last-visible clauses † and ‡, and clause (i) over every write"},
	{"sc", "sequential consistency over bytes: one interleaving, every read sees the latest write"},
}

// Variants lists the variants of the wasm model (MODEL.md §12, §14), with
// a one-line description each and the field it sets.
var Variants = []struct {
	Name, Doc string
	flag      func(m *Model) *bool // the field of m the variant sets
}{
	{"import-len-read", "A6: each test thread starts with the SC length read of importing the memory", func(m *Model) *bool { return &m.sem.ImportLenRead }},
	{"grow-zero-init", "A7: grow's zero fill is an init write, hb-before every access to the new pages", func(m *Model) *bool { return &m.sem.GrowZeroInit }},
	{"no-spurious-grow-failure", "A9: memory.grow fails only when the maximum leaves no room", func(m *Model) *bool { return &m.sem.NoSpuriousGrowFailure }},
	{"bulk-single-check", "A10: memory.fill/copy check bounds once, then write without length reads", func(m *Model) *bool { return &m.sem.BulkSingleCheck }},
	{"finite-wait-may-block", "A15: a wait with a finite timeout may stay suspended forever", func(m *Model) *bool { return &m.sem.FiniteWaitMayBlock }},
	{"init-notear", "A21: init writes and grow zero fills count as same-range tear-free writes in no-tear", func(m *Model) *bool { return &m.initNoTear }},
	{"paper-float-notear", "§14: the paper's tear-freedom (aligned ≤ 4 bytes, floats included)", func(m *Model) *bool { return &m.paperTearFree }},
	{"no-dagger", "the paper's model without sc-last-visible clauses † and ‡ (Proposition 6.2)", func(m *Model) *bool { return &m.noDagger }},
	{"js-buffer-unord", "J1: JavaScript's memory.buffer reads the memory's length unordered, not SC", func(m *Model) *bool { return &m.sem.JSBufferUnord }},
	{"js-wait-no-critical", "J2: a JavaScript Atomics.wait that returns not-equal has no critical section (as a Wasm wait)", func(m *Model) *bool { return &m.sem.JSWaitNoCritical }},
	{"acqrel-as-seqcst", "§16 R1: acqrel atomics are seqcst, as an engine that lowers them (feature acqrel)", func(m *Model) *bool { return &m.sem.AcqRelAsSeqCst }},
	{"discard-sc", "§17 D1: memory.discard writes its zeros as one seqcst write over the range, not unordered bytes (feature discard)", func(m *Model) *bool { return &m.sem.DiscardSC }},
	{"protect-sc", "§18 P1: every access reads the protection state of its pages seqcst, not unordered like the length (feature protect)", func(m *Model) *bool { return &m.sem.ProtectSC }},
}

// Skippable lists the axioms a model can drop (the variant "skip=AXIOM",
// herd's -skipchecks), to show what the remaining axioms allow. The
// others cannot be dropped: the search builds them in (notSkippable says
// why).
var Skippable = []string{model.AxHB, model.AxSCLast, model.AxNoTear, model.AxInit}

// notSkippable says why each other axiom cannot be dropped.
var notSkippable = map[string]string{
	model.AxWellFormed: "reads-from and tot are what an execution is made of",
	model.AxValue:      "the interpreter computes what each read returns from the write it reads from",
	model.AxHBTot:      "the search builds tot as an order that contains happens-before",
	model.AxHBAcyclic:  "hb-in-tot, which the search builds in, implies it",
	model.AxSuspension: "the threads' paths are chosen by what their waits return (not yet supported)",
	model.AxSC:         "it is the sc model itself",
}

// Lookup returns the model called name with the given variants applied.
// A name may carry variants itself, joined with "+", as expectation keys
// in litmus files do ("wasm+init-notear").
func Lookup(name string, variants ...string) (*Model, error) {
	parts := strings.Split(name, "+")
	name, variants = parts[0], append(parts[1:], variants...)
	m := &Model{name: name}
	switch name {
	case "wasm":
	case "js":
		setJS(m)
	case "js2017":
		setJS2017(m)
	case "sc":
		m.sc = true
	default:
		return nil, fmt.Errorf("unknown model %q (known: wasm, js, js2017, sc)", name)
	}
	for _, v := range variants {
		if v == "" || slices.Contains(m.variants, v) {
			continue
		}
		if err := m.apply(v); err != nil {
			return nil, err
		}
		m.variants = append(m.variants, v)
	}
	slices.Sort(m.variants)
	m.checks = m.makeChecks()
	return m, nil
}

// MustLookup is Lookup for names known to be valid; it panics otherwise.
func MustLookup(name string, variants ...string) *Model {
	m, err := Lookup(name, variants...)
	if err != nil {
		panic(err)
	}
	return m
}

// Wasm returns the default model: the letter of the WebAssembly spec. A
// model is a value made by Lookup from its name and variants; nothing
// changes it afterwards.
func Wasm() *Model { return MustLookup("wasm") }

func (m *Model) apply(v string) error {
	if ax, ok := strings.CutPrefix(v, "skip="); ok {
		return m.skipAxiom(ax)
	}
	for _, x := range Variants {
		if x.Name == v {
			*x.flag(m) = true
			return nil
		}
	}
	var names []string
	for _, x := range Variants {
		names = append(names, x.Name)
	}
	return fmt.Errorf("unknown variant %q (known: %s)", v, strings.Join(names, ", "))
}

// skipAxiom makes the model drop axiom ax.
func (m *Model) skipAxiom(ax string) error {
	if ax == "suspension-consistent" {
		ax = model.AxSuspension // the name before relaxed.rst's
	}
	if why, ok := notSkippable[ax]; ok {
		return fmt.Errorf("cannot skip %s: %s (these can be skipped: %s)", ax, why, strings.Join(Skippable, ", "))
	}
	if !slices.Contains(Skippable, ax) {
		return fmt.Errorf("unknown axiom %q (these can be skipped: %s)", ax, strings.Join(Skippable, ", "))
	}
	if m.sc {
		return fmt.Errorf("cannot skip %s under sc: the sc model does not have it", ax)
	}
	if m.skip == nil {
		m.skip = map[string]bool{}
	}
	m.skip[ax] = true
	return nil
}

// Skips reports whether the model drops axiom ax (variant "skip=AXIOM").
// The enumerator asks it before pruning by that axiom.
func (m *Model) Skips(ax string) bool { return m.skip[ax] }

// tearfree is tearfree(a) of MODEL.md §4.2: every RMW and SC access, and
// an unordered access with the notears flag. Init writes never are. With
// PaperTearFree it is the paper's rule instead: SC, or aligned and at most
// 4 bytes (floats included, init writes never since they cover pages).
func (m *Model) tearfree(a *model.Access) bool {
	if a.Kind == model.RMW || a.Ord.Atomic() {
		return true // acqrel accesses are atomic too (§16.2)
	}
	if m.paperTearFree {
		return a.Ord != model.Init && a.Size <= 4 && a.Off%a.Size == 0
	}
	return a.NoTears
}

// daggers reports whether clauses (ii) and (iii) of sc-last-visible apply
// in region r.
func (m *Model) daggers(r model.Region) bool {
	if !m.noDagger {
		return true
	}
	return m.noDaggerDataOnly && r == model.Len
}

// isZeroFill reports whether e's data access is the init write of the
// allocation or the zero fill of a successful grow.
func isZeroFill(e *model.Event) bool {
	if e.Data == nil || e.Data.Kind != model.Write {
		return false
	}
	return e.Data.Ord == model.Init || (e.Len != nil && e.Len.Kind == model.RMW)
}

// Constrained reports whether the position of e in tot matters to the
// model: the tot search orders only these events (MODEL.md §13.1 step 6).
// For the Wasm and JS models: events with an SC access or an RMW in some
// region, and suspension events; for js2017 every write (its clause (i)
// looks at non-SC writes) but not the suspension events (its waiter lists
// are not ordered by tot); for sc every event.
func (m *Model) Constrained(e *model.Event) bool {
	if m.sc {
		return true
	}
	if e.IsSC() || (e.Susp != nil && !m.waitersUnordered) {
		return true
	}
	if m.oldClauseA {
		return e.Data.Writing() || e.Len.Writing()
	}
	return false
}
