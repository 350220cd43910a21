package js

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// An Error is a problem in a JS thread's code at byte offset Off.
type Error struct {
	Off int
	Msg string
	src string
}

// Error returns "line:col: message".
func (e *Error) Error() string {
	l, c := lineCol(e.src, e.Off)
	return fmt.Sprintf("%d:%d: %s", l, c, e.Msg)
}

// An ErrorList is every error found in a program, in source order.
type ErrorList []*Error

// Error returns the errors, one per line.
func (l ErrorList) Error() string {
	var parts []string
	for _, e := range l {
		parts = append(parts, e.Error())
	}
	return strings.Join(parts, "\n")
}

// supported sums up the subset for "unsupported:" errors.
const supported = "the subset has let/const, if/else, while, for, break/continue, try/catch, Number and BigInt arithmetic, comparisons, memory, typed arrays, DataView and Atomics (LITMUS.md \"JavaScript threads\")"

// Parse reads src, the code of one JS thread, and returns its program, or
// an ErrorList. Syntax errors are the parser's; constructs outside the
// subset are "unsupported: ..." errors.
func Parse(src string) (*Program, error) {
	c, prog, err := start(src, false)
	if err != nil {
		return nil, err
	}
	c.body(prog.Body, true)
	return c.result()
}

// start parses src with goja's parser and returns the converter of its
// program, or the error of a NUL byte or of the syntax. inFunc says src is
// a host function.
func start(src string, inFunc bool) (*converter, *ast.Program, error) {
	if strings.ContainsRune(src, 0) {
		return nil, nil, ErrorList{{Off: strings.IndexByte(src, 0), Msg: "NUL byte in the code", src: src}}
	}
	prog, err := parseFile(src)
	if err != nil {
		return nil, nil, syntaxErrors(src, err)
	}
	return &converter{p: &Program{Src: src}, inFunc: inFunc, scopes: []map[string]*Var{{}}}, prog, nil
}

// body converts the statements of the program's body; top says they are
// at the thread's top level.
func (c *converter) body(list []ast.Statement, top bool) {
	for _, s := range list {
		if st := c.stmt(s, top); st != nil {
			c.p.Body = append(c.p.Body, st)
		}
	}
}

// result returns the program, or its errors in the order of the source.
func (c *converter) result() (*Program, error) {
	if len(c.errs) > 0 {
		sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Off < c.errs[j].Off })
		return nil, c.errs
	}
	return c.p, nil
}

// syntaxErrors converts the parser's errors to ours.
func syntaxErrors(src string, err error) error {
	var list parser.ErrorList
	var one *parser.Error
	var out ErrorList
	add := func(e *parser.Error) {
		x := &Error{Off: offsetOf(src, e.Position), Msg: "syntax error: " + e.Message, src: src}
		if n := len(out); n == 0 || out[n-1].Off != x.Off || out[n-1].Msg != x.Msg {
			out = append(out, x)
		}
	}
	switch {
	case errors.As(err, &list) && len(list) > 0:
		add(list[0]) // the errors after the first are its echoes
	case errors.As(err, &one):
		add(one)
	default:
		out = append(out, &Error{Msg: "syntax error: " + err.Error(), src: src})
	}
	return out
}

// offsetOf turns a parser position (1-based line, byte column) into an
// offset.
func offsetOf(src string, p file.Position) int {
	off := 0
	for l := 1; l < p.Line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return min(off+max(p.Column, 1)-1, len(src))
}

type converter struct {
	p      *Program
	errs   ErrorList
	scopes []map[string]*Var
	vars   []*Var // by slot
	loops  int
	inFunc bool // converting a host function's body: return is allowed
}

