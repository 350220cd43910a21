package litmus

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"wmm/wasm"
)

// condition loads and resolves the condition.
func (l *loader) condition(f field) {
	if f.value == nil {
		return
	}
	l.hasCondition = true
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "expected a condition such as exists (T1:r0=1 /\\ T1:r1=0), found %s", describe(n))
		return
	}
	c, lits, err := parseCondition(n.Value, l.src.scalarMap(n, f.key.Column-1).pos)
	if err != nil {
		if n.Style&yaml.DoubleQuotedStyle != 0 && strings.Contains(l.src.line(n.Line), `\`) {
			err.Msg += ` (in double quotes YAML reads \ as an escape: leave the condition unquoted or use single quotes)`
		}
		l.errs = append(l.errs, err)
		return
	}
	for _, lit := range lits {
		l.resolveAtom(lit)
	}
	l.t.Condition = c
}

// ParseProp parses a proposition over t's names, such as the outcomes
// wmm explain --outcome selects ('T1:r0=1 /\ T1:r1=0'), and resolves it
// exactly as Load resolves a test's condition: a thread by name or index,
// a local with or without $, a memory atom within the maximum memory size,
// a literal that fits its name's width (see resolveAtom). A leading
// quantifier is accepted and ignored. pos is the position of text's first
// byte; errors, an ErrorList, point into text.
func (t *Test) ParseProp(text string, pos Pos) (Prop, error) {
	if q := strings.TrimSpace(text); !strings.HasPrefix(q, "exists") && !strings.HasPrefix(q, "~exists") && !strings.HasPrefix(q, "forall") {
		const open = "exists ("
		text, pos.Col = open+text+")", pos.Col-len(open)
	}
	c, lits, err := parseCondition(text, linePos(text, pos))
	if err != nil {
		return nil, ErrorList{err}
	}
	l := &loader{t: t, memOK: true, threadsOK: true}
	for _, lit := range lits {
		l.resolveAtom(lit)
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return c.Prop, nil
}

// Selected returns the proposition that selects the outcomes wmm explain
// and wmm graph look at: prop, parsed as ParseProp parses it (pos is the
// position of its first byte), when it is not empty; else the condition's
// proposition, or its negation for forall (the outcomes that break it);
// else, for a test without a condition, True (every outcome).
func (t *Test) Selected(prop string, pos Pos) (Prop, error) {
	c := t.Condition
	switch {
	case prop != "":
		return t.ParseProp(prop, pos)
	case c == nil:
		return True{}, nil
	case c.Quant == Forall:
		return &Not{P: c.Prop}, nil
	}
	return c.Prop, nil
}

// resolveAtom resolves an atom's name against the test and sets its value
// from the literal, which must fit the name's width: 0 to 2^width-1, or a
// negative value down to -2^(width-1) taken as its two's complement. A
// wider literal is an error (LITMUS.md, "The outcome").
func (l *loader) resolveAtom(lit *literal) {
	a := lit.atom
	loc, bits, ok := l.resolveLoc(a.Loc, a.Pos)
	if !ok {
		return
	}
	a.Loc = loc
	switch {
	case bits == 1 && (lit.neg || lit.mag > 1):
		l.errs.Addf(lit.pos, "%s is 0 or 1, found %s", loc, lit.text)
	case !fits(lit.neg, lit.mag, bits):
		l.errs.Addf(lit.pos, "literal %s is out of range for %s (%d bits)", lit.text, loc, bits)
	default:
		a.Value = reduce(lit.neg, lit.mag, bits)
	}
}

// resolveLoc checks a name against the test: the thread and local exist,
// the memory atom lies within the memory's maximum size. It returns the
// name with an indexed thread replaced by its name, and the name's width
// in bits. A name that depends on a part of the test that failed to load
// is not checked (ok is false, with no error).
func (l *loader) resolveLoc(loc Loc, pos Pos) (Loc, int, bool) {
	switch loc.Kind {
	case LocLocal, LocTrap, LocStuck:
		if !l.threadsOK {
			return loc, 0, false
		}
		th := l.findThread(loc.Thread, pos)
		if th == nil {
			return loc, 0, false
		}
		loc.Thread = th.Name
		if loc.Kind != LocLocal {
			return loc, 1, true
		}
		return l.local(th, loc, pos)
	case LocMem:
		if !l.memOK {
			return loc, 0, false
		}
		loc, ok := l.resolveMem(loc, pos)
		if !ok {
			return loc, 0, false
		}
		mem, ok := l.t.Mem(loc.Mem)
		if !ok {
			l.errs.Addf(pos, "unknown memory %d: the test has %d", loc.Mem, len(l.t.MemNames()))
			return loc, 0, false
		}
		if limit := uint64(mem.Max) * wasm.PageSize; uint64(loc.Addr)+uint64(loc.Width) > limit {
			l.errs.Addf(pos, "address out of memory: %s is beyond the maximum memory size of %s",
				loc, pagesText(mem.Max))
			return loc, 0, false
		}
		return loc, 8 * loc.Width, true
	case LocSize:
		if !l.memOK {
			return loc, 0, false
		}
		loc, ok := l.resolveMem(loc, pos)
		return loc, 32, ok
	}
	return loc, 0, false
}

// resolveMem sets the memory index of a memory atom from its $name
// (multi-memory); an atom naming the first memory becomes the plain
// atom, so that i32[0] and $a.i32[0] are one name.
func (l *loader) resolveMem(loc Loc, pos Pos) (Loc, bool) {
	if loc.MemName == "" {
		return loc, true
	}
	var known []string
	for i, name := range l.t.MemNames() {
		if name == loc.MemName {
			loc.Mem = uint32(i)
			if i == 0 {
				loc.MemName = ""
			}
			return loc, true
		}
		if name != "" {
			known = append(known, "$"+name)
		}
	}
	list := "the test's memories have no names"
	if len(known) > 0 {
		list = "named memories: " + strings.Join(known, ", ")
	}
	l.errs.Addf(pos, "unknown memory $%s (%s)", loc.MemName, list)
	return loc, false
}

// findThread finds the thread a name refers to: by name, or by its index in
// the file as herd7 allows ("0:r0").
func (l *loader) findThread(name string, pos Pos) *Thread {
	for i := range l.t.Threads {
		if l.t.Threads[i].Name == name {
			return &l.t.Threads[i]
		}
	}
	if isDigits(name) {
		i, err := strconv.Atoi(name)
		if err == nil && i < len(l.t.Threads) {
			return &l.t.Threads[i]
		}
		l.errs.Addf(pos, "no thread %s: the test has %d threads, numbered from 0", name, len(l.t.Threads))
		return nil
	}
	l.errs.Addf(pos, "unknown thread %s", name)
	return nil
}

// local finds a thread's local by name.
func (l *loader) local(th *Thread, loc Loc, pos Pos) (Loc, int, bool) {
	if bits, ok := th.LocalBits(loc.Local); ok {
		return loc, bits, true
	}
	if th.IsJS() {
		l.errs.Addf(pos, "unknown register %s in JS thread %s (its registers are its top-level let and const variables that hold numbers)", loc.Local, th.Name)
		return loc, 0, false
	}
	l.errs.Addf(pos, "unknown local $%s in thread %s", loc.Local, th.Name)
	return loc, 0, false
}

// observe loads the observe: list.
func (l *loader) observe(f field) {
	n := l.node(f, yaml.SequenceNode, "a list of names such as [T1:r0, \"i32[0]\", size]")
	if n == nil {
		return
	}
	out := make([]Loc, 0, len(n.Content))
	seen := map[string]bool{}
	for _, item := range n.Content {
		item = resolveAlias(item)
		if item.Kind != yaml.ScalarNode {
			l.errorf(item, "expected a name such as T1:r0, i32[0] or size, found %s", describe(item))
			continue
		}
		loc, pos, err := parseLocName(item.Value, l.src.scalarMap(item, n.Column-1).pos)
		if err != nil {
			l.errs = append(l.errs, err)
			continue
		}
		loc, _, ok := l.resolveLoc(loc, pos)
		if !ok {
			continue
		}
		if seen[loc.String()] {
			l.errs.Addf(pos, "%s is observed twice", loc)
			continue
		}
		seen[loc.String()] = true
		out = append(out, loc)
	}
	l.t.Observe = out
}

// modelKeyRE is the syntax of a key of an expect: mapping: a model name,
// optionally with +variant suffixes.
var modelKeyRE = regexp.MustCompile(`^[a-z0-9]+(\+[a-z0-9-]+)*$`)

// expect loads expect:, a word or a mapping from model names to words.
func (l *loader) expect(f field) {
	if f.value == nil {
		return
	}
	n := f.value
	if !l.hasCondition {
		l.errorf(f.key, "expect needs a condition: it states how often the condition's proposition is observed")
	}
	l.t.Expect = map[string]Expect{}
	if n.Kind == yaml.ScalarNode {
		if e, ok := l.expectWord(n); ok {
			l.t.Expect[DefaultModel] = e
		}
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "expected never, sometimes, always, forbidden or allowed, or a mapping from models to those, found %s", describe(n))
		return
	}
	same := map[string]*yaml.Node{}
	for _, kv := range l.pairs(n, "model") {
		if !modelKeyRE.MatchString(kv.key.Value) {
			l.errorf(kv.key, "bad model name %s: expected a model such as wasm or js, optionally with +variant suffixes", quoteShort(kv.key.Value))
			continue
		}
		if first, dup := same[ModelKey(kv.key.Value)]; dup {
			l.errorf(kv.key, "model %s is the same as %s (line %d): variants may come in any order", kv.key.Value, first.Value, first.Line)
			continue
		}
		same[ModelKey(kv.key.Value)] = kv.key
		if e, ok := l.expectWord(kv.value); ok {
			l.t.Expect[kv.key.Value] = e
		}
	}
}

// expectWords maps the words of an expectation to the observations each
// accepts.
var expectWords = map[string]Observation{
	"never":     Never,
	"forbidden": Never,
	"sometimes": Sometimes,
	"always":    Always,
	"allowed":   Sometimes | Always,
}

func (l *loader) expectWord(n *yaml.Node) (Expect, bool) {
	if n.Kind == yaml.ScalarNode {
		if acc, ok := expectWords[n.Value]; ok && n.Tag == "!!str" {
			return Expect{Accept: acc, Word: n.Value, Pos: l.src.pos(n)}, true
		}
	}
	l.errorf(n, "expected never, sometimes, always, forbidden or allowed, found %s", describe(n))
	return Expect{}, false
}
