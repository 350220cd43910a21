package axioms_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"wmm/litmus"
)

// The program generator of the property tests: small random litmus tests
// of two or three threads, each a few aligned i32 accesses (SC or plain,
// some narrower when mixed sizes are on) to three locations, possibly
// behind an if on an SC load, as in message passing. Every store writes a
// value no other store writes, so outcomes tell writers apart. There are
// no loops, traps, growth or wait/notify.

// genOpts chooses what the generator may produce.
type genOpts struct {
	mixed   bool // 1- and 2-byte accesses inside the 4-byte locations
	cmpxchg bool // compare-exchange
	// prop62 keeps to the programs of Proposition 6.2's restriction (see
	// prop62_test.go): the setup SC-stores every range that an SC access
	// reads, and no plain store has the range of an SC read.
	prop62 bool
	// shape chooses the programs' shape: shapeAny draws from both below.
	shape shape
	// twoThreads keeps to programs of two threads.
	twoThreads bool
}

// A shape is a family of programs the generator draws from.
type shape uint8

const (
	shapeAny shape = iota
	// shapeFree: threads of random accesses to x, y and z, each location
	// SC-only, plain-only or mixed, now and then an if on an SC load.
	shapeFree
	// shapeMP: message passing. A writer does a few accesses to the data
	// locations x and z and then an SC store to the flag y; a reader
	// perhaps accesses the data, then reads the flag (SC) and, if it has
	// a writer's value, accesses the data again.
	shapeMP
)

// maxAccesses bounds the memory accesses of a program (guards included),
// which keeps each enumeration to a fraction of a second.
const maxAccesses = 7

type accKind uint8

const (
	accLoad accKind = iota
	accStore
	accAdd
	accXchg
	accCmpxchg
)

// An access is one memory instruction of a generated program.
type access struct {
	kind   accKind
	sc     bool
	addr   uint32
	width  int    // 1, 2 or 4 bytes
	value  uint32 // stored; RMW operand; cmpxchg replacement
	expect uint32 // cmpxchg expected value
	local  string // the local a load, RMW or cmpxchg sets
}

// A stmt is an access, or an SC load of a flag into a local followed by
// accesses done only when the flag had the value want.
type stmt struct {
	acc   *access
	guard *access
	want  uint32
	body  []*access
}

type genThread struct {
	name   string
	stmts  []stmt
	locals []string
}

// A program is a generated litmus test before it is loaded.
type program struct {
	name    string
	setup   []*access
	threads []genThread
}

// The three 4-byte locations.
const (
	locX uint32 = 0
	locY uint32 = 4
	locZ uint32 = 8
)

var locations = []uint32{locX, locY, locZ}

// generator draws programs from a seeded source, so that a run can be
// repeated.
type generator struct {
	rng  *rand.Rand
	opts genOpts
	n    int
	// per program
	next   uint32            // the next value to store
	typing map[uint32]string // per location: "sc", "plain" or "mixed"
}

func newGenerator(seed uint64, opts genOpts) *generator {
	return &generator{rng: rand.New(rand.NewPCG(seed, 0x6a73)), opts: opts}
}

// program draws the next program of at most maxAccesses accesses.
func (g *generator) program() *program {
	for {
		p := g.draw()
		if p.accesses() > maxAccesses {
			continue
		}
		g.fixGuards(p)
		if g.opts.prop62 {
			p.setup = scReadRanges(p)
		}
		return p
	}
}

