// Package wast imports the scripts of the WebAssembly threads proposal's
// test suite (test/core/threads/*.wast) as litmus tests (see Import for how
// a script is read). Importing the package registers the ".wast" format
// with litmus.LoadFile.
package wast

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"wmm/litmus"

	"wmm/wasm"
)

// A Result is what Import makes of a script of the WebAssembly
// threads proposal's test suite (test/core/threads/*.wast).
type Result struct {
	// Tests are the litmus tests the script turns into, in script order.
	Tests []*litmus.Test
	// Errors lists what was not imported, each with its position: an
	// "unsupported: ..." command, or an error in the script itself.
	Errors litmus.ErrorList
	// Notes say what the importer checked itself (assert_unlinkable) and
	// which lines each test covers.
	Notes []string
}

// Import turns a threads-proposal .wast script into litmus tests.
// filename is used in positions and in the tests' names.
//
// The script is read as the proposal's test harness runs it (MODEL.md
// §13.2):
//
//   - A module that defines a shared memory, (memory (export "shared")
//     MIN MAX shared), gives the test's memory {pages: MIN, max: MAX}. Each
//     such module starts a new section of the script; each section gives
//     its own tests.
//   - (thread $T (shared (module $M))... cmd...) is litmus thread T: the
//     functions it invokes, one after the other, on modules that import the
//     shared memory through (register "name" $M). Each function's body is
//     inlined in a block; `return` becomes a branch out of it, parameters
//     are set from the constant arguments, and a result the script asserts
//     is kept in a local $retN, N the invocation's line.
//   - (wait $T) joins T. Functions the main script invokes before the
//     first thread are the test's setup code; after every thread is
//     joined, a function the script asserts on (the "check") is evaluated
//     symbolically over the memory it loads: its plain loads are the final
//     observer's atoms, and "it returns the asserted value" becomes a
//     proposition over them.
//   - The condition is forall of the conjunction of every assertion: the
//     check's, each thread's (assert_return with a value or an
//     (either ...) of values, assert_trap), and that no thread traps or
//     blocks forever where the script does not expect it. The expectation
//     is always, under the wasm model.
//   - A section without threads is a sequence of invocations on one
//     memory: it becomes a test with one thread, main. As a trap ends a
//     litmus thread, an assert_trap ends a test; the next test replays the
//     invocations before it (without their assertions).
//   - assert_unlinkable is checked by the importer: the harness keeps one
//     registry of module names per thread, empty when the thread starts.
//
// Anything else gives an "unsupported: ..." error at its position and is
// left out: assert_invalid and assert_malformed, modules without a shared
// memory, calls while threads run, threads started after a join, nested
// threads (they need happens-before between test threads), results that
// are not constants. When what is left out could change the memory, the
// rest of its section is left out too, so that no test checks a state the
// script does not reach.
func Import(filename string, src []byte) *Result {
	im := &wastImporter{file: filename, out: &Result{}}
	im.main = newWastCtx(nil)
	items, err := wasm.ReadSExprs(string(src))
	if err != nil {
		// What a malformed script means is anyone's guess: import nothing.
		im.wasmErrors(err)
		im.out.Errors.Sort()
		return im.out
	}
	for _, cmd := range items {
		im.command(im.main, cmd)
	}
	im.closeSection()
	im.nameTests()
	im.out.Errors.Sort()
	return im.out
}

// Load loads the litmus tests of a .wast script, as Import makes
// them. Like Load, it returns the tests that could be made together with
// an litmus.ErrorList (sorted, at most litmus.MaxErrors entries) for what could not;
// errors with the same message are reported once, with their number.
func Load(filename string, src []byte) ([]*litmus.Test, error) {
	imp := Import(filename, src)
	errs := collapseRepeats(imp.Errors)
	if len(imp.Tests) == 0 && len(errs) == 0 {
		errs.Add(litmus.Pos{File: filename, Line: 1, Col: 1}, "unsupported: the script runs no function on a shared memory, so it has no litmus test")
	}
	errs.Truncate(litmus.MaxErrors)
	return imp.Tests, errs.Err()
}

// collapseRepeats keeps the first of the errors that have the same
// message, saying how many more there are and where the last one is.
func collapseRepeats(errs litmus.ErrorList) litmus.ErrorList {
	type group struct {
		first *litmus.Error
		n     int
		last  litmus.Pos
	}
	var groups []*group
	byMsg := map[string]*group{}
	for _, e := range errs {
		g, ok := byMsg[e.Msg]
		if !ok {
			g = &group{first: e}
			byMsg[e.Msg] = g
			groups = append(groups, g)
		}
		g.n++
		g.last = e.Pos
	}
	var out litmus.ErrorList
	for _, g := range groups {
		e := *g.first
		if g.n > 1 {
			e.Msg += fmt.Sprintf(" (%d more like this, the last on line %d)", g.n-1, g.last.Line)
		}
		out = append(out, &e)
	}
	return out
}