// ParseFunction reads src, the code of a JS host function: one function
// declaration, function NAME(p, q) { ... }, whose parameters are
// variables and whose body is in the subset of a thread, with return
// (LITMUS.md "Host functions"). The program's Name and Params say what it
// declares; it has no registers.
func ParseFunction(src string) (*Program, error) {
	c, prog, err := start(src, true)
	if err != nil {
		return nil, err
	}
	var decl *ast.FunctionDeclaration
	for _, s := range prog.Body {
		d, ok := s.(*ast.FunctionDeclaration)
		if !ok || decl != nil {
			c.errorf(off(s), "a host function is one declaration, function f(x, y) { ... }, and nothing else")
			return nil, c.errs
		}
		decl = d
	}
	if decl == nil {
		return nil, ErrorList{{Off: 0, Msg: "a host function is one declaration, function f(x, y) { ... }: found none", src: src}}
	}
	fn := decl.Function
	switch {
	case fn.Async || fn.Generator:
		c.unsupported(fn, "async functions and generators")
	case fn.Name == nil:
		c.errorf(off(fn), "the host function has no name")
	case fn.ParameterList.Rest != nil:
		c.unsupported(fn.ParameterList.Rest, "rest parameters")
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	c.p.Name = string(fn.Name.Name)
	c.push()
	for _, b := range fn.ParameterList.List {
		id, ok := b.Target.(*ast.Identifier)
		if !ok || b.Initializer != nil {
			c.unsupported(b.Target, "destructuring and default parameters")
			continue
		}
		if v, ok := c.declare(string(id.Name), off(id), false, false, false); ok {
			c.p.Params = append(c.p.Params, v)
		}
	}
	if fn.Body != nil {
		c.body(fn.Body.List, false)
	}
	c.pop()
	return c.result()
}

// isObj reports whether e evaluates to an object: the globals, a variable
// holding one, memory.buffer (or a view's buffer) and new. The subset
// types values statically so that objects never meet operators (where
// JavaScript would convert them to strings).
func (c *converter) isObj(e Expr) bool {
	switch e := e.(type) {
	case *Ident:
		if e.Slot >= 0 {
			return c.vars[e.Slot].Object
		}
		return e.Global != Undefined && e.Global != NaN && e.Global != Infinity
	case *Member:
		return e.Name == "buffer"
	case *New:
		return true
	}
	return false
}

// isBuffer reports whether e evaluates to a SharedArrayBuffer: X.buffer,
// or a variable initialised with one.
func (c *converter) isBuffer(e Expr) bool {
	switch e := e.(type) {
	case *Ident:
		return e.Slot >= 0 && c.vars[e.Slot].Buffer
	case *Member:
		return e.Name == "buffer"
	}
	return false
}

// prim checks that e, an operand, is not an object.
func (c *converter) prim(e Expr, where string) bool {
	if e != nil && c.isObj(e) {
		c.errorf(e.Pos(), "unsupported: an object as %s (the subset keeps objects out of operators and conversions)", where)
		return false
	}
	return e != nil
}

func (c *converter) errorf(off int, format string, args ...any) {
	c.errs = append(c.errs, &Error{Off: off, Msg: fmt.Sprintf(format, args...), src: c.p.Src})
}

func (c *converter) unsupported(n ast.Node, what string) {
	c.errorf(off(n), "unsupported: %s (%s)", what, supported)
}

func off(n ast.Node) int { return int(n.Idx0()) - 1 }

func span(n ast.Node) Span { return Span{int(n.Idx0()) - 1, int(n.Idx1()) - 1} }

func (c *converter) push() { c.scopes = append(c.scopes, map[string]*Var{}) }
func (c *converter) pop()  { c.scopes = c.scopes[:len(c.scopes)-1] }

// declare adds a variable to the innermost scope.
func (c *converter) declare(name string, at int, isConst, top, obj bool) (Var, bool) {
	scope := c.scopes[len(c.scopes)-1]
	if _, dup := scope[name]; dup {
		c.errorf(at, "%s is declared twice in the same block", name)
		return Var{}, false
	}
	if globalNamed(name) != NoGlobal {
		c.errorf(at, "%s is a global of the subset and cannot be declared", name)
		return Var{}, false
	}
	v := Var{Name: name, Slot: c.p.Slots, Const: isConst, Object: obj, Off: at}
	c.p.Slots++
	scope[name] = &v
	c.vars = append(c.vars, &v)
	if top && !obj {
		if name == "trap" || name == "stuck" {
			c.errorf(at, "variable %s is reserved: T:%s names the thread's %s flag", name, name, name)
		}
		c.p.Registers = append(c.p.Registers, v)
	}
	return v, true
}

func (c *converter) lookup(name string) *Var {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if v, ok := c.scopes[i][name]; ok {
			return v
		}
	}
	return nil
}

