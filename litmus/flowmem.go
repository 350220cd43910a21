package litmus

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// LITMUS.md writes memory names unquoted in flow collections, as in
// "observe: [T1:r0, i32[0], size]" or "init: {i8[1]: 5}", which YAML does
// not allow: in a flow collection a plain scalar may not contain "[" or
// "]". So that such files load as written, markMemNames finds those names
// with a scanner of YAML's lexical structure (quotes, comments, block
// scalars, flow depth), not with patterns over lines, and replaces their
// two brackets by "(" and ")" in the text the YAML parser reads. The
// replacement is byte for byte, so every line, column and offset the
// parser reports is the file's own. The parser then reads each name as one
// plain scalar, and restoreMemNames puts the brackets back into those
// scalars on the node tree, at the positions recorded.
//
// Only brackets that YAML would reject are replaced: the "[" right after
// i8, i16, i32 or i64 at the start of a plain scalar inside a flow
// collection, and its "]".

// A textPos is a line and a column counted in characters, both 1-based,
// as the YAML parser counts them.
type textPos struct{ line, col int }

// memMarks records, per position of a replaced bracket, the bracket that
// was there.
type memMarks map[textPos]byte

// markMemNames returns data with the brackets of the memory names that
// flow collections hold unquoted replaced by parentheses, and where it
// replaced them; data itself when there is none.
func markMemNames(data []byte) ([]byte, memMarks) {
	s := flowScanner{src: data, blockIndent: -1}
	s.scan()
	if len(s.marks) == 0 {
		return data, nil
	}
	return s.out, s.marks
}

// restoreMemNames puts the recorded brackets back into the plain scalars
// of the tree at n, and returns how many it restored.
func restoreMemNames(n *yaml.Node, marks memMarks) int {
	restored := 0
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		var b []byte
		col := n.Column
		for i, r := range n.Value {
			if c, ok := marks[textPos{n.Line, col}]; ok && (r == '(' || r == ')') {
				if b == nil {
					b = []byte(n.Value)
				}
				b[i] = c
				restored++
			}
			col++
		}
		if b != nil {
			n.Value = string(b)
		}
	}
	for _, c := range n.Content {
		restored += restoreMemNames(c, marks)
	}
	return restored
}

// flowScanner walks a YAML text line by line, keeping the lexical state
// that decides whether a "[" opens a collection or belongs to a name.
type flowScanner struct {
	src, out []byte
	marks    memMarks

	depth       int  // flow collections open
	quote       byte // the quote of an open quoted scalar, or 0
	blockIndent int  // the indentation of the line that opened a block scalar, or -1
}

func (s *flowScanner) scan() {
	lineNo := 0
	for start := 0; start < len(s.src); {
		end := start
		for end < len(s.src) && s.src[end] != '\n' {
			end++
		}
		lineNo++
		s.line(lineNo, start, end)
		start = end + 1
	}
}

// line scans the line src[start:end].
func (s *flowScanner) line(lineNo, start, end int) {
	t := s.src[start:end]
	indent := 0
	for indent < len(t) && t[indent] == ' ' {
		indent++
	}
	if s.blockIndent >= 0 {
		if indent == len(t) || (indent > s.blockIndent) || (indent == len(t)-1 && t[indent] == '\r') {
			return // a line of a block scalar
		}
		s.blockIndent = -1
	}
	nodeStart := true // at a place where a node may begin
	for i := indent; i < len(t); i++ {
		c := t[i]
		if s.quote != 0 {
			switch {
			case s.quote == '\'' && c == '\'' && i+1 < len(t) && t[i+1] == '\'':
				i++ // '' stands for one quote
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote:
				s.quote = 0
				nodeStart = false
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' {
			continue
		}
		if c == '#' && (i == 0 || t[i-1] == ' ' || t[i-1] == '\t') {
			return // a comment runs to the end of the line
		}
		spaceAfter := i+1 == len(t) || t[i+1] == ' ' || t[i+1] == '\t' || t[i+1] == '\r'
		if s.depth == 0 {
			switch {
			case nodeStart && (c == '\'' || c == '"'):
				s.quote = c
			case nodeStart && (c == '[' || c == '{'):
				s.depth++
			case nodeStart && (c == '|' || c == '>'):
				s.blockIndent = indent
				return
			case nodeStart && (c == '-' || c == '?') && spaceAfter:
				// a sequence entry or a complex key: a node follows
			case c == ':' && spaceAfter:
				nodeStart = true
			default:
				nodeStart = false
			}
			continue
		}
		// Inside a flow collection.
		switch {
		case nodeStart && (c == '\'' || c == '"'):
			s.quote = c
		case nodeStart && (c == '[' || c == '{'):
			s.depth++
		case c == ']' || c == '}':
			s.depth--
			nodeStart = false
		case c == ',':
			nodeStart = true
		case c == ':' && (spaceAfter || (i+1 < len(t) && isFlowIndicator(t[i+1]))):
			nodeStart = true
		case nodeStart:
			if n := memNameLen(t[i:]); n > 0 {
				open := i + memNameOpen(t[i:])
				s.mark(lineNo, t, start, open)
				s.mark(lineNo, t, start, i+n-1)
				i += n - 1
			}
			nodeStart = false
		}
	}
}

// mark replaces the bracket at t[i] (t starting at offset start of src).
func (s *flowScanner) mark(lineNo int, t []byte, start, i int) {
	if s.out == nil {
		s.out = append([]byte(nil), s.src...)
		s.marks = memMarks{}
	}
	s.marks[textPos{lineNo, utf8.RuneCount(t[:i]) + 1}] = t[i]
	if t[i] == '[' {
		s.out[start+i] = '('
	} else {
		s.out[start+i] = ')'
	}
}

// memNameLen returns the length of the memory name (i8[...], i16[...],
// i32[...] or i64[...], with no blank, comma or brace inside the
// brackets) that t starts with, or 0.
func memNameLen(t []byte) int {
	open := memNameOpen(t)
	if open == 0 {
		return 0
	}
	for j := open + 1; j < len(t); j++ {
		switch t[j] {
		case ']':
			if j == open+1 {
				return 0
			}
			return j + 1
		case ' ', '\t', '\r', ',', '{', '}', '[':
			return 0
		}
	}
	return 0
}

// memNameOpen returns the index of the "[" of the memory name t starts
// with, or 0.
func memNameOpen(t []byte) int {
	for _, w := range []string{"i8", "i16", "i32", "i64"} {
		if len(t) > len(w) && string(t[:len(w)]) == w && t[len(w)] == '[' {
			return len(w)
		}
	}
	return 0
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}
