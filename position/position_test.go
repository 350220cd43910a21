package position

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestErrorList checks the one sort order (by file, line, column, stable),
// the one duplicate rule (same position and message), the one plural, and
// that a wrapped error keeps its identity.
func TestErrorList(t *testing.T) {
	var l ErrorList
	l.Add(Pos{File: "b", Line: 1, Col: 1}, "later file")
	l.Add(Pos{File: "a", Line: 2, Col: 1}, "cause")
	l.Add(Pos{File: "a", Line: 2, Col: 1}, "consequence")
	l.Add(Pos{File: "a", Line: 2, Col: 1}, "cause")
	l.Wrap(Pos{File: "a", Line: 1, Col: 5}, fs.ErrNotExist)
	l.Sort()
	var got []string
	for _, e := range l {
		got = append(got, e.Error())
	}
	want := []string{"a:1:5: file does not exist", "a:2:1: cause", "a:2:1: consequence", "b:1:1: later file"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sorted (-want +got):\n%s", d)
	}
	if !errors.Is(l.Err(), fs.ErrNotExist) {
		t.Errorf("errors.Is(list, fs.ErrNotExist) is false")
	}
	if s := l[:2].Error(); s != "a:1:5: file does not exist (and 1 more error)" {
		t.Errorf("two errors: %q", s)
	}
	if s := l.Error(); s != "a:1:5: file does not exist (and 3 more errors)" {
		t.Errorf("four errors: %q", s)
	}
	for _, c := range []struct {
		p    Pos
		want string
	}{{Pos{}, "-"}, {Pos{Line: 3, Col: 4}, "3:4"}, {Pos{File: "f"}, "f"}, {Pos{File: "f", Line: 3, Col: 4}, "f:3:4"}} {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}
