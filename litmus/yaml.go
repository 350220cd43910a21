package litmus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A source is a litmus file being loaded: its name and raw lines, used to
// turn positions reported by the YAML and WAT parsers into exact file
// positions.
type source struct {
	file  string
	data  []byte
	lines []string // without line terminators
	// yamlText is data with the brackets of the memory names that flow
	// collections hold unquoted marked (see markMemNames); the YAML parser
	// reads it, at the same positions, and marks says what to restore.
	yamlText []byte
	marks    memMarks
}

func newSource(file string, data []byte) *source {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	yamlText, marks := markMemNames(data)
	return &source{file: file, data: data, lines: lines, yamlText: yamlText, marks: marks}
}

// line returns line n (1-based), or "" when there is none.
func (s *source) line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	return s.lines[n-1]
}

// byteCol turns a column counted in characters (as the YAML parser counts)
// into one counted in bytes (as every position of wmm is).
func (s *source) byteCol(line, col int) int {
	text := s.line(line)
	i := 0
	for n := 1; n < col && i < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i + 1 + max(0, col-1-utf8.RuneCountInString(text))
}

// pos returns the file position of a YAML node.
func (s *source) pos(n *yaml.Node) Pos {
	return Pos{File: s.file, Line: n.Line, Col: s.byteCol(n.Line, n.Column)}
}

// offsetPos returns the position of byte offset off in the file.
func (s *source) offsetPos(off int) Pos {
	off = min(max(off, 0), len(s.data))
	line := 1 + bytes.Count(s.data[:off], []byte("\n"))
	start := bytes.LastIndexByte(s.data[:off], '\n') + 1
	return Pos{File: s.file, Line: line, Col: off - start + 1}
}

// documents parses the file into YAML documents. Documents after a syntax
// error are lost (the YAML parser cannot resume); the ones before it are
// returned together with the error.
func (s *source) documents() (docs []*yaml.Node, err *Error) {
	docs, yerr := decodeAll(s.yamlText)
	if s.marks != nil {
		restored := 0
		for _, d := range docs {
			restored += restoreMemNames(d, s.marks)
		}
		if yerr == nil && restored != len(s.marks) {
			// A mark fell where no one-line plain scalar holds it (a
			// scalar over several lines): read the file as written, so
			// that nothing is changed unseen.
			docs, yerr = decodeAll(s.data)
			s.yamlText, s.marks = s.data, nil
		}
	}
	if yerr != nil {
		err = s.yamlError(yerr)
	}
	return docs, err
}

// decodeAll decodes every document of data, stopping at the first error.
// The YAML parser is not trusted never to panic: a panic is turned into an
// error.
func decodeAll(data []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal error in the YAML parser: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, &n)
	}
}

// memNameRE matches a memory name such as i32[0], which YAML does not
// allow unquoted in a flow collection.
var memNameRE = regexp.MustCompile(`\bi(8|16|32|64)\[`)

// yamlLineRE matches the position the YAML parser puts in its messages.
var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// yamlError turns a YAML syntax error into an Error with an exact
// position. The parser only reports a line, and often the line where the
// enclosing construct began rather than the offending one; so the position
// is found again as the end of the shortest prefix of the file that gives
// the same message.
func (s *source) yamlError(err error) *Error {
	text := err.Error()
	m := yamlLineRE.FindStringSubmatch(text)
	msg := strings.TrimPrefix(text, "yaml: ")
	line := 1
	if m != nil {
		msg = text[len(m[0]):]
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
	}
	pos := s.locateYAMLError(msg, line)
	if col, ok := tabIndent(s.line(pos.Line)); ok {
		return &Error{Pos: Pos{File: s.file, Line: pos.Line, Col: col},
			Msg: "tab character in indentation: YAML indents with spaces only"}
	}
	msg = "invalid YAML: " + msg
	if strings.Contains(msg, "did not find expected ','") {
		msg = s.flowMemName(&pos, msg)
	}
	return &Error{Pos: pos, Msg: msg}
}

// flowMemName improves the error for a flow collection ([...] or {...})
// when a memory name such as i32[0] follows the position found on its
// line: YAML does not allow [ in a plain scalar there, so the error is at
// that [. (Truncating a flow collection gives the same message, so the
// prefix search stops short of the real position.)
func (s *source) flowMemName(pos *Pos, msg string) string {
	text := s.line(pos.Line)
	start := min(max(pos.Col-1, 0), len(text))
	loc := memNameRE.FindStringIndex(text[start:])
	if loc == nil {
		return msg
	}
	pos.Col = start + loc[1]
	return msg + ` (in a [...] or {...} collection, quote memory names: "i32[0]")`
}

// tabIndent reports the column of the first tab in the indentation of
// line, if there is one.
func tabIndent(line string) (int, bool) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
		case '\t':
			return i + 1, true
		default:
			return 0, false
		}
	}
	return 0, false
}

// maxLocateSteps bounds the work spent locating a YAML error.
const maxLocateSteps = 400

// locateYAMLError returns the position of the last byte of the shortest
// prefix of the file, ending at or after the start of line from, whose
// parse fails with msg. It falls back to the start of line from.
func (s *source) locateYAMLError(msg string, from int) Pos {
	fallback := Pos{File: s.file, Line: from, Col: 1}
	if t := s.line(from); t != "" {
		fallback.Col = len(t) - len(strings.TrimLeft(t, " \t")) + 1
	}
	start := s.lineOffset(max(from-1, 1))
	if start < 0 {
		return fallback
	}
	fails := func(end int) bool {
		_, err := decodeAll(s.yamlText[:end])
		return err != nil && strings.HasSuffix(err.Error(), msg)
	}
	// First the line, then the byte within it.
	steps := 0
	end := start
	for {
		next := bytes.IndexByte(s.data[end:], '\n')
		if next < 0 {
			end = len(s.data)
			break
		}
		if steps++; steps > maxLocateSteps {
			return fallback
		}
		if fails(end + next + 1) {
			end += next + 1
			break
		}
		end += next + 1
	}
	if end == 0 {
		return fallback
	}
	lineStart := bytes.LastIndexByte(s.data[:end-1], '\n') + 1
	for i := lineStart + 1; i <= end; i++ {
		if steps++; steps > maxLocateSteps {
			break
		}
		if fails(i) {
			return s.offsetPos(i - 1)
		}
	}
	return fallback
}

// lineOffset returns the byte offset where line n starts, or -1.
func (s *source) lineOffset(n int) int {
	off := 0
	for i := 1; i < n; i++ {
		next := bytes.IndexByte(s.data[off:], '\n')
		if next < 0 {
			return -1
		}
		off += next + 1
	}
	return off
}
