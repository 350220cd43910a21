package litmus

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// yamlString returns s as a YAML scalar that reads back as exactly s: a
// plain scalar where that is safe, a literal block scalar for multi-line
// text (its lines indented by indent spaces), and a double-quoted scalar
// otherwise.
func yamlString(s string, indent int) string {
	long := indent+len(s) > lineWidth
	switch {
	case plainSafe(s) && !long:
		return s
	case foldable(s) && longestLine(s)+indent > lineWidth && strings.ContainsAny(s, " \n"):
		return foldedScalar(s, indent)
	case strings.Contains(s, "\n") && blockSafe(s):
		return blockScalar(s, indent)
	case plainSafe(s):
		return s
	}
	return doubleQuote(s)
}

// lineWidth is the width the printer wraps long text at.
const lineWidth = 76

func longestLine(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, len(line))
	}
	return n
}

// foldable reports whether s can be written as a folded block scalar and
// read back unchanged: it does not start with a line break, and each of
// its lines is empty or printable text without white space at either end.
func foldable(s string) bool {
	body := strings.TrimRight(s, "\n")
	if body == "" || body[0] == '\n' || !utf8.ValidString(s) {
		return false
	}
	for _, line := range strings.Split(body, "\n") {
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[len(line)-1] == ' ' {
			return false
		}
		for _, r := range line {
			if r != ' ' && !printable(r) {
				return false
			}
		}
	}
	return true
}

// foldedScalar writes s (which must be foldable) as a folded block scalar,
// its lines indented by indent spaces and wrapped at single spaces to fit
// lineWidth. Each line break of s becomes an empty line.
func foldedScalar(s string, indent int) string {
	body := strings.TrimRight(s, "\n")
	var b strings.Builder
	b.WriteString(">" + chomping(len(s)-len(body)))
	pad := strings.Repeat(" ", indent)
	for i, line := range strings.Split(body, "\n") {
		if i > 0 {
			b.WriteByte('\n') // the empty line that stands for a line break
		}
		if line == "" {
			continue
		}
		for _, part := range wrap(line, max(lineWidth-indent, 20)) {
			b.WriteString("\n" + pad + part)
		}
	}
	for i := 1; i < len(s)-len(body); i++ {
		b.WriteByte('\n')
	}
	return b.String()
}

// chomping returns the block scalar header's chomping indicator that keeps
// n trailing line breaks.
func chomping(n int) string {
	switch n {
	case 0:
		return "-"
	case 1:
		return ""
	}
	return "+"
}

// wrap splits line at single spaces (a space between two other
// characters) into parts of at most width bytes where it can.
func wrap(line string, width int) []string {
	var parts []string
	for len(line) > width {
		cut := -1
		for i := 1; i+1 < len(line); i++ {
			if line[i] == ' ' && line[i-1] != ' ' && line[i+1] != ' ' {
				if i > width && cut > 0 {
					break
				}
				cut = i
			}
		}
		if cut < 0 {
			break
		}
		parts = append(parts, line[:cut])
		line = line[cut+1:]
	}
	return append(parts, line)
}

// plainSafe reports whether s can be written as a plain scalar in a block
// mapping value and read back unchanged.
func plainSafe(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) ||
		s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for _, r := range s {
		if r != ' ' && !printable(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// printable reports whether r may appear unescaped in YAML text other than
// as white space.
func printable(r rune) bool {
	return r != utf8.RuneError && r != '\uFEFF' && unicode.IsPrint(r)
}

// blockSafe reports whether s can be written as a literal block scalar and
// read back unchanged: it holds only printable characters, spaces, tabs
// and line breaks, and some line holds more than white space.
func blockSafe(s string) bool {
	if !utf8.ValidString(s) || strings.TrimSpace(s) == "" {
		return false
	}
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && !printable(r) {
			return false
		}
	}
	return true
}

// blockScalar writes s as a literal block scalar with its lines indented
// by indent spaces, for a key indented by indent-2 spaces. The header gives
// the indentation explicitly (relative to the key's) when the first line
// that is not empty starts with a space or a tab, and the chomping that keeps s's
// trailing line breaks.
func blockScalar(s string, indent int) string {
	body := strings.TrimRight(s, "\n")
	trailing := len(s) - len(body)
	header := "|"
	first := strings.TrimLeft(body, "\n")
	if strings.HasPrefix(first, " ") || strings.HasPrefix(first, "\t") {
		// Leading white space would be taken for indentation (a tab is
		// not even allowed there): say how deep the indentation is.
		header += "2"
	}
	header += chomping(trailing)
	var b strings.Builder
	b.WriteString(header)
	pad := strings.Repeat(" ", indent)
	for _, line := range strings.Split(body, "\n") {
		b.WriteByte('\n')
		if line != "" {
			b.WriteString(pad + line)
		}
	}
	for i := 1; i < trailing; i++ {
		b.WriteByte('\n')
	}
	return b.String()
}

// doubleQuote writes s as a double-quoted YAML scalar on one line.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == ' ' || printable(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
