package wasm

import "unicode/utf8"

// ParseModule parses a module in the text format: (module $name? field*),
// or the fields alone. The fields are those the threads proposal's test
// scripts use:
//
//	(memory $m? (export "x")? (import "m" "n")? min max? shared?)
//	(import "m" "n" (memory $m? min max? shared?))
//	(func $f? (export "x")? (param $p? t*)* (result t*)* (local $x? t*)* instr*)
//	(export "x" (func $f))   (export "x" (memory 0))
//
// Any other field is an error. The module is not validated; see
// ValidateModule.
func ParseModule(src string) (*Module, error) {
	items, err := ReadSExprs(src)
	if err != nil {
		return nil, err
	}
	if len(items) == 1 && items[0].Head() == "module" {
		return ParseModuleSExpr(items[0])
	}
	m := &Module{Pos: Pos{Line: 1, Col: 1}}
	if len(items) > 0 {
		m.Pos = items[0].Pos()
	}
	return parseFields(m, items)
}

// ParseModuleSExpr parses a module already read as an S-expression
// (module ...), for example from a .wast script.
func ParseModuleSExpr(s *SExpr) (*Module, error) {
	m := &Module{Pos: s.Pos()}
	if s.Head() != "module" {
		err := &Error{Pos: s.Pos(), Msg: "expected (module ...), found " + s.Describe()}
		return nil, ErrorList{err}
	}
	fields := s.List[1:]
	if len(fields) > 0 && fields[0].Tok.Kind == TokID {
		m.Name = fields[0].Tok.Text[1:]
		fields = fields[1:]
	}
	if len(fields) > 0 && (fields[0].IsKeyword("binary") || fields[0].IsKeyword("quote")) {
		err := &Error{Pos: fields[0].Pos(), Msg: "unsupported module form: " + fields[0].Tok.Text}
		return nil, ErrorList{err}
	}
	return parseFields(m, fields)
}

// parseFields parses the fields of module m.
func parseFields(m *Module, fields []*SExpr) (*Module, error) {
	mp := &moduleParser{m: m, funcIndex: map[string]int{}}
	mp.p.mod = m
	mp.p.memNames = []string{""}
	err := mp.p.run(func() { mp.fields(fields) })
	if err != nil {
		return nil, err
	}
	return m, nil
}

// A moduleParser parses the fields of one module.
type moduleParser struct {
	p          parser
	m          *Module
	funcIndex  map[string]int // function $names
	funcFields []*SExpr       // the (func ...) fields, in order
	exports    []*SExpr       // the (export ...) fields
}

// fields parses the module's fields: memories and imports first, then
// function headers (so that exports and bodies can refer to any of
// them), then bodies and exports.
func (mp *moduleParser) fields(fields []*SExpr) {
	for _, f := range fields {
		switch f.Head() {
		case "memory":
			mp.memoryField(f)
		case "import":
			mp.importField(f)
		case "func":
			mp.funcHeader(f)
		case "export":
			mp.exports = append(mp.exports, f)
		case "":
			mp.p.errorf(f.Pos(), "expected module field, found %s", f.Describe())
		default:
			mp.p.errorf(f.List[0].Pos(), "unsupported module field: %s", f.Head())
		}
	}
	for i, f := range mp.funcFields {
		mp.funcBody(&mp.m.Funcs[i], f)
	}
	for _, e := range mp.exports {
		mp.exportField(e)
	}
}

// newMemory records the module's memory, reporting a second one.
func (mp *moduleParser) newMemory(kw *SExpr) bool {
	if mp.m.HasMemory {
		mp.p.errorf(kw.Pos(), "unsupported: a second memory")
		return false
	}
	mp.m.HasMemory = true
	return true
}

// memoryField parses (memory $m? (export "x")? (import "m" "n")? limits shared?).
func (mp *moduleParser) memoryField(s *SExpr) {
	if !mp.newMemory(s.List[0]) {
		return
	}
	c := &cursor{items: s.List[1:]}
	mp.memoryName(c)
	mem := &mp.m.Memory
	for x := c.peek(); x != nil && (x.Head() == "export" || x.Head() == "import"); x = c.peek() {
		c.next()
		if x.Head() == "export" {
			mp.inlineExport(x, &mem.Export, "memory")
			continue
		}
		args := mp.strings(x, 2)
		if mem.Imported() {
			mp.p.errorf(x.Pos(), "memory: a second import")
		}
		mem.ImportModule, mem.ImportName = args[0], args[1]
	}
	mp.memoryType(s.List[0], c)
}

