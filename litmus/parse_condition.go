package litmus

import (
	"fmt"
	"strings"
)

// ParseCondition parses a condition in herd7 syntax: a quantifier (exists,
// ~exists or forall) and a proposition over atoms NAME=VALUE and
// NAME!=VALUE, combined with /\ (also &&), \/ (also ||), ~ (also !) and
// parentheses. ~ binds tightest, then /\, then \/; /\ and \/ group to the
// left. true and false are propositions too.
//
// A NAME is T:local (a local of thread T, with or without "$"), T:trap,
// T:stuck, i8[A], i16[A], i32[A], i64[A] (A decimal or hex) or size. T is
// a thread's name, or as in herd7 its index in the file ("0:r0").
//
// pos is the position of text's first byte; every position in the result
// is computed from it (on later lines of text, columns count from 1).
//
// ParseCondition only parses: names are not checked against a test, an
// indexed thread is kept as written (Loc.Thread "0"), and Atom.Value holds
// the literal as a 64-bit two's complement pattern. Load (and
// Test.ParseProp) resolve the names against a test and check that each
// literal fits its name's width (LITMUS.md, "The outcome").
func ParseCondition(text string, pos Pos) (*Condition, error) {
	c, _, err := parseCondition(text, linePos(text, pos))
	if err != nil {
		return nil, err
	}
	return c, nil
}

// linePos returns a function from byte offsets in text to positions, for a
// text whose first byte is at pos.
func linePos(text string, pos Pos) func(int) Pos {
	return func(off int) Pos {
		off = min(max(off, 0), len(text))
		line := strings.Count(text[:off], "\n")
		start := strings.LastIndexByte(text[:off], '\n') + 1
		if line == 0 {
			return Pos{File: pos.File, Line: pos.Line, Col: pos.Col + off}
		}
		return Pos{File: pos.File, Line: pos.Line + line, Col: off - start + 1}
	}
}

// A literal is an integer as written in a condition, kept until the width
// of the name it is compared with is known.
type literal struct {
	atom *Atom
	neg  bool
	mag  uint64
	text string
	pos  Pos
}

// parseCondition parses text, mapping offsets to positions with at. It
// returns the literals of every atom, for resolve.
func parseCondition(text string, at func(int) Pos) (*Condition, []*literal, *Error) {
	p := &condParser{text: text, at: at}
	c := p.condition()
	if p.err != nil {
		return nil, nil, p.err
	}
	return c, p.lits, nil
}

// parseLocName parses text as one observable name (an observe: entry).
func parseLocName(text string, at func(int) Pos) (Loc, Pos, *Error) {
	p := &condParser{text: text, at: at}
	p.skipSpace()
	start := p.at(p.off)
	l := p.name()
	p.skipSpace()
	if p.err == nil && p.off < len(p.text) {
		p.errorf("expected end of name, found %s", p.found())
	}
	if p.err != nil {
		return Loc{}, start, p.err
	}
	return l, start, nil
}

// A condParser parses a condition by recursive descent. After the first
// error it stops (every method returns at once when err is set).
type condParser struct {
	text  string
	off   int
	at    func(int) Pos
	lits  []*literal
	err   *Error
	depth int // of nested parentheses and negations
}

// maxNesting bounds the nesting of parentheses and negations.
const maxNesting = 200

func (p *condParser) errorf(format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: p.at(p.off), Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *condParser) skipSpace() {
	for p.off < len(p.text) && strings.IndexByte(" \t\r\n", p.text[p.off]) >= 0 {
		p.off++
	}
}

// accept consumes tok if the text continues with it.
func (p *condParser) accept(tok string) bool {
	p.skipSpace()
	if strings.HasPrefix(p.text[p.off:], tok) {
		p.off += len(tok)
		return true
	}
	return false
}

