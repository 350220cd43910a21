package litmus

import (
	"fmt"
	"regexp"

	"gopkg.in/yaml.v3"

	"wmm/wasm"
)

// ValidTestName reports whether s can name a test (LITMUS.md): letters,
// digits and _ . + -.
func ValidTestName(s string) bool { return testNameRE.MatchString(s) }

// testNameRE is the syntax of a test's name (LITMUS.md).
var testNameRE = regexp.MustCompile(`^[A-Za-z0-9_.+-]+$`)

func (l *loader) name(root *yaml.Node, f field) {
	if f.value == nil {
		l.errorf(root, "missing name: every test needs one")
		return
	}
	name := l.text(f.value, "the test's name as")
	switch {
	case name == "" && f.value.Kind == yaml.ScalarNode:
		l.errorf(f.value, "the test's name is empty")
	case name != "" && !testNameRE.MatchString(name):
		l.errorf(f.value, "bad test name %s: use letters, digits and _ . + -", quoteShort(name))
	}
	l.t.Name = name
}

// memory loads memory: {pages, max}. Pages defaults to 1 and max to pages.
func (l *loader) memory(f field) {
	l.t.Memory = Memory{Pages: 1, Max: 1}
	l.memOK = true
	if f.value == nil || f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null" {
		return
	}
	n := f.value
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "expected a mapping with pages and max, found %s", describe(n))
		l.memOK = false
		return
	}
	errs := len(l.errs)
	fields := l.mapping(n, "memory key", func(k string) bool { return k == "pages" || k == "max" })
	pages, max := uint64(1), uint64(0)
	if p, ok := fields["pages"]; ok {
		pages, _ = l.pages(p.value, "pages")
	}
	if m, ok := fields["max"]; ok {
		max, _ = l.pages(m.value, "max")
	} else {
		max = pages
	}
	if len(l.errs) > errs {
		l.memOK = false
		return
	}
	if max < pages {
		l.errorf(fields["max"].value, "max is %d pages, less than the initial %d pages", max, pages)
		l.memOK = false
		return
	}
	l.t.Memory = Memory{Pages: uint32(pages), Max: uint32(max)}
}

// pages loads a number of pages.
func (l *loader) pages(n *yaml.Node, what string) (uint64, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		if what == "max" {
			l.errorf(n, "max must be a number of pages: leave it out to make it equal to pages (a shared memory needs a maximum)")
		} else {
			l.errorf(n, "pages must be a number of pages: leave it out for the default of 1")
		}
		return 0, false
	}
	return l.count(n, what, wasm.MaxPages)
}

// init loads init: {iN[A]: value, ...}.
func (l *loader) init(f field) {
	if f.value == nil || f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null" {
		return
	}
	if f.value.Kind != yaml.MappingNode {
		l.errorf(f.value, "expected a mapping such as {i32[8]: 7}, found %s", describe(f.value))
		return
	}
	for _, kv := range l.pairs(f.value, "init key") {
		l.initEntry(kv)
	}
}

func (l *loader) initEntry(kv field) {
	loc, pos, err := parseLocName(kv.key.Value, l.src.scalarMap(kv.key, -1).pos)
	if err == nil && loc.Kind != LocMem {
		err = &Error{Pos: pos, Msg: "expected a memory name such as i32[8], found " + loc.String()}
	}
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	bits := 8 * loc.Width
	neg, mag, ok := l.integer(kv.value, "an integer")
	if !ok {
		return
	}
	if !fits(neg, mag, bits) {
		l.errorf(kv.value, "value %s is out of range for %d bits", kv.value.Value, bits)
		return
	}
	if l.memOK && uint64(loc.Addr)+uint64(loc.Width) > uint64(l.t.Memory.Pages)*wasm.PageSize {
		l.errs.Addf(pos, "address out of memory: %s is beyond the initial memory of %s", loc, pagesText(l.t.Memory.Pages))
		return
	}
	l.t.Init = append(l.t.Init, Init{Width: loc.Width, Addr: loc.Addr, Value: reduce(neg, mag, bits), Pos: pos, Hex: !neg && isHexLiteral(kv.value.Value)})
}

// pagesText describes a memory size in pages.
func pagesText(pages uint32) string {
	if pages == 1 {
		return "1 page (65536 bytes)"
	}
	return fmt.Sprintf("%d pages (%d bytes)", pages, uint64(pages)*wasm.PageSize)
}

// setup loads the setup code.
func (l *loader) setup(f field) {
	if f.value == nil {
		return
	}
	l.t.Setup, _ = l.code(f, "setup")
}

// threads loads the threads, in the file's order.
func (l *loader) threads(root *yaml.Node, f field) {
	l.threadsOK = false
	if f.value == nil {
		l.errorf(root, "missing threads: every test needs at least one")
		return
	}
	if f.value.Kind != yaml.MappingNode {
		l.errorf(f.value, "expected a mapping from thread names to code, found %s", describe(f.value))
		return
	}
	kvs := l.pairs(f.value, "thread")
	if len(kvs) == 0 && len(f.value.Content) == 0 {
		l.errorf(f.value, "no threads: a test needs at least one")
		return
	}
	ok := len(kvs)*2 == len(f.value.Content)
	for _, kv := range kvs {
		ok = l.thread(kv) && ok
	}
	l.threadsOK = ok
}

func (l *loader) thread(kv field) bool {
	name := kv.key.Value
	if !ValidThreadName(name) {
		l.errorf(kv.key, "bad thread name %s: use a letter or _ then letters, digits and _", quoteShort(name))
		return false
	}
	if kv.value.Kind == yaml.MappingNode {
		return l.jsThread(kv, name)
	}
	code, ok := l.code(kv, "thread "+name)
	if !ok {
		return false
	}
	for _, loc := range code.Locals {
		if loc.Name == "trap" || loc.Name == "stuck" {
			l.errs.Addf(l.src.scalarMap(kv.value, kv.key.Column-1).wasmPos(loc.Pos),
				"local $%s is reserved: %s:%s names the thread's %s flag", loc.Name, name, loc.Name, loc.Name)
			ok = false
		}
	}
	l.t.Threads = append(l.t.Threads, Thread{Name: name, Code: code, Pos: l.src.pos(kv.key), Text: kv.value.Value})
	return ok
}

// unroll loads the loop bound.
func (l *loader) unroll(f field) {
	if f.value == nil {
		return
	}
	if n, ok := l.count(f.value, "unroll", MaxUnroll); ok {
		l.t.Unroll, l.t.UnrollSet = int(n), true
	}
}

// MaxUnroll is the largest loop bound a test may give.
const MaxUnroll = 1 << 20
