package litmus

import (
	"slices"
	"strings"

	"wmm/model"
)

// ModelKey normalises a model name with variants, "wasm+b+a", to the form
// models report, with the variants sorted: "wasm+a+b".
func ModelKey(name string) string {
	parts := strings.Split(name, "+")
	vs := slices.Clone(parts[1:])
	slices.Sort(vs)
	vs = slices.Compact(vs)
	return strings.Join(append(parts[:1], vs...), "+")
}

// ExpectFor returns the test's expectation for the model called name
// (with variants in any order).
func (t *Test) ExpectFor(name string) (Expect, bool) {
	want := ModelKey(name)
	for k, e := range t.Expect {
		if ModelKey(k) == want {
			return e, true
		}
	}
	return Expect{}, false
}

// A Verdict is the observation of a test's condition over the outcomes a
// model allows, and whether the expectation for that model holds.
type Verdict struct {
	Observation Observation // 0 when the test has no condition
	Positive    int         // outcomes that satisfy the proposition
	Negative    int         // outcomes that do not
	Expect      *Expect     // nil when the test states none for the model
	OK          bool        // false only when an expectation fails
}

// Judge computes the verdict of t under the model called modelName, given
// the outcomes it allows.
func (t *Test) Judge(modelName string, outcomes []model.Outcome) Verdict {
	v := Verdict{OK: true}
	if t.Condition == nil {
		return v
	}
	v.Observation, v.Positive, v.Negative = Observe(t.Condition.Prop, outcomes)
	if e, ok := t.ExpectFor(modelName); ok {
		v.Expect = &e
		v.OK = e.Holds(v.Observation)
	}
	return v
}
