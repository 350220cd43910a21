package wasm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A TokenKind classifies a token of the WebAssembly text format.
type TokenKind uint8

// The token kinds.
const (
	TokLParen   TokenKind = iota + 1 // (
	TokRParen                        // )
	TokKeyword                       // starts with a lowercase letter: i32.add, offset=4, nan
	TokID                            // $name
	TokNumber                        // starts with a digit or a sign: 42, -0x1p3, +inf
	TokString                        // "text", with escapes decoded into Str
	TokReserved                      // any other run of identifier characters
)

// String returns a short description of k for messages.
func (k TokenKind) String() string {
	switch k {
	case TokLParen:
		return "("
	case TokRParen:
		return ")"
	case TokKeyword:
		return "keyword"
	case TokID:
		return "identifier"
	case TokNumber:
		return "number"
	case TokString:
		return "string"
	case TokReserved:
		return "reserved token"
	}
	return fmt.Sprintf("token(%d)", uint8(k))
}

// A Token is one token with its position and source text.
type Token struct {
	Kind TokenKind
	Pos  Pos
	Text string // the source text, quotes and escapes included for strings
	Str  string // for TokString: the bytes the string denotes
}

// Lex splits src into tokens, skipping white space and comments. It
// reports malformed tokens (unterminated strings and block comments, bad
// escapes, stray characters) as an ErrorList and returns the tokens it
// could read.
func Lex(src string) ([]Token, error) {
	lx := lexer{src: src, line: 1, lineStart: 0}
	var toks []Token
	for {
		tok, ok := lx.next()
		if !ok {
			break
		}
		toks = append(toks, tok)
	}
	return toks, lx.errs.Err()
}

// A lexer reads tokens from a source text.
type lexer struct {
	src       string
	off       int // byte offset of the next character
	line      int // line of off
	lineStart int // offset of the first byte of line
	errs      ErrorList
}

// pos returns the position of byte offset off, which must be on the
// current line.
func (lx *lexer) pos(off int) Pos {
	return Pos{Line: lx.line, Col: off - lx.lineStart + 1}
}

// errorf records an error, ignoring those beyond the cap.
func (lx *lexer) errorf(pos Pos, format string, args ...any) {
	if len(lx.errs) < MaxErrors {
		lx.errs.Addf(pos, format, args...)
	}
}

// newline records that the byte at off is a line feed.
func (lx *lexer) newline(off int) {
	lx.line++
	lx.lineStart = off + 1
}

// next returns the next token, or false at the end of the input.
func (lx *lexer) next() (Token, bool) {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		switch {
		case c == '\n':
			lx.newline(lx.off)
			lx.off++
		case c == ' ' || c == '\t' || c == '\r':
			lx.off++
		case c == ';' && lx.peekAt(1) == ';':
			lx.lineComment()
		case c == '(' && lx.peekAt(1) == ';':
			lx.blockComment()
		case c == '(' || c == ')':
			kind := TokLParen
			if c == ')' {
				kind = TokRParen
			}
			tok := Token{Kind: kind, Pos: lx.pos(lx.off), Text: string(c)}
			lx.off++
			return tok, true
		case c == '"':
			return lx.str(), true
		case isIDChar(c):
			return lx.word(), true
		default:
			lx.stray()
		}
	}
	return Token{}, false
}

// peekAt returns the byte k bytes after the current one, or 0.
func (lx *lexer) peekAt(k int) byte {
	if lx.off+k < len(lx.src) {
		return lx.src[lx.off+k]
	}
	return 0
}

// stray reports a character that cannot start a token and skips it.
func (lx *lexer) stray() {
	r, size, ok := lx.char("")
	if ok {
		lx.errorf(lx.pos(lx.off), "unexpected character %q", r)
	}
	lx.off += size
}

// char decodes the character at off and returns it, its size, and
// whether it is a printable character; an invalid UTF-8 byte or a
// control character is reported, the message ending with where.
func (lx *lexer) char(where string) (rune, int, bool) {
	r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
	switch {
	case r == utf8.RuneError && size <= 1:
		lx.errorf(lx.pos(lx.off), "invalid UTF-8 byte 0x%02x%s", lx.src[lx.off], where)
	case r < 0x20 || r == 0x7f:
		lx.errorf(lx.pos(lx.off), "unexpected control character %U%s", r, where)
	default:
		return r, size, true
	}
	return r, size, false
}

// lineComment skips a ";;" comment up to (not including) the line feed.
func (lx *lexer) lineComment() {
	end := strings.IndexByte(lx.src[lx.off:], '\n')
	if end < 0 {
		lx.off = len(lx.src)
		return
	}
	lx.off += end
}

// blockComment skips a "(; ... ;)" comment, which may nest.
func (lx *lexer) blockComment() {
	start := lx.pos(lx.off)
	depth := 0
	for lx.off < len(lx.src) {
		switch {
		case lx.src[lx.off] == '(' && lx.peekAt(1) == ';':
			depth++
			lx.off += 2
		case lx.src[lx.off] == ';' && lx.peekAt(1) == ')':
			depth--
			lx.off += 2
			if depth == 0 {
				return
			}
		default:
			if lx.src[lx.off] == '\n' {
				lx.newline(lx.off)
			}
			lx.off++
		}
	}
	lx.errorf(start, "unterminated block comment")
}