// stmt converts one statement; top says it is at the thread's top level.
func (c *converter) stmt(s ast.Statement, top bool) Stmt {
	switch s := s.(type) {
	case *ast.LexicalDeclaration:
		return c.decl(s, top)
	case *ast.ExpressionStatement:
		x := c.expr(s.Expression)
		if x == nil {
			return nil
		}
		return &ExprStmt{Span: span(s), X: x}
	case *ast.IfStatement:
		st := &If{Span: span(s), Cond: c.expr(s.Test), Then: c.sub(s.Consequent)}
		if s.Alternate != nil {
			st.Else = c.sub(s.Alternate)
		}
		return st
	case *ast.WhileStatement:
		st := &Loop{Span: span(s), Cond: c.expr(s.Test)}
		c.loops++
		st.Body = c.sub(s.Body)
		c.loops--
		return st
	case *ast.ForStatement:
		return c.forStmt(s)
	case *ast.BlockStatement:
		return c.block(s)
	case *ast.TryStatement:
		return c.try(s)
	case *ast.BranchStatement:
		if s.Label != nil {
			c.unsupported(s, "labelled break and continue")
			return nil
		}
		if s.Token != token.BREAK && s.Token != token.CONTINUE {
			c.unsupported(s, "this statement")
			return nil
		}
		if c.loops == 0 {
			c.errorf(off(s), "%s outside a loop", s.Token)
			return nil
		}
		return &Branch{Span: span(s), Continue: s.Token == token.CONTINUE}
	case *ast.EmptyStatement:
		return &Empty{Span: span(s)}
	case *ast.ReturnStatement:
		if !c.inFunc {
			c.unsupported(s, "return outside a host function")
			return nil
		}
		st := &Return{Span: span(s)}
		if s.Argument != nil {
			if st.X = c.expr(s.Argument); !c.prim(st.X, "a returned value") {
				return nil
			}
		}
		return st
	default:
		c.unsupported(s, leftOut(s))
	}
	return nil
}

// sub converts the body of an if or a loop: a block, or one statement in a
// scope of its own.
func (c *converter) sub(s ast.Statement) Stmt {
	if b, ok := s.(*ast.BlockStatement); ok {
		return c.block(b)
	}
	if _, ok := s.(*ast.LexicalDeclaration); ok {
		c.errorf(off(s), "a declaration cannot be the body of if or a loop: put it in a block")
		return nil
	}
	c.push()
	defer c.pop()
	return c.stmt(s, false)
}

func (c *converter) block(s *ast.BlockStatement) *Block {
	c.push()
	defer c.pop()
	b := &Block{Span: span(s)}
	for _, x := range s.List {
		if st := c.stmt(x, false); st != nil {
			b.List = append(b.List, st)
		}
	}
	return b
}

func (c *converter) decl(s *ast.LexicalDeclaration, top bool) Stmt {
	d := &Decl{Span: span(s), Const: s.Token == token.CONST}
	for _, b := range s.List {
		id, ok := b.Target.(*ast.Identifier)
		if !ok {
			c.unsupported(b.Target, "destructuring")
			continue
		}
		var init Expr
		if b.Initializer != nil {
			init = c.expr(b.Initializer)
			if init == nil {
				continue
			}
		}
		obj := init != nil && c.isObj(init)
		if obj && !d.Const {
			c.errorf(off(id), "unsupported: %s holds an object: declare it with const", id.Name)
			continue
		}
		v, ok := c.declare(string(id.Name), off(id), d.Const, top, obj)
		if !ok {
			continue
		}
		if obj && c.isBuffer(init) {
			c.vars[v.Slot].Buffer = true
			v.Buffer = true
		}
		d.Vars = append(d.Vars, v)
		d.Inits = append(d.Inits, init)
	}
	return d
}

