package wasm

import "strings"

// An SExpr is an S-expression of the text format: either an atom (one
// token) or a parenthesized list. Positions are kept so that later stages,
// such as the .wast script importer, can report errors precisely.
type SExpr struct {
	// Tok is the atom's token; for a list, Tok is the "(" token.
	Tok Token
	// List holds the elements of a list.
	List []*SExpr
	// End is the position of a list's ")".
	End Pos
}

// maxNesting bounds the depth of nested lists, so that hostile input
// cannot exhaust the stack of the recursive stages that follow.
const maxNesting = 2000

// ReadSExprs reads the whole of src as a sequence of S-expressions. The
// sequence may mix atoms and lists, as a function body in flat form does.
// Malformed tokens and unbalanced parentheses are reported as an
// ErrorList; what could be read is returned with it.
func ReadSExprs(src string) ([]*SExpr, error) {
	toks, lexErr := Lex(src)
	var errs ErrorList
	if lexErr != nil {
		errs = lexErr.(ErrorList)
	}
	out := readSeq(toks, &errs)
	errs.Sort()
	if len(errs) > MaxErrors {
		errs = errs[:MaxErrors]
	}
	return out, errs.Err()
}

// readSeq builds S-expressions from tokens with an explicit stack, so that
// deep nesting costs heap rather than stack.
func readSeq(toks []Token, errs *ErrorList) []*SExpr {
	var top []*SExpr
	var open []*SExpr // the lists not yet closed, innermost last
	add := func(s *SExpr) {
		if n := len(open); n > 0 {
			open[n-1].List = append(open[n-1].List, s)
		} else {
			top = append(top, s)
		}
	}
	tooDeep := false
	for _, tok := range toks {
		switch tok.Kind {
		case TokLParen:
			if len(open) >= maxNesting && !tooDeep {
				errs.Addf(tok.Pos, "lists nested more than %d deep", maxNesting)
				tooDeep = true
			}
			l := &SExpr{Tok: tok}
			add(l)
			open = append(open, l)
		case TokRParen:
			if len(open) == 0 {
				errs.Add(tok.Pos, "unexpected )")
				continue
			}
			open[len(open)-1].End = tok.Pos
			open = open[:len(open)-1]
		default:
			add(&SExpr{Tok: tok})
		}
	}
	for _, l := range open {
		errs.Add(l.Tok.Pos, "unclosed (")
	}
	if tooDeep {
		return nil
	}
	return top
}

// IsList reports whether s is a list.
func (s *SExpr) IsList() bool { return s.Tok.Kind == TokLParen }

// Pos returns the position of the atom, or of a list's "(".
func (s *SExpr) Pos() Pos { return s.Tok.Pos }

// Head returns the keyword that starts a list, such as "module" for
// (module ...), or "" if s is an atom or does not start with a keyword.
func (s *SExpr) Head() string {
	if !s.IsList() || len(s.List) == 0 || s.List[0].Tok.Kind != TokKeyword {
		return ""
	}
	return s.List[0].Tok.Text
}

// IsKeyword reports whether s is the keyword atom kw.
func (s *SExpr) IsKeyword(kw string) bool {
	return s.Tok.Kind == TokKeyword && s.Tok.Text == kw
}

// String returns s as text on one line, atoms as in the source.
func (s *SExpr) String() string {
	var b strings.Builder
	s.write(&b)
	return b.String()
}

// write appends s to b.
func (s *SExpr) write(b *strings.Builder) {
	if !s.IsList() {
		b.WriteString(s.Tok.Text)
		return
	}
	b.WriteByte('(')
	for i, e := range s.List {
		if i > 0 {
			b.WriteByte(' ')
		}
		e.write(b)
	}
	b.WriteByte(')')
}

// Describe names s for "found ..." in messages: an atom's text, or a
// list's head.
func (s *SExpr) Describe() string {
	if !s.IsList() {
		return s.Tok.Text
	}
	if h := s.Head(); h != "" {
		return "(" + h + " ...)"
	}
	return "a list"
}