// found describes what is at the current offset, for error messages.
func (p *condParser) found() string {
	if p.off >= len(p.text) {
		return "end of condition"
	}
	if n := wordLen(p.text[p.off:]); n > 0 {
		return fmt.Sprintf("%q", p.text[p.off:p.off+n])
	}
	for _, op := range []string{`/\`, `\/`, "&&", "||", "!="} {
		if strings.HasPrefix(p.text[p.off:], op) {
			return fmt.Sprintf("%q", op)
		}
	}
	r := []rune(p.text[p.off:min(len(p.text), p.off+4)])
	return fmt.Sprintf("%q", string(r[0]))
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// wordLen returns the length of the run of letters, digits and _ at the
// start of s.
func wordLen(s string) int {
	n := 0
	for n < len(s) && isWordByte(s[n]) {
		n++
	}
	return n
}

// word consumes a run of letters, digits and _.
func (p *condParser) word() string {
	p.skipSpace()
	n := wordLen(p.text[p.off:])
	w := p.text[p.off : p.off+n]
	p.off += n
	return w
}

// peekWord returns the word at the current offset without consuming it.
func (p *condParser) peekWord() string {
	p.skipSpace()
	return p.text[p.off : p.off+wordLen(p.text[p.off:])]
}

func (p *condParser) condition() *Condition {
	p.skipSpace()
	c := &Condition{Pos: p.at(p.off)}
	c.Quant = p.quantifier()
	if p.err != nil {
		return nil
	}
	c.Prop = p.or()
	p.skipSpace()
	if p.err == nil && p.off < len(p.text) {
		p.errorf(`expected /\, \/ or end of condition, found %s`, p.found())
	}
	return c
}

func (p *condParser) quantifier() Quantifier {
	neg := p.accept("~") || p.accept("!")
	if neg {
		if p.peekWord() != "exists" {
			p.errorf("expected exists after ~, found %s", p.found())
			return 0
		}
		p.word()
		return NotExists
	}
	switch p.peekWord() {
	case "exists":
		p.word()
		return Exists
	case "forall":
		p.word()
		return Forall
	}
	p.errorf("expected exists, ~exists or forall, found %s", p.found())
	return 0
}

func (p *condParser) or() Prop {
	l := p.and()
	for p.err == nil && (p.accept(`\/`) || p.accept("||")) {
		l = newOr(l, p.and())
	}
	return l
}

func (p *condParser) and() Prop {
	l := p.unary()
	for p.err == nil && (p.accept(`/\`) || p.accept("&&")) {
		l = newAnd(l, p.unary())
	}
	return l
}

// nest enters one more level of nesting, or reports that there are too
// many.
func (p *condParser) nest() bool {
	p.depth++
	if p.depth > maxNesting {
		p.errorf("condition nested too deeply (more than %d levels)", maxNesting)
		return false
	}
	return true
}

func (p *condParser) unnest() { p.depth-- }

// newAnd returns l /\ r, with a chain of /\ grouped to the left: the
// canonical form prints a /\ (b /\ c) as a /\ b /\ c, and reading that
// back must give the same tree.
func newAnd(l, r Prop) Prop {
	if r, ok := r.(*And); ok {
		return newAnd(newAnd(l, r.L), r.R)
	}
	return &And{L: l, R: r}
}

// newOr returns l \/ r, with a chain of \/ grouped to the left.
func newOr(l, r Prop) Prop {
	if r, ok := r.(*Or); ok {
		return newOr(newOr(l, r.L), r.R)
	}
	return &Or{L: l, R: r}
}

func (p *condParser) unary() Prop {
	if p.err != nil {
		return True{}
	}
	p.skipSpace()
	rest := p.text[p.off:]
	switch {
	case strings.HasPrefix(rest, "~") || strings.HasPrefix(rest, "!") && !strings.HasPrefix(rest, "!="):
		if !p.nest() {
			return True{}
		}
		defer p.unnest()
		p.off++
		return &Not{P: p.unary()}
	case strings.HasPrefix(rest, "("):
		if !p.nest() {
			return True{}
		}
		defer p.unnest()
		p.off++
		x := p.or()
		if p.err == nil && !p.accept(")") {
			p.errorf(`expected ), /\ or \/, found %s`, p.found())
		}
		return x
	}
	if w := p.peekWord(); w == "true" || w == "false" {
		if after := p.off + len(w); after >= len(p.text) || p.text[after] != ':' {
			p.word()
			if w == "false" {
				return &Not{P: True{}}
			}
			return True{}
		}
	}
	return p.atom()
}

func (p *condParser) atom() Prop {
	p.skipSpace()
	a := &Atom{Pos: p.at(p.off)}
	a.Loc = p.name()
	if p.err != nil {
		return a
	}
	switch {
	case p.accept("!="):
		a.Op = Ne
	case p.accept("="):
		a.Op = Eq
	default:
		p.errorf("expected = or != after %s, found %s", a.Loc, p.found())
		return a
	}
	p.skipSpace()
	lit := &literal{atom: a, pos: p.at(p.off)}
	start := p.off
	if v, n, ok := namedValue(p.text[p.off:]); ok {
		p.off += n
		lit.mag = v
	} else {
		lit.neg, lit.mag = p.integer()
	}
	lit.text = p.text[start:p.off]
	if lit.neg {
		a.Value = -lit.mag
	} else {
		a.Value = lit.mag
		a.Hex = isHexLiteral(lit.text)
	}
	p.lits = append(p.lits, lit)
	return a
}

// integer consumes an integer literal: an optional sign, then decimal
// digits or 0x and hex digits, with _ allowed between digits.
func (p *condParser) integer() (neg bool, mag uint64) {
	p.skipSpace()
	start := p.off
	if p.off < len(p.text) && (p.text[p.off] == '-' || p.text[p.off] == '+') {
		neg = p.text[p.off] == '-'
		p.off++
	}
	n := wordLen(p.text[p.off:])
	lit := p.text[start : p.off+n]
	mag, ok, big := parseUint(p.text[p.off : p.off+n])
	switch {
	case n == 0:
		p.errorf("expected an integer, found %s", p.found())
	case !ok:
		p.off = start
		p.errorf("bad integer literal %q", lit)
	case big || neg && mag > 1<<63:
		p.off = start
		p.errorf("integer literal %s is out of range", lit)
	}
	if p.err != nil {
		return false, 0
	}
	p.off += n
	return neg, mag
}

// name parses an observable name. Thread and local names are kept as
// written; resolve checks them against the test.
func (p *condParser) name() Loc {
	p.skipSpace()
	start := p.off
	if p.off < len(p.text) && p.text[p.off] == '$' {
		return p.memAtom(start)
	}
	w := p.word()
	switch {
	case w == "":
		p.errorf("expected a name such as T0:r0, i32[4] or size, found %s", p.found())
	case p.off < len(p.text) && p.text[p.off] == ':':
		return p.threadName(w, start)
	case memWidth(w) > 0 && p.accept("["):
		return p.memName(w)
	case w == "size":
		return Loc{Kind: LocSize}
	default:
		p.off = start
		p.errorf("expected a name such as T0:r0, i32[4] or size, found %s", p.found())
	}
	return Loc{}
}

// memAtom parses an atom of a named memory (multi-memory): $name.iN[A]
// or $name.size. resolve checks the name against the test's memories.
func (p *condParser) memAtom(start int) Loc {
	p.off++ // the $
	name := p.text[p.off : p.off+wordLen(p.text[p.off:])]
	p.off += len(name)
	if name == "" || !p.accept(".") {
		p.off = start
		p.errorf("expected a memory atom such as $m.i32[4] or $m.size, found %s", p.found())
		return Loc{}
	}
	w := p.text[p.off : p.off+wordLen(p.text[p.off:])]
	p.off += len(w)
	var loc Loc
	switch {
	case memWidth(w) > 0 && p.accept("["):
		loc = p.memName(w)
	case w == "size":
		loc = Loc{Kind: LocSize}
	default:
		p.off -= len(w)
		p.errorf("expected i8[A], i16[A], i32[A], i64[A] or size after $%s., found %s", name, p.found())
		return Loc{}
	}
	loc.MemName = name
	return loc
}

// threadName parses the part of T:local, T:trap or T:stuck after T.
func (p *condParser) threadName(thread string, start int) Loc {
	if !ValidThreadName(thread) && !isDigits(thread) {
		p.off = start
		p.errorf("bad thread name %q: expected a letter or _ then letters, digits and _, or a thread index", thread)
		return Loc{}
	}
	p.off++ // the colon
	if p.off < len(p.text) && p.text[p.off] == '$' {
		p.off++
	}
	n := 0
	for p.off+n < len(p.text) && isLocalByte(p.text[p.off+n]) {
		n++
	}
	local := p.text[p.off : p.off+n]
	if n == 0 {
		p.errorf("expected a local name, trap or stuck after %s:, found %s", thread, p.found())
		return Loc{}
	}
	p.off += n
	switch local {
	case "trap":
		return Loc{Kind: LocTrap, Thread: thread}
	case "stuck":
		return Loc{Kind: LocStuck, Thread: thread}
	}
	return Loc{Kind: LocLocal, Thread: thread, Local: local}
}

// ValidLocalName reports whether s can name a local in a condition ($
// left out): one or more of the bytes isLocalByte allows.
func ValidLocalName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLocalByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// isLocalByte reports whether c may appear in a local's name in a
// condition: the characters of WebAssembly identifiers, except those the
// condition syntax uses (! & / : = \ | ~).
func isLocalByte(c byte) bool {
	return isWordByte(c) || strings.IndexByte("#%'*+-.<>?@^`", c) >= 0
}

