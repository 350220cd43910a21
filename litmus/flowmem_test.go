package litmus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// TestMarkMemNames checks which brackets the scanner marks: those of
// memory names at the start of a plain scalar in a flow collection, and
// no other.
func TestMarkMemNames(t *testing.T) {
	tests := []struct {
		name, in, want string // want: the text the YAML parser reads
	}{
		{"observe", "observe: [T1:r0, i32[0], size]\n", "observe: [T1:r0, i32(0), size]\n"},
		{"init mapping", "init: {i8[1]: 5, i64[0x10]: 6}\n", "init: {i8(1): 5, i64(0x10): 6}\n"},
		{"over lines", "observe: [T1:r0,\n  i16[2],\n  size]\n", "observe: [T1:r0,\n  i16(2),\n  size]\n"},
		{"nested", "x: [[i8[0]], {a: i8[1]}]\n", "x: [[i8(0)], {a: i8(1)}]\n"},
		{"quoted", "observe: [\"i32[0]\", 'i8[1]']\n", ""},
		{"block plain", "observe:\n  - i32[0]\nk: i8[0]\n", ""},
		{"comment", "k: [a] # i32[0]\n", ""},
		{"not at start", "k: [xi32[0]]\n", ""},
		{"blank inside", "k: [i32[ 0]]\n", ""},
		{"empty", "k: [i32[]]\n", ""},
		{"js block", "T1:\n  js: |\n    i32[0] = 1; f([i32[0]])\nk: [i8[0]]\n", "T1:\n  js: |\n    i32[0] = 1; f([i32[0]])\nk: [i8(0)]\n"},
		{"quote over lines", "doc: \"a\n  [i32[0]]\"\n", ""},
		{"single quote escape", "doc: 'it''s [i32[0]]'\nk: [i8[0]]\n", "doc: 'it''s [i32[0]]'\nk: [i8(0)]\n"},
		{"plain with quote", "doc: it's [i32[0]]\n", ""},
		{"after multibyte", "k: [é, i8[0]]\n", "k: [é, i8(0)]\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, marks := markMemNames([]byte(tc.in))
			want := tc.want
			if want == "" {
				want = tc.in
				if marks != nil {
					t.Errorf("marks %v, want none", marks)
				}
			}
			if diff := cmp.Diff(want, string(got)); diff != "" {
				t.Errorf("marked text (-want +got):\n%s", diff)
			}
			if len(got) != len(tc.in) {
				t.Errorf("length %d, want %d", len(got), len(tc.in))
			}
		})
	}
}

// TestRestoreMemNames checks that the names read back as written, at the
// positions of the file, and that a parenthesis the file itself holds is
// left alone.
func TestRestoreMemNames(t *testing.T) {
	in := "observe: [T1:r0, i32[0], size, f(x)]\ninit: {i8[1]: 5}\n"
	s := newSource("f.yaml", []byte(in))
	docs, err := s.documents()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			got = append(got, n.Value+"@"+s.pos(n).String())
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(docs[0])
	want := []string{"observe@f.yaml:1:1", "T1:r0@f.yaml:1:11", "i32[0]@f.yaml:1:18", "size@f.yaml:1:26", "f(x)@f.yaml:1:32",
		"init@f.yaml:2:1", "i8[1]@f.yaml:2:8", "5@f.yaml:2:15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scalars (-want +got):\n%s", diff)
	}
}

// TestMemNamesFallback checks that a mark that lands in a plain scalar of
// several lines, where it cannot be put back by position, makes the
// loader read the file as written.
func TestMemNamesFallback(t *testing.T) {
	s := newSource("f.yaml", []byte("doc: a\n  [i32[0]] b\n"))
	docs, err := s.documents()
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[0].Content[0].Content[1].Value; got != "a [i32[0]] b" {
		t.Errorf("doc = %q, want %q", got, "a [i32[0]] b")
	}
}