// ParseMemoryDecl parses a memory declaration on its own, (memory $m? min
// max? shared?), the form a litmus test's memories: lists: the memory
// (HasMax false when max is left out) and its $name without "$" ("" for
// none). It reads the limits as memory fields do; the caller applies its
// own bounds.
func ParseMemoryDecl(s *SExpr) (mem Memory, name string, err error) {
	if s.Head() != "memory" {
		return Memory{}, "", ErrorList{{Pos: s.Pos(), Msg: "expected (memory ...), found " + s.Describe()}}
	}
	mp := &moduleParser{m: &Module{}}
	err = mp.p.run(func() {
		c := &cursor{items: s.List[1:]}
		mp.memoryName(c)
		mp.memoryType(s.List[0], c)
	})
	if err != nil {
		return Memory{}, "", err
	}
	if len(mp.p.memNames) > 0 {
		name = mp.p.memNames[0]
	}
	return mp.m.Memory, name, nil
}

// memoryName parses the optional $name of a memory.
func (mp *moduleParser) memoryName(c *cursor) {
	if s := c.peek(); s != nil && s.Tok.Kind == TokID {
		c.next()
		mp.p.memNames = []string{s.Tok.Text[1:]}
	}
}

// memoryType parses "min max? shared?", the rest of a memory's list.
func (mp *moduleParser) memoryType(kw *SExpr, c *cursor) {
	mem := &mp.m.Memory
	var ok bool
	if mem.Min, ok = mp.limit(kw, c, "minimum size"); !ok {
		return
	}
	if s := c.peek(); s != nil && s.Tok.Kind == TokNumber {
		mem.Max, _ = mp.limit(kw, c, "maximum size")
		mem.HasMax = true
	}
	if s := c.peek(); s != nil && s.IsKeyword("shared") {
		c.next()
		mem.Shared = true
	}
	if s := c.next(); s != nil {
		mp.p.errorf(s.Pos(), "memory: expected ), found %s", s.Describe())
	}
}

// limit parses a memory size in pages.
func (mp *moduleParser) limit(kw *SExpr, c *cursor, what string) (uint32, bool) {
	s := c.next()
	if s == nil {
		mp.p.errorf(kw.Pos(), "memory: missing %s", what)
		return 0, false
	}
	if s.Tok.Kind != TokNumber {
		mp.p.errorf(s.Pos(), "memory: expected %s, found %s", what, s.Describe())
		return 0, false
	}
	v, st := parseNat(s.Tok.Text, 1<<32-1)
	switch st {
	case litMalformed:
		mp.p.errorf(s.Pos(), "memory: expected %s, found %s", what, s.Tok.Text)
	case litRange:
		mp.p.errorf(s.Pos(), "memory: %s out of range: %s", what, s.Tok.Text)
	}
	return uint32(v), st == litOK
}

// strings returns the n string arguments of a list such as (import "m"
// "n"), reporting missing or extra ones; the names must be valid UTF-8.
func (mp *moduleParser) strings(s *SExpr, n int) []string {
	out := make([]string, n)
	args := s.List[1:]
	for i := range n {
		if i >= len(args) {
			mp.p.errorf(s.List[0].Pos(), "%s: expected %d names, found %d", s.Head(), n, len(args))
			return out
		}
		out[i] = mp.name(args[i], s.Head())
	}
	if len(args) > n {
		mp.p.errorf(args[n].Pos(), "%s: expected ), found %s", s.Head(), args[n].Describe())
	}
	return out
}

// name returns the text of a string atom used as a name.
func (mp *moduleParser) name(s *SExpr, ctx string) string {
	if s.Tok.Kind != TokString {
		mp.p.errorf(s.Pos(), "%s: expected name string, found %s", ctx, s.Describe())
		return ""
	}
	if !utf8.ValidString(s.Tok.Str) {
		mp.p.errorf(s.Pos(), "%s: malformed UTF-8 encoding in name", ctx)
	}
	return s.Tok.Str
}

// inlineExport parses (export "x") inside a memory or func field.
func (mp *moduleParser) inlineExport(s *SExpr, dst *string, what string) {
	args := mp.strings(s, 1)
	mp.setExport(s, dst, args[0], what)
}

// setExport records an export name, reporting what the tree cannot hold.
func (mp *moduleParser) setExport(s *SExpr, dst *string, name, what string) {
	switch {
	case name == "" && len(s.List) > 1 && s.List[1].Tok.Kind == TokString:
		mp.p.errorf(s.List[1].Pos(), "unsupported: an empty export name")
	case *dst != "":
		mp.p.errorf(s.Pos(), "unsupported: a second export of a %s (already exported as %q)", what, *dst)
	default:
		*dst = name
	}
}

