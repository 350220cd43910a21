package js

import (
	"strings"
	"testing"
)

// TestParserPanic checks that code on which goja's parser panicked (found
// by FuzzParse: "let[...į" sliced out of range) is a syntax error at the
// start of the code, not a crash, whether or not goja still panics on it.
func TestParserPanic(t *testing.T) {
	_, err := Parse("let[...\u012f")
	if err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("Parse: %v, want a syntax error", err)
	}
}
