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

// A Line is one test in the listing of the catalogue (wmm catalog).
type Line struct {
	Family  string `json:"family"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
}

// List returns the listing of entries, or of the entries of the families
// named; an unknown family is an *UnknownError, as Select gives, that
// suggests the closest families or lists them all.
func List(entries []Entry, families ...string) ([]Line, error) {
	for _, fam := range families {
		if !slices.Contains(Families(), fam) {
			return nil, &UnknownError{Name: fam, Suggest: closestNames(fam, Families(), 5), Families: Families()}
		}
	}
	var lines []Line
	for _, e := range entries {
		if len(families) == 0 || slices.Contains(families, e.Family) {
			lines = append(lines, Line{Family: e.Family, Name: e.Test.Name, Summary: Summary(e.Test.Doc)})
		}
	}
	return lines, nil
}
