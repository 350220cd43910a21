package wast

import (
	"fmt"
	"strings"
)

// A wastDoc collects what a test imported from a script is made of, and
// writes its doc.
type wastDoc struct {
	file    string
	checks  int // assertions on calls after the joins
	setup   []*wastCall
	asserts []string // what the script asserts, in words
	nAssert int
}

// maxListed is how many assertions a doc lists one by one.
const maxListed = 4

// assert records an assertion on call c of thread (or, for "", of the
// main script after the joins).
func (d *wastDoc) assert(thread string, c *wastCall) {
	d.nAssert++
	e := c.expect
	what := "returns normally"
	switch {
	case e.trap:
		what = "traps"
	case e.text != "":
		what = "returns " + e.text
	}
	who := fmt.Sprintf("the check %s", c.describe())
	if thread == "" {
		d.checks++
	} else {
		who = fmt.Sprintf("%s's call %s", thread, c.describe())
	}
	d.asserts = append(d.asserts, who+" "+what)
}

// intro is the doc's first sentence.
func (d *wastDoc) intro() string {
	return fmt.Sprintf("Imported from %s, a script in the format of the WebAssembly threads proposal's tests.", d.file)
}

// condition says what the condition states.
func (d *wastDoc) condition(traps string) string {
	var b strings.Builder
	switch {
	case d.nAssert == 0:
		b.WriteString("The script asserts nothing about the calls' results; the condition states that ")
	case d.nAssert <= maxListed:
		fmt.Fprintf(&b, "The condition states what the script asserts: %s; and that ", strings.Join(d.asserts, "; "))
	default:
		fmt.Fprintf(&b, "The condition states what the script asserts: each of %d calls returns the expected value (an asserted result is kept in $retN, N the line of the call), or traps where the script expects it to; and that ", d.nAssert)
	}
	b.WriteString(traps)
	return b.String()
}

// concurrent writes the doc of a test with threads.
func (d *wastDoc) concurrent(threads []*wastThread) string {
	parts := []string{d.intro()}
	if len(d.setup) > 0 {
		parts = append(parts, fmt.Sprintf("Before the threads start, the setup %s.", makesCalls(d.setup)))
	}
	var ths []string
	for _, th := range threads {
		ths = append(ths, th.name+" "+makesCalls(th.calls))
	}
	parts = append(parts, "Thread "+strings.Join(ths, "; ")+".")
	parts = append(parts, d.condition("no thread traps or waits forever where the script expects its calls to return."))
	if d.checks > 0 {
		parts = append(parts, "The checks run after every thread is joined: their plain loads are the final observer's.")
	}
	return strings.Join(parts, " ")
}

// sequential writes the doc of a test of a section without threads.
func (d *wastDoc) sequential(replay, calls []*wastCall) string {
	parts := []string{d.intro()}
	s := "Thread main " + makesCalls(calls)
	if len(replay) > 0 {
		s += fmt.Sprintf(", after replaying the %d calls before them that return normally (without their assertions)", len(replay))
	}
	parts = append(parts, s+".")
	parts = append(parts, d.condition("main does not trap or wait forever where the script expects its calls to return."))
	return strings.Join(parts, " ")
}

// makesCalls says "makes the call "run" (line 17)", "makes the calls ...,
// ..." or "makes the calls of lines 84 to 389".
func makesCalls(calls []*wastCall) string {
	switch {
	case len(calls) == 1:
		return "makes the call " + calls[0].describe()
	case len(calls) > maxListed:
		return fmt.Sprintf("makes the calls of lines %d to %d", calls[0].line(), calls[len(calls)-1].line())
	}
	var s []string
	for _, c := range calls {
		s = append(s, c.describe())
	}
	return "makes the calls " + strings.Join(s, ", ")
}
