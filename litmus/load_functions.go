package litmus

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"wmm/js"
	"wmm/wasm"
)

// HostModule is the module name under which Wasm code imports the test's
// functions: (import "env" "f" (func ...)).
const HostModule = "env"

// wasmCode is Wasm code that imports functions, with the map from its
// text to the file.
type wasmCode struct {
	f *wasm.Func
	m *textMap
}

// jsCode is JS code that calls functions by name.
type jsCode struct {
	p *js.Program
	m *textMap
}

// functions loads functions: (LITMUS.md "Host functions"), a mapping from
// names to a Wasm function (a string: WebAssembly text with its
// parameters and results) or a JS host function ({js: "function f(...)
// {...}"}).
func (l *loader) functions(f field) {
	if f.value == nil {
		return
	}
	if f.value.Kind != yaml.MappingNode {
		l.errorf(f.value, "expected a mapping from function names to code, found %s", describe(f.value))
		return
	}
	for _, kv := range l.pairs(f.value, "function") {
		name := kv.key.Value
		if !ValidThreadName(name) {
			l.errorf(kv.key, "bad function name %s: use a letter or _ then letters, digits and _", quoteShort(name))
			continue
		}
		if js.IsGlobal(name) {
			l.errorf(kv.key, "function name %s is a global of the JS subset", name)
			continue
		}
		fn := Function{Name: name, Pos: l.src.pos(kv.key)}
		if kv.value.Kind == yaml.MappingNode {
			p, text, ok := l.jsFunction(kv, name)
			if !ok {
				continue
			}
			fn.JS, fn.Text = p, text
		} else {
			code, ok := l.codeSig(kv, "function "+name, true)
			if !ok {
				continue
			}
			fn.Code, fn.Text = code, kv.value.Value
		}
		l.t.Functions = append(l.t.Functions, fn)
	}
}

// jsFunction loads {js: "function NAME(...) {...}"}.
func (l *loader) jsFunction(kv field, name string) (*js.Program, string, bool) {
	fields := l.mapping(kv.value, "key", nil)
	for k, f := range fields {
		if k != "js" {
			l.errorf(f.key, "unknown key %q in function %s: a JS function is written {js: CODE}", k, name)
			return nil, "", false
		}
	}
	f, ok := fields["js"]
	if !ok {
		l.errorf(kv.value, "function %s: expected its code, WebAssembly text or {js: CODE}", name)
		return nil, "", false
	}
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "expected the JavaScript code of function %s, found %s", name, describe(n))
		return nil, "", false
	}
	m := l.src.scalarMap(n, f.key.Column-1)
	p, err := js.ParseFunction(n.Value)
	if err != nil {
		l.jsErrors(err, m)
		return nil, "", false
	}
	if p.Name != name {
		l.errs.Addf(m.pos(0), "the code declares function %s, but its key is %s: use one name", p.Name, name)
		return nil, "", false
	}
	ok = true
	for _, u := range p.Uses {
		ok = l.needFeature(m.pos(u.Off), u.What, u.Feature) && ok
	}
	if len(p.Calls) > 0 {
		l.jsCalls = append(l.jsCalls, jsCode{p, m})
	}
	return p, n.Value, ok
}

// link checks every import of Wasm code and every call of JS code
// against the test's functions: the import names a function the test
// declares, from module "env", with the Wasm function's exact signature
// (a JS function takes any: its arguments are converted); a JS call names
// a declared function.
func (l *loader) link() {
	for _, c := range l.wasmCalls {
		for _, im := range c.f.Imports {
			pos := c.m.wasmPos(im.Pos)
			fn := l.t.Function(im.Name)
			switch {
			case im.Module != HostModule:
				l.errs.Addf(pos, "import from module %q: the test's functions are imported from %q", im.Module, HostModule)
			case fn == nil:
				l.errs.Addf(pos, "import of function %q, which the test does not declare%s", im.Name, l.declared())
			case fn.Code != nil && !sameSig(im, fn.Code):
				l.errs.Addf(pos, "signature mismatch: the import of %q is %s, function %s is %s", im.Name, sigText(im.Params, im.Results), fn.Name, sigText(paramTypes(fn.Code), fn.Code.Results))
			case fn.JS != nil && len(im.Results) > 1:
				l.errs.Addf(pos, "unsupported: an import of the JS function %s with %d results (a JS function returns one value)", fn.Name, len(im.Results))
			}
		}
	}
	for _, c := range l.jsCalls {
		for _, r := range c.p.Calls {
			fn := l.t.Function(r.Name)
			switch {
			case fn == nil:
				l.errs.Addf(c.m.pos(r.Off), "unknown host function %s%s", r.Name, l.declared())
			case fn.Code != nil && len(fn.Code.Results) > 1:
				l.errs.Addf(c.m.pos(r.Off), "unsupported: calling the Wasm function %s, which has %d results, from JS", fn.Name, len(fn.Code.Results))
			}
		}
	}
}

// declared lists the test's functions for messages.
func (l *loader) declared() string {
	if len(l.t.Functions) == 0 {
		return " (declare it under functions:, LITMUS.md \"Host functions\")"
	}
	var names []string
	for _, f := range l.t.Functions {
		names = append(names, f.Name)
	}
	return " (its functions are " + strings.Join(names, ", ") + ")"
}

func paramTypes(f *wasm.Func) []wasm.ValType {
	var out []wasm.ValType
	for _, p := range f.Params {
		out = append(out, p.Type)
	}
	return out
}

func sameSig(im wasm.Import, f *wasm.Func) bool {
	return slices.Equal(im.Params, paramTypes(f)) && slices.Equal(im.Results, f.Results)
}

// sigText writes a signature as (param ...) (result ...).
func sigText(params, results []wasm.ValType) string {
	s := "(param"
	for _, t := range params {
		s += " " + t.String()
	}
	s += ") (result"
	for _, t := range results {
		s += " " + t.String()
	}
	return s + ")"
}
