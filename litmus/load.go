package litmus

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Load loads the litmus tests of one file: one test per YAML document, as
// LITMUS.md specifies. filename is used in positions only.
//
// Every error is an *Error with the file, line and column it concerns; the
// returned error, when not nil, is an ErrorList sorted by position and
// capped at MaxErrors entries. A test with an error gives no Test, but the
// other tests of the file are still returned.
func Load(filename string, data []byte) ([]*Test, error) {
	return Options{}.Load(filename, data)
}

// Load loads the litmus tests of one file as the function Load does,
// with the options o.
func (o Options) Load(filename string, data []byte) ([]*Test, error) {
	s := newSource(filename, data)
	var errs ErrorList
	docs, yerr := s.documents()
	if yerr != nil {
		errs = append(errs, yerr)
	}
	var tests []*Test
	names := map[string]Pos{}
	for _, doc := range docs {
		l := &loader{src: s, opts: o}
		t, namePos := l.document(doc)
		if t != nil && t.Name != "" {
			if first, dup := names[t.Name]; dup {
				l.errs.Addf(namePos, "duplicate test name %s (first at line %d)", t.Name, first.Line)
			}
			names[t.Name] = namePos
		}
		errs = append(errs, l.errs...)
		if t != nil && len(l.errs) == 0 {
			tests = append(tests, t)
		}
	}
	if len(tests) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: filename, Line: 1, Col: 1}, "no litmus test in file: expected a YAML mapping with name and threads")
	}
	errs.Sort()
	errs.Truncate(MaxErrors)
	return tests, errs.Err()
}

// A LoadFunc loads the tests of a file in a format other than YAML, with
// positions in filename; like Load, it returns the tests that loaded with
// an ErrorList for the rest.
type LoadFunc func(filename string, src []byte) ([]*Test, error)

// formats maps a file name extension to its LoadFunc.
var (
	formatsMu sync.Mutex
	formats   = map[string]LoadFunc{}
)

// RegisterFormat makes LoadFile load files whose names end in ext with
// load, as image.RegisterFormat does for image formats. Package wast
// registers ".wast" (the threads proposal's scripts) when it is imported.
func RegisterFormat(ext string, load LoadFunc) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	formats[ext] = load
}

// LoadFile reads and loads the litmus file at path: a YAML file, or a file
// of a registered format (a threads-proposal .wast script where package
// wast is linked in).
func LoadFile(path string) ([]*Test, error) {
	return Options{}.LoadFile(path)
}

// LoadFile reads and loads the litmus file at path as the function
// LoadFile does, YAML files with the options o.
func (o Options) LoadFile(path string) ([]*Test, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrorList{{Pos: Pos{File: path}, Err: PathErr(err)}}
	}
	formatsMu.Lock()
	load := formats[filepath.Ext(path)]
	formatsMu.Unlock()
	if load != nil {
		return load(path, data)
	}
	return o.Load(path, data)
}

// A loader loads one YAML document into a Test.
type loader struct {
	src  *source
	opts Options
	errs ErrorList
	t    *Test

	memOK     bool // the memory section had no error
	threadsOK bool // every thread loaded

	hasCondition bool // the test has a condition: key

	// wasmCalls and jsCalls are the code that imports or calls the test's
	// functions, checked once every function is known (link).
	wasmCalls []wasmCode
	jsCalls   []jsCode
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.errs.Addf(l.src.pos(n), format, args...)
}

// resolveAlias follows YAML aliases to the node they name.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// topKeys lists the keys a test may have, in canonical order.
var topKeys = []string{"name", "doc", "features", "memory", "memories", "init", "setup", "functions", "threads", "after", "condition", "observe", "expect", "unroll"}

// suggest returns " (did you mean K?)" for the key K of a test closest to
// an unknown key, when one is close enough to be a likely typo.
func suggest(key string) string {
	for _, k := range topKeys {
		if EditDistance(strings.ToLower(key), k) <= 2 {
			return " (did you mean " + k + "?)"
		}
	}
	return ""
}

// EditDistance returns the Levenshtein distance between a and b, for
// "did you mean" suggestions.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

// A field is one key of a YAML mapping with its value.
type field struct {
	key, value *yaml.Node
}