func init() {
	litmus.RegisterFormat(".wast", Load)
}

// A wastImporter walks a script's commands.
type wastImporter struct {
	file string
	out  *Result
	main *wastCtx
	sec  *wastSection // the current section; nil before the first memory
	// closing is the section being turned into tests, by closeSection.
	closing *wastSection
}

// pos turns a position in the script into a litmus position.
func (im *wastImporter) pos(p wasm.Pos) litmus.Pos {
	return litmus.Pos{File: im.file, Line: p.Line, Col: p.Col}
}

// errorf records an error in the script.
func (im *wastImporter) errorf(p wasm.Pos, format string, args ...any) {
	im.out.Errors.Addf(im.pos(p), format, args...)
}

// unsupported records a command left out. It returns false, for callers
// that report and give up in one statement.
func (im *wastImporter) unsupported(p wasm.Pos, format string, args ...any) bool {
	im.out.Errors.Addf(im.pos(p), "unsupported: "+format, args...)
	if sec := cmp.Or(im.sec, im.closing); sec != nil {
		sec.unsupported = append(sec.unsupported, im.out.Errors[len(im.out.Errors)-1].Error())
	}
	return false
}

// fail records an error in the script that leaves the state unknown: the
// rest of the section is left out.
func (im *wastImporter) fail(p wasm.Pos, format string, args ...any) {
	im.errorf(p, format, args...)
	im.stop()
}

// refuse records a command left out that could have changed the memory:
// the rest of the section is left out too.
func (im *wastImporter) refuse(p wasm.Pos, format string, args ...any) {
	im.unsupported(p, format, args...)
	im.stop()
}

// stop marks the current section as stopped.
func (im *wastImporter) stop() {
	if im.sec != nil {
		im.sec.stopped = true
	}
}

// wasmErrors records the errors of the wasm package, which carry positions
// in the script.
func (im *wastImporter) wasmErrors(err error) {
	var list wasm.ErrorList
	var one *wasm.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			im.errorf(e.Pos, "%s", e.Msg)
		}
	case errors.As(err, &one):
		im.errorf(one.Pos, "%s", one.Msg)
	default:
		im.out.Errors.Add(litmus.Pos{File: im.file}, err.Error())
	}
}

// note records what the importer checked or decided.
func (im *wastImporter) note(p wasm.Pos, format string, args ...any) {
	im.out.Notes = append(im.out.Notes, im.pos(p).String()+": "+fmt.Sprintf(format, args...))
}

// command runs one command of the script in context c (the main script or
// a thread).
func (im *wastImporter) command(c *wastCtx, cmd *wasm.SExpr) {
	if im.sec != nil && im.sec.stopped && !runsWhenStopped(cmd) {
		if cmd.Head() == "thread" {
			im.skipThread(c, cmd)
		}
		return
	}
	switch cmd.Head() {
	case "module":
		im.module(c, cmd)
	case "register":
		im.register(c, cmd)
	case "invoke":
		im.invoke(c, cmd, nil)
	case "assert_return":
		im.assertReturn(c, cmd)
	case "assert_trap":
		im.assertTrap(c, cmd)
	case "assert_unlinkable":
		im.assertUnlinkable(c, cmd)
	case "thread":
		im.thread(c, cmd)
	case "wait":
		im.wait(c, cmd)
	case "assert_invalid", "assert_malformed":
		im.unsupported(cmd.Pos(), "%s: validation and parsing are not memory-model questions", cmd.Head())
	case "get", "assert_exhaustion", "assert_uninstantiable":
		im.refuse(cmd.Pos(), "the command %s", cmd.Head())
	case "":
		im.errorf(cmd.Pos(), "expected a command such as (module ...) or (invoke ...), found %s", describeSExpr(cmd))
	default:
		im.unsupported(cmd.Pos(), "the command %s", cmd.Head())
	}
}

// runsWhenStopped reports whether cmd is still run in a stopped section: a
// module, which may define a new memory and end the section, or an
// assertion that does not depend on the memory.
func runsWhenStopped(cmd *wasm.SExpr) bool {
	switch cmd.Head() {
	case "module", "assert_invalid", "assert_malformed", "assert_unlinkable":
		return true
	}
	return false
}

// describeSExpr names s for "found ..." in messages.
func describeSExpr(s *wasm.SExpr) string {
	if !s.IsList() {
		return s.Tok.Text
	}
	if h := s.Head(); h != "" {
		return "(" + h + " ...)"
	}
	return "a list"
}

// baseName returns the file name of path without its directory.
func baseName(path string) string { return filepath.Base(filepath.ToSlash(path)) }