func (c *converter) forStmt(s *ast.ForStatement) Stmt {
	c.push()
	defer c.pop()
	st := &Loop{Span: span(s)}
	switch in := s.Initializer.(type) {
	case nil:
	case *ast.ForLoopInitializerLexicalDecl:
		st.Init = c.decl(&in.LexicalDeclaration, false)
	case *ast.ForLoopInitializerExpression:
		if x := c.expr(in.Expression); x != nil {
			st.Init = &ExprStmt{Span: span(in.Expression), X: x}
		}
	default:
		c.unsupported(s, "var in a for loop: use let")
	}
	if s.Test != nil {
		st.Cond = c.expr(s.Test)
	}
	if s.Update != nil {
		st.Post = c.expr(s.Update)
	}
	c.loops++
	st.Body = c.sub(s.Body)
	c.loops--
	return st
}

func (c *converter) try(s *ast.TryStatement) Stmt {
	if s.Finally != nil {
		c.unsupported(s.Finally, "finally")
		return nil
	}
	st := &Try{Span: span(s), Body: c.block(s.Body), Param: -1}
	c.push()
	defer c.pop()
	if p := s.Catch.Parameter; p != nil {
		id, ok := p.(*ast.Identifier)
		if !ok {
			c.unsupported(p, "destructuring")
			return nil
		}
		v, ok := c.declare(string(id.Name), off(id), true, false, true)
		if !ok {
			return nil
		}
		st.Param = v.Slot
	}
	st.Catch = c.block(s.Catch.Body)
	return st
}

// IsGlobal reports whether name is a global of the subset (memory,
// Atomics, the typed arrays, ...), which no variable or function may be
// called.
func IsGlobal(name string) bool { return globalNamed(name) != NoGlobal }

// globalNamed returns the global called name.
func globalNamed(name string) Global {
	switch name {
	case "undefined":
		return Undefined
	case "NaN":
		return NaN
	case "Infinity":
		return Infinity
	case "memory":
		return Memory
	case "Atomics":
		return Atomics
	case "Number":
		return NumberFn
	case "BigInt":
		return BigIntFn
	case "RangeError":
		return RangeError
	case "TypeError":
		return TypeError
	case "DataView":
		return DataView
	}
	if t, ok := strings.CutSuffix(name, "Array"); ok && ElemTypeNamed(t) != nil {
		return TypedArray
	}
	return NoGlobal
}

var binaryOps = map[token.Token]string{
	token.PLUS: "+", token.MINUS: "-", token.MULTIPLY: "*", token.SLASH: "/", token.REMAINDER: "%",
	token.EXPONENT: "**", token.AND: "&", token.OR: "|", token.EXCLUSIVE_OR: "^",
	token.SHIFT_LEFT: "<<", token.SHIFT_RIGHT: ">>", token.UNSIGNED_SHIFT_RIGHT: ">>>",
	token.EQUAL: "==", token.NOT_EQUAL: "!=", token.STRICT_EQUAL: "===", token.STRICT_NOT_EQUAL: "!==",
	token.LESS: "<", token.LESS_OR_EQUAL: "<=", token.GREATER: ">", token.GREATER_OR_EQUAL: ">=",
	token.LOGICAL_AND: "&&", token.LOGICAL_OR: "||", token.INSTANCEOF: "instanceof",
}