// draw draws a program of the chosen shape.
func (g *generator) draw() *program {
	g.n++
	g.next = 1
	p := &program{name: fmt.Sprintf("Gen%d", g.n)}
	nthreads := 2
	if !g.opts.twoThreads {
		nthreads += g.rng.IntN(2)
	}
	sh := g.opts.shape
	if sh == shapeAny {
		sh = []shape{shapeFree, shapeMP}[g.rng.IntN(2)]
	}
	if sh == shapeMP {
		g.typing = map[uint32]string{locX: "mixed", locY: "sc", locZ: "mixed"}
		for i := 0; i < nthreads; i++ {
			name := fmt.Sprintf("T%d", i)
			if i == 0 || (i == 2 && g.rng.IntN(2) == 0) {
				p.threads = append(p.threads, g.writer(name))
			} else {
				p.threads = append(p.threads, g.reader(name))
			}
		}
		return p
	}
	g.typing = map[uint32]string{}
	for _, l := range locations {
		g.typing[l] = []string{"sc", "sc", "plain", "plain", "mixed"}[g.rng.IntN(5)]
	}
	for i := 0; i < nthreads; i++ {
		p.threads = append(p.threads, g.thread(fmt.Sprintf("T%d", i), 3))
	}
	return p
}

// kinds reports (as 0 or 1) whether p has a plain access, and whether it
// has an access narrower than its location.
func (p *program) kinds() (plain, mixed int) {
	for _, t := range p.threads {
		t.forAccesses(func(a *access) {
			if !a.sc {
				plain = 1
			}
			if a.width < 4 {
				mixed = 1
			}
		})
	}
	return plain, mixed
}

// accesses counts the memory accesses of p.
func (p *program) accesses() int {
	n := 0
	for _, t := range p.threads {
		t.forAccesses(func(*access) { n++ })
	}
	return n
}

// thread draws one thread of at most max statements (shapeFree).
func (g *generator) thread(name string, max int) genThread {
	t := genThread{name: name}
	n := 1 + g.rng.IntN(max)
	for i := 0; i < n; i++ {
		if g.rng.IntN(5) == 0 {
			flag := &access{kind: accLoad, sc: true, width: 4, addr: g.loc(locations)}
			g.setLocal(&t, flag)
			s := stmt{guard: flag}
			for k := 1 + g.rng.IntN(2); k > 0; k-- {
				s.body = append(s.body, g.access(&t, g.loc(locations), g.kindFor))
			}
			t.stmts = append(t.stmts, s)
			continue
		}
		t.stmts = append(t.stmts, stmt{acc: g.access(&t, g.loc(locations), g.kindFor)})
	}
	return t
}

// writer draws a writer of shapeMP: one or two data accesses, mostly
// stores, then an SC store of the flag.
func (g *generator) writer(name string) genThread {
	t := genThread{name: name}
	for k := 1 + g.rng.IntN(2); k > 0; k-- {
		t.stmts = append(t.stmts, stmt{acc: g.access(&t, g.loc(dataLocs), g.kindWrite)})
	}
	flag := &access{kind: accStore, sc: true, addr: locY, width: 4, value: g.value()}
	t.stmts = append(t.stmts, stmt{acc: flag})
	return t
}

// reader draws a reader of shapeMP: perhaps a data access, then the flag
// and one or two data accesses under it, mostly loads, the second often
// a repeat of the first.
func (g *generator) reader(name string) genThread {
	t := genThread{name: name}
	if g.rng.IntN(2) == 0 {
		t.stmts = append(t.stmts, stmt{acc: g.access(&t, g.loc(dataLocs), g.kindFor)})
	}
	flag := &access{kind: accLoad, sc: true, addr: locY, width: 4}
	g.setLocal(&t, flag)
	s := stmt{guard: flag}
	first := g.access(&t, g.loc(dataLocs), g.kindRead)
	s.body = append(s.body, first)
	switch g.rng.IntN(4) {
	case 0, 1:
		again := *first
		if again.kind != accLoad {
			again.value = g.value()
		}
		g.setLocal(&t, &again)
		s.body = append(s.body, &again)
	case 2:
		s.body = append(s.body, g.access(&t, g.loc(dataLocs), g.kindRead))
	}
	t.stmts = append(t.stmts, s)
	return t
}

var dataLocs = []uint32{locX, locZ}

func (g *generator) loc(from []uint32) uint32 { return from[g.rng.IntN(len(from))] }

