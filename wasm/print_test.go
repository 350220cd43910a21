package wasm

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/internal/golden"
)

// isModuleText reports whether src is a (module ...).
func isModuleText(src string) bool {
	items, err := ReadSExprs(src)
	return err == nil && len(items) > 0 && items[0].Head() == "module"
}

// goldenText is what a golden file holds for a .wat input: the canonical
// text followed by any validation errors, or only the parse errors, as
// ";;" comments.
func goldenText(t *testing.T, src string) string {
	var text string
	var parseErr, validErr error
	if isModuleText(src) {
		m, err := ParseModule(src)
		if parseErr = err; err == nil {
			text, validErr = FormatModule(m), ValidateModule(m)
		}
	} else {
		f, err := ParseFunc(src)
		if parseErr = err; err == nil {
			text, validErr = FormatFunc(f), Validate(f)
		}
	}
	for _, e := range errorSummary(t, parseErr) {
		text += ";; parse error: " + e + "\n"
	}
	for _, e := range errorSummary(t, validErr) {
		text += ";; invalid: " + e + "\n"
	}
	return text
}

func TestGolden(t *testing.T) {
	golden.Files(t, "testdata/*.wat", 1, func(t *testing.T, in string, src []byte) {
		golden.Check(t, strings.TrimSuffix(in, ".wat")+".golden", goldenText(t, string(src)))
	})
}

// TestRoundTrip checks, for every golden input that parses, that the
// canonical text parses back to the same tree and is a fixed point.
func TestRoundTrip(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.wat")
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		if isModuleText(string(src)) {
			roundTripModule(t, in, string(src))
		} else {
			roundTripFunc(t, in, string(src))
		}
	}
}

// roundTripFunc checks ParseFunc(FormatFunc(f)) = f for a body.
func roundTripFunc(t *testing.T, name, src string) {
	f, err := ParseFunc(src)
	if err != nil {
		return // the error files
	}
	again, text := reparse(t, name, f, ParseFunc, FormatFunc)
	if text2 := FormatFunc(again); text2 != text {
		t.Errorf("%s: canonical text is not a fixed point:\n%s\n---\n%s", name, text, text2)
	}
}

// roundTripModule checks ParseModule(FormatModule(m)) = m.
func roundTripModule(t *testing.T, name, src string) {
	m, err := ParseModule(src)
	if err != nil {
		return
	}
	reparse(t, name, m, ParseModule, FormatModule)
}

// reparse formats x, parses the text again, checks that the result is x
// (positions aside) and returns it with the text; name says what x is.
func reparse[T any](t *testing.T, name string, x T, parse func(string) (T, error), format func(T) string) (T, string) {
	t.Helper()
	text := format(x)
	again, err := parse(text)
	if err != nil {
		t.Fatalf("%s: canonical text does not parse: %v\n%s", name, err, text)
	}
	if diff := cmp.Diff(x, again, ignorePos); diff != "" {
		t.Fatalf("%s: round trip (-orig +again):\n%s\ntext:\n%s", name, diff, text)
	}
	return again, text
}

