package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Binding is one observed name with its final value, for example
// "T1:r0" = 1, "i32[8]" = 7 or "T0:trap" = 1.
type Binding struct {
	Name  string
	Value uint64
}

// An Outcome is the observable final state of one execution: a value for
// every observed name, in the order the test lists its names.
type Outcome []Binding

// Get returns the value bound to name and whether it is bound.
func (o Outcome) Get(name string) (uint64, bool) {
	for _, b := range o {
		if b.Name == name {
			return b.Value, true
		}
	}
	return 0, false
}

// String returns the outcome as "name=value; name=value", values unsigned
// decimal. Two outcomes over the same names are equal iff their strings are.
func (o Outcome) String() string { return o.Format(false) }

// Format returns the outcome as String does, with the values in hex
// (0x0102) when hex is set: tearing tests are read byte by byte.
func (o Outcome) Format(hex bool) string {
	var sb strings.Builder
	for i, b := range o {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(b.Name)
		sb.WriteByte('=')
		if hex {
			sb.WriteString("0x" + strconv.FormatUint(b.Value, 16))
		} else {
			sb.WriteString(strconv.FormatUint(b.Value, 10))
		}
	}
	return sb.String()
}

// MarshalJSON writes the outcome as a JSON object whose keys keep the
// outcome's order.
func (o Outcome) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteByte('{')
	for i, b := range o {
		if i > 0 {
			sb.WriteString(", ")
		}
		k, _ := json.Marshal(b.Name)
		sb.Write(k)
		sb.WriteString(": ")
		sb.WriteString(strconv.FormatUint(b.Value, 10))
	}
	sb.WriteByte('}')
	return []byte(sb.String()), nil
}

// UnmarshalJSON reads what MarshalJSON writes: a JSON object of names and
// unsigned integers, keeping the order of its keys.
func (o *Outcome) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("expected an object, found %s", data)
	}
	out := Outcome{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v uint64
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("value of %v: %v", k, err)
		}
		out = append(out, Binding{Name: fmt.Sprint(k), Value: v})
	}
	*o = out
	return nil
}

// Compare orders outcomes over the same names lexicographically by value,
// name by name; outcomes over different names are ordered by name first.
func Compare(a, b Outcome) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := strings.Compare(a[i].Name, b[i].Name); c != 0 {
			return c
		}
		if a[i].Value != b[i].Value {
			if a[i].Value < b[i].Value {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

// An OutcomeSet is a set of distinct outcomes. The zero value is empty and
// ready to use.
type OutcomeSet struct {
	index map[string]int
	list  []Outcome
}

// Add adds o to the set and reports whether it was new.
func (s *OutcomeSet) Add(o Outcome) bool {
	k := o.String()
	if _, ok := s.index[k]; ok {
		return false
	}
	if s.index == nil {
		s.index = make(map[string]int)
	}
	s.index[k] = len(s.list)
	s.list = append(s.list, o)
	return true
}

// Contains reports whether o is in the set.
func (s *OutcomeSet) Contains(o Outcome) bool {
	_, ok := s.index[o.String()]
	return ok
}

// Len returns the number of outcomes in the set.
func (s *OutcomeSet) Len() int { return len(s.list) }

// Sorted returns the outcomes in Compare order.
func (s *OutcomeSet) Sorted() []Outcome {
	out := slices.Clone(s.list)
	slices.SortFunc(out, Compare)
	return out
}

// Minus returns the outcomes of s that are not in t, sorted: for example the
// observed outcomes that a model forbids.
func (s *OutcomeSet) Minus(t *OutcomeSet) []Outcome {
	var out []Outcome
	for _, o := range s.Sorted() {
		if !t.Contains(o) {
			out = append(out, o)
		}
	}
	return out
}

// Over returns o restricted and extended to names, in that order: names o
// does not bind get the value 0 (a thread with no T:trap binding did not
// trap). It lets outcomes computed over different name sets be compared.
func (o Outcome) Over(names []string) Outcome {
	out := make(Outcome, len(names))
	for i, n := range names {
		v, _ := o.Get(n)
		out[i] = Binding{Name: n, Value: v}
	}
	return out
}
