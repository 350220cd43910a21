package litmus

import (
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

// Mem returns memory k of the test: Memory for 0 (also Memories[0] when
// the test has memories:), Memories[k] otherwise; ok is false when the
// test has no memory k.
func (t *Test) Mem(k uint32) (mem Memory, ok bool) {
	switch {
	case k == 0:
		return t.Memory, true
	case int(k) < len(t.Memories):
		return t.Memories[k], true
	}
	return Memory{}, false
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

// memoryDecl loads one (memory $name? min max? shared?) declaration, read
// by the module parser's wasm.ParseMemoryDecl; a missing max is min, as for
// memory:. Memories are shared whether or not the declaration says so (the
// test's threads share them).
func (l *loader) memoryDecl(s *wasm.SExpr, m *textMap, before []Memory) (Memory, bool) {
	at := func(x *wasm.SExpr, format string, args ...any) (Memory, bool) {
		l.errs.Addf(m.wasmPos(x.Pos()), format, args...)
		return Memory{}, false
	}
	if s.Head() != "memory" {
		return at(s, "expected a memory declaration such as (memory $a 1 1 shared), found %s", s.Describe())
	}
	decl, name, err := wasm.ParseMemoryDecl(s)
	if err != nil {
		l.codeErrors(err, m)
		return Memory{}, false
	}
	for _, b := range before {
		if name != "" && b.Name == name {
			return at(s.List[1], "memory $%s is declared twice", name)
		}
	}
	mem := Memory{Name: name, Pages: decl.Min, Max: decl.Min}
	if decl.HasMax {
		mem.Max = decl.Max
	}
	if mem.Max > wasm.MaxPages {
		return at(s, "memory: %d pages is more than the %d a memory can have", mem.Max, wasm.MaxPages)
	}
	if mem.Max < mem.Pages {
		return at(s, "memory: max is %d pages, less than the initial %d pages", mem.Max, mem.Pages)
	}
	return mem, true
}
