package reports

import (
	"crypto/md5"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"wmm/enumerate"
	"wmm/litmus"
	"wmm/model"
)

// WriteHerd prints c as herd7 prints the result of one test, so that
// herd's tools (mcompare7, msum7) and scripts written for herd's logs can
// read wmm's:
//
//	Test SB Allowed
//	States 4
//	0:r0=0; 1:r0=0;
//	...
//	Ok
//	Witnesses
//	Positive: 1 Negative: 255
//	Condition exists (0:r0=0 /\ 1:r0=0)
//	Observation SB Sometimes 1 255
//	Time SB 0.01
//	Hash=2c1ae5b3c3f5c0b0e7d1b0e4b1a3f6a2
//
// followed by an empty line. The mapping from wmm's notions to herd's:
//
//   - The kind after the name is herd's for the quantifier: Allowed for
//     exists, Forbidden for ~exists, Required for forall. A test without a
//     condition prints as herd's default, forall (true), Required.
//   - States are the distinct allowed outcomes, in wmm's order; a binding
//     prints as herd's, name=value; with a thread's index for its name
//     (T1:r0 is 1:r0, T1:trap is 1:trap); memory atoms (i32[8]) and size
//     keep wmm's names. Values are unsigned decimal.
//   - Ok or No is whether the condition holds (exists: some allowed
//     execution satisfies the proposition; ~exists: none does; forall:
//     all do), preceded by "Loop " when the unroll bound cut executions,
//     as herd marks a cut-off.
//   - Positive and Negative count executions, as herd's do: consistent
//     executions (distinct events and reads-from, LITMUS.md) whose
//     outcome satisfies the proposition, and those whose outcome does not.
//     execs gives the executions per outcome, keyed by the outcome's
//     String() (enumerate.Tally.Counts computes it); an outcome missing
//     from execs (all of them when execs is nil) counts once. Under ~exists the two are swapped, as herd
//     swaps them: Positive counts the executions that satisfy the negated
//     condition.
//   - Observation is herd's: Never, Sometimes or Always, then the
//     executions that satisfy the proposition and those that do not (not
//     swapped).
//   - Time is elapsed, in seconds. Hash is the MD5 of the test's canonical
//     form (litmus.Format): it identifies the test as herd's hash does,
//     but is not the hash herd computes (herd hashes its own printing of
//     the test's code and initial state).
func WriteHerd(w io.Writer, c *Check, execs map[string]enumerate.Count, elapsed time.Duration) error {
	t := c.Test
	p := &printer{w: w}
	cond := t.Condition
	if cond == nil {
		cond = &litmus.Condition{Quant: litmus.Forall, Prop: litmus.True{}}
	}
	idx := threadIndex(t)
	p.linef("Test %s %s", t.Name, herdKind(cond.Quant))
	p.linef("States %d", len(c.Outcomes))
	for _, o := range c.Outcomes {
		p.linef("%s", herdState(o, idx))
	}
	var pos, neg enumerate.Count
	for _, o := range c.Outcomes {
		n := enumerate.CountOf(1)
		if e := execs[o.String()]; !e.IsZero() {
			n = e
		}
		if cond.Prop.Eval(o) {
			pos = pos.Add(n)
		} else {
			neg = neg.Add(n)
		}
	}
	ok := herdOK(cond.Quant, clampInt(pos), clampInt(neg))
	loop := ""
	if !c.Stats.Cut.IsZero() {
		loop = "Loop "
	}
	verdict := "No"
	if ok {
		verdict = "Ok"
	}
	p.linef("%s%s", loop, verdict)
	p.linef("Witnesses")
	if cond.Quant == litmus.NotExists {
		p.linef("Positive: %s Negative: %s", neg, pos)
	} else {
		p.linef("Positive: %s Negative: %s", pos, neg)
	}
	p.linef("Condition %s (%s)", cond.Quant, herdProp(cond.Prop, idx))
	p.linef("Observation %s %s %s %s", t.Name, litmus.ObservationOf(clampInt(pos), clampInt(neg)).Herd(), pos, neg)
	p.linef("Time %s %.2f", t.Name, elapsed.Seconds())
	p.linef("Hash=%x", md5.Sum([]byte(litmus.Format(t))))
	p.linef("")
	return p.err
}

// herdKind returns herd's word for a quantifier.
func herdKind(q litmus.Quantifier) string {
	switch q {
	case litmus.NotExists:
		return "Forbidden"
	case litmus.Forall:
		return "Required"
	}
	return "Allowed"
}

// herdOK says whether the condition holds, given the executions that
// satisfy its proposition and those that do not.
func herdOK(q litmus.Quantifier, pos, neg int) bool {
	switch q {
	case litmus.NotExists:
		return pos == 0
	case litmus.Forall:
		return neg == 0
	}
	return pos > 0
}

// threadIndex maps thread names to their index in the file.
func threadIndex(t *litmus.Test) map[string]int {
	m := map[string]int{}
	for i, th := range t.Threads {
		m[th.Name] = i
	}
	return m
}

// herdName returns a binding's name in herd's form: T1:r0 is 1:r0.
func herdName(name string, idx map[string]int) string {
	if th, rest, ok := strings.Cut(name, ":"); ok {
		if i, ok := idx[th]; ok {
			return strconv.Itoa(i) + ":" + rest
		}
	}
	return name
}

// herdState prints an outcome as herd prints a state: "0:r0=0; 1:r0=1;".
func herdState(o model.Outcome, idx map[string]int) string {
	parts := make([]string, len(o))
	for i, b := range o {
		parts[i] = fmt.Sprintf("%s=%d;", herdName(b.Name, idx), b.Value)
	}
	return strings.Join(parts, " ")
}

// herdProp prints a proposition in herd's syntax with threads by index;
// NAME!=V prints as ~NAME=V, since herd writes no !=.
func herdProp(p litmus.Prop, idx map[string]int) string {
	switch p := p.(type) {
	case *litmus.Atom:
		s := fmt.Sprintf("%s=%d", herdName(p.Loc.String(), idx), p.Value)
		if p.Op == litmus.Ne {
			return "~" + s
		}
		return s
	case *litmus.And:
		return herdParen(p.L, p, idx) + ` /\ ` + herdParen(p.R, p, idx)
	case *litmus.Or:
		return herdParen(p.L, p, idx) + ` \/ ` + herdParen(p.R, p, idx)
	case *litmus.Not:
		return "~" + herdParen(p.P, p, idx)
	}
	return "true"
}

// herdParen prints child inside parent, in parentheses unless it binds at
// least as tightly (the rule of litmus.Condition's printer).
func herdParen(child, parent litmus.Prop, idx map[string]int) string {
	s := herdProp(child, idx)
	switch child.(type) {
	case *litmus.Atom, litmus.True:
		if a, ok := child.(*litmus.Atom); ok && a.Op == litmus.Ne {
			if _, inNot := parent.(*litmus.Not); inNot {
				return "(" + s + ")"
			}
		}
		return s
	case *litmus.Not:
		return s
	case *litmus.And:
		if _, ok := parent.(*litmus.And); ok {
			return s
		}
	case *litmus.Or:
		if _, ok := parent.(*litmus.Or); ok {
			return s
		}
	}
	return "(" + s + ")"
}

// clampInt returns n as an int, the largest int when it does not fit
// (herdOK and the observation only tell zero from more).
func clampInt(n enumerate.Count) int {
	return int(min(n.Saturated(), math.MaxInt))
}
