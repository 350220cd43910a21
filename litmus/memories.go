package litmus

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"wmm/wasm"
)

// MemNames returns the $names of the test's memories without "$" ("" for
// an unnamed one), in index order: one entry per memory.
func (t *Test) MemNames() []string {
	if len(t.Memories) == 0 {
		return []string{t.Memory.Name}
	}
	names := make([]string, len(t.Memories))
	for i, m := range t.Memories {
		names[i] = m.Name
	}
	return names
}

// Mem returns memory k of the test: Memory for 0, Memories[k] otherwise.
func (t *Test) Mem(k uint32) Memory {
	if k == 0 || int(k) >= len(t.Memories) {
		return t.Memory
	}
	return t.Memories[k]
}

// memories loads the memories: key (feature multi-memory, MODEL.md §19):
// WebAssembly memory declarations, (memory $name? min max? shared?), one
// per memory in index order. The first is the test's Memory; a test
// declares its memories either with memory: or with memories:.
func (l *loader) memories(mem, f field) {
	if f.value == nil {
		return
	}
	if !l.needFeature(l.src.pos(f.key), "memories:", wasm.FeatureMultiMemory) {
		l.memOK = false
		return
	}
	if mem.value != nil {
		l.errorf(f.key, "memory: and memories: both given: declare the first memory in memories:")
		l.memOK = false
		return
	}
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errorf(n, "expected memory declarations such as (memory $a 1 1 shared), found %s", describe(n))
		l.memOK = false
		return
	}
	m := l.src.scalarMap(n, f.key.Column-1)
	items, err := wasm.ReadSExprs(n.Value)
	if err != nil {
		l.codeErrors(err, m)
		l.memOK = false
		return
	}
	var mems []Memory
	for _, s := range items {
		if mm, ok := l.memoryDecl(s, m, mems); ok {
			mems = append(mems, mm)
		} else {
			l.memOK = false
		}
	}
	if len(mems) > maxMemories {
		l.errorf(n, "%d memories: wmm allows at most %d", len(mems), maxMemories)
		l.memOK = false
	}
	if len(mems) == 0 && l.memOK {
		l.errorf(n, "expected at least one memory declaration such as (memory $a 1 1 shared)")
		l.memOK = false
	}
	if !l.memOK {
		return
	}
	l.t.Memory, l.t.Memories = mems[0], mems
}

// maxMemories bounds the memories of a test: memory k's bytes are data
// cells from model.MemBase(k), which stays below the protection cells for
// k < 128.
const maxMemories = 100

// memoryDecl loads one (memory $name? min max? shared?) declaration; a
// missing max is min, as for memory:. Memories are shared whether or not
// the declaration says so (the test's threads share them).
func (l *loader) memoryDecl(s *wasm.SExpr, m *textMap, before []Memory) (Memory, bool) {
	at := func(x *wasm.SExpr, format string, args ...any) (Memory, bool) {
		l.errs.Addf(m.wasmPos(x.Pos()), format, args...)
		return Memory{}, false
	}
	if s.Head() != "memory" {
		return at(s, "expected a memory declaration such as (memory $a 1 1 shared), found %s", shortSExpr(s))
	}
	var mem Memory
	rest := s.List[1:]
	if len(rest) > 0 && rest[0].Tok.Kind == wasm.TokID {
		mem.Name = rest[0].Tok.Text[1:]
		for _, b := range before {
			if b.Name == mem.Name {
				return at(rest[0], "memory $%s is declared twice", mem.Name)
			}
		}
		rest = rest[1:]
	}
	var limits []uint32
	for len(rest) > 0 && rest[0].Tok.Kind == wasm.TokNumber && len(limits) < 2 {
		v, err := strconv.ParseUint(rest[0].Tok.Text, 10, 32)
		if err != nil || v > wasm.MaxPages {
			return at(rest[0], "memory: expected a number of pages up to %d, found %s", wasm.MaxPages, rest[0].Tok.Text)
		}
		limits = append(limits, uint32(v))
		rest = rest[1:]
	}
	if len(rest) > 0 && rest[0].IsKeyword("shared") {
		rest = rest[1:]
	}
	switch {
	case len(limits) == 0:
		return at(s, "memory: missing the minimum size in pages")
	case len(rest) > 0:
		return at(rest[0], "memory: expected ), found %s", shortSExpr(rest[0]))
	}
	mem.Pages, mem.Max = limits[0], limits[0]
	if len(limits) == 2 {
		mem.Max = limits[1]
	}
	if mem.Max < mem.Pages {
		return at(s, "memory: max is %d pages, less than the initial %d pages", mem.Max, mem.Pages)
	}
	return mem, true
}

// shortSExpr describes an S-expression in a message: an atom's text, or
// a list's head.
func shortSExpr(s *wasm.SExpr) string {
	if s.IsList() {
		if h := s.Head(); h != "" {
			return "(" + h + " ...)"
		}
		return "a list"
	}
	return s.Tok.Text
}
