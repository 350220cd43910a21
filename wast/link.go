package wast

import (
	"fmt"
	"strings"

	"wmm/wasm"
)

// A wastCtx is one thread of a script as the harness runs it: the main
// script or a (thread ...). Each has its own module names and its own
// registry of names for imports, empty when the thread starts.
type wastCtx struct {
	thread   *wastThread // nil for the main script
	modules  map[string]*wastInstance
	last     *wastInstance // the module an invoke without $name uses
	registry map[string]*wastInstance
	threads  map[string]*wastThread // threads started here, for wait
}

func newWastCtx(th *wastThread) *wastCtx {
	return &wastCtx{thread: th, modules: map[string]*wastInstance{}, registry: map[string]*wastInstance{}, threads: map[string]*wastThread{}}
}

// A wastInstance is a module instance of the script.
type wastInstance struct {
	name string // $name without "$", or ""
	mod  *wasm.Module
	pos  wasm.Pos
	// mem is the type of the memory the instance uses (its own or the one
	// it imports); meaningful when mod.HasMemory.
	mem wasm.Memory
	// sec is the section whose shared memory the instance uses; nil when
	// it uses none.
	sec *wastSection
	// why says why calls of the instance's functions are left out; "" when
	// they are imported.
	why string
}

// bind makes inst the module called name (if any) and the last module of c.
func (c *wastCtx) bind(name string, inst *wastInstance) {
	if name != "" {
		c.modules[name] = inst
	}
	c.last = inst
}

// lookup returns the module called id ("$M", or "" for the last one).
func (c *wastCtx) lookup(id string) (*wastInstance, string) {
	if id == "" {
		if c.last == nil {
			return nil, "no module defined"
		}
		return c.last, ""
	}
	inst, ok := c.modules[strings.TrimPrefix(id, "$")]
	if !ok {
		return nil, "unknown module " + id
	}
	return inst, ""
}

// readModule parses and validates (module ...), reporting its errors.
func (im *wastImporter) readModule(s *wasm.SExpr) (*wasm.Module, bool) {
	m, err := wasm.ParseModuleSExpr(s)
	if err == nil {
		err = wasm.ValidateModule(m)
	}
	if err != nil {
		im.wasmErrors(err)
		return nil, false
	}
	return m, true
}

// module runs (module ...): a module that defines a shared memory starts a
// new section; one that imports it uses the current one.
func (im *wastImporter) module(c *wastCtx, cmd *wasm.SExpr) {
	m, ok := im.readModule(cmd)
	if !ok {
		im.stop()
		return
	}
	inst := &wastInstance{name: m.Name, mod: m, pos: cmd.Pos()}
	switch {
	case !m.HasMemory:
		inst.why = "its module has no memory"
	case m.Memory.Imported():
		p, err := im.resolveMemory(c, m)
		if err != "" {
			im.fail(cmd.Pos(), "link failure: %s", err)
			return
		}
		inst.mem, inst.sec, inst.why = p.mem, p.sec, p.why
	case c.thread != nil:
		im.refuse(cmd.Pos(), "a memory defined inside a thread (thread %s)", c.thread.name)
		return
	case !m.Memory.Shared:
		inst.mem, inst.why = m.Memory, "its memory is not shared"
	default:
		im.closeSection()
		im.sec = newWastSection(cmd.Pos(), m.Memory)
		inst.mem, inst.sec = m.Memory, im.sec
	}
	c.bind(inst.name, inst)
}

// resolveMemory finds the instance whose memory m imports, through c's
// registry, and checks the import's type as linking does. It returns the
// instance, or a message in the harness's words ("unknown import",
// "incompatible import type").
func (im *wastImporter) resolveMemory(c *wastCtx, m *wasm.Module) (*wastInstance, string) {
	want := m.Memory
	name := fmt.Sprintf("%q.%q", want.ImportModule, want.ImportName)
	p, ok := c.registry[want.ImportModule]
	if !ok {
		return nil, fmt.Sprintf("unknown import %s: no module is registered as %q in %s", name, want.ImportModule, c.where())
	}
	if !p.mod.HasMemory || p.mod.Memory.Export != want.ImportName {
		return nil, fmt.Sprintf("unknown import %s: the module registered as %q exports no memory %q", name, want.ImportModule, want.ImportName)
	}
	have := p.mem
	switch {
	case have.Shared != want.Shared:
		return nil, fmt.Sprintf("incompatible import type for %s: shared and unshared memory", name)
	case have.Min < want.Min:
		return nil, fmt.Sprintf("incompatible import type for %s: the memory has %d pages, the import wants at least %d", name, have.Min, want.Min)
	case want.HasMax && (!have.HasMax || have.Max > want.Max):
		return nil, fmt.Sprintf("incompatible import type for %s: the memory's maximum is above the import's %d", name, want.Max)
	}
	return p, ""
}

// where names c in messages.
func (c *wastCtx) where() string {
	if c.thread == nil {
		return "the main script"
	}
	return "thread " + c.thread.name
}

// register runs (register "name" $M?).
func (im *wastImporter) register(c *wastCtx, cmd *wasm.SExpr) {
	args := cmd.List[1:]
	if len(args) == 0 || args[0].Tok.Kind != wasm.TokString || len(args) > 2 || len(args) == 2 && args[1].Tok.Kind != wasm.TokID {
		im.fail(cmd.Pos(), "register: expected (register \"name\" $module?)")
		return
	}
	id := ""
	if len(args) == 2 {
		id = args[1].Tok.Text
	}
	inst, err := c.lookup(id)
	if err != "" {
		im.fail(cmd.Pos(), "register: %s", err)
		return
	}
	c.registry[args[0].Tok.Str] = inst
}

// assertUnlinkable checks (assert_unlinkable (module ...) "message"): the
// module must fail to link in c, with an error that starts with message.
func (im *wastImporter) assertUnlinkable(c *wastCtx, cmd *wasm.SExpr) {
	if len(cmd.List) != 3 || cmd.List[1].Head() != "module" || cmd.List[2].Tok.Kind != wasm.TokString {
		im.errorf(cmd.Pos(), "assert_unlinkable: expected (assert_unlinkable (module ...) \"message\")")
		return
	}
	m, ok := im.readModule(cmd.List[1])
	if !ok {
		return
	}
	msg := cmd.List[2].Tok.Str
	if !m.HasMemory || !m.Memory.Imported() {
		im.errorf(cmd.Pos(), "assertion fails: the module imports nothing, so it links")
		return
	}
	_, err := im.resolveMemory(c, m)
	switch {
	case err == "":
		im.errorf(cmd.Pos(), "assertion fails: the module links in %s", c.where())
	case !strings.HasPrefix(err, msg):
		im.errorf(cmd.Pos(), "assertion fails: expected a link error starting %q, found %q", msg, err)
	default:
		im.note(cmd.Pos(), "assert_unlinkable holds (checked by the importer): %s", err)
	}
}