// word reads a keyword, identifier, number or reserved token.
func (lx *lexer) word() Token {
	start := lx.off
	for lx.off < len(lx.src) && isIDChar(lx.src[lx.off]) {
		lx.off++
	}
	text := lx.src[start:lx.off]
	return Token{Kind: classify(text), Pos: lx.pos(start), Text: text}
}

// classify returns the kind of a run of identifier characters.
func classify(text string) TokenKind {
	c := text[0]
	switch {
	case c >= 'a' && c <= 'z':
		return TokKeyword
	case c == '$' && len(text) > 1:
		return TokID
	case c >= '0' && c <= '9':
		return TokNumber
	case (c == '+' || c == '-') && len(text) > 1:
		rest := text[1:]
		if rest[0] >= '0' && rest[0] <= '9' || strings.HasPrefix(rest, "inf") || strings.HasPrefix(rest, "nan") {
			return TokNumber
		}
	}
	return TokReserved
}

// isIDChar reports whether c may appear in a keyword, identifier or
// number.
func isIDChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	}
	return strings.IndexByte("!#$%&'*+-./:<=>?@\\^_`|~", c) >= 0
}

// str reads a string literal, decoding its escapes.
func (lx *lexer) str() Token {
	start := lx.off
	tok := Token{Kind: TokString, Pos: lx.pos(start)}
	var b strings.Builder
	lx.off++ // opening quote
	for {
		if lx.off >= len(lx.src) || lx.src[lx.off] == '\n' {
			lx.errorf(tok.Pos, "unterminated string")
			break
		}
		c := lx.src[lx.off]
		if c == '"' {
			lx.off++
			break
		}
		if c == '\\' {
			lx.escape(&b)
			continue
		}
		lx.strChar(&b)
	}
	tok.Text = lx.src[start:lx.off]
	tok.Str = b.String()
	return tok
}

// strChar copies one (UTF-8 encoded) character of a string literal.
func (lx *lexer) strChar(b *strings.Builder) {
	_, size, ok := lx.char(" in string")
	if ok {
		b.WriteString(lx.src[lx.off : lx.off+size])
	}
	lx.off += size
}

// escape decodes the escape sequence starting at the backslash at off.
func (lx *lexer) escape(b *strings.Builder) {
	pos := lx.pos(lx.off)
	c := lx.peekAt(1)
	switch c {
	case 't':
		b.WriteByte('\t')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case '"', '\'', '\\':
		b.WriteByte(c)
	case 'u':
		lx.unicodeEscape(b, pos)
		return
	default:
		hi, ok1 := hexVal(c)
		lo, ok2 := hexVal(lx.peekAt(2))
		if ok1 && ok2 {
			b.WriteByte(byte(hi<<4 | lo))
			lx.off += 3
			return
		}
		lx.errorf(pos, "invalid escape sequence in string")
		lx.off++ // the backslash; the next character is read normally
		return
	}
	lx.off += 2
}

// unicodeEscape decodes \u{hex+} at off.
func (lx *lexer) unicodeEscape(b *strings.Builder, pos Pos) {
	rest := lx.src[lx.off:]
	n := 3 // length of `\u{`
	for n < len(rest) && isHexDigitOrUnderscore(rest[n]) {
		n++
	}
	if !strings.HasPrefix(rest, `\u{`) || n >= len(rest) || rest[n] != '}' {
		lx.errorf(pos, "invalid escape sequence in string")
		lx.off++
		return
	}
	digits := rest[3:n]
	lx.off += n + 1
	v, ok := parseUnsigned(digits, true, 0x10FFFF)
	if !ok || v >= 0xD800 && v < 0xE000 {
		lx.errorf(pos, "invalid unicode escape \\u{%s}", digits)
		return
	}
	b.WriteRune(rune(v))
}

// isHexDigitOrUnderscore reports whether c may appear in a hexadecimal
// number.
func isHexDigitOrUnderscore(c byte) bool {
	_, ok := hexVal(c)
	return ok || c == '_'
}

// hexVal returns the value of a hexadecimal digit.
func hexVal(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint64(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// A litStatus says whether a numeric literal was read.
type litStatus uint8

// The literal statuses.
const (
	litOK        litStatus = iota
	litMalformed           // not a literal of the expected kind
	litRange               // well-formed but out of range
)

// parseUnsigned parses a run of decimal (or, when hex is set, hexadecimal)
// digits in which single underscores may separate digits. It fails for a
// malformed run and for a value above max.
func parseUnsigned(s string, hex bool, max uint64) (uint64, bool) {
	v, st := scanDigits(s, hex, max)
	return v, st == litOK
}

// scanDigits is parseUnsigned with a status that tells malformed runs
// from values out of range.
func scanDigits(s string, hex bool, max uint64) (uint64, litStatus) {
	if s == "" {
		return 0, litMalformed
	}
	base := uint64(10)
	if hex {
		base = 16
	}
	var v uint64
	over := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if i == 0 || i == len(s)-1 || s[i-1] == '_' {
				return 0, litMalformed
			}
			continue
		}
		d, ok := hexVal(c)
		if !ok || d >= base {
			return 0, litMalformed
		}
		if v > (max-d)/base {
			over = true
		}
		v = v*base + d
	}
	if over {
		return 0, litRange
	}
	return v, litOK
}