// memName parses the part of iN[A] after the bracket.
func (p *condParser) memName(w string) Loc {
	p.skipSpace()
	n := wordLen(p.text[p.off:])
	addr, ok, big := parseUint(p.text[p.off : p.off+n])
	switch {
	case n == 0:
		p.errorf("expected an address, found %s", p.found())
	case !ok:
		p.errorf("bad address %q", p.text[p.off:p.off+n])
	case big || addr > 1<<32-1:
		p.errorf("address %s is out of range", p.text[p.off:p.off+n])
	}
	if p.err != nil {
		return Loc{}
	}
	p.off += n
	if !p.accept("]") {
		p.errorf("expected ], found %s", p.found())
		return Loc{}
	}
	return Loc{Kind: LocMem, Width: memWidth(w), Addr: uint32(addr)}
}

// memWidth returns the width in bytes that i8, i16, i32 or i64 names, or 0.
func memWidth(w string) int {
	switch w {
	case "i8":
		return 1
	case "i16":
		return 2
	case "i32":
		return 4
	case "i64":
		return 8
	}
	return 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ValidThreadName reports whether s can name a thread: a letter or _
// followed by letters, digits and _.
func ValidThreadName(s string) bool {
	if s == "" || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	return wordLen(s) == len(s)
}

// NamedValues are the words a condition accepts for values that are not
// numbers in JavaScript (LITMUS.md "JavaScript threads"): undefined, the
// booleans, and the results of Atomics.wait, which are the codes of
// Wasm's wait.
var NamedValues = []struct {
	Name  string
	Value uint64
}{
	{"undefined", 1 << 63},
	{"true", 1},
	{"false", 0},
	{"ok", 0},
	{"not-equal", 1},
	{"timed-out", 2},
}

// namedValue reads one of NamedValues at the start of s: its value and
// length.
func namedValue(s string) (uint64, int, bool) {
	for _, nv := range NamedValues {
		rest, ok := strings.CutPrefix(s, nv.Name)
		if ok && (rest == "" || !isWordByte(rest[0]) && rest[0] != '-') {
			return nv.Value, len(nv.Name), true
		}
	}
	return 0, 0, false
}
