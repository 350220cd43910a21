package wasm

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// ParseFunc parses the body of a function in the text format, as a litmus
// thread gives it: (local ...) declarations first, then instructions in
// folded or flat form, or a mix. The function has no parameters and no
// results. Label and local names are resolved to indices; a missing
// align= immediate means the natural alignment. Errors are reported as an
// ErrorList sorted by position; the function is nil when there are any.
func ParseFunc(src string) (*Func, error) {
	return ParseFuncMems(src, nil)
}

// ParseFuncMems is ParseFunc for code that may use several memories
// (multi-memory): mems holds each memory's $name without "$" ("" for an
// unnamed one), in index order. A memory index is a number below
// len(mems) or one of the names; nil mems means one unnamed memory.
func ParseFuncMems(src string, mems []string) (*Func, error) {
	items, err := ReadSExprs(src)
	if err != nil {
		return nil, err
	}
	return parseFuncSExprs(items, mems)
}

// ParseFuncSExprs is ParseFunc for a body already read into S-expressions,
// such as the elements of a (func ...) list after its header.
func ParseFuncSExprs(items []*SExpr) (*Func, error) { return parseFuncSExprs(items, nil) }

func parseFuncSExprs(items []*SExpr, mems []string) (*Func, error) {
	f := &Func{Pos: Pos{Line: 1, Col: 1}}
	if len(items) > 0 {
		f.Pos = items[0].Pos()
	}
	if mems == nil {
		mems = []string{""}
	}
	p := &parser{fn: f, memNames: mems}
	err := p.run(func() {
		rest := p.localDecls(p.header(items))
		f.Body = p.fullSeq(&cursor{items: rest})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// A parser turns S-expressions into syntax trees. It collects errors and
// gives up after MaxErrors of them.
type parser struct {
	errs ErrorList
	fn   *Func   // the function whose body is being parsed
	mod  *Module // the enclosing module, or nil for a lone body
	// memNames are the memories' $names without "$" ("" unnamed), in
	// index order: the module's one memory, or a litmus test's memories.
	memNames []string
	labels   []string // the enclosing blocks' labels, innermost last
}

// bailout is the panic value that stops a parser with too many errors.
type bailout struct{}

// run calls parse, stopping early when the parser gives up, and returns
// the sorted errors.
func (p *parser) run(parse func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
		}
		p.errs.Sort()
		err = p.errs.Err()
	}()
	parse()
	return nil
}

// errorf records an error at pos. A second error at the same position is
// dropped: it is almost always a consequence of the first.
func (p *parser) errorf(pos Pos, format string, args ...any) {
	if n := len(p.errs); n > 0 && p.errs[n-1].Pos == pos {
		return
	}
	p.errs.Addf(pos, format, args...)
	if len(p.errs) >= MaxErrors {
		panic(bailout{})
	}
}

// A cursor walks a sequence of S-expressions.
type cursor struct {
	items []*SExpr
	i     int
}

// more reports whether items remain.
func (c *cursor) more() bool { return c.i < len(c.items) }

// peek returns the next item, or nil.
func (c *cursor) peek() *SExpr {
	if !c.more() {
		return nil
	}
	return c.items[c.i]
}

// next consumes and returns the next item, or nil.
func (c *cursor) next() *SExpr {
	s := c.peek()
	if s != nil {
		c.i++
	}
	return s
}

// header parses what may come before the locals of a litmus function:
// function imports, then parameters and results (a host function's
// signature; LITMUS.md "Host functions"). It returns the items after them.
func (p *parser) header(items []*SExpr) []*SExpr {
	i := 0
	for ; i < len(items) && items[i].Head() == "import"; i++ {
		p.funcImport(items[i])
	}
	for ; i < len(items) && items[i].Head() == "param"; i++ {
		p.valueDecls(items[i], &p.fn.Params)
	}
	for ; i < len(items) && items[i].Head() == "result"; i++ {
		p.fn.Results = append(p.fn.Results, p.resultTypes(items[i])...)
	}
	return items[i:]
}

// funcImport parses (import "m" "n" (func $id? (param t*)* (result t*)*)).
func (p *parser) funcImport(s *SExpr) {
	kw := s.List[0]
	im := Import{Pos: kw.Pos()}
	var names []string
	i := 1
	for ; i < len(s.List) && len(names) < 2; i++ {
		a := s.List[i]
		if a.IsList() || a.Tok.Kind != TokString {
			break
		}
		if !utf8.ValidString(a.Tok.Str) {
			p.errorf(a.Pos(), "import: malformed UTF-8 encoding in name")
		}
		names = append(names, a.Tok.Str)
	}
	if len(names) < 2 {
		p.errorf(kw.Pos(), "import: expected a module and a name, as in (import \"env\" \"f\" (func $f (param i32)))")
		return
	}
	im.Module, im.Name = names[0], names[1]
	if i >= len(s.List) || s.List[i].Head() != "func" {
		p.errorf(kw.Pos(), "import %q %q: expected (func ...): only functions are imported here", im.Module, im.Name)
		return
	}
	desc := s.List[i]
	if i+1 < len(s.List) {
		p.errorf(s.List[i+1].Pos(), "import: expected ), found %s", s.List[i+1].Describe())
	}
	for _, x := range desc.List[1:] {
		switch {
		case !x.IsList() && x.Tok.Kind == TokID && im.ID == "" && len(im.Params)+len(im.Results) == 0:
			im.ID = x.Tok.Text[1:]
			if _, dup := p.fn.ImportIndex(im.ID); dup {
				p.errorf(x.Pos(), "duplicate function %s", x.Tok.Text)
			}
		case x.Head() == "param" && len(im.Results) == 0:
			var ps []Local
			p.valueDecls(x, &ps)
			for _, l := range ps {
				im.Params = append(im.Params, l.Type)
			}
		case x.Head() == "result":
			im.Results = append(im.Results, p.resultTypes(x)...)
		default:
			p.errorf(x.Pos(), "import %q %q: expected $id, (param ...) or (result ...), found %s", im.Module, im.Name, x.Describe())
			return
		}
	}
	p.fn.Imports = append(p.fn.Imports, im)
}

// resultTypes parses (result t*).
func (p *parser) resultTypes(s *SExpr) []ValType {
	var out []ValType
	for _, a := range s.List[1:] {
		if t, ok := p.valType(a, "result"); ok {
			out = append(out, t)
		}
	}
	return out
}

// localDecls parses the leading (local ...) declarations of a body into
// p.fn.Locals and returns the items after them.
func (p *parser) localDecls(items []*SExpr) []*SExpr {
	i := 0
	for ; i < len(items) && items[i].Head() == "local"; i++ {
		p.valueDecls(items[i], &p.fn.Locals)
	}
	return items[i:]
}

// valueDecls parses (local $x t) or (local t*), and likewise param, and
// appends the declared values to dst.
func (p *parser) valueDecls(s *SExpr, dst *[]Local) {
	kw := s.List[0].Tok.Text
	args := s.List[1:]
	if len(args) == 0 || args[0].Tok.Kind != TokID {
		for _, a := range args {
			if t, ok := p.valType(a, kw); ok {
				*dst = append(*dst, Local{Type: t, Pos: a.Pos()})
			}
		}
		return
	}
	id := args[0]
	name := id.Tok.Text[1:]
	if _, dup := p.fn.LocalIndex(name); dup {
		p.errorf(id.Pos(), "duplicate local %s", id.Tok.Text)
	}
	switch len(args) {
	case 1:
		p.errorf(id.Pos(), "%s %s: expected value type, found nothing", kw, id.Tok.Text)
		return
	case 2:
	default:
		p.errorf(args[2].Pos(), "%s %s: expected ), found %s", kw, id.Tok.Text, args[2].Describe())
	}
	if t, ok := p.valType(args[1], kw); ok {
		*dst = append(*dst, Local{Name: name, Type: t, Pos: id.Pos()})
	}
}

// valType parses a value type keyword; ctx names the construct for the
// message.
func (p *parser) valType(s *SExpr, ctx string) (ValType, bool) {
	if s.Tok.Kind == TokKeyword {
		switch s.Tok.Text {
		case "i32":
			return I32, true
		case "i64":
			return I64, true
		case "f32":
			return F32, true
		case "f64":
			return F64, true
		}
	}
	p.errorf(s.Pos(), "%s: expected value type, found %s", ctx, s.Describe())
	return 0, false
}

// fullSeq parses all of c as an instruction sequence; a flat end or else
// that closes nothing is an error.
func (p *parser) fullSeq(c *cursor) []Instr {
	var out []Instr
	for {
		part, term := p.seq(c)
		out = append(out, part...)
		if term == nil {
			return out
		}
		p.errorf(term.Pos(), "unexpected %s", term.Tok.Text)
	}
}

// seq parses instructions until c is exhausted or a flat end or else,
// which it consumes and returns.
func (p *parser) seq(c *cursor) ([]Instr, *SExpr) {
	var out []Instr
	for c.more() {
		if s := c.peek(); s.IsKeyword("end") || s.IsKeyword("else") {
			return out, c.next()
		}
		p.instr(c, &out)
	}
	return out, nil
}

// instr parses one instruction, flat or folded, and appends it (and, for
// a folded one, its operands before it) to out.
func (p *parser) instr(c *cursor, out *[]Instr) {
	s := c.next()
	if s.IsList() {
		p.folded(s, out)
		return
	}
	op, ok := p.lookup(s)
	if !ok {
		p.skipImmediates(c)
		return
	}
	if op == OpBlock || op == OpLoop || op == OpIf {
		*out = append(*out, p.flatBlock(op, s, c))
		return
	}
	in := Instr{Op: op, Pos: s.Pos()}
	p.immediates(&in, s, c)
	*out = append(*out, in)
}

// lookup returns the instruction a keyword names, reporting anything else.
func (p *parser) lookup(s *SExpr) (Op, bool) {
	t := s.Tok
	if t.Kind != TokKeyword {
		p.errorf(t.Pos, "expected instruction, found %s", s.Describe())
		return 0, false
	}
	if op, ok := Lookup(t.Text); ok {
		return op, true
	}
	if strings.HasPrefix(t.Text, "offset=") || strings.HasPrefix(t.Text, "align=") {
		p.errorf(t.Pos, "unexpected %s: not after a memory instruction", t.Text)
		return 0, false
	}
	if IsWasmInstruction(t.Text) {
		p.errorf(t.Pos, "unsupported: the instruction %s (wmm's interpreter does not implement it)", t.Text)
		return 0, false
	}
	p.errorf(t.Pos, "unknown instruction %s", t.Text)
	return 0, false
}

// skipImmediates skips what looks like the immediates of an unknown flat
// instruction, so that they do not produce errors of their own.
func (p *parser) skipImmediates(c *cursor) {
	for c.more() {
		s := c.peek()
		if s.IsList() || s.Tok.Kind == TokKeyword && !strings.Contains(s.Tok.Text, "=") {
			return
		}
		c.next()
	}
}

// flatBlock parses the rest of a flat block, loop or if whose keyword is
// kw: label, block type, instructions, else branch and end.
func (p *parser) flatBlock(op Op, kw *SExpr, c *cursor) Instr {
	in := Instr{Op: op, Pos: kw.Pos()}
	p.blockHeader(&in, c)
	p.pushLabel(in.Label, kw.Pos())
	defer p.popLabel()
	body, term := p.seq(c)
	in.Body = body
	inElse := false
	for term != nil && term.IsKeyword("else") {
		if op != OpIf || inElse {
			p.errorf(term.Pos(), "unexpected else")
		}
		p.endLabel(c, in.Label, term)
		var more []Instr
		more, term = p.seq(c)
		if op == OpIf {
			in.Else = append(in.Else, more...)
		} else {
			in.Body = append(in.Body, more...)
		}
		inElse = true
	}
	if term == nil {
		p.errorf(kw.Pos(), "missing end for %s", op)
		return in
	}
	p.endLabel(c, in.Label, term)
	return in
}

// endLabel checks the optional label after a flat end or else.
func (p *parser) endLabel(c *cursor, label string, term *SExpr) {
	s := c.peek()
	if s == nil || s.Tok.Kind != TokID {
		return
	}
	c.next()
	switch {
	case label == "":
		p.errorf(s.Pos(), "mismatched label %s after %s: the block has no label", s.Tok.Text, term.Tok.Text)
	case s.Tok.Text[1:] != label:
		p.errorf(s.Pos(), "mismatched label %s after %s: expected $%s", s.Tok.Text, term.Tok.Text, label)
	}
}

// blockHeader parses the optional label and block type of a block, loop
// or if.
func (p *parser) blockHeader(in *Instr, c *cursor) {
	if s := c.peek(); s != nil && s.Tok.Kind == TokID {
		in.Label = s.Tok.Text[1:]
		c.next()
	}
	s := c.peek()
	if s == nil {
		return
	}
	switch s.Head() {
	case "result":
		c.next()
		p.blockResult(in, s)
	case "param", "type":
		c.next()
		p.errorf(s.List[0].Pos(), "%s: block %s is not supported", in.Op, s.Head())
	}
}

// blockResult parses the (result t?) of a block.
func (p *parser) blockResult(in *Instr, s *SExpr) {
	types := s.List[1:]
	if len(types) > 1 {
		p.errorf(types[1].Pos(), "%s: blocks with more than one result are not supported", in.Op)
	}
	if len(types) > 0 {
		if t, ok := p.valType(types[0], "result"); ok {
			in.Result = t
		}
	}
}

// pushLabel enters a block with the given label (possibly empty).
func (p *parser) pushLabel(label string, pos Pos) {
	if len(p.labels) >= maxNesting {
		p.errorf(pos, "blocks nested more than %d deep", maxNesting)
		panic(bailout{})
	}
	p.labels = append(p.labels, label)
}

// popLabel leaves the innermost block.
func (p *parser) popLabel() { p.labels = p.labels[:len(p.labels)-1] }

// folded parses a folded instruction (op immediates operands...), a
// folded block or loop, or a folded if, appending the operands and then
// the instruction to out.
func (p *parser) folded(s *SExpr, out *[]Instr) {
	if len(s.List) == 0 {
		p.errorf(s.Pos(), "expected instruction, found ()")
		return
	}
	head := s.List[0]
	if isDecl(head) {
		p.errorf(head.Pos(), "unexpected (%s ...): declarations must come before instructions", head.Tok.Text)
		return
	}
	op, ok := p.lookup(head)
	if !ok {
		return
	}
	c := &cursor{items: s.List[1:]}
	switch op {
	case OpBlock, OpLoop:
		*out = append(*out, p.foldedBlock(op, head, c))
		return
	case OpIf:
		p.foldedIf(head, c, out)
		return
	}
	in := Instr{Op: op, Pos: head.Pos()}
	p.immediates(&in, head, c)
	for c.more() {
		o := c.next()
		if !o.IsList() {
			p.errorf(o.Pos(), "%s: expected folded operand, found %s", op, o.Describe())
			continue
		}
		p.folded(o, out)
	}
	*out = append(*out, in)
}

// isDecl reports whether a list head is a declaration keyword that may not
// appear among instructions.
func isDecl(head *SExpr) bool {
	return head.IsKeyword("local") || head.IsKeyword("param") || head.IsKeyword("result") || head.IsKeyword("import")
}

// foldedBlock parses the rest of (block ...) or (loop ...).
func (p *parser) foldedBlock(op Op, kw *SExpr, c *cursor) Instr {
	in := Instr{Op: op, Pos: kw.Pos()}
	p.blockHeader(&in, c)
	p.pushLabel(in.Label, kw.Pos())
	in.Body = p.fullSeq(c)
	p.popLabel()
	return in
}

// foldedIf parses the rest of (if label? (result t)? cond* (then ...)
// (else ...)?): the condition goes to out before the if.
func (p *parser) foldedIf(kw *SExpr, c *cursor, out *[]Instr) {
	in := Instr{Op: OpIf, Pos: kw.Pos()}
	p.blockHeader(&in, c)
	for c.more() && c.peek().Head() != "then" {
		s := c.next()
		if !s.IsList() {
			p.errorf(s.Pos(), "if: expected folded condition or (then ...), found %s", s.Describe())
			continue
		}
		p.folded(s, out)
	}
	then := c.next()
	if then == nil {
		p.errorf(kw.Pos(), "if: missing (then ...)")
		*out = append(*out, in)
		return
	}
	p.pushLabel(in.Label, kw.Pos())
	in.Body = p.fullSeq(&cursor{items: then.List[1:]})
	if s := c.peek(); s != nil && s.Head() == "else" {
		c.next()
		in.Else = p.fullSeq(&cursor{items: s.List[1:]})
	}
	p.popLabel()
	if s := c.next(); s != nil {
		p.errorf(s.Pos(), "if: expected ), found %s", s.Describe())
	}
	*out = append(*out, in)
}

// immediates parses the immediates of instruction in, whose keyword is kw.
func (p *parser) immediates(in *Instr, kw *SExpr, c *cursor) {
	switch op := in.Op; {
	case op == OpBr || op == OpBrIf:
		in.Index = p.labelRef(kw, c)
	case op == OpLocalGet || op == OpLocalSet || op == OpLocalTee:
		in.Index = p.localRef(kw, c)
	case op == OpCall:
		in.Index = p.funcRef(kw, c)
	case op == OpI32Const || op == OpI64Const || op == OpF32Const || op == OpF64Const:
		in.Value = p.constant(in.Op, kw, c)
	case op == OpAtomicFence:
		p.order(in, c)
	case op.Info().Class == ClassMemory:
		p.memIndices(in, c)
		if op == OpMemoryProtect {
			in.Value = uint64(p.prot(kw, c))
			return
		}
		p.order(in, c)
		if op.HasMemArg() {
			before := in.Mem
			in.Mem = p.memArg(in.Op, c)
			in.Mem.Order, in.Mem.WriteOrder, in.Mem.OrderPos = before.Order, before.WriteOrder, before.OrderPos
			in.Mem.Mem, in.Mem.SrcMem, in.Mem.MemPos = before.Mem, before.SrcMem, before.MemPos
		}
	}
}

// prot parses the protection immediate of memory.protect: none, read or
// readwrite (memory-control Overview.md, "memory.protect <memidx> <prot>").
func (p *parser) prot(kw *SExpr, c *cursor) Prot {
	const want = "a protection (none, read or readwrite)"
	s := c.peek()
	if s == nil || s.IsList() {
		p.errorf(kw.Pos(), "%s: missing %s", kw.Tok.Text, want)
		return ProtReadWrite
	}
	c.next()
	for _, pr := range []Prot{ProtNone, ProtRead, ProtReadWrite} {
		if s.Tok.Kind == TokKeyword && s.Tok.Text == pr.String() {
			return pr
		}
	}
	p.errorf(s.Pos(), "%s: expected %s, found %s", kw.Tok.Text, want, s.Describe())
	return ProtReadWrite
}

// order parses the optional memory-ordering immediate (seqcst or acqrel,
// the shared-everything threads proposal) of in, which must be an atomic
// access or atomic.fence.
func (p *parser) order(in *Instr, c *cursor) {
	s := c.peek()
	if s == nil || s.IsList() || s.Tok.Kind != TokKeyword || (s.Tok.Text != "seqcst" && s.Tok.Text != "acqrel") {
		return
	}
	c.next()
	if !in.Op.HasOrder() {
		p.errorf(s.Pos(), "%s: a memory ordering (%s) is allowed only on atomic loads, stores, read-modify-writes and atomic.fence", in.Op, s.Tok.Text)
		return
	}
	o := SeqCst
	if s.Tok.Text == "acqrel" {
		o = AcqRel
	}
	in.Mem.Order, in.Mem.OrderPos = o, s.Pos()
	if in.Op.HasWriteOrder() {
		in.Mem.WriteOrder = o
	}
}

// immAtom returns the next item as an immediate of kw: any atom except a
// keyword that starts the next instruction. It reports a missing or
// misplaced immediate (what names what was expected) and returns nil.
func (p *parser) immAtom(kw *SExpr, c *cursor, what string) *SExpr {
	s := c.peek()
	switch {
	case s == nil:
		p.errorf(kw.Pos(), "%s: missing %s", kw.Tok.Text, what)
		return nil
	case s.IsList() || startsInstr(s):
		p.errorf(s.Pos(), "%s: expected %s, found %s", kw.Tok.Text, what, s.Describe())
		return nil
	}
	return c.next()
}

// startsInstr reports whether the atom s is a keyword that begins an
// instruction or closes a block.
func startsInstr(s *SExpr) bool {
	if s.Tok.Kind != TokKeyword {
		return false
	}
	_, ok := Lookup(s.Tok.Text)
	return ok || s.Tok.Text == "end" || s.Tok.Text == "else"
}

// labelRef parses the label immediate of br or br_if: a $name, resolved to
// a relative depth, or a depth.
func (p *parser) labelRef(kw *SExpr, c *cursor) uint32 {
	return p.indexRef(kw, c, "label", "label depth", func(name string) (uint32, bool) {
		for i := len(p.labels) - 1; i >= 0; i-- {
			if p.labels[i] == name {
				return uint32(len(p.labels) - 1 - i), true
			}
		}
		return 0, false
	}, nil)
}

// localRef parses the local immediate of local.get/set/tee: a $name or an
// index.
func (p *parser) localRef(kw *SExpr, c *cursor) uint32 {
	return p.indexRef(kw, c, "local", "local index", p.fn.LocalIndex, nil)
}

// funcRef parses the function immediate of call: an imported function's
// $id or index (Func.Imports).
func (p *parser) funcRef(kw *SExpr, c *cursor) uint32 {
	return p.indexRef(kw, c, "function", "function index", p.fn.ImportIndex, func(s *SExpr) string {
		return "unknown function " + s.Tok.Text + ": import it first, as in (import \"env\" \"f\" (func " + s.Tok.Text + "))"
	})
}

// indexRef parses an immediate that names a what (a label, a local, a
// function): a $name, which lookup resolves (unknown, when not nil, says
// what an unknown name is), or a number (a u32; "invalid NUMBER"
// otherwise).
func (p *parser) indexRef(kw *SExpr, c *cursor, what, number string, lookup func(name string) (uint32, bool), unknown func(*SExpr) string) uint32 {
	s := p.immAtom(kw, c, what)
	if s == nil {
		return 0
	}
	switch s.Tok.Kind {
	case TokID:
		if i, ok := lookup(s.Tok.Text[1:]); ok {
			return i
		}
		if unknown != nil {
			p.errorf(s.Pos(), "%s", unknown(s))
		} else {
			p.errorf(s.Pos(), "unknown %s %s", what, s.Tok.Text)
		}
	case TokNumber:
		if v, st := parseNat(s.Tok.Text, 1<<32-1); st == litOK {
			return uint32(v)
		}
		p.errorf(s.Pos(), "%s: invalid %s %s", kw.Tok.Text, number, s.Tok.Text)
	default:
		p.errorf(s.Pos(), "%s: expected %s, found %s", kw.Tok.Text, what, s.Describe())
	}
	return 0
}

// constant parses the literal of a t.const and returns its bits.
func (p *parser) constant(op Op, kw *SExpr, c *cursor) uint64 {
	t := op.Info().Out[0]
	s := p.immAtom(kw, c, t.String()+" literal")
	if s == nil {
		return 0
	}
	var v uint64
	st := litMalformed
	switch {
	case t == I32 || t == I64:
		if s.Tok.Kind == TokNumber {
			v, st = parseInt(s.Tok.Text, t.Bits())
		}
	case s.Tok.Kind == TokNumber || s.Tok.Kind == TokKeyword:
		v, st = parseFloat(s.Tok.Text, t.Bits())
	}
	switch st {
	case litMalformed:
		p.errorf(s.Pos(), "%s: expected %s literal, found %s", op, t, s.Describe())
	case litRange:
		p.errorf(s.Pos(), "%s: constant %s out of range", op, s.Tok.Text)
	}
	return v
}

// memIndices parses the optional memory index immediates of in (one, or
// two for memory.copy: destination, then source), numbers or $names of
// p.memNames.
func (p *parser) memIndices(in *Instr, c *cursor) {
	n := 1
	if in.Op == OpMemoryCopy {
		n = 2
	}
	for i := 0; i < n; i++ {
		s := c.peek()
		if s == nil || s.IsList() || s.Tok.Kind != TokNumber && s.Tok.Kind != TokID {
			return
		}
		c.next()
		x := p.memIndex(in.Op, s)
		if x != 0 && in.Mem.MemPos == (Pos{}) {
			in.Mem.MemPos = s.Pos()
		}
		switch {
		case i == 1:
			in.Mem.SrcMem = x
		case in.Op == OpMemoryCopy:
			in.Mem.Mem, in.Mem.SrcMem = x, x // memory.copy $m copies within $m
		default:
			in.Mem.Mem = x
		}
	}
}

// memIndex resolves a memory index immediate, reporting an unknown name
// or an index out of range (wat2wasm's words).
func (p *parser) memIndex(op Op, s *SExpr) uint32 {
	if s.Tok.Kind == TokID {
		for i, name := range p.memNames {
			if name != "" && s.Tok.Text[1:] == name {
				return uint32(i)
			}
		}
		p.errorf(s.Pos(), "%s: unknown memory %s", op, s.Tok.Text)
		return 0
	}
	v, st := parseNat(s.Tok.Text, 1<<32-1)
	switch {
	case st != litOK:
		p.errorf(s.Pos(), "%s: unknown memory %s", op, s.Tok.Text)
	case v >= uint64(len(p.memNames)):
		p.errorf(s.Pos(), "%s: memory variable out of range: %d (max %d)", op, v, len(p.memNames))
	default:
		return uint32(v)
	}
	return 0
}

// memArg parses the optional offset= and align= immediates. Without
// align=, the alignment is the natural one.
func (p *parser) memArg(op Op, c *cursor) MemArg {
	m := MemArg{Align: op.Info().Access.NaturalAlign()}
	if s := memArgAtom(c, "offset="); s != nil {
		v, st := parseNat(s.Tok.Text[len("offset="):], 1<<32-1)
		switch st {
		case litMalformed:
			p.errorf(s.Pos(), "%s: expected offset=N with N an unsigned integer, found %s", op, s.Tok.Text)
		case litRange:
			p.errorf(s.Pos(), "%s: offset out of range: %s", op, s.Tok.Text)
		}
		m.Offset = uint32(v)
	}
	if s := memArgAtom(c, "align="); s != nil {
		m.Align = p.alignment(op, s)
	}
	for _, prefix := range []string{"offset=", "align="} {
		if s := memArgAtom(c, prefix); s != nil {
			p.errorf(s.Pos(), "%s: unexpected %s: expected offset= before align=, each at most once", op, s.Tok.Text)
		}
	}
	return m
}

// memArgAtom consumes and returns the next item if it is a keyword with
// the given prefix.
func memArgAtom(c *cursor, prefix string) *SExpr {
	s := c.peek()
	if s == nil || s.Tok.Kind != TokKeyword || !strings.HasPrefix(s.Tok.Text, prefix) {
		return nil
	}
	return c.next()
}

// alignment parses an align=N immediate and returns log2(N).
func (p *parser) alignment(op Op, s *SExpr) uint8 {
	natural := op.Info().Access.NaturalAlign()
	v, st := parseNat(s.Tok.Text[len("align="):], 1<<32-1)
	switch {
	case st == litMalformed:
		p.errorf(s.Pos(), "%s: expected align=N with N an unsigned integer, found %s", op, s.Tok.Text)
	case st == litRange:
		p.errorf(s.Pos(), "%s: alignment out of range: %s", op, s.Tok.Text)
	case v == 0 || v&(v-1) != 0:
		p.errorf(s.Pos(), "%s: alignment must be a power of two, found %d", op, v)
	default:
		return uint8(bits.TrailingZeros64(v))
	}
	return natural
}
