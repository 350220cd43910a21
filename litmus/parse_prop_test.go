package litmus

import (
	"fmt"
	"testing"
)

// TestParseProp checks that a proposition given on its own (wmm explain
// --outcome) is resolved as a condition is: a thread by name or index, a
// local with or without $, a negative literal as two's complement of the
// name's width, and the loader's errors for a literal wider than its name
// or an atom beyond the maximum memory size (issue 14: explain accepted
// 0x1_0000_0000 for an i32 local and explained 0).
func TestParseProp(t *testing.T) {
	tests, err := Load("t.yaml", []byte(`name: T
threads:
  P: |
    (local $a i32) (local $b i64)
    (local.set $a (i32.load (i32.const 0)))
  Q: |
    (local $c i32)
    (local.set $c (i32.load (i32.const 4)))
`))
	if err != nil {
		t.Fatal(err)
	}
	lt := tests[0]
	cases := []struct {
		in, want string
	}{
		{`P:a=1`, `P:a=1`},
		{`0:$a=-1 /\ 1:c=2`, `P:a=4294967295 /\ Q:c=2`},
		{`P:b=-1`, `P:b=18446744073709551615`},
		{`exists (Q:trap=1 \/ i8[3]=255)`, `Q:trap=1 \/ i8[3]=255`},
		{`exists (Q:trap=1 \/ i8[3]=257)`, `--outcome:1:27: literal 257 is out of range for i8[3] (8 bits)`},
		{`P:a=0x1_0000_0000`, `--outcome:1:5: literal 0x1_0000_0000 is out of range for P:a (32 bits)`},
		{`Q:trap=2`, `--outcome:1:8: Q:trap is 0 or 1, found 2`},
		{`i32[65536]=0`, `--outcome:1:1: address out of memory: i32[65536] is beyond the maximum memory size of 1 page (65536 bytes)`},
		{`P:zz=1`, `--outcome:1:1: unknown local $zz in thread P`},
		{`2:a=1`, `--outcome:1:1: no thread 2: the test has 2 threads, numbered from 0`},
		{`P:a=`, `--outcome:1:5: expected an integer, found ")"`},
	}
	for _, c := range cases {
		p, err := lt.ParseProp(c.in, Pos{File: "--outcome", Line: 1, Col: 1})
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = p.String()
		}
		if got != c.want {
			t.Errorf("ParseProp(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSelected checks the default selection of outcomes: the condition's
// proposition, its negation for forall, every outcome without a
// condition, and a given proposition over all of them.
func TestSelected(t *testing.T) {
	src := "name: %s\nthreads:\n  P: |\n    (local $a i32)\n    (local.set $a (i32.load (i32.const 0)))\n%s"
	for _, c := range []struct{ cond, prop, want string }{
		{"condition: exists (P:a=1)\n", "", "P:a=1"},
		{"condition: forall (P:a=1)\n", "", "~P:a=1"},
		{"", "", "true"},
		{"condition: forall (P:a=1)\n", "P:a=0", "P:a=0"},
	} {
		tests, err := Load("t.yaml", []byte(fmt.Sprintf(src, "T", c.cond)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := tests[0].Selected(c.prop, Pos{File: "--outcome", Line: 1, Col: 1})
		if err != nil || p.String() != c.want {
			t.Errorf("Selected(%q) with %q = %v, %v; want %s", c.prop, c.cond, p, err, c.want)
		}
	}
}
