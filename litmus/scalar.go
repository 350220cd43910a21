package litmus

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"wmm/wasm"
)

// A textMap maps byte offsets in the value of a YAML scalar to positions in
// the file, so that an error found in the value (by the WAT parser or the
// condition parser) points at the exact line and column in the file.
//
// YAML removes indentation from block scalars (| and >), folds lines, and
// strips quotes. The map is built by matching the value against the raw
// file lines the scalar came from; where the match fails (escape sequences
// in quoted scalars, for example), every offset maps to the scalar's own
// position instead.
type textMap struct {
	value    string
	segs     []segment // sorted by off
	fallback Pos
}

// A segment says that value[off:] starts at line:col and continues on the
// same line.
type segment struct {
	off       int
	line, col int
}

// pos returns the file position of byte offset off of the value.
func (m *textMap) pos(off int) Pos {
	if len(m.segs) == 0 {
		return m.fallback
	}
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].off > off }) - 1
	if i < 0 {
		return m.fallback
	}
	s := m.segs[i]
	return Pos{File: m.fallback.File, Line: s.line, Col: s.col + off - s.off}
}

// wasmPos returns the file position of a position reported by the wasm
// parser for the value (1-based line and byte column within it).
func (m *textMap) wasmPos(p wasm.Pos) Pos {
	if !p.IsValid() {
		return m.fallback
	}
	off := 0
	for line := 1; line < p.Line; line++ {
		i := strings.IndexByte(m.value[off:], '\n')
		if i < 0 {
			return m.pos(len(m.value))
		}
		off += i + 1
	}
	return m.pos(off + max(p.Col, 1) - 1)
}

// scalarMap builds the map of scalar n. indent is the indentation of the
// collection holding n (the column of its key, less one), which a block
// scalar with an explicit indentation indicator is relative to.
func (s *source) scalarMap(n *yaml.Node, indent int) *textMap {
	m := &textMap{value: n.Value, fallback: s.pos(n)}
	var ok bool
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		ok = s.matchBlock(m, n, indent)
	default:
		ok = s.matchFlow(m, n)
	}
	if !ok {
		m.segs = nil
	}
	return m
}

// matchBlock matches a block scalar: its content starts on the line after
// the indicator, every line indented by the same number of spaces.
func (s *source) matchBlock(m *textMap, n *yaml.Node, indent int) bool {
	header := s.line(n.Line)
	col := s.byteCol(n.Line, n.Column)
	if col < 1 || col > len(header) {
		return false
	}
	width := blockIndent(header[col:], indent)
	if width == 0 {
		width = s.autoIndent(n.Line + 1)
	}
	mt := matcher{m: m}
	for line := n.Line + 1; line <= len(s.lines) && !mt.done(); line++ {
		text := s.line(line)
		if len(text) <= width {
			if strings.TrimLeft(text, " ") != "" {
				return false
			}
			text = ""
		} else {
			text = text[width:]
		}
		if !mt.line(text, line, width+1, false) {
			return false
		}
	}
	return mt.done()
}

// blockIndent returns the content indentation a block scalar's header
// (the text after | or >) gives explicitly, or 0.
func blockIndent(header string, indent int) int {
	for i := 0; i < len(header) && i < 2; i++ {
		if c := header[i]; c >= '1' && c <= '9' {
			return max(indent, 0) + int(c-'0')
		}
	}
	return 0
}

// autoIndent returns the indentation of the first line at or after line
// from that holds more than spaces: the content indentation YAML detects.
func (s *source) autoIndent(from int) int {
	for line := from; line <= len(s.lines); line++ {
		text := s.line(line)
		if trimmed := strings.TrimLeft(text, " "); trimmed != "" {
			return len(text) - len(trimmed)
		}
	}
	return 0
}

// matchFlow matches a plain or quoted scalar: it starts at the node (after
// the quote), and continues on following lines with their leading spaces
// removed.
func (s *source) matchFlow(m *textMap, n *yaml.Node) bool {
	col := s.byteCol(n.Line, n.Column)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		col++
	}
	mt := matcher{m: m}
	for line := n.Line; line <= len(s.lines) && !mt.done(); line++ {
		text := s.line(line)
		start := col
		if line > n.Line {
			start = len(text) - len(strings.TrimLeft(text, " \t")) + 1
		}
		if start-1 > len(text) {
			return false
		}
		if !mt.line(text[start-1:], line, start, true) {
			return false
		}
	}
	return mt.done()
}

// A matcher walks a scalar's value along the file lines it came from.
type matcher struct {
	m   *textMap
	off int
}

func (mt *matcher) done() bool { return mt.off >= len(mt.m.value) }

// line matches the text of one file line (starting at column col) against
// the value at the current offset, then consumes the line break or the
// space YAML folded it into. With loose set, the line may go on beyond the
// value (a closing quote, a comment) or end in spaces YAML dropped.
func (mt *matcher) line(text string, line, col int, loose bool) bool {
	rest := mt.m.value[mt.off:]
	n := commonPrefix(text, rest)
	if n < len(text) && n < len(rest) && !(loose && strings.TrimRight(text[n:], " \t") == "") {
		return false
	}
	if n < len(text) && n == len(rest) && !loose {
		return false
	}
	mt.m.segs = append(mt.m.segs, segment{off: mt.off, line: line, col: col})
	mt.off += n
	if !mt.done() && (mt.m.value[mt.off] == '\n' || mt.m.value[mt.off] == ' ') {
		mt.off++
	}
	return true
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
