package wasm

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lexSummary renders tokens as "line:col kind text" lines, strings with
// their decoded value, for compact expectations.
func lexSummary(toks []Token) []string {
	var out []string
	for _, t := range toks {
		s := fmt.Sprintf("%s %s %s", t.Pos, t.Kind, t.Text)
		if t.Kind == TokString {
			s += fmt.Sprintf(" =%q", t.Str)
		}
		out = append(out, s)
	}
	return out
}

// errorSummary renders an ErrorList as "line:col: msg" lines.
// An outputCase is a source text and what a function must make of it.
type outputCase[W any] struct {
	name string
	src  string
	want W
}

// checkOutputs runs f (what names it in failures) on the source of each
// case, which must succeed, and compares its output with the case's.
func checkOutputs[W any](t *testing.T, what string, cases []outputCase[W], f func(src string) (W, error)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f(tc.src)
			if err != nil {
				t.Fatalf("%s(%q): %v", what, tc.src, err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("%s(%q) (-want +got):\n%s", what, tc.src, d)
			}
		})
	}
}

// An errorCase is a source text and the errors ("line:col: message") a
// function must report for it, in order.
type errorCase struct {
	name string
	src  string
	want []string
}

// checkErrors runs f (what names it in failures) on the source of each
// case and compares the errors it returns with the case's.
func checkErrors(t *testing.T, what string, cases []errorCase, f func(t *testing.T, src string) error) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, errorSummary(t, f(t, tc.src))); d != "" {
				t.Errorf("%s(%q) errors (-want +got):\n%s", what, tc.src, d)
			}
		})
	}
}

// parsed parses src with parse, which must succeed, and returns what
// check says of the result.
func parsed[T any](t *testing.T, src string, parse func(string) (T, error), check func(T) error) error {
	t.Helper()
	x, err := parse(src)
	if err != nil {
		t.Fatalf("parsing %q: %v", src, err)
	}
	return check(x)
}

