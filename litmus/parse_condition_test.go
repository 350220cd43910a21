package litmus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestParseCondition checks the parse of conditions through their
// canonical form, which shows the grouping by its parentheses.
func TestParseCondition(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`exists (T1:r0=1 /\ T1:r1=0)`, `exists (T1:r0=1 /\ T1:r1=0)`},
		{`exists T1:r0=1`, `exists (T1:r0=1)`},
		{`~exists (T0:r0=1)`, `~exists (T0:r0=1)`},
		{`~ exists T0:r0=1`, `~exists (T0:r0=1)`},
		{`!exists T0:r0=1`, `~exists (T0:r0=1)`},
		{`forall (T0:r0!=1)`, `forall (T0:r0!=1)`},
		{"exists\n  (T0:r0 = 1\n   /\\ T0:r1 != 2)", `exists (T0:r0=1 /\ T0:r1!=2)`},
		// ~ binds tightest, then /\, then \/; both group to the left.
		{`exists (a:x=1 \/ a:y=1 /\ a:z=1)`, `exists (a:x=1 \/ (a:y=1 /\ a:z=1))`},
		{`exists (a:x=1 /\ a:y=1 \/ a:z=1)`, `exists ((a:x=1 /\ a:y=1) \/ a:z=1)`},
		{`exists (~a:x=1 /\ a:y=1)`, `exists (~a:x=1 /\ a:y=1)`},
		{`exists ~(a:x=1 /\ a:y=1)`, `exists (~(a:x=1 /\ a:y=1))`},
		{`exists (a:x=1 /\ a:y=1 /\ a:z=1)`, `exists (a:x=1 /\ a:y=1 /\ a:z=1)`},
		// A chain grouped to the right is regrouped to the left: the
		// canonical form does not tell the two apart.
		{`exists (a:x=1 /\ (a:y=1 /\ a:z=1))`, `exists (a:x=1 /\ a:y=1 /\ a:z=1)`},
		{`exists (a:x=1 \/ (a:y=1 \/ (a:z=1 \/ a:w=1)))`, `exists (a:x=1 \/ a:y=1 \/ a:z=1 \/ a:w=1)`},
		{`exists ((((a:x=1))))`, `exists (a:x=1)`},
		{`exists (~~a:x=1)`, `exists (~~a:x=1)`},
		// The C-like spellings.
		{`exists (a:x=1 && !a:y=1 || a:z!=1)`, `exists ((a:x=1 /\ ~a:y=1) \/ a:z!=1)`},
		{`exists (!(a:x=1))`, `exists (~a:x=1)`},
		// Names.
		{`exists (0:r0=1 /\ 12:$r1=2)`, `exists (0:r0=1 /\ 12:r1=2)`},
		{`exists (T0:trap=1 /\ T_1:stuck=0)`, `exists (T0:trap=1 /\ T_1:stuck=0)`},
		{`exists (i8[0]=1 /\ i16[0x10]=2 /\ i32 [ 8 ]=3 /\ i64[1_000]=4)`, `exists (i8[0]=1 /\ i16[16]=2 /\ i32[8]=3 /\ i64[1000]=4)`},
		{`exists (size=2)`, `exists (size=2)`},
		{`exists (T0:a.b-c=1)`, `exists (T0:a.b-c=1)`},
		{`forall true`, `forall (true)`},
		{`forall (false \/ true)`, `forall (~true \/ true)`},
		{`exists (true:x=1)`, `exists (true:x=1)`},
		// Literals: parsed only, as 64-bit patterns.
		{`exists (a:x=-1)`, `exists (a:x=18446744073709551615)`},
		{`exists (a:x=+0x_0)`, ""},
		{`exists (a:x=0xFFFF_ffff)`, `exists (a:x=0xffffffff)`},
		{`exists (a:x=-9223372036854775808)`, `exists (a:x=9223372036854775808)`},
		{`exists (a:x=18446744073709551615)`, `exists (a:x=18446744073709551615)`},
	}
	for _, tc := range tests {
		c, err := ParseCondition(tc.in, Pos{})
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseCondition(%q) = %s, want an error", tc.in, c)
		case tc.want != "" && err != nil:
			t.Errorf("ParseCondition(%q): %v", tc.in, err)
		case tc.want != "" && c.String() != tc.want:
			t.Errorf("ParseCondition(%q) = %s, want %s", tc.in, c, tc.want)
		}
	}
}

// TestParseConditionShape checks that chains of /\ and \/ are grouped to
// the left however they are written, so that a condition and its canonical
// form parse to the same tree.
func TestParseConditionShape(t *testing.T) {
	a := func(x string) *Atom { return &Atom{Loc: Loc{Kind: LocLocal, Thread: "a", Local: x}, Op: Eq, Value: 1} }
	want := &Or{L: &And{L: &And{L: a("x"), R: a("y")}, R: a("z")}, R: &Or{L: a("u"), R: a("v")}}
	want = &Or{L: &Or{L: want.L, R: a("u")}, R: a("v")}
	for _, in := range []string{
		`exists (a:x=1 /\ a:y=1 /\ a:z=1 \/ a:u=1 \/ a:v=1)`,
		`exists ((a:x=1 /\ (a:y=1 /\ a:z=1)) \/ (a:u=1 \/ a:v=1))`,
		`exists (a:x=1 /\ (a:y=1 /\ a:z=1) \/ ((a:u=1) \/ (a:v=1)))`,
	} {
		c, err := ParseCondition(in, Pos{})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(Prop(want), c.Prop, cmpopts.IgnoreTypes(Pos{})); d != "" {
			t.Errorf("ParseCondition(%q) tree mismatch (-want +got):\n%s", in, d)
		}
	}
}