func (c *converter) expr(e ast.Expression) Expr {
	switch e := e.(type) {
	case *ast.NumberLiteral:
		switch v := e.Value.(type) {
		case int64:
			return &Num{Span: span(e), V: float64(v)}
		case float64:
			return &Num{Span: span(e), V: v}
		case *big.Int:
			return &BigInt{Span: span(e), V: v}
		}
		c.unsupported(e, "this number literal")
	case *ast.StringLiteral:
		return &Str{Span: span(e), V: string(e.Value)}
	case *ast.BooleanLiteral:
		return &Bool{Span: span(e), V: e.Value}
	case *ast.Identifier:
		return c.ident(e)
	case *ast.AssignExpression:
		return c.assign(e)
	case *ast.BinaryExpression:
		op, ok := binaryOps[e.Operator]
		if !ok {
			c.unsupported(e, "operator "+e.Operator.String())
			return nil
		}
		l := c.expr(e.Left)
		var r Expr
		if op == "instanceof" && isRuntimeError(e.Right) {
			r = &Ident{Span: span(e.Right), Name: "RuntimeError", Slot: -1, Global: RuntimeError}
		} else {
			r = c.expr(e.Right)
		}
		if op == "instanceof" {
			if id, ok := r.(*Ident); !ok || (id.Global != RangeError && id.Global != TypeError && id.Global != RuntimeError) {
				c.errorf(off(e.Right), "unsupported: instanceof takes RangeError, TypeError or WebAssembly.RuntimeError")
				return nil
			}
		}
		if op != "instanceof" && !c.prim(r, "an operand") {
			return nil
		}
		if op != "instanceof" && !c.prim(l, "an operand") || l == nil {
			return nil
		}
		return &Binary{Span: span(e), Op: op, L: l, R: r}
	case *ast.UnaryExpression:
		return c.unary(e)
	case *ast.ConditionalExpression:
		t, a, b := c.expr(e.Test), c.expr(e.Consequent), c.expr(e.Alternate)
		if !c.prim(t, "a condition") || !c.prim(a, "a branch of ?:") || !c.prim(b, "a branch of ?:") {
			return nil
		}
		return &Cond{Span: span(e), Test: t, Then: a, Else: b}
	case *ast.BracketExpression:
		x, i := c.expr(e.Left), c.expr(e.Member)
		if x == nil || !c.prim(i, "an index") {
			return nil
		}
		if !c.isObj(x) {
			c.errorf(off(e), "unsupported: indexing something that is not a typed array")
			return nil
		}
		if _, ok := i.(*Str); ok {
			c.errorf(i.Pos(), "unsupported: a string index: index typed arrays with numbers")
			return nil
		}
		return &Index{Span: span(e), X: x, I: i}
	case *ast.DotExpression:
		return c.member(e)
	case *ast.CallExpression:
		return c.call(e)
	case *ast.NewExpression:
		return c.newExpr(e)
	default:
		c.unsupported(e, leftOut(e))
	}
	return nil
}

// leftOut names, for its error, a statement or expression that the subset
// leaves out (LITMUS.md "JavaScript threads"): the kinds it leaves out
// entirely by name, any other as "this statement" or "this expression".
func leftOut(n ast.Node) string {
	switch n.(type) {
	case *ast.VariableStatement:
		return "var declarations: use let or const"
	case *ast.DoWhileStatement:
		return "do-while loops: use while"
	case *ast.ForInStatement, *ast.ForOfStatement:
		return "for-in and for-of loops"
	case *ast.FunctionDeclaration, *ast.ClassDeclaration:
		return "function and class declarations"
	case *ast.ThrowStatement:
		return "throw"
	case *ast.SwitchStatement:
		return "switch"
	case *ast.LabelledStatement:
		return "labels"
	case *ast.NullLiteral:
		return "null"
	case *ast.TemplateLiteral:
		return "template literals"
	case *ast.ArrayLiteral, *ast.ObjectLiteral:
		return "array and object literals"
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
		return "functions and classes"
	case *ast.SequenceExpression:
		return "the comma operator"
	case ast.Statement:
		return "this statement"
	}
	return "this expression"
}

func (c *converter) ident(e *ast.Identifier) Expr {
	name := string(e.Name)
	if v := c.lookup(name); v != nil {
		return &Ident{Span: span(e), Name: name, Slot: v.Slot}
	}
	if g := globalNamed(name); g != NoGlobal {
		return &Ident{Span: span(e), Name: name, Slot: -1, Global: g}
	}
	c.errorf(off(e), "unknown variable %s: declare it with let or const (the globals of the subset are memory, Atomics, the typed arrays, DataView, Number, BigInt, RangeError, TypeError, undefined, NaN, Infinity)", name)
	return nil
}

// target checks an assignment target: a variable that is not const, or an
// element a[i].
func (c *converter) target(e ast.Expression) Expr {
	switch t := e.(type) {
	case *ast.Identifier:
		x := c.ident(t)
		id, ok := x.(*Ident)
		if !ok {
			return nil
		}
		if id.Slot < 0 {
			c.errorf(off(t), "cannot assign to the global %s", id.Name)
			return nil
		}
		if v := c.lookup(id.Name); v != nil && v.Const {
			c.errorf(off(t), "assignment to the constant %s (a TypeError in JavaScript): declare it with let", id.Name)
			return nil
		}
		return id
	case *ast.BracketExpression:
		return c.expr(t)
	}
	c.unsupported(e, "this assignment target: assign to a variable or an element a[i]")
	return nil
}