func errorSummary(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error is %T, want ErrorList: %v", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

func TestLex(t *testing.T) {
	checkOutputs(t, "Lex", []outputCase[[]string]{
		{"empty", "", nil},
		{"parens and keywords", "(i32.load offset=4)", []string{
			"1:1 ( (", "1:2 keyword i32.load", "1:11 keyword offset=4", "1:19 ) )"}},
		{"identifiers and numbers", "$x $a.b!c 42 -7 +0x1F 1.5e3 -inf +nan:0x1", []string{
			"1:1 identifier $x", "1:4 identifier $a.b!c", "1:11 number 42", "1:14 number -7",
			"1:17 number +0x1F", "1:23 number 1.5e3", "1:29 number -inf", "1:34 number +nan:0x1"}},
		{"reserved", "$ - +x", []string{"1:1 reserved token $", "1:3 reserved token -", "1:5 reserved token +x"}},
		{"line and block comments", ";; c (; ;)\nnop (; a (; nested ;) b ;) drop ;; end", []string{
			"2:1 keyword nop", "2:28 keyword drop"}},
		{"comment at end of input", "nop ;; no newline", []string{"1:1 keyword nop"}},
		{"multi-line block comment keeps lines", "(;\n\n;) nop", []string{"3:4 keyword nop"}},
		{"tabs count one column", "\tnop\r\n\t\tdrop", []string{"1:2 keyword nop", "2:3 keyword drop"}},
		{"string escapes", `"a\t\n\r\"\'\\\41\u{48}\u{1F600}"`, []string{
			`1:1 string "a\t\n\r\"\'\\\41\u{48}\u{1F600}" ="a\t\n\r\"'\\AH😀"`}},
		{"string with raw UTF-8", `"é" x`, []string{`1:1 string "é" ="é"`, "1:6 keyword x"}},
		{"string next to paren", `("m")`, []string{"1:1 ( (", `1:2 string "m" ="m"`, "1:5 ) )"}},
		{"binary string bytes", `"\00\ff"`, []string{`1:1 string "\00\ff" ="\x00\xff"`}},
	}, func(src string) ([]string, error) {
		toks, err := Lex(src)
		return lexSummary(toks), err
	})
}

func TestLexErrors(t *testing.T) {
	checkErrors(t, "Lex", []errorCase{
		{"unterminated string", `nop "abc`, []string{"1:5: unterminated string"}},
		{"string ends at newline", "\"abc\nnop", []string{"1:1: unterminated string"}},
		{"unterminated block comment", "nop\n  (; a (; b ;)", []string{"2:3: unterminated block comment"}},
		{"bad escape", `"a\qb"`, []string{`1:3: invalid escape sequence in string`}},
		{"bad unicode escape", `"\u{D800}" "\u{110000}" "\u{}" "\u{zz}"`, []string{
			`1:2: invalid unicode escape \u{D800}`, `1:13: invalid unicode escape \u{110000}`,
			`1:26: invalid unicode escape \u{}`, `1:33: invalid escape sequence in string`}},
		{"control character in string", "\"a\x01\"", []string{"1:3: unexpected control character U+0001 in string"}},
		{"stray characters", "nop , [ é", []string{
			`1:5: unexpected character ','`, `1:7: unexpected character '['`, `1:9: unexpected character 'é'`}},
		{"invalid UTF-8", "nop \xff", []string{"1:5: invalid UTF-8 byte 0xff"}},
		{"lone semicolon", "nop ; drop", []string{"1:5: unexpected character ';'"}},
	}, func(t *testing.T, src string) error {
		_, err := Lex(src)
		return err
	})
}

func TestLexErrorCap(t *testing.T) {
	_, err := Lex(strings.Repeat(", ", 50))
	if got := len(errorSummary(t, err)); got != MaxErrors {
		t.Errorf("Lex of 50 stray commas gave %d errors, want %d", got, MaxErrors)
	}
}

// A literalCase is a numeric literal, the width it is read at, and the
// bits and status the reader must give.
type literalCase struct {
	text string
	bits int
	want uint64
	st   litStatus
}

// checkLiterals runs parse (called name in failures) on every case.
func checkLiterals(t *testing.T, name string, parse func(string, int) (uint64, litStatus), cases []literalCase) {
	t.Helper()
	for _, tc := range cases {
		if got, st := parse(tc.text, tc.bits); got != tc.want || st != tc.st {
			t.Errorf("%s(%q, %d) = %#x, %d; want %#x, %d", name, tc.text, tc.bits, got, st, tc.want, tc.st)
		}
	}
}

func TestParseInt(t *testing.T) {
	checkLiterals(t, "parseInt", parseInt, []literalCase{
		{"0", 32, 0, litOK},
		{"42", 32, 42, litOK},
		{"1_000_000", 32, 1000000, litOK},
		{"0xff_ff", 32, 0xffff, litOK},
		{"0XFF", 32, 0, litMalformed},
		{"4294967295", 32, 0xffffffff, litOK},
		{"0xFFFFFFFF", 32, 0xffffffff, litOK},
		{"4294967296", 32, 0, litRange},
		{"-1", 32, 0xffffffff, litOK},
		{"-2147483648", 32, 0x80000000, litOK},
		{"-2147483649", 32, 0, litRange},
		{"+2147483647", 32, 0x7fffffff, litOK},
		{"+2147483648", 32, 0, litRange},
		{"-0", 32, 0, litOK},
		{"-0x80000000", 32, 0x80000000, litOK},
		{"18446744073709551615", 64, math.MaxUint64, litOK},
		{"18446744073709551616", 64, 0, litRange},
		{"99999999999999999999999", 64, 0, litRange},
		{"-9223372036854775808", 64, 1 << 63, litOK},
		{"-9223372036854775809", 64, 0, litRange},
		{"+9223372036854775807", 64, 1<<63 - 1, litOK},
		{"-1", 64, math.MaxUint64, litOK},
		{"_1", 32, 0, litMalformed},
		{"1_", 32, 0, litMalformed},
		{"1__0", 32, 0, litMalformed},
		{"0x", 32, 0, litMalformed},
		{"0x_1", 32, 0, litMalformed},
		{"1.0", 32, 0, litMalformed},
		{"--1", 32, 0, litMalformed},
		{"+", 32, 0, litMalformed},
		{"12a", 32, 0, litMalformed},
	})
}

func TestParseFloat(t *testing.T) {
	checkLiterals(t, "parseFloat", parseFloat, []literalCase{
		{"0", 32, 0, litOK},
		{"-0", 32, 0x80000000, litOK},
		{"-0.0", 64, 1 << 63, litOK},
		{"1", 32, 0x3f800000, litOK},
		{"1.", 32, 0x3f800000, litOK},
		{"1.5", 64, 0x3ff8000000000000, litOK},
		{"1e3", 32, 0x447a0000, litOK},
		{"1E+3", 32, 0x447a0000, litOK},
		{"1_000.000_1", 64, math.Float64bits(1000.0001), litOK},
		{"0x1p-1", 32, 0x3f000000, litOK},
		{"0x1.8", 32, 0x3fc00000, litOK},
		{"0x1.", 64, 0x3ff0000000000000, litOK},
		{"0xA.8p0", 32, 0x41280000, litOK},
		{"0x1P+4", 64, 0x4030000000000000, litOK},
		{"0x1_0p0", 32, 0x41800000, litOK},
		{"-0x1p-149", 32, 0x80000001, litOK},
		{"0x1p-150", 32, 0, litOK},                        // ties to even: rounds to 0
		{"0x1.000001p0", 32, 0x3f800000, litOK},           // below half an ulp
		{"0x1.000003p0", 32, 0x3f800002, litOK},           // exactly half: ties to even (up)
		{"0x1.0000010000000001p0", 32, 0x3f800001, litOK}, // just above half
		{"3.4028235e38", 32, 0x7f7fffff, litOK},
		{"3.4028235677e38", 32, 0x7f7fffff, litOK}, // just below the halfway point to 2^128
		{"3.4028236e38", 32, 0, litRange},
		{"3.5e38", 32, 0, litRange},
		{"0x1p128", 32, 0, litRange},
		{"0x1.fffffep127", 32, 0x7f7fffff, litOK},
		{"0x1.ffffffp127", 32, 0, litRange}, // rounds up to infinity
		{"1e309", 64, 0, litRange},
		{"1e-400", 64, 0, litOK},
		{"4.9e-324", 64, 1, litOK},
		{"inf", 32, 0x7f800000, litOK},
		{"-inf", 64, 0xfff0000000000000, litOK},
		{"+inf", 32, 0x7f800000, litOK},
		{"nan", 32, 0x7fc00000, litOK},
		{"-nan", 32, 0xffc00000, litOK},
		{"nan", 64, 0x7ff8000000000000, litOK},
		{"nan:0x1", 32, 0x7f800001, litOK},
		{"-nan:0x7fffff", 32, 0xffffffff, litOK},
		{"nan:0x800000", 32, 0, litRange},
		{"nan:0x0", 64, 0, litRange},
		{"nan:0xf_ffff_ffff_ffff", 64, 0x7fffffffffffffff, litOK},
		{"nan:1", 32, 0, litMalformed},
		{"infinity", 32, 0, litMalformed},
		{"NaN", 32, 0, litMalformed},
		{".5", 32, 0, litMalformed},
		{"1e", 32, 0, litMalformed},
		{"1e+", 32, 0, litMalformed},
		{"0x", 32, 0, litMalformed},
		{"0x.8", 32, 0, litMalformed},
		{"1.5p3", 32, 0, litMalformed},
		{"0x1e3", 32, 0x43f18000, litOK}, // e is a hex digit
		{"1_.5", 32, 0, litMalformed},
		{"1._5", 32, 0, litMalformed},
		{"", 32, 0, litMalformed},
		{"-", 32, 0, litMalformed},
	})
}

func FuzzLex(f *testing.F) {
	for _, s := range []string{
		"(i32.load offset=4 align=2 (i32.const 0))",
		"$x 42 -0x1p3 nan:0x1 \"str\\n\\u{41}\\ff\"",
		";; line\n(; block (; nested ;) ;) nop",
		"\"unterminated", "(; unterminated", "é , [", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks, err := Lex(src)
		prev := Pos{}
		for _, tok := range toks {
			if !tok.Pos.IsValid() || tok.Pos.Line < prev.Line || tok.Pos.Line == prev.Line && tok.Pos.Col <= prev.Col {
				t.Fatalf("token %q at %s after %s", tok.Text, tok.Pos, prev)
			}
			if tok.Text == "" {
				t.Fatalf("empty token at %s", tok.Pos)
			}
			prev = tok.Pos
		}
		if err != nil {
			if len(errorSummary(t, err)) > MaxErrors {
				t.Fatalf("more than %d errors", MaxErrors)
			}
			return
		}
		// Without errors, every non-blank, non-comment byte is in a token.
		n := 0
		for _, tok := range toks {
			n += len(tok.Text)
		}
		if n > len(src) {
			t.Fatalf("tokens cover %d bytes of %d", n, len(src))
		}
	})
}

