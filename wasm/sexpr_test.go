package wasm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sexprShape renders S-expressions with the position of every atom and
// list, e.g. "1:1(1:2 module 1:9 $m)".
func sexprShape(items []*SExpr) string {
	parts := make([]string, len(items))
	for i, s := range items {
		if s.IsList() {
			parts[i] = fmt.Sprintf("%s(%s)%s", s.Pos(), sexprShape(s.List), s.End)
		} else {
			parts[i] = fmt.Sprintf("%s %s", s.Pos(), s.Tok.Text)
		}
	}
	return strings.Join(parts, " ")
}

func TestReadSExprs(t *testing.T) {
	checkOutputs(t, "ReadSExprs", []outputCase[string]{
		{"empty", "", ""},
		{"atoms", "i32.const 1 drop", "1:1 i32.const 1:11 1 1:13 drop"},
		{"nested", "(module $m\n  (func))", "1:1(1:2 module 1:9 $m 2:3(2:4 func)2:8)2:9"},
		{"empty list", "()", "1:1()1:2"},
		{"mixed", "nop (i32.add (i32.const 1) x) end",
			"1:1 nop 1:5(1:6 i32.add 1:14(1:15 i32.const 1:25 1)1:26 1:28 x)1:29 1:31 end"},
		{"comments between", "(a ;; x\n (; y ;) b)", "1:1(1:2 a 2:10 b)2:11"},
	}, func(src string) (string, error) {
		items, err := ReadSExprs(src)
		return sexprShape(items), err
	})
}

func TestReadSExprsErrors(t *testing.T) {
	checkErrors(t, "ReadSExprs", []errorCase{
		{"unexpected close", "nop )\n)", []string{"1:5: unexpected )", "2:1: unexpected )"}},
		{"unclosed", "(a (b\n(c)", []string{"1:1: unclosed (", "1:4: unclosed ("}},
		{"lexical and structural errors together", "(a \"x\n", []string{"1:1: unclosed (", "1:4: unterminated string"}},
		{"too deep", strings.Repeat("(", maxNesting+1) + strings.Repeat(")", maxNesting+1),
			[]string{fmt.Sprintf("1:%d: lists nested more than %d deep", maxNesting+1, maxNesting)}},
	}, func(t *testing.T, src string) error {
		_, err := ReadSExprs(src)
		return err
	})
}

func TestSExprHelpers(t *testing.T) {
	items, err := ReadSExprs(`(module $m (memory 1)) x ((a)) "s"`)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, s := range items {
		got = append(got, fmt.Sprintf("%v %q %v %s", s.IsList(), s.Head(), s.IsKeyword("x"), s))
	}
	want := []string{
		`true "module" false (module $m (memory 1))`,
		`false "" true x`,
		`true "" false ((a))`,
		`false "" false "s"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("helpers (-want +got):\n%s", diff)
	}
}