func (c *converter) assign(e *ast.AssignExpression) Expr {
	op := "="
	if e.Operator != token.ASSIGN {
		o, ok := binaryOps[e.Operator]
		if !ok || o == "&&" || o == "||" || o == "instanceof" || strings.ContainsAny(o, "=<>") && o != "<<" && o != ">>" && o != ">>>" {
			c.unsupported(e, "assignment operator "+e.Operator.String()+"=")
			return nil
		}
		op = o + "="
	}
	t, v := c.target(e.Left), c.expr(e.Right)
	if t == nil || !c.prim(v, "an assigned value: hold objects in const declarations") {
		return nil
	}
	return &Assign{Span: span(e), Op: op, Target: t, Value: v}
}

func (c *converter) unary(e *ast.UnaryExpression) Expr {
	switch e.Operator {
	case token.INCREMENT, token.DECREMENT:
		t := c.target(e.Operand)
		if t == nil {
			return nil
		}
		return &Update{Span: span(e), Op: e.Operator.String(), Prefix: !e.Postfix, X: t}
	case token.MINUS, token.PLUS, token.BITWISE_NOT, token.NOT, token.TYPEOF:
		x := c.expr(e.Operand)
		if !c.prim(x, "an operand") {
			return nil
		}
		return &Unary{Span: span(e), Op: e.Operator.String(), X: x}
	}
	c.unsupported(e, "operator "+e.Operator.String())
	return nil
}

// isRuntimeError reports whether e is WebAssembly.RuntimeError, the class
// of a trap that reaches JS (a host function's Wasm callee trapped): the
// one use of the WebAssembly namespace in the subset, on instanceof's right.
func isRuntimeError(e ast.Expression) bool {
	d, ok := e.(*ast.DotExpression)
	if !ok || d.Identifier.Name != "RuntimeError" {
		return false
	}
	id, ok := d.Left.(*ast.Identifier)
	return ok && id.Name == "WebAssembly"
}

func (c *converter) member(e *ast.DotExpression) Expr {
	name := string(e.Identifier.Name)
	x := c.expr(e.Left)
	if x == nil {
		return nil
	}
	if id, ok := x.(*Ident); ok && id.Global == Atomics {
		c.errorf(off(e), "unsupported: Atomics.%s is not a call: call it, as in Atomics.%s(a, 0)", name, name)
		return nil
	}
	if !c.isObj(x) {
		c.errorf(off(e), "unsupported: property %s of something that is not an object of the subset", name)
		return nil
	}
	if !slices.Contains(Properties, name) {
		c.errorf(off(&e.Identifier), "unsupported: property %s (the subset has %s, the Atomics functions and the DataView get/set methods)", name, strings.Join(Properties, ", "))
		return nil
	}
	return &Member{Span: span(e), X: x, Name: name}
}

