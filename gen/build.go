package gen

import (
	"fmt"
	"strings"

	"wmm/litmus"
	"wmm/position"
)

// An access is one event of a cycle's test.
type access struct {
	dir    Dir
	ann    Ann
	thread int
	loc    int
	value  int    // the value written, or the value a read must return (-1: not observed)
	reg    string // the read's local
}

// locNames names the locations in the docs.
const locNames = "xyzuvwabcdefghijklmnopqrst"

// locAddr is the byte address of location l: 8 bytes apart, so that every
// width is aligned and distinct locations never overlap.
func locAddr(l int) int { return 8 * l }

// layout places the accesses of the canonical cycle c: threads (a new one
// after each external edge), locations (a new one after each Pod; with p
// Pods there are p locations, the last Pod leading back to location 0),
// the values written (1, 2, ... along each location's run of accesses, so
// that coherence follows the cycle) and the values the reads must return
// for the cycle to be observed (a read reached by Rf returns the write's
// value; a read left by Fr the value before the write's). It also returns
// the final values the condition must check: a Co edge is observed by the
// location's final value, so its target must be the location's last write.
func layout(c Cycle) ([]access, map[int]int, error) {
	n := len(c)
	acc := make([]access, n)
	pods := 0
	for _, e := range c {
		if e.Pod() {
			pods++
		}
	}
	thread, loc := 0, 0
	for i := range acc {
		acc[i] = access{dir: c[i].Src, ann: c[i].SrcAnn, thread: thread, loc: loc, value: -1}
		if c[i].External() {
			thread++
		}
		if c[i].Pod() {
			loc = (loc + 1) % pods
		}
	}
	// A location's run starts after a Pod (or at access 0 when there is
	// none) and goes on along the cycle.
	var starts []int
	for i, e := range c {
		if e.Pod() {
			starts = append(starts, (i+1)%n)
		}
	}
	if pods == 0 {
		starts = []int{0}
	}
	final := map[int]int{}
	for _, s := range starts {
		run := []int{s}
		for k := s; !c[k].Pod() && len(run) < n; k = (k + 1) % n {
			run = append(run, (k+1)%n)
		}
		if pods == 0 {
			run = run[:n]
		}
		v := 0
		lastWrite := -1
		for _, k := range run {
			if acc[k].dir == W {
				v++
				acc[k].value = v
				lastWrite = k
			}
		}
		for j, k := range run {
			if acc[k].dir != R {
				continue
			}
			in, out := c[(k+n-1)%n], c[k]
			switch {
			case in.Kind == Rf && (j > 0 || pods == 0):
				acc[k].value = acc[(k+n-1)%n].value
			case out.Kind == Fr && (j+1 < len(run) || pods == 0):
				acc[k].value = acc[(k+1)%n].value - 1
			}
		}
		// A Co edge from w, and an Fr edge from a read of w's value, say
		// that w is coherence-before the edge's target; only the final value
		// shows that, so the target must be the location's last write.
		for _, k := range run {
			from, to := k, (k+1)%n
			switch {
			case c[k].Kind == Fr && acc[k].value >= 1:
				from = k // the read's value stands for the write it reads
			case c[k].Kind != Co:
				continue
			}
			if to != lastWrite || acc[to].value <= acc[from].value {
				var errs position.ErrorList
				errs.Addf(cyclePos(c[k].Off), "%s cannot be observed: it orders two writes of %c in coherence, and a test sees that order only when the second is the location's last write (its final value)", c[k].Base(), locNames[acc[k].loc%len(locNames)])
				return nil, nil, errs.Err()
			}
			final[acc[k].loc] = acc[to].value
		}
	}
	regs := map[int]int{}
	for i := range acc {
		if acc[i].dir == R {
			acc[i].reg = fmt.Sprintf("r%d", regs[acc[i].thread])
			regs[acc[i].thread]++
		}
	}
	return acc, final, nil
}