func (g *generator) value() uint32 {
	g.next++
	return g.next - 1
}

// setLocal gives a reading access a new local of t.
func (g *generator) setLocal(t *genThread, a *access) {
	if a.kind == accStore {
		a.local = ""
		return
	}
	a.local = fmt.Sprintf("r%d", len(t.locals))
	t.locals = append(t.locals, a.local)
}

// access draws an access to location l, SC or plain and of a width as
// the location's typing allows, of a kind drawn by kind.
func (g *generator) access(t *genThread, l uint32, kind func(sc bool) accKind) *access {
	a := &access{addr: l, width: 4}
	switch typ := g.typing[l]; {
	case typ == "sc":
		a.sc = true
	case typ == "plain":
	default:
		a.sc = g.rng.IntN(2) == 0
		if g.opts.mixed && g.rng.IntN(3) == 0 {
			a.width = []int{1, 2}[g.rng.IntN(2)]
			a.addr += uint32(a.width * g.rng.IntN(4/a.width))
		}
	}
	a.kind = kind(a.sc)
	if a.kind != accLoad {
		a.value = g.value()
	}
	if a.kind == accCmpxchg {
		a.expect = uint32(g.rng.IntN(int(a.value)))
	}
	g.setLocal(t, a)
	return a
}

// kindFor draws what an access does: plain accesses load or store, SC
// ones may also be RMWs.
func (g *generator) kindFor(sc bool) accKind {
	if !sc {
		return []accKind{accLoad, accStore}[g.rng.IntN(2)]
	}
	switch r := g.rng.IntN(10); {
	case r < 4:
		return accLoad
	case r < 8:
		return accStore
	case r < 9 || !g.opts.cmpxchg:
		return []accKind{accAdd, accXchg}[g.rng.IntN(2)]
	}
	return accCmpxchg
}

// kindWrite draws a writing access, mostly a store.
func (g *generator) kindWrite(sc bool) accKind {
	if sc && g.rng.IntN(4) == 0 {
		return g.kindFor(true)
	}
	return accStore
}

// kindRead draws a reading access, mostly a load.
func (g *generator) kindRead(sc bool) accKind {
	if g.rng.IntN(4) == 0 {
		return g.kindFor(sc)
	}
	return accLoad
}

// fixGuards makes each guard wait for a value another thread stores to
// its flag, when there is one, so that the guarded code can run.
func (g *generator) fixGuards(p *program) {
	for ti := range p.threads {
		for si := range p.threads[ti].stmts {
			s := &p.threads[ti].stmts[si]
			if s.guard == nil {
				continue
			}
			var vals []uint32
			for tj, u := range p.threads {
				if tj != ti {
					u.forAccesses(func(a *access) {
						if a.kind != accLoad && a.addr == s.guard.addr && a.width == 4 {
							vals = append(vals, a.value)
						}
					})
				}
			}
			s.want = 1
			if len(vals) > 0 {
				s.want = vals[g.rng.IntN(len(vals))]
			}
		}
	}
}

// forAccesses calls f for every access of t, guards included, in order.
func (t genThread) forAccesses(f func(*access)) {
	for _, s := range t.stmts {
		if s.acc != nil {
			f(s.acc)
			continue
		}
		f(s.guard)
		for _, a := range s.body {
			f(a)
		}
	}
}

// scReadRanges returns SC stores of 0 to every range an SC access of p
// reads, for the setup of a Proposition 6.2 program.
func scReadRanges(p *program) []*access {
	var out []*access
	for _, t := range p.threads {
		t.forAccesses(func(a *access) {
			if a.sc && a.kind != accStore && !slices.ContainsFunc(out, func(b *access) bool { return b.addr == a.addr && b.width == a.width }) {
				out = append(out, &access{kind: accStore, sc: true, addr: a.addr, width: a.width})
			}
		})
	}
	return out
}