func (c *converter) call(e *ast.CallExpression) Expr {
	call := &Call{Span: span(e)}
	atomics := false
	if f, ok := e.Callee.(*ast.DotExpression); ok {
		if id, ok := f.Left.(*ast.Identifier); ok && id.Name == "Atomics" && c.lookup("Atomics") == nil {
			atomics = true
		}
	}
	for i, a := range e.ArgumentList {
		x := c.expr(a)
		if x == nil {
			return nil
		}
		if !(atomics && i == 0) && !c.prim(x, "an argument") {
			return nil
		}
		call.Args = append(call.Args, x)
	}
	switch f := e.Callee.(type) {
	case *ast.Identifier:
		name := string(f.Name)
		if c.lookup(name) == nil && globalNamed(name) == NoGlobal {
			// one of the test's functions: the loader checks the name
			c.p.Calls = append(c.p.Calls, Ref{Name: name, Off: off(f)})
			call.Fn = &Ident{Span: span(f), Name: name, Slot: -1, Global: Function}
			return call
		}
		x := c.expr(f)
		id, ok := x.(*Ident)
		if !ok {
			return nil
		}
		if id.Global != NumberFn && id.Global != BigIntFn {
			c.errorf(off(f), "unsupported: calling %s (the subset calls Number, BigInt and methods)", id.Name)
			return nil
		}
		call.Fn = id
	case *ast.DotExpression:
		name := string(f.Identifier.Name)
		recv := c.expr(f.Left)
		if recv == nil {
			return nil
		}
		id, _ := recv.(*Ident)
		switch {
		case id != nil && id.Global == Atomics:
			if !slices.Contains(AtomicsMethods, name) {
				c.errorf(off(&f.Identifier), "unsupported: Atomics.%s (the subset has Atomics.%s)", name, strings.Join(AtomicsMethods, ", Atomics."))
				return nil
			}
			if name == "wait" {
				c.p.HasWait = true
			}
		case (name == "grow" || dataViewMethod(name)) && c.isObj(recv):
		case MemoryMethodNamed(name) != nil && c.isObj(recv):
			c.p.Uses = append(c.p.Uses, FeatureUse{FeatureMemoryAPI, off(&f.Identifier), "memory." + name})
		default:
			c.errorf(off(&f.Identifier), "unsupported: method %s (the subset calls memory.grow, the Atomics functions, the DataView get/set methods and, with the feature js-memory-api, memory.load8_s ... memory.store64)", name)
			return nil
		}
		call.Fn = &Member{Span: span(f), X: recv, Name: name}
	default:
		c.unsupported(e.Callee, "this call")
		return nil
	}
	return call
}

// dataViewMethod reports whether name is a DataView get/set method of the
// subset (getInt8 ... setFloat64; not Float16).
func dataViewMethod(name string) bool {
	if len(name) < 4 || (name[:3] != "get" && name[:3] != "set") {
		return false
	}
	t := ElemTypeNamed(name[3:])
	return t != nil && !t.Clamped
}

func (c *converter) newExpr(e *ast.NewExpression) Expr {
	id, ok := e.Callee.(*ast.Identifier)
	var ctor *Ident
	if ok {
		if x, ok := c.expr(id).(*Ident); ok && (x.Global == TypedArray || x.Global == DataView) {
			ctor = x
		}
	}
	if ctor == nil {
		if ok && (id.Name == "RangeError" || id.Name == "TypeError") {
			c.unsupported(e, "creating error objects")
		} else {
			c.unsupported(e, "new of anything but a typed array or DataView")
		}
		return nil
	}
	n := &New{Span: span(e), Ctor: ctor}
	for i, a := range e.ArgumentList {
		x := c.expr(a)
		if x == nil {
			return nil
		}
		if i == 0 && c.isObj(x) && !c.isBuffer(x) {
			c.errorf(x.Pos(), "unsupported: new %s(%s) copies a view or makes memory of its own: pass a buffer (memory.buffer or a view's .buffer)", ctor.Name, c.p.Text(span(a)))
			return nil
		}
		if i == 0 && !c.isObj(x) {
			c.errorf(x.Pos(), "unsupported: %s(%s) without a buffer makes memory of its own: pass memory.buffer", ctor.Name, c.p.Text(span(a)))
			return nil
		}
		if i > 0 && !c.prim(x, "an argument") {
			return nil
		}
		n.Args = append(n.Args, x)
	}
	if len(n.Args) == 0 {
		c.errorf(off(e), "unsupported: new %s() without a buffer makes memory of its own: pass memory.buffer", ctor.Name)
		return nil
	}
	return n
}

// IsIntegral reports whether f is an integral Number (used by outcomes).
func IsIntegral(f float64) bool { return f == math.Trunc(f) && !math.IsInf(f, 0) }

// parseFile parses src with goja's parser. The parser is not trusted never
// to panic (FuzzParse found "let[...į" slicing out of range in
// reinterpretAsArrayBindingPattern): a panic becomes a syntax error at the
// start of the code.
func parseFile(src string) (prog *ast.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("the JavaScript parser failed on this code (internal error: %v)", r)
		}
	}()
	return parser.ParseFile(nil, "", src, 0, parser.WithDisableSourceMaps)
}
