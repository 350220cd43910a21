package wast

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"wmm/litmus"
)

// checkRoundTrip checks that imported tests survive their canonical form:
// it loads as the same tests (positions and code text aside) and printing
// it again gives the same text.
func checkRoundTrip(t *testing.T, tests []*litmus.Test) {
	t.Helper()
	text := litmus.FormatFile(tests)
	again, err := litmus.Load("canonical.yaml", []byte(text))
	if err != nil {
		t.Fatalf("canonical form does not load: %v\n%s", err, text)
	}
	// Format keeps neither the code's text nor the unsupported parts.
	opts := cmp.Options{cmpopts.IgnoreTypes(litmus.Pos{}), cmpopts.IgnoreFields(litmus.Thread{}, "Text"), cmpopts.IgnoreFields(litmus.Test{}, "Unsupported")}
	if d := cmp.Diff(tests, again, opts); d != "" || litmus.FormatFile(again) != text {
		t.Errorf("round trip changed the tests (-imported +reloaded):\n%s\ncanonical form:\n%s", d, text)
	}
}

// errorStrings returns the messages of an ErrorList.
func errorStrings(err error) []string {
	var out []string
	var list litmus.ErrorList
	if l, ok := err.(litmus.ErrorList); ok {
		list = l
	}
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}
