package litmus

import (
	"regexp"
	"sort"
	"strings"
)

// LITMUS.md writes memory names unquoted in flow collections, as in
// "observe: [T1:r0, i32[0], size]", which YAML does not allow (a "[" there
// opens a nested sequence). quoteFlowMemNames makes such lines YAML by
// quoting the bare memory names of a one-line flow collection after a key,
// and records where it inserted quotes so that positions can be mapped
// back to the file as written.

// flowLineRE matches a line "key: [..." or "key: {..." (optionally a list
// item), capturing the part from the opening bracket on.
var flowLineRE = regexp.MustCompile(`^(\s*(?:-\s+)?[A-Za-z_][\w.+-]*\s*:\s*)([\[{].*)$`)

// bareMemRE matches a memory name such as i32[0] or i8[0x10].
var bareMemRE = regexp.MustCompile(`\bi(?:8|16|32|64)\[[^\]\s,{}]*\]`)

// quoteFlowMemNames returns data with the bare memory names of one-line
// flow collections quoted, and, per changed line (1-based), the columns
// (1-based, in the new text) at which a quote character was inserted.
func quoteFlowMemNames(data []byte) ([]byte, map[int][]int) {
	lines := strings.Split(string(data), "\n")
	inserted := map[int][]int{}
	for i, line := range lines {
		m := flowLineRE.FindStringSubmatchIndex(line)
		if m == nil || !bareMemRE.MatchString(line[m[4]:]) {
			continue
		}
		var sb strings.Builder
		sb.WriteString(line[:m[4]])
		var cols []int
		quote := byte(0)
		rest := line[m[4]:]
		for j := 0; j < len(rest); j++ {
			c := rest[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && j > 0 && rest[j-1] == ' ':
				sb.WriteString(rest[j:])
				j = len(rest)
				continue
			default:
				if loc := bareMemRE.FindStringIndex(rest[j:]); loc != nil && loc[0] == 0 && (j == 0 || !isNameByte(rest[j-1])) {
					cols = append(cols, sb.Len()+1)
					sb.WriteByte('"')
					sb.WriteString(rest[j : j+loc[1]])
					cols = append(cols, sb.Len()+1)
					sb.WriteByte('"')
					j += loc[1] - 1
					continue
				}
			}
			sb.WriteByte(c)
		}
		if len(cols) > 0 {
			lines[i] = sb.String()
			inserted[i+1] = cols
		}
	}
	if len(inserted) == 0 {
		return data, nil
	}
	return []byte(strings.Join(lines, "\n")), inserted
}

func isNameByte(c byte) bool {
	return c == '_' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// unshiftCol maps a 1-based column of the quoted text back to the text as
// written: every quote inserted before it moves it one to the right; a
// column at an inserted quote maps to the character after it.
func unshiftCol(cols []int, col int) int {
	n := sort.SearchInts(cols, col) // quotes inserted strictly before col
	return col - n
}
