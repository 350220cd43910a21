// Package js holds the small subset of JavaScript that a litmus test's JS
// thread is written in (LITMUS.md "JavaScript threads"): its syntax tree,
// and Parse, which reads the source with a maintained ECMAScript parser
// (goja's) and keeps what the subset supports, rejecting everything else
// with an "unsupported:" error at its position.
//
// Names are resolved here: every variable a thread declares gets a slot,
// and the variables declared at the thread's top level are its registers,
// the names an outcome observes. Package jsinterp runs a Program.
package js

import "math/big"

// A Program is one JS thread: its statements, its variables and the
// registers among them.
type Program struct {
	Body []Stmt
	// Slots is the number of variables, each declaration its own slot.
	Slots int
	// Registers are the variables declared at the top level that hold
	// primitive values (not objects), in the order of their declarations:
	// the thread's observable names.
	Registers []Var
	// HasWait says whether the code calls Atomics.wait.
	HasWait bool
	// Uses are the places where the code uses the syntax of an opt-in
	// feature, in source order.
	Uses []FeatureUse
	// Src is the source text; positions are byte offsets into it.
	Src string

	// Name is the name of a host function (ParseFunction), "" for a
	// thread; Params are its parameters, in order, each a variable of its
	// own.
	Name   string
	Params []Var
	// Calls are the calls of the test's functions (host functions, LITMUS.md
	// "Host functions"), in source order: the loader resolves their names.
	Calls []Ref
}

// A Ref is a use of a name that the program does not declare: a call of
// one of the test's functions.
type Ref struct {
	Name string
	Off  int
}

// A Var is a declared variable.
type Var struct {
	Name  string
	Slot  int
	Const bool
	// Object says the variable holds an object (a buffer, a typed array,
	// a DataView, a caught error): such variables are const and are not
	// registers.
	Object bool
	// Buffer says the object is a SharedArrayBuffer (memory.buffer or a
	// view's buffer).
	Buffer bool
	Off    int // where its name is declared
}

// RegisterIndex returns the index in Registers of the register called
// name.
func (p *Program) RegisterIndex(name string) (int, bool) {
	for i, v := range p.Registers {
		if v.Name == name {
			return i, true
		}
	}
	return 0, false
}

// Span is where a node is in the source: byte offsets [Off, End).
type Span struct{ Off, End int }

// Pos returns the node's start offset.
func (s Span) Pos() int { return s.Off }

// Extent returns the node's span.
func (s Span) Extent() Span { return s }

// Text returns the node's source text in p.
func (p *Program) Text(s Span) string {
	if s.Off < 0 || s.End > len(p.Src) || s.Off > s.End {
		return ""
	}
	return p.Src[s.Off:s.End]
}

// LineCol returns the 1-based line and byte column of offset off in p's
// source.
func (p *Program) LineCol(off int) (line, col int) { return lineCol(p.Src, off) }

func lineCol(src string, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// A Stmt is a statement: *Decl, *ExprStmt, *If, *Loop, *Block, *Try,
// *Branch, *Return (in a host function) or *Empty.
type Stmt interface{ stmt() }

// An Expr is an expression.
type Expr interface {
	Pos() int
	Extent() Span
	expr()
}

// Decl declares variables with let or const.
type Decl struct {
	Span
	Const bool
	Vars  []Var
	Inits []Expr // nil entries: no initialiser (undefined)
}

// ExprStmt evaluates an expression for its effects.
type ExprStmt struct {
	Span
	X Expr
}

// If is if/else; Else may be nil.
type If struct {
	Span
	Cond       Expr
	Then, Else Stmt
}

// Loop is while (Cond) Body, or for (Init; Cond; Post) Body. Init, Cond
// and Post may be nil.
type Loop struct {
	Span
	Init Stmt
	Cond Expr
	Post Expr
	Body Stmt
}

// Block is { ... }.
type Block struct {
	Span
	List []Stmt
}

// Try is try { Body } catch (Param) { Catch }; Param is -1 when the catch
// binds nothing.
type Try struct {
	Span
	Body  *Block
	Param int // slot of the catch parameter
	Catch *Block
}

// Branch is break or continue (without labels).
type Branch struct {
	Span
	Continue bool
}

// Empty is ;.
type Empty struct{ Span }

// Return is return X (X nil: return undefined), in a host function.
type Return struct {
	Span
	X Expr
}

func (*Decl) stmt()     {}
func (*ExprStmt) stmt() {}
func (*If) stmt()       {}
func (*Loop) stmt()     {}
func (*Block) stmt()    {}
func (*Try) stmt()      {}
func (*Branch) stmt()   {}
func (*Empty) stmt()    {}
func (*Return) stmt()   {}

// Num is a Number literal.
type Num struct {
	Span
	V float64
}

// BigInt is a BigInt literal (123n).
type BigInt struct {
	Span
	V *big.Int
}

// Str is a string literal.
type Str struct {
	Span
	V string
}

// Bool is true or false.
type Bool struct {
	Span
	V bool
}

// Ident is a variable (Slot ≥ 0) or a global of the subset (Slot -1,
// Global set).
type Ident struct {
	Span
	Name   string
	Slot   int
	Global Global
}

// A Global is one of the global names the subset knows.
type Global uint8

// The globals.
const (
	NoGlobal     Global = iota
	Undefined           // undefined
	NaN                 // NaN
	Infinity            // Infinity
	Memory              // memory, the test's WebAssembly.Memory
	Atomics             // Atomics
	NumberFn            // Number
	BigIntFn            // BigInt
	RangeError          // RangeError
	TypeError           // TypeError
	RuntimeError        // WebAssembly.RuntimeError, only as instanceof's right operand
	DataView            // DataView
	TypedArray          // Int8Array ... BigUint64Array (Ident.Name says which)
	Function            // one of the test's functions, called by name (Program.Calls)
)

// Assign is Target Op Value, with Op "=" or a compound operator ("+=").
type Assign struct {
	Span
	Op     string
	Target Expr // *Ident or *Index
	Value  Expr
}

// Binary is a binary operator: arithmetic, bitwise, comparison,
// instanceof, or the logical && and ||.
type Binary struct {
	Span
	Op   string
	L, R Expr
}

// Unary is a prefix operator: - + ~ ! typeof.
type Unary struct {
	Span
	Op string
	X  Expr
}

// Update is ++ or --, prefix or postfix.
type Update struct {
	Span
	Op     string // "++" or "--"
	Prefix bool
	X      Expr // *Ident or *Index
}

// Cond is Test ? Then : Else.
type Cond struct {
	Span
	Test, Then, Else Expr
}

// Index is X[I].
type Index struct {
	Span
	X, I Expr
}

// Member is X.Name.
type Member struct {
	Span
	X    Expr
	Name string
}

// Call is Fn(Args...): Fn is a *Member (a method) or an *Ident (Number,
// BigInt, or one of the test's functions: Global Function).
type Call struct {
	Span
	Fn   Expr
	Args []Expr
}

// New is new Ctor(Args...), Ctor a typed array or DataView.
type New struct {
	Span
	Ctor *Ident
	Args []Expr
}

func (*Num) expr()    {}
func (*BigInt) expr() {}
func (*Str) expr()    {}
func (*Bool) expr()   {}
func (*Ident) expr()  {}
func (*Assign) expr() {}
func (*Binary) expr() {}
func (*Unary) expr()  {}
func (*Update) expr() {}
func (*Cond) expr()   {}
func (*Index) expr()  {}
func (*Member) expr() {}
func (*Call) expr()   {}
func (*New) expr()    {}
