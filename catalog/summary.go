package catalog

import (
	"slices"
	"strings"
	"unicode"
)

// Summary returns the summary of a test's doc, as wmm catalog lists it:
// the first sentence of doc on one line: up to the
// first period followed by a space, or the end. A period after an
// abbreviation ("Fig. 18", "e.g. a") or before a digit does not end it.
func Summary(doc string) string {
	s := strings.Join(strings.Fields(doc), " ")
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' {
			continue
		}
		if i+2 < len(s) && unicode.IsDigit(rune(s[i+2])) || isAbbreviation(s[:i]) {
			continue
		}
		return s[:i+1]
	}
	return s
}

// abbreviations are the words that end with a period inside a sentence.
var abbreviations = []string{"cf", "e.g", "eq", "etc", "fig", "i.e", "no", "resp", "sec", "vs"}

// isAbbreviation reports whether text ends with an abbreviation.
func isAbbreviation(text string) bool {
	word := text[strings.LastIndexAny(text, " (")+1:]
	return slices.Contains(abbreviations, strings.ToLower(word))
}