func TestFormatFunc(t *testing.T) {
	tests := []struct {
		name string
		f    *Func
		want string
	}{
		{"empty", &Func{}, ""},
		{"names used where they resolve", &Func{
			Locals: []Local{{Name: "x", Type: I32}, {Type: I64}},
			Body: []Instr{
				tBlock(OpBlock, "out", I32, tIdx(OpLocalGet, 0), tIdx(OpBr, 0)),
				tIdx(OpLocalSet, 0),
				tBlock(OpLoop, "", 0, tIdx(OpBr, 0)),
				tIdx(OpLocalGet, 1), tOp(OpDrop),
			}},
			"(local $x i32)\n(local i64)\nblock $out (result i32)\n  local.get $x\n  br $out\nend\nlocal.set $x\nloop\n  br 0\nend\nlocal.get 1\ndrop\n"},
		{"shadowed outer label by depth", &Func{Body: []Instr{
			tBlock(OpBlock, "a", 0, tBlock(OpBlock, "a", 0, tIdx(OpBr, 1), tIdx(OpBr, 0)))}},
			"block $a\n  block $a\n    br 1\n    br $a\n  end\nend\n"},
		{"duplicate local names print by index", &Func{
			Locals: []Local{{Name: "x", Type: I32}, {Name: "x", Type: I32}},
			Body:   []Instr{tIdx(OpLocalGet, 1), tOp(OpDrop)}},
			"(local $x i32)\n(local i32)\nlocal.get 1\ndrop\n"},
		{"names that are not identifiers are left out", &Func{
			Locals: []Local{{Name: "a b", Type: I32}},
			Body:   []Instr{tBlock(OpBlock, "c d", 0, tIdx(OpLocalGet, 0), tOp(OpDrop))}},
			"(local i32)\nblock\n  local.get 0\n  drop\nend\n"},
		{"if with and without else", &Func{Body: []Instr{
			tI32(1), tIf("", 0, []Instr{tOp(OpNop)}, nil),
			tI32(1), tIf("t", I32, []Instr{tI32(1)}, []Instr{tI32(-1)}), tOp(OpDrop)}},
			"i32.const 1\nif\n  nop\nend\ni32.const 1\nif $t (result i32)\n  i32.const 1\nelse\n  i32.const -1\nend\ndrop\n"},
		{"memargs only when not default", &Func{Body: []Instr{
			tI32(0), tMem(OpI32Load, 0, 2), tOp(OpDrop),
			tI32(0), tMem(OpI32Load, 4, 0), tOp(OpDrop),
			tI32(0), tMem(OpI64Load8U, 1, 0), tOp(OpDrop)}},
			"i32.const 0\ni32.load\ndrop\ni32.const 0\ni32.load offset=4 align=1\ndrop\ni32.const 0\ni64.load8_u offset=1\ndrop\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FormatFunc(tt.f)); diff != "" {
				t.Errorf("FormatFunc (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFormatFloatRoundTrip checks that formatFloat gives back the same
// bits through parseFloat, for special values and random bit patterns
// (every NaN payload included).
func TestFormatFloatRoundTrip(t *testing.T) {
	special32 := []uint64{0, 1 << 31, 1, 0x7fffff, 0x800000, 0x7f7fffff, 0x7f800000, 0xff800000,
		0x7fc00000, 0xffc00000, 0x7f800001, 0xffbfffff, 0x3f800000, 0x3dcccccd}
	special64 := []uint64{0, 1 << 63, 1, 1<<52 - 1, 1 << 52, 0x7fefffffffffffff, 0x7ff0000000000000,
		0x7ff8000000000000, 0xfff8000000000001, 0x7ff0000000000001, 0x3fb999999999999a}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		special32 = append(special32, uint64(r.Uint32()))
		special64 = append(special64, r.Uint64())
	}
	check := func(bits int, vals []uint64) {
		for _, v := range vals {
			text := formatFloat(v, bits)
			got, st := parseFloat(text, bits)
			if st != litOK || got != v {
				t.Errorf("f%d %#x formats as %q, which parses to %#x (status %d)", bits, v, text, got, st)
			}
		}
	}
	check(32, special32)
	check(64, special64)
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		bits int
		v    uint64
		want string
	}{
		{32, 0x3fc00000, "1.5"},
		{32, 0x80000000, "-0"},
		{32, 0x3dcccccd, "0.1"},
		{32, 0x49742400, "1000000"},
		{32, 0x1, "1e-45"},
		{32, 0x7f7fffff, "3.4028235e+38"},
		{32, 0x7f800000, "inf"},
		{32, 0xffc00000, "-nan"},
		{32, 0x7f800001, "nan:0x1"},
		{64, 0x7ff4000000000000, "nan:0x4000000000000"},
		{64, 0x3ff0000000000000, "1"},
		{64, 0x4415af1d78b58c40, "100000000000000000000"},
		{64, 0x444b1ae4d6e2ef50, "1e+21"},
		{64, math.Float64bits(0.0001), "0.0001"},
		{64, math.Float64bits(0.00001), "1e-05"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.v, tt.bits); got != tt.want {
			t.Errorf("formatFloat(%#x, %d) = %q, want %q", tt.v, tt.bits, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	if got, want := quote("a\"b\\c\x00\n\xffé"), `"a\"b\\c\00\0a\ff\c3\a9"`; got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
	toks, err := Lex(quote("a\"b\\c\x00\n\xffé"))
	if err != nil || len(toks) != 1 || toks[0].Str != "a\"b\\c\x00\n\xffé" {
		t.Errorf("quote does not lex back: %v %v", toks, err)
	}
}

// A treeGen builds random syntax trees of the shape the parser produces:
// only the fields an instruction uses are set, local names are distinct,
// label names may repeat (and shadow).
type treeGen struct {
	r     *rand.Rand
	ops   []Op
	depth int
}

// funcTree returns a random function body.
func (g *treeGen) funcTree() *Func {
	f := &Func{}
	names := []string{"a", "b", "x.y", "r0"}
	types := []ValType{I32, I64, F32, F64}
	for i := range g.r.IntN(5) {
		l := Local{Type: types[g.r.IntN(4)]}
		if g.r.IntN(2) == 0 {
			l.Name = names[i]
		}
		f.Locals = append(f.Locals, l)
	}
	f.Body = g.seq(0)
	return f
}

// seq returns a random instruction sequence at block depth d.
func (g *treeGen) seq(d int) []Instr {
	var body []Instr
	for range g.r.IntN(5) {
		body = append(body, g.instr(d))
	}
	return body
}

// instr returns one random instruction at block depth d.
func (g *treeGen) instr(d int) Instr {
	op := g.ops[g.r.IntN(len(g.ops))]
	if d >= 4 && (op == OpBlock || op == OpLoop || op == OpIf) {
		op = OpNop
	}
	in := Instr{Op: op}
	switch {
	case op == OpBlock || op == OpLoop || op == OpIf:
		in.Label = []string{"", "", "l", "m"}[g.r.IntN(4)]
		in.Result = []ValType{0, 0, I32, I64, F32, F64}[g.r.IntN(6)]
		in.Body = g.seq(d + 1)
		if op == OpIf && g.r.IntN(2) == 0 {
			in.Else = g.seq(d + 1)
		}
	case op == OpBr || op == OpBrIf:
		in.Index = uint32(g.r.IntN(d + 3))
	case op == OpLocalGet || op == OpLocalSet || op == OpLocalTee:
		in.Index = uint32(g.r.IntN(6))
	case op == OpI32Const || op == OpF32Const:
		in.Value = uint64(g.r.Uint32())
	case op == OpI64Const || op == OpF64Const:
		in.Value = g.r.Uint64()
	case op.HasMemArg():
		if g.r.IntN(2) == 0 {
			in.Mem.Offset = g.r.Uint32()
		}
		in.Mem.Align = uint8(g.r.IntN(32))
	}
	return in
}

// TestRoundTripRandomTrees checks ParseFunc(FormatFunc(f)) = f on random
// trees, which reach combinations the golden files do not: shadowed and
// repeated labels, branches by depth beyond any label, every memarg.
func TestRoundTripRandomTrees(t *testing.T) {
	g := &treeGen{r: rand.New(rand.NewPCG(7, 8)), ops: Ops()}
	for range 3000 {
		reparse(t, "random tree", g.funcTree(), ParseFunc, FormatFunc)
	}
}

// TestRandomTreesMatchWat2wasm prints random trees, which are mostly
// ill-typed, and checks that wat2wasm --no-check encodes the text to the
// same bytes as Encode does the tree: the printed text means the same to
// an independent parser.
func TestRandomTreesMatchWat2wasm(t *testing.T) {
	tool, err := exec.LookPath("wat2wasm")
	if err != nil {
		t.Skip("wat2wasm not installed (apt-get install wabt); skipping comparison")
	}
	g := &treeGen{r: rand.New(rand.NewPCG(9, 10)), ops: wabtOps()}
	compared := 0
	for range 40 {
		m := &Module{HasMemory: true, Memory: Memory{Min: 1, Max: 1, HasMax: true, Shared: true}}
		for range 10 {
			f := g.funcTree()
			f.Locals = append(f.Locals, Local{Type: I32}, Local{Type: I64}) // room for local indices
			m.Funcs = append(m.Funcs, *f)
		}
		want, err := Encode(m)
		if err != nil {
			continue // a tree the encoder refuses, e.g. a local index out of range
		}
		text := FormatModule(m)
		got := runWat2wasm(t, tool, text, "--enable-threads", "--no-check") // without validation
		if !bytes.Equal(got, want) {
			t.Errorf("wat2wasm encodes the printed module differently\nwat2wasm %x\nEncode   %x\n%s", got, want, text)
		}
		compared++
	}
	if compared < 10 {
		t.Errorf("compared only %d modules", compared)
	}
	t.Logf("compared %d modules", compared)
}