// Build returns the litmus test of the valid cycle c: one thread per
// external edge, in WAT; locations 8 bytes apart from address 0; a
// condition that holds exactly when every edge of the cycle is observed
// (the reads' values and, for Co edges, final values); a doc that names
// the cycle, its shape when it has a classic one, and its accesses. The
// test's name is the canonical cycle's diy name. The test is loaded from
// the text it is printed as, so it is one that wmm check reads.
func Build(c Cycle) (*litmus.Test, error) {
	cc := c.Canonical()
	acc, final, err := layout(cc)
	if err != nil {
		return nil, err
	}
	name := cc.Name()
	var src strings.Builder
	fmt.Fprintf(&src, "name: %s\n", name)
	fmt.Fprintf(&src, "doc: %q\n", doc(cc, acc))
	src.WriteString("threads:\n")
	threads := acc[len(acc)-1].thread + 1
	var atoms []string
	for t := 0; t < threads; t++ {
		fmt.Fprintf(&src, "  T%d: |\n", t)
		for _, a := range acc {
			if a.thread == t && a.dir == R {
				fmt.Fprintf(&src, "    (local $%s %s)\n", a.reg, valType(a.ann.Width))
				if a.value >= 0 {
					atoms = append(atoms, fmt.Sprintf("T%d:%s=%d", t, a.reg, a.value))
				}
			}
		}
		for _, a := range acc {
			if a.thread == t {
				fmt.Fprintf(&src, "    %s\n", instr(a))
			}
		}
	}
	for l := 0; l < 64; l++ {
		if v, ok := final[l]; ok {
			w := 0
			for _, a := range acc {
				if a.loc == l {
					w = max(w, a.ann.Width)
				}
			}
			atoms = append(atoms, fmt.Sprintf("i%d[%d]=%d", w, locAddr(l), v))
		}
	}
	fmt.Fprintf(&src, "condition: exists (%s)\n", strings.Join(atoms, ` /\ `))
	tests, err := litmus.Load(name+".yaml", []byte(src.String()))
	if err != nil {
		return nil, fmt.Errorf("internal error: the test of %s does not load: %v\n%s", name, err, src.String())
	}
	return tests[0], nil
}

// BuildString parses cycle text and builds its test; errors are at
// positions in s.
func BuildString(s string) (*litmus.Test, error) {
	c, err := Parse(s)
	if err != nil {
		return nil, err
	}
	return Build(c)
}

func valType(width int) string {
	if width == 64 {
		return "i64"
	}
	return "i32"
}

// instr returns the WAT of one access.
func instr(a access) string {
	ty := valType(a.ann.Width)
	op := ty
	if a.ann.Order == SC {
		op += ".atomic"
	}
	addr := fmt.Sprintf("(i32.const %d)", locAddr(a.loc))
	narrow := ""
	if a.ann.Width < 32 {
		narrow = fmt.Sprint(a.ann.Width)
	}
	if a.dir == W {
		return fmt.Sprintf("(%s.store%s %s (%s.const %d))", op, narrow, addr, ty, a.value)
	}
	if narrow != "" {
		narrow += "_u"
	}
	return fmt.Sprintf("(local.set $%s (%s.load%s %s))", a.reg, op, narrow, addr)
}

// doc describes the test of the canonical cycle c.
func doc(c Cycle, acc []access) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Generated by wmm gen from the cycle %s", strings.ReplaceAll(c.Name(), "+", " "))
	if a := c.Alias(); a != "" {
		fmt.Fprintf(&b, " (the shape of %s)", a)
	}
	fmt.Fprintf(&b, ", with %s. ", annotationWords(c))
	var steps []string
	for i, e := range c {
		from, to := acc[i], acc[(i+1)%len(acc)]
		steps = append(steps, fmt.Sprintf("%s %s %s", describe(from), edgeVerb(e), describe(to)))
	}
	b.WriteString("The condition holds when " + strings.Join(steps, "; ") + ". ")
	b.WriteString("Under sequential consistency no execution shows the whole cycle.")
	return b.String()
}

func describe(a access) string {
	return fmt.Sprintf("T%d's %s of %c", a.thread, dirWord(a.dir), locNames[a.loc%len(locNames)])
}

func edgeVerb(e Edge) string {
	switch e.Kind {
	case Rf:
		return "is read by"
	case Fr:
		return "reads a value overwritten by"
	case Co:
		return "is overwritten by"
	}
	return "is in program order before"
}
