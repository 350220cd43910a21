package conform

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/model"
)

// TestReadRecords checks reading the JSON lines of wmm validate: the
// fields the report uses, outcomes in the order of their names, errors.
func TestReadRecords(t *testing.T) {
	in := `{"name":"SB","engine":"wazero","iterations":10,"histogram":[{"outcome":{"T1:r0":1,"T0:r0":0},"count":7,"allowed":true}],"coverage":0.5}
{"name":"SB","engine":"node","iterations":3,"histogram":[]}
`
	runs, err := ReadRecords(strings.NewReader(in), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	yes, half := true, 0.5
	want := []*Record{
		{Name: "SB", Engine: "wazero", Iterations: 10, Coverage: &half, Histogram: []Count{{Outcome: model.Outcome{{Name: "T1:r0", Value: 1}, {Name: "T0:r0", Value: 0}}, Count: 7, Allowed: &yes}}},
		{Name: "SB", Engine: "node", Iterations: 3, Histogram: []Count{}},
	}
	if d := cmp.Diff(want, runs); d != "" {
		t.Errorf("runs (-want +got):\n%s", d)
	}
	for _, bad := range []struct{ in, want string }{
		{`{"name":"SB"`, "r.json: object 1: unexpected EOF"},
		{`{"engine":"x"}`, "r.json: object 1: expected the name and engine of a run, found neither"},
		{`{"name":"SB","engine":"x","histogram":[{"outcome":[1],"count":1}]}`, "r.json: object 1: outcome: expected an object, found [1]"},
		{`{"name":"SB","engine":"x","histogram":[{"outcome":{"a":-1},"count":1}]}`, "r.json: object 1: outcome: value of a: json: cannot unmarshal number -1 into Go value of type uint64"},
	} {
		_, err := ReadRecords(strings.NewReader(bad.in), "r.json")
		if err == nil || err.Error() != bad.want {
			t.Errorf("ReadRecords(%s): error %v, want %s", bad.in, err, bad.want)
		}
	}
}
