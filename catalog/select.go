package catalog

import (
	"fmt"
	"sort"
	"strings"

	"wmm/litmus"
)

// Select returns the entries whose test name or family is one of names, in
// catalogue order, each once. A name that matches nothing is an error, so
// that a typo does not silently select fewer tests: the error, a
// litmus.ErrorList with one *UnknownError per such name (errors.As finds
// them), comes with the entries that were found.
func Select(entries []Entry, names ...string) ([]Entry, error) {
	used := map[string]bool{}
	for _, n := range names {
		used[n] = false
	}
	var out []Entry
	for _, e := range entries {
		selected := false
		for _, key := range []string{e.Test.Name, e.Family} {
			if _, ok := used[key]; ok {
				used[key] = true
				selected = true
			}
		}
		if selected {
			out = append(out, e)
		}
	}
	var errs litmus.ErrorList
	for _, n := range names {
		if !used[n] {
			used[n] = true // report a name given twice once
			errs = append(errs, &litmus.Error{Err: &UnknownError{Name: n, Suggest: closestNames(n, allNames(entries), 5)}})
		}
	}
	return out, errs.Err()
}

// An UnknownError says that a name is in the catalogue neither as a test
// nor as a family, with the closest names there are.
// With Families set, only a family was looked for (wmm catalog --family),
// and the message lists the families when none is close.
type UnknownError struct {
	Name     string
	Suggest  []string
	Families []string
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("no test or family called %q in the catalogue", e.Name)
	if e.Families != nil {
		msg = fmt.Sprintf("no family %q in the catalogue", e.Name)
	}
	switch {
	case len(e.Suggest) > 0:
		msg += " (did you mean " + strings.Join(e.Suggest, ", ") + "?)"
	case e.Families != nil:
		msg += " (families: " + strings.Join(e.Families, ", ") + ")"
	}
	return msg
}

// allNames returns the names of the tests of entries and of the families.
func allNames(entries []Entry) []string {
	var names []string
	for _, e := range entries {
		names = append(names, e.Test.Name)
	}
	return append(names, Families()...)
}

// closestNames returns at most n of names close to name, ignoring case:
// the closest ones, if they are within an edit distance of a quarter of
// name's length (2 for short names, 1 for very short ones) or start with
// name.
func closestNames(name string, names []string, n int) []string {
	limit := max(2, len(name)/4)
	if len(name) <= 3 {
		limit = 1
	}
	type scored struct {
		name string
		d    int
	}
	var close []scored
	for _, c := range names {
		lname, lc := strings.ToLower(name), strings.ToLower(c)
		d := litmus.EditDistance(lname, lc)
		if len(name) >= 3 && strings.HasPrefix(lc, lname) {
			d = min(d, 1)
		}
		if d <= limit {
			close = append(close, scored{c, d})
		}
	}
	sort.SliceStable(close, func(i, j int) bool {
		if close[i].d != close[j].d {
			return close[i].d < close[j].d
		}
		return close[i].name < close[j].name
	})
	var out []string
	for i := 0; i < len(close) && i < n && close[i].d == close[0].d; i++ {
		out = append(out, close[i].name)
	}
	return out
}