// importField parses (import "m" "n" (memory ...)).
func (mp *moduleParser) importField(s *SExpr) {
	if len(s.List) < 4 || s.List[3].Head() != "memory" {
		mp.p.errorf(s.List[0].Pos(), "unsupported import: only memories can be imported")
		return
	}
	names := mp.strings(&SExpr{Tok: s.Tok, List: s.List[:3]}, 2)
	if len(s.List) > 4 {
		mp.p.errorf(s.List[4].Pos(), "import: expected ), found %s", s.List[4].Describe())
	}
	desc := s.List[3]
	if !mp.newMemory(desc.List[0]) {
		return
	}
	mp.m.Memory.ImportModule, mp.m.Memory.ImportName = names[0], names[1]
	c := &cursor{items: desc.List[1:]}
	mp.memoryName(c)
	mp.memoryType(desc.List[0], c)
}

// funcHeader records a (func ...) field and its name; the rest is parsed
// by funcBody once every function is known.
func (mp *moduleParser) funcHeader(s *SExpr) {
	f := Func{Pos: s.Pos()}
	if len(s.List) > 1 && s.List[1].Tok.Kind == TokID {
		id := s.List[1]
		f.Name = id.Tok.Text[1:]
		if _, dup := mp.funcIndex[f.Name]; dup {
			mp.p.errorf(id.Pos(), "duplicate function %s", id.Tok.Text)
		}
		mp.funcIndex[f.Name] = len(mp.m.Funcs)
	}
	mp.m.Funcs = append(mp.m.Funcs, f)
	mp.funcFields = append(mp.funcFields, s)
}

// funcBody parses a (func ...) field after its name: exports, parameters,
// results, locals and instructions.
func (mp *moduleParser) funcBody(f *Func, s *SExpr) {
	c := &cursor{items: s.List[1:]}
	if f.Name != "" {
		c.next()
	}
	p := &mp.p
	p.fn, p.labels = f, nil
	for x := c.peek(); x != nil; x = c.peek() {
		switch x.Head() {
		case "export":
			mp.inlineExport(x, &f.Export, "function")
		case "import":
			p.errorf(x.List[0].Pos(), "unsupported: function imports")
		case "type":
			p.errorf(x.List[0].Pos(), "unsupported: type uses")
		case "param":
			p.valueDecls(x, &f.Params)
		case "result":
			mp.results(f, x)
		case "local":
			p.valueDecls(x, &f.Locals)
		default:
			f.Body = p.fullSeq(c)
			return
		}
		c.next()
	}
}

// results parses (result t*).
func (mp *moduleParser) results(f *Func, s *SExpr) {
	for _, a := range s.List[1:] {
		if t, ok := mp.p.valType(a, "result"); ok {
			f.Results = append(f.Results, t)
		}
	}
}

// exportField parses (export "x" (func $f)) or (export "x" (memory 0)).
func (mp *moduleParser) exportField(s *SExpr) {
	p := &mp.p
	if len(s.List) != 3 || !s.List[2].IsList() {
		p.errorf(s.List[0].Pos(), "export: expected (export \"name\" (func ...)) or (export \"name\" (memory ...))")
		return
	}
	name := mp.name(s.List[1], "export")
	desc := s.List[2]
	if len(desc.List) != 2 {
		p.errorf(desc.Pos(), "export: expected one index in %s", desc.Describe())
		return
	}
	ref := desc.List[1]
	switch desc.Head() {
	case "func":
		if i, ok := mp.funcRef(ref); ok {
			mp.setExport(s, &mp.m.Funcs[i].Export, name, "function")
		}
	case "memory":
		if mp.memoryRef(ref) {
			mp.setExport(s, &mp.m.Memory.Export, name, "memory")
		}
	default:
		p.errorf(desc.Pos(), "unsupported export: %s", desc.Describe())
	}
}

// funcRef resolves a function index or $name.
func (mp *moduleParser) funcRef(ref *SExpr) (int, bool) {
	switch ref.Tok.Kind {
	case TokID:
		if i, ok := mp.funcIndex[ref.Tok.Text[1:]]; ok {
			return i, true
		}
	case TokNumber:
		if v, st := parseNat(ref.Tok.Text, 1<<32-1); st == litOK && v < uint64(len(mp.m.Funcs)) {
			return int(v), true
		}
	}
	mp.p.errorf(ref.Pos(), "unknown function %s", ref.Tok.Text)
	return 0, false
}

// memoryRef checks a memory index or $name.
func (mp *moduleParser) memoryRef(ref *SExpr) bool {
	ok := false
	switch ref.Tok.Kind {
	case TokID:
		ok = mp.m.HasMemory && len(mp.p.memNames) == 1 && ref.Tok.Text[1:] == mp.p.memNames[0]
	case TokNumber:
		v, st := parseNat(ref.Tok.Text, 1<<32-1)
		ok = mp.m.HasMemory && st == litOK && v == 0
	}
	if !ok {
		mp.p.errorf(ref.Pos(), "unknown memory %s", ref.Tok.Text)
	}
	return ok
}
