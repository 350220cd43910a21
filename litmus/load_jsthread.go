package litmus

import (
	"errors"

	"gopkg.in/yaml.v3"

	"wmm/js"
)

// jsErrors adds the errors of the JS parser, moving each from its offset
// in the code to its position in the file.
func (l *loader) jsErrors(err error, m *textMap) {
	var list js.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			l.errs.Add(m.pos(e.Off), e.Msg)
		}
		return
	}
	l.errs.Add(m.fallback, err.Error())
}

// jsThread loads a thread given as a mapping, {js: CODE}: a JavaScript
// thread (LITMUS.md "JavaScript threads").
func (l *loader) jsThread(kv field, name string) bool {
	fields := l.mapping(kv.value, "key", nil)
	for k, f := range fields {
		if k != "js" {
			l.errorf(f.key, "unknown key %q in thread %s: a JS thread is written {js: CODE}", k, name)
			return false
		}
	}
	f, ok := fields["js"]
	if !ok {
		if len(kv.value.Content) == 0 {
			l.errorf(kv.value, "thread %s: expected its code, WebAssembly text or {js: CODE}, found an empty mapping", name)
		}
		return false
	}
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "expected the JavaScript code of thread %s, found %s", name, describe(n))
		return false
	}
	m := l.src.scalarMap(n, f.key.Column-1)
	p, err := js.Parse(n.Value)
	if err != nil {
		l.jsErrors(err, m)
		return false
	}
	ok = true
	for _, u := range p.Uses {
		ok = l.needFeature(m.pos(u.Off), u.What, u.Feature) && ok
	}
	if !ok {
		return false
	}
	l.t.Threads = append(l.t.Threads, Thread{Name: name, JS: p, Pos: l.src.pos(kv.key), Text: n.Value})
	if len(p.Calls) > 0 {
		l.jsCalls = append(l.jsCalls, jsCode{p, m})
	}
	return true
}