// randomFloatLiteral returns a decimal or hexadecimal float literal with
// random digits and exponent, often near the limits of the format.
func randomFloatLiteral(r *rand.Rand, bits int) string {
	digits := func(n int, hex bool) string {
		const dec, hx = "0123456789", "0123456789abcdefABCDEF"
		set := dec
		if hex {
			set = hx
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(set[r.IntN(len(set))])
		}
		return b.String()
	}
	hex := r.IntN(2) == 0
	var s string
	if r.IntN(2) == 0 {
		s = "-"
	}
	maxExp := map[bool]int{false: 40, true: 130}[hex]
	if bits == 64 {
		maxExp = map[bool]int{false: 310, true: 1030}[hex]
	}
	if hex {
		s += "0x" + digits(1+r.IntN(18), true)
		if r.IntN(2) == 0 {
			s += "." + digits(r.IntN(18), true)
		}
		return s + fmt.Sprintf("p%d", r.IntN(2*maxExp+40)-maxExp-40)
	}
	s += digits(1+r.IntN(25), false)
	if r.IntN(2) == 0 {
		s += "." + digits(r.IntN(25), false)
	}
	return s + fmt.Sprintf("e%d", r.IntN(2*maxExp+30)-maxExp-30)
}

// TestFloatLiteralsRoundExactly compares parseFloat on random literals
// with exact rational arithmetic: big.Rat rounds to the nearest float,
// ties to even, subnormals included.
func TestFloatLiteralsRoundExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, bits := range []int{32, 64} {
		for range 5000 {
			lit := randomFloatLiteral(r, bits)
			want, wantSt := exactFloat(t, lit, bits)
			got, st := parseFloat(lit, bits)
			if got != want || st != wantSt {
				t.Errorf("parseFloat(%q, %d) = %#x, %d; want %#x, %d", lit, bits, got, st, want, wantSt)
			}
		}
	}
}

