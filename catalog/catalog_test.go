package catalog

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/axioms"
	"wmm/litmus"
)

func TestFiles(t *testing.T) {
	files := Files()
	if len(files) == 0 {
		t.Fatal("Files() is empty: the embed pattern matched nothing")
	}
	for i, f := range files {
		if want := strings.TrimSuffix(f.Name, ".yaml"); f.Family != want {
			t.Errorf("%s: family %q, want %q", f.Name, f.Family, want)
		}
		if len(f.Data) == 0 {
			t.Errorf("%s: empty file", f.Name)
		}
		if i > 0 && files[i-1].Name >= f.Name {
			t.Errorf("files not sorted: %s before %s", files[i-1].Name, f.Name)
		}
	}
	var fams []string
	for _, f := range files {
		fams = append(fams, f.Family)
	}
	if diff := cmp.Diff(fams, Families()); diff != "" {
		t.Errorf("Families() (-want +got):\n%s", diff)
	}
}

// TestLoad checks that every file loads, that names are unique across the
// catalogue (Load reports duplicates), and that every test is complete: a
// doc, a condition, and an expectation for each model it names, each key
// a model the axioms package knows.
func TestLoad(t *testing.T) {
	entries, err := Load()
	if err != nil {
		var l litmus.ErrorList
		if errors.As(err, &l) {
			for _, e := range l {
				t.Error(e)
			}
		}
		t.Fatalf("Load: %v", err)
	}
	if len(entries) < 100 {
		t.Errorf("the catalogue has %d tests, want at least 100", len(entries))
	}
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Test.Name
		if fam, dup := seen[name]; dup {
			t.Errorf("test %s in %s and %s", name, fam, e.Family)
		}
		seen[name] = e.Family
		checkComplete(t, e)
	}
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_.+-]+$`)

// checkComplete reports what entry e lacks.
func checkComplete(t *testing.T, e Entry) {
	t.Helper()
	tt := e.Test
	where := e.Family + ".yaml: " + tt.Name
	if !nameRE.MatchString(tt.Name) {
		t.Errorf("%s: name has characters outside letters, digits, _ . + -", where)
	}
	if len(strings.Fields(tt.Doc)) < 12 {
		t.Errorf("%s: doc missing or too short to explain the expectation", where)
	}
	if tt.Condition == nil {
		t.Errorf("%s: no condition", where)
	}
	if len(tt.Expect) == 0 {
		t.Errorf("%s: no expect", where)
	}
	for key := range tt.Expect {
		if _, err := axioms.Lookup(key); err != nil {
			t.Errorf("%s: expect key %s: %v", where, key, err)
		}
	}
	if _, ok := tt.ExpectFor(litmus.DefaultModel); !ok {
		t.Errorf("%s: no expectation under the default model %s", where, litmus.DefaultModel)
	}
}

func TestLoadFilesErrors(t *testing.T) {
	const a = "name: A\ndoc: x\nthreads:\n  T0: |\n    (nop)\n"
	tests := []struct {
		name  string
		files []File
		want  []string // the errors, as printed
		count int      // entries returned
	}{{
		name:  "duplicate across files",
		files: []File{{"a.yaml", "a", []byte(a)}, {"b.yaml", "b", []byte(a)}},
		want:  []string{"catalog/b.yaml:1:1: duplicate test name A (first at catalog/a.yaml:1:1)"},
		count: 1,
	}, {
		name:  "bad file keeps the good ones",
		files: []File{{"a.yaml", "a", []byte(a)}, {"b.yaml", "b", []byte("name: B\nthreads: 3\n")}},
		count: 1,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries, err := loadFiles(tc.files)
			if len(entries) != tc.count {
				t.Errorf("got %d entries, want %d", len(entries), tc.count)
			}
			var l litmus.ErrorList
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("got error %v, want a litmus.ErrorList", err)
			}
			if tc.want == nil {
				if !strings.HasPrefix(l[0].Error(), "catalog/b.yaml:") {
					t.Errorf("error %q does not point into catalog/b.yaml", l[0])
				}
				return
			}
			var got []string
			for _, e := range l {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLookupSelect(t *testing.T) {
	entries, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	e, ok := Lookup(entries, "MP+sc")
	if !ok || e.Family != "mp" || e.Test.Name != "MP+sc" {
		t.Errorf("Lookup(MP+sc) = %s in %q, %v; want MP+sc in mp, true", name(e), e.Family, ok)
	}
	if e, ok := Lookup(entries, "no-such-test"); ok {
		t.Errorf("Lookup(no-such-test) = %s, true; want false", name(e))
	}

	sel, err := Select(entries, "sb", "MP+sc")
	if err != nil {
		t.Fatalf("Select(sb, MP+sc): %v", err)
	}
	var want, got []string
	for _, e := range entries {
		if e.Family == "sb" || e.Test.Name == "MP+sc" {
			want = append(want, e.Test.Name)
		}
	}
	for _, e := range sel {
		got = append(got, e.Test.Name)
	}
	if len(want) < 2 {
		t.Errorf("the sb family is empty")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Select(sb, MP+sc) (-want +got):\n%s", diff)
	}

	if _, err := Select(entries, "sb", "nonesuch"); err == nil || !strings.Contains(err.Error(), "nonesuch") {
		t.Errorf("Select(sb, nonesuch) error = %v; want one naming nonesuch", err)
	}
}

func name(e Entry) string {
	if e.Test == nil {
		return "<nil>"
	}
	return e.Test.Name
}

// TestListUnknownFamily: wmm catalog --family reports an unknown family as
// Select does, with the closest families, or all of them when none is close.
func TestListUnknownFamily(t *testing.T) {
	entries, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ family, want string }{
		{"sbb", `no family "sbb" in the catalogue (did you mean sb?)`},
		{"nosuch", `no family "nosuch" in the catalogue (families: ` + strings.Join(Families(), ", ") + ")"},
	} {
		_, err := List(entries, tc.family)
		var unknown *UnknownError
		if !errors.As(err, &unknown) {
			t.Fatalf("List(%q): %v, want an *UnknownError", tc.family, err)
		}
		if err.Error() != tc.want {
			t.Errorf("List(%q):\n got %s\nwant %s", tc.family, err, tc.want)
		}
	}
}