// parseNat parses an unsigned literal, decimal or "0x" hexadecimal, with
// no sign, up to max.
func parseNat(s string, max uint64) (uint64, litStatus) {
	if rest, ok := strings.CutPrefix(s, "0x"); ok {
		return scanDigits(rest, true, max)
	}
	return scanDigits(s, false, max)
}

// parseInt parses an integer literal of the given width (32 or 64) as the
// text format defines it: an unsigned value below 2^bits, "+n" below
// 2^(bits-1), or "-n" down to -2^(bits-1). It returns the bit pattern.
func parseInt(s string, bits int) (uint64, litStatus) {
	if s == "" {
		return 0, litMalformed
	}
	mask := uint64(1)<<bits - 1
	if bits == 64 {
		mask = ^uint64(0)
	}
	half := uint64(1) << (bits - 1)
	switch s[0] {
	case '+':
		return parseNat(s[1:], half-1)
	case '-':
		v, st := parseNat(s[1:], half)
		return -v & mask, st
	}
	return parseNat(s, mask)
}

// parseFloat parses a floating-point literal of the given width (32 or
// 64) and returns its IEEE 754 bit pattern. Decimal and hexadecimal
// values are rounded to nearest, ties to even; a value that rounds to
// infinity is out of range.
func parseFloat(s string, bits int) (uint64, litStatus) {
	neg := false
	mag := s
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		mag = s[1:]
	}
	f := floatFormat(bits)
	var v uint64
	st := litOK
	switch {
	case mag == "inf":
		v = f.expMask
	case mag == "nan":
		v = f.expMask | f.quietBit
	case strings.HasPrefix(mag, "nan:0x"):
		v, st = parseNaNPayload(mag[len("nan:0x"):], f)
	default:
		return parseFiniteFloat(s, mag, bits)
	}
	if neg {
		v |= f.signBit
	}
	return v, st
}

// A floatBits describes the bit layout of f32 or f64.
type floatBits struct {
	signBit, expMask, quietBit, mantMask uint64
}

// floatFormat returns the layout of the float type of the given width.
func floatFormat(bits int) floatBits {
	if bits == 32 {
		return floatBits{signBit: 1 << 31, expMask: 0xFF << 23, quietBit: 1 << 22, mantMask: 1<<23 - 1}
	}
	return floatBits{signBit: 1 << 63, expMask: 0x7FF << 52, quietBit: 1 << 51, mantMask: 1<<52 - 1}
}

// parseNaNPayload parses the hexadecimal payload of "nan:0x...", which
// must be non-zero and fit the mantissa.
func parseNaNPayload(hex string, f floatBits) (uint64, litStatus) {
	p, st := scanDigits(hex, true, f.mantMask)
	if st != litOK {
		return 0, st
	}
	if p == 0 {
		return 0, litRange
	}
	return f.expMask | p, litOK
}

// parseFiniteFloat parses a decimal or hexadecimal float literal s whose
// magnitude (s without its sign) is mag.
func parseFiniteFloat(s, mag string, bits int) (uint64, litStatus) {
	hex := strings.HasPrefix(mag, "0x")
	body := mag
	if hex {
		body = mag[2:]
	}
	if !wellFormedFloat(body, hex) {
		return 0, litMalformed
	}
	clean := strings.ReplaceAll(s, "_", "")
	if hex && !strings.ContainsAny(body, "pP") {
		clean += "p0"
	}
	v, err := strconv.ParseFloat(clean, bits)
	if err != nil || math.IsInf(v, 0) {
		return 0, litRange
	}
	if bits == 32 {
		return uint64(math.Float32bits(float32(v))), litOK
	}
	return math.Float64bits(v), litOK
}

// wellFormedFloat checks the grammar of a float's magnitude after any
// "0x": digits, an optional fraction after '.', and an optional exponent
// ('e' for decimal, 'p' for hexadecimal) with an optional sign.
func wellFormedFloat(body string, hex bool) bool {
	expChars := "eE"
	if hex {
		expChars = "pP"
	}
	mant, exp, hasExp := body, "", false
	if i := strings.IndexAny(body, expChars); i >= 0 {
		mant, exp, hasExp = body[:i], body[i+1:], true
	}
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if _, st := scanDigits(intPart, hex, ^uint64(0)); st == litMalformed {
		return false
	}
	if hasDot && frac != "" {
		if _, st := scanDigits(frac, hex, ^uint64(0)); st == litMalformed {
			return false
		}
	}
	if !hasExp {
		return true
	}
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	_, st := scanDigits(exp, false, ^uint64(0))
	return st != litMalformed
}
