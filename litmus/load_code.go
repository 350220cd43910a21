package litmus

import (
	"errors"

	"gopkg.in/yaml.v3"

	"wmm/wasm"
)

// code parses and validates the WebAssembly code of a thread or of setup
// (the value of kv), reporting every error at its exact place in the file.
func (l *loader) code(kv field, what string) (*wasm.Func, bool) {
	return l.codeSig(kv, what, false)
}

// codeSig is code for a function that may have parameters and results
// (sig: a Wasm function of functions:), and may import the test's
// functions (everything but setup).
func (l *loader) codeSig(kv field, what string, sig bool) (*wasm.Func, bool) {
	n := kv.value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "expected the code of %s (a function body in the WebAssembly text format), found %s", what, describe(n))
		return nil, false
	}
	m := l.src.scalarMap(n, kv.key.Column-1)
	f, err := wasm.ParseFuncMems(n.Value, l.t.MemNames())
	if err == nil {
		err = wasm.Validate(f)
	}
	if err != nil {
		l.codeErrors(err, m)
		return nil, false
	}
	if !l.checkFeatureUses(f, m) {
		return nil, false
	}
	if l.memOK && !l.checkProtectRanges(f, m) {
		return nil, false
	}
	if !sig && (len(f.Params) > 0 || len(f.Results) > 0) {
		l.errorf(n, "%s must have no parameters and no results", what)
		return nil, false
	}
	if len(f.Imports) > 0 {
		if what == "setup" {
			l.errs.Add(m.wasmPos(f.Imports[0].Pos), "setup cannot import functions: call them from a thread")
			return nil, false
		}
		l.wasmCalls = append(l.wasmCalls, wasmCode{f, m})
	}
	return f, true
}

// codeErrors adds the errors of the wasm parser or validator, moving each
// from its position in the code to its position in the file.
func (l *loader) codeErrors(err error, m *textMap) {
	var list wasm.ErrorList
	var one *wasm.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			l.errs.Add(m.wasmPos(e.Pos), e.Msg)
		}
	case errors.As(err, &one):
		l.errs.Add(m.wasmPos(one.Pos), one.Msg)
	default:
		l.errs.Add(m.fallback, err.Error())
	}
}