// exactFloat rounds the literal through big.Rat.
func exactFloat(t *testing.T, lit string, bits int) (uint64, litStatus) {
	t.Helper()
	q, ok := new(big.Rat).SetString(lit)
	if !ok {
		t.Fatalf("big.Rat cannot read %q", lit)
	}
	var v uint64
	var inf bool
	if bits == 32 {
		f, _ := q.Float32()
		v, inf = uint64(math.Float32bits(f)), math.IsInf(float64(f), 0)
	} else {
		f, _ := q.Float64()
		v, inf = math.Float64bits(f), math.IsInf(f, 0)
	}
	if inf {
		return 0, litRange
	}
	if strings.HasPrefix(lit, "-") {
		v |= floatFormat(bits).signBit // big.Rat has no negative zero
	}
	return v, litOK
}

// TestFloatLiteralsMatchWat2wasm compares the bits of random float
// literals with those wabt's wat2wasm produces for them. Hexadecimal
// literals are kept short enough to be exact in the format (apart from
// subnormals): wabt 1.0.x truncates, rather than rounds, longer
// hexadecimal mantissas, which TestFloatLiteralsRoundExactly covers.
func TestFloatLiteralsMatchWat2wasm(t *testing.T) {
	tool, err := exec.LookPath("wat2wasm")
	if err != nil {
		t.Skip("wat2wasm not installed (apt-get install wabt); skipping literal comparison")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, bits := range []int{32, 64} {
		t.Run(fmt.Sprintf("f%d", bits), func(t *testing.T) {
			maxHex := map[int]int{32: 6, 64: 13}[bits]
			var lits []string
			var want []uint64
			for len(lits) < 500 {
				lit := randomFloatLiteral(r, bits)
				if strings.Contains(lit, "0x") && hexDigitCount(lit) > maxHex {
					continue
				}
				if v, st := parseFloat(lit, bits); st == litOK {
					lits = append(lits, lit)
					want = append(want, v)
				}
			}
			got := wat2wasmFloats(t, tool, lits, bits)
			for i := range lits {
				if got[i] != want[i] {
					t.Errorf("f%d.const %s: parseFloat gives %#x, wat2wasm %#x", bits, lits[i], want[i], got[i])
				}
			}
		})
	}
}

// hexDigitCount counts the mantissa digits of a hexadecimal literal.
func hexDigitCount(lit string) int {
	_, rest, _ := strings.Cut(lit, "0x")
	mant, _, _ := strings.Cut(rest, "p")
	return len(strings.ReplaceAll(mant, ".", ""))
}

// wat2wasmFloats compiles a function of "fN.const lit drop" lines with
// wat2wasm and reads the constants' bits back from the end of the binary,
// where the function body lies.
func wat2wasmFloats(t *testing.T, tool string, lits []string, bits int) []uint64 {
	t.Helper()
	var src strings.Builder
	fmt.Fprintf(&src, "(module (func\n")
	for _, l := range lits {
		fmt.Fprintf(&src, "f%d.const %s drop\n", bits, l)
	}
	src.WriteString("))\n")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "f.wat"), filepath.Join(dir, "f.wasm")
	if err := os.WriteFile(in, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(tool, in, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("wat2wasm: %v\n%s", err, msg)
	}
	bin, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	size := bits / 8
	body := bin[len(bin)-1-len(lits)*(size+2) : len(bin)-1]
	vals := make([]uint64, len(lits))
	for i := range lits {
		ins := body[i*(size+2):]
		var v uint64
		for j := size - 1; j >= 0; j-- {
			v = v<<8 | uint64(ins[1+j])
		}
		vals[i] = v
	}
	return vals
}