// document loads one YAML document. It returns nil for an empty document,
// and otherwise the test (which is only valid if l.errs is empty) and the
// position of its name.
func (l *loader) document(doc *yaml.Node) (*Test, Pos) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, Pos{}
	}
	root := resolveAlias(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, Pos{}
	}
	l.t = &Test{Pos: l.src.pos(root)}
	if root.Kind != yaml.MappingNode {
		l.errorf(root, "expected a mapping with name, threads and the other keys of a test, found %s", describe(root))
		return nil, Pos{}
	}
	fields := l.mapping(root, "key", func(key string) bool { return slices.Contains(topKeys, key) })
	namePos := l.t.Pos
	if f, ok := fields["name"]; ok {
		namePos = l.src.pos(f.value)
	}
	l.fields(root, fields)
	return l.t, namePos
}

// fields loads the fields of a test, in an order where each one finds what
// it depends on (the memory and threads before the condition).
func (l *loader) fields(root *yaml.Node, fields map[string]field) {
	l.name(root, fields["name"])
	if f, ok := fields["doc"]; ok {
		l.t.Doc = l.text(f.value, "doc")
	}
	l.features(fields["features"])
	l.memory(fields["memory"])
	l.memories(fields["memory"], fields["memories"])
	l.init(fields["init"])
	l.setup(fields["setup"])
	l.functions(fields["functions"])
	l.threads(root, fields["threads"])
	l.link()
	l.after(fields["after"])
	l.condition(fields["condition"])
	l.observe(fields["observe"])
	l.expect(fields["expect"])
	l.unroll(fields["unroll"])
}

// mapping returns the fields of mapping n by key. A key that is not a
// scalar, is repeated, or that known rejects is an error. Keys are
// described as what in messages.
func (l *loader) mapping(n *yaml.Node, what string, known func(string) bool) map[string]field {
	fields := map[string]field{}
	for _, f := range l.pairs(n, what) {
		if known != nil && !known(f.key.Value) {
			l.errorf(f.key, "unknown %s %q%s", what, f.key.Value, suggest(f.key.Value))
			continue
		}
		fields[f.key.Value] = f
	}
	return fields
}

// pairs returns the fields of mapping n in order, rejecting keys that are
// not scalars and duplicate keys (at the second one).
func (l *loader) pairs(n *yaml.Node, what string) []field {
	var out []field
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolveAlias(n.Content[i]), resolveAlias(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "expected a %s, found %s", what, describe(k))
			continue
		}
		if f, dup := first[k.Value]; dup {
			l.errorf(k, "duplicate %s %s (first at line %d)", what, k.Value, f.Line)
			continue
		}
		first[k.Value] = k
		out = append(out, field{key: k, value: v})
	}
	return out
}

// node returns the value of f when it is a node of kind, and nil when f
// is absent or (an error saying it expected what) of another kind.
func (l *loader) node(f field, kind yaml.Kind, what string) *yaml.Node {
	switch {
	case f.value == nil:
		return nil
	case f.value.Kind != kind:
		l.errorf(f.value, "expected %s, found %s", what, describe(f.value))
		return nil
	}
	return f.value
}

// describe names the kind of a node for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!str":
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				return "a block of text"
			}
		}
		return quoteShort(n.Value)
	}
	return "an alias"
}

// quoteShort quotes s, shortened to its first line and 40 bytes.
func quoteShort(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || i >= 40 {
			return strconv.Quote(s[:i] + "...")
		}
	}
	return strconv.Quote(s)
}

// text returns the value of a scalar that holds free text; null is "".
func (l *loader) text(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "expected %s text, found %s", what, describe(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// integer returns the value of a scalar that holds a plain integer.
func (l *loader) integer(n *yaml.Node, what string) (neg bool, mag uint64, ok bool) {
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 || n.Tag == "!!null" {
		l.errorf(n, "expected %s, found %s", what, describe(n))
		return false, 0, false
	}
	neg, mag, ok, big := parseInt(n.Value)
	switch {
	case !ok:
		l.errorf(n, "expected %s, found %s", what, describe(n))
	case big:
		l.errorf(n, "%s is out of range", n.Value)
		ok = false
	}
	return neg, mag, ok
}

// count returns the value of a scalar that holds a non-negative integer at
// most limit.
func (l *loader) count(n *yaml.Node, what string, limit uint64) (uint64, bool) {
	neg, mag, ok := l.integer(n, "a non-negative integer ("+what+")")
	switch {
	case !ok:
		return 0, false
	case neg && mag != 0:
		l.errorf(n, "%s must not be negative, found %s", what, n.Value)
		return 0, false
	case mag > limit:
		l.errorf(n, "%s is %s, more than %d", what, n.Value, limit)
		return 0, false
	}
	return mag, true
}