// TestParseConditionErrors checks the message and position of syntax
// errors. Positions are relative to a condition starting at 3:12.
func TestParseConditionErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{``, `3:12: expected exists, ~exists or forall, found end of condition`},
		{`T0:r0=1`, `3:12: expected exists, ~exists or forall, found "T0"`},
		{`exist (T0:r0=1)`, `3:12: expected exists, ~exists or forall, found "exist"`},
		{`~forall (T0:r0=1)`, `3:13: expected exists after ~, found "forall"`},
		{`exists`, `3:18: expected a name such as T0:r0, i32[4] or size, found end of condition`},
		{`exists (T0:r0=1`, `3:27: expected ), /\ or \/, found end of condition`},
		{`exists (T0:r0=1))`, `3:28: expected /\, \/ or end of condition, found ")"`},
		{`exists (T0:r0=1 /\)`, `3:30: expected a name such as T0:r0, i32[4] or size, found ")"`},
		{`exists (T0:r0=1 / T0:r1=1)`, `3:28: expected ), /\ or \/, found "/"`},
		{`exists (T0:r0=1 & T0:r1=1)`, `3:28: expected ), /\ or \/, found "&"`},
		{`exists (T0:r0 1)`, `3:26: expected = or != after T0:r0, found "1"`},
		{`exists (T0:r0==1)`, `3:26: expected an integer, found "="`},
		{`exists (T0:r0=)`, `3:26: expected an integer, found ")"`},
		{`exists (T0:r0=x)`, `3:26: bad integer literal "x"`},
		{`exists (T0:r0=1x)`, `3:26: bad integer literal "1x"`},
		{`exists (T0:r0=1__0)`, `3:26: bad integer literal "1__0"`},
		{`exists (T0:r0=-0x8000000000000001)`, `3:26: integer literal -0x8000000000000001 is out of range`},
		{`exists (T0:r0=18446744073709551616)`, `3:26: integer literal 18446744073709551616 is out of range`},
		{`exists (T0:=1)`, `3:23: expected a local name, trap or stuck after T0:, found "="`},
		{`exists (0T:r0=1)`, `3:20: bad thread name "0T": expected a letter or _ then letters, digits and _, or a thread index`},
		{`exists (r0=1)`, `3:20: expected a name such as T0:r0, i32[4] or size, found "r0"`},
		{`exists (i32=1)`, `3:20: expected a name such as T0:r0, i32[4] or size, found "i32"`},
		{`exists (i32[]=1)`, `3:24: expected an address, found "]"`},
		{`exists (i32[x]=1)`, `3:24: bad address "x"`},
		{`exists (i32[-1]=1)`, `3:24: expected an address, found "-"`},
		{`exists (i32[0x1_0000_0000]=1)`, `3:24: address 0x1_0000_0000 is out of range`},
		{`exists (i32[4=1)`, `3:25: expected ], found "="`},
		{`exists (x:r0=1 /\ é)`, `3:30: expected a name such as T0:r0, i32[4] or size, found "é"`},
		{"exists (T0:r0=1\n  /\\ )", `4:6: expected a name such as T0:r0, i32[4] or size, found ")"`},
	}
	for _, tc := range tests {
		_, err := ParseCondition(tc.in, Pos{Line: 3, Col: 12})
		got := "<nil>"
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("ParseCondition(%q):\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// TestParseConditionPositions checks the positions kept in the result.
func TestParseConditionPositions(t *testing.T) {
	c, err := ParseCondition("  exists (T0:r0=1 /\\\n  ~i32[4]!=2)", Pos{File: "f", Line: 5, Col: 12})
	if err != nil {
		t.Fatal(err)
	}
	and := c.Prop.(*And)
	got := []Pos{c.Pos, and.L.(*Atom).Pos, and.R.(*Not).P.(*Atom).Pos}
	want := []Pos{{File: "f", Line: 5, Col: 14}, {File: "f", Line: 5, Col: 22}, {File: "f", Line: 6, Col: 4}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("positions mismatch (-want +got):\n%s", d)
	}
}

// FuzzParseCondition checks that the condition parser never panics, and
// that the canonical form of what it accepts parses to the same canonical
// form.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		`exists (T1:r0=1 /\ T1:r1=0)`,
		`~exists (0:r0=-1 \/ ~(i32[0x10]!=2 && size=1) || !P1:$x=0xff)`,
		`forall (T0:trap=1 /\ T0:stuck=0 /\ true)`,
		"exists\n(i8[1]=255)",
		`exists (a:b=1 /\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCondition(s, Pos{Line: 1, Col: 1})
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		text := c.String()
		c2, err := ParseCondition(text, Pos{})
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", text, s, err)
		}
		if d := cmp.Diff(c, c2, cmpopts.IgnoreTypes(Pos{})); d != "" {
			t.Fatalf("canonical form %q of %q parses differently (-first +second):\n%s", text, s, d)
		}
	})
}

func TestNamedValues(t *testing.T) {
	tests, err := Load("named.yaml", []byte(`name: named
threads:
  T0:
    js: |
      let r = 0, s = 0, u = 0;
condition: exists (T0:r=undefined /\ T0:s=not-equal /\ T0:u!=timed-out \/ T0:r=true)
`))
	if err != nil {
		t.Fatal(err)
	}
	want := "exists ((T0:r=9223372036854775808 /\\ T0:s=1 /\\ T0:u!=2) \\/ T0:r=1)"
	if got := tests[0].Condition.String(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	_, err = Load("named.yaml", []byte("name: w\nthreads:\n  T0: |\n    (local $r i32)\ncondition: exists (T0:r=undefined)\n"))
	if err == nil || !strings.Contains(err.Error(), "named.yaml:5:25: literal undefined is out of range for T0:r (32 bits)") {
		t.Errorf("undefined against an i32 local: got %v", err)
	}
}
