package litmus

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestYAMLString checks that every string the printer writes reads back
// unchanged, and that it picks the expected style.
func TestYAMLString(t *testing.T) {
	long := strings.Repeat("word ", 30) + "end"
	tests := []struct {
		in    string
		style string // the first bytes of the output
	}{
		{"MP+sc", "MP+sc"},
		{"exists (T1:r0=1 /\\ T1:r1=0)", "exists"},
		{"~exists (T0:r0=1)", "~exists"},
		{"", `""`},
		{"null", `"`},
		{"~", `"`},
		{"-x", `"`},
		{"a: b", `"`},
		{"a #b", `"`},
		{"ends:", `"`},
		{" lead", `"`},
		{"trail ", `"`},
		{"tab\there", `"`},
		{"quote\"and\\back", "quote"},
		{"'single", `"`},
		{"bell\a", `"`},
		{"nel\u0085", `"`},
		{"bom\ufeff", `"`},
		{"line\u2028sep", `"`},
		{"astral \U0001F600", "astral"},
		{"é", "é"},
		{"two\nlines", "|-"},
		{"two\nlines\n", "|\n"},
		{"two\nlines\n\n\n", "|+"},
		{"\nleading empty line", "|-"},
		{"  indented\nfirst line\n", "|2\n"},
		{"\n  indented after an empty line", "|2-"},
		{"tab\tin\na block", "|-"},
		{"trailing space \nin a block", "|-"},
		{"   \n", `"`},
		{long, ">-"},
		{long + "\n", ">\n"},
		{long + "\n\nsecond paragraph\n", ">\n"},
		{long + "\nnext line\n\n", ">+"},
		{strings.Repeat("x", 100), "xxx"},
		{"a  b " + long, ">-"},
		{"x\r\ny", `"`},
	}
	for _, tc := range tests {
		out := yamlString(tc.in, 2)
		if !strings.HasPrefix(out, tc.style) {
			t.Errorf("yamlString(%q) = %q, want it to start with %q", tc.in, out, tc.style)
		}
		if got, err := readBack(out); err != nil || got != tc.in {
			t.Errorf("yamlString(%q) = %q reads back as %q (%v)", tc.in, out, got, err)
		}
	}
}

// readBack decodes the value of "k: " + out followed by another key.
func readBack(out string) (string, error) {
	var v struct{ K, Next string }
	err := yaml.Unmarshal([]byte("k: "+out+"\nnext: x\n"), &v)
	if err == nil && v.Next != "x" {
		return v.K, errUnchecked
	}
	return v.K, err
}

var errUnchecked = &Error{Msg: "the next key was swallowed"}

// FuzzYAMLString checks that any valid UTF-8 string the printer writes
// reads back unchanged.
func FuzzYAMLString(f *testing.F) {
	for _, s := range []string{"MP+sc", "a\nb\n", "  x\n", strings.Repeat("word ", 30), "\"\\\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.ContainsFunc(s, func(r rune) bool { return r == '\uFFFD' }) && validForYAML(s) {
			out := yamlString(s, 2)
			if got, err := readBack(out); err != nil || got != s {
				t.Fatalf("yamlString(%q) = %q reads back as %q (%v)", s, out, got, err)
			}
		}
	})
}

// validForYAML reports whether s can be a YAML string value at all: valid
// UTF-8 without the characters YAML forbids even escaped.
func validForYAML(s string) bool {
	for _, r := range s {
		if r == '\uFFFE' || r == '\uFFFF' || r >= 0xD800 && r <= 0xDFFF {
			return false
		}
	}
	return strings.ToValidUTF8(s, "\uFFFD") == s
}