// prop62OK reports whether no plain store of p has the range of an SC
// read: the other half of Proposition 6.2's restriction.
func prop62OK(p *program) bool {
	type rng struct {
		addr  uint32
		width int
	}
	scRead, plainWrite := map[rng]bool{}, map[rng]bool{}
	for _, t := range p.threads {
		t.forAccesses(func(a *access) {
			r := rng{a.addr, a.width}
			switch {
			case a.sc && a.kind != accStore:
				scRead[r] = true
			case !a.sc && a.kind == accStore:
				plainWrite[r] = true
			}
		})
	}
	for r := range scRead {
		if plainWrite[r] {
			return false
		}
	}
	return true
}

// yaml prints p as a litmus file.
func (p *program) yaml() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "name: %s\n", p.name)
	if len(p.setup) > 0 {
		sb.WriteString("setup: |\n")
		for _, a := range p.setup {
			fmt.Fprintf(&sb, "  %s\n", a.wat())
		}
	}
	sb.WriteString("threads:\n")
	var observe []string
	for _, t := range p.threads {
		fmt.Fprintf(&sb, "  %s: |\n", t.name)
		if len(t.locals) > 0 {
			sb.WriteString("   ")
			for _, l := range t.locals {
				fmt.Fprintf(&sb, " (local $%s i32)", l)
				observe = append(observe, t.name+":"+l)
			}
			sb.WriteString("\n")
		}
		for _, s := range t.stmts {
			sb.WriteString(s.wat())
		}
	}
	for _, l := range locations {
		observe = append(observe, fmt.Sprintf("i32[%d]", l))
	}
	fmt.Fprintf(&sb, "observe: [%s]\n", strings.Join(observe, ", "))
	return sb.String()
}

// test loads p.
func (p *program) test() (*litmus.Test, error) {
	tests, err := litmus.Load(p.name+".yaml", []byte(p.yaml()))
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, p.yaml())
	}
	return tests[0], nil
}

func (s stmt) wat() string {
	if s.acc != nil {
		return "    " + s.acc.wat() + "\n"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "    %s\n", s.guard.wat())
	fmt.Fprintf(&sb, "    (if (i32.eq (local.get $%s) (i32.const %d)) (then\n", s.guard.local, s.want)
	for _, a := range s.body {
		fmt.Fprintf(&sb, "      %s\n", a.wat())
	}
	sb.WriteString("    ))\n")
	return sb.String()
}

// wat prints the access as a folded instruction.
func (a *access) wat() string {
	addr := fmt.Sprintf("(i32.const %d)", a.addr)
	switch a.kind {
	case accLoad:
		return fmt.Sprintf("(local.set $%s (%s %s))", a.local, a.op("load"), addr)
	case accStore:
		return fmt.Sprintf("(%s %s (i32.const %d))", a.op("store"), addr, a.value)
	case accAdd, accXchg:
		return fmt.Sprintf("(local.set $%s (%s %s (i32.const %d)))", a.local, a.op(map[accKind]string{accAdd: "add", accXchg: "xchg"}[a.kind]), addr, a.value)
	}
	return fmt.Sprintf("(local.set $%s (%s %s (i32.const %d) (i32.const %d)))", a.local, a.op("cmpxchg"), addr, a.expect, a.value)
}

// op returns the instruction name, e.g. "i32.atomic.load16_u",
// "i32.store8" or "i32.atomic.rmw8.add_u".
func (a *access) op(what string) string {
	w := map[int]string{1: "8", 2: "16", 4: ""}[a.width]
	switch what {
	case "load", "store":
		name := "i32." + what + w
		if a.sc {
			name = "i32.atomic." + what + w
		}
		if what == "load" && a.width < 4 {
			name += "_u"
		}
		return name
	}
	if a.width < 4 {
		return fmt.Sprintf("i32.atomic.rmw%s.%s_u", w, what)
	}
	return "i32.atomic.rmw." + what
}
