package engine

import (
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"wmm/litmus"
	"wmm/model"
	"wmm/wasm"
)

// Reproducers. An engine finding is a claim about someone else's software,
// so wmm validate --repro DIR writes, for a test with outcomes the model
// forbids, a program that shows them without wmm. The runners are written
// once per DIR: one for node, deno and bun (DIR/runner.cjs) and one for
// wazero (DIR/wazero-runner: main.go, go.mod, go.sum). Each finding's
// directory under DIR holds only its data: the test as one module
// (test.wat and test.wasm: each thread a function t<k>(seed, delay) that
// runs the thread's code once, unchanged but for traps of division and
// unreachable, returning its status and locals), the module that defines
// its memory (mem.wasm), what the runners read besides (config.json) and
// a README that says how to run it. Each runner loops the test, a fresh
// shared memory per iteration, one thread per test thread started
// together behind a spin gate, and prints how often each forbidden
// outcome appeared.
//
// The runners are deliberately simple: fresh memories and messages to
// workers make them slower than the harness and less likely to show a
// rare outcome; they loop until the outcome shows or the iterations run
// out. A thread still in a wait 500 ms after the others finished is
// reported stuck (the runner then wakes it); its locals are not compared.

//go:embed repro
var reproFiles embed.FS

// reproRunners are the runners' files, relative to the directory the
// reproducers are written to (their templates are these names plus
// ".tmpl" under repro/).
var reproRunners = []string{"runner.cjs", "wazero-runner/main.go", "wazero-runner/go.mod", "wazero-runner/go.sum"}

// A reproConfig is what the runners read: a finding's config.json.
type reproConfig struct {
	Test       string         `json:"test"`
	Pages      uint32         `json:"pages"`
	Max        uint32         `json:"max"`
	Locals     []int          `json:"locals"`
	Init       []jsWrite      `json:"init"`
	Atoms      []jsAtom       `json:"atoms"`
	WaitAddrs  []uint32       `json:"waitAddrs"`
	Forbidden  []reproOutcome `json:"forbidden"`
	Iterations int            `json:"iterations"`
	// Fresh: the test grows the memory or reads its size, so every
	// iteration needs a fresh memory; otherwise the runners reuse one,
	// reset between iterations, and instances that live as long.
	Fresh  bool   `json:"fresh"`
	Engine string `json:"engine"`
	Seen   string `json:"seen"`
}

// A reproOutcome is a forbidden outcome and the raw keys (hex, locals of
// stuck threads zeroed) that show it.
type reproOutcome struct {
	Outcome string   `json:"outcome"`
	Keys    []string `json:"keys"`
}

// WriteRepro writes a reproducer of the forbidden outcomes of res (over
// names, as a validation judged them) to a new directory under dir, named
// after the test and the engine, and returns its path. It also writes (or
// rewrites) the runners in dir that every reproducer there uses.
func WriteRepro(dir string, res *Result, names []litmus.Loc, forbidden []model.Outcome) (string, error) {
	t := res.Test
	if res.h == nil {
		return "", fmt.Errorf("test %s: no harness to reproduce", t.Name)
	}
	opts := Options{MaxMemory: wasm.MaxPages, MemBudget: 1 << 62}.withDefaults()
	p, err := analyze(t, opts)
	if err != nil {
		return "", err
	}
	fresh := res.h.Isolated
	p.mode = modeIsolated
	h := &Harness{Test: t, Isolated: true, MemoryMode: ImportMemory, MemPages: t.Memory.Pages, MemMax: max(t.Memory.Max, t.Memory.Pages), Atoms: p.atoms}
	for _, th := range t.Threads {
		h.Locals = append(h.Locals, len(th.Code.Locals))
	}
	m := isolatedModule(p, h)
	bin, err := wasm.Encode(m)
	if err != nil {
		return "", err
	}
	mem, err := memoryProvider(h)
	if err != nil {
		return "", err
	}
	cfg := reproConfig{Test: t.Name, Pages: h.MemPages, Max: h.MemMax, Locals: h.Locals, Init: []jsWrite{}, Atoms: []jsAtom{},
		WaitAddrs: waitAddrs(p), Iterations: 100000, Fresh: fresh, Engine: res.Version,
		Seen: fmt.Sprintf("%d forbidden of %d iterations", countOf(res, names, forbidden), res.Iterations)}
	for _, in := range t.Init {
		cfg.Init = append(cfg.Init, jsWrite{in.Addr, in.Width, strconv.FormatUint(in.Value, 10)})
	}
	for _, a := range h.Atoms {
		cfg.Atoms = append(cfg.Atoms, jsAtom{Size: a.Kind == litmus.LocSize, Addr: a.Addr, Width: a.Width})
	}
	for _, o := range forbidden {
		cfg.Forbidden = append(cfg.Forbidden, reproOutcome{Outcome: o.String(), Keys: res.keysOf(names, o)})
	}
	cfgJSON, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	name := t.Name + "-" + res.Engine
	if res.Config.Memory == DefineMemory.String() {
		// Seen with the memory exported; the reproducer's runners
		// import it.
		name += "-exported"
	}
	name = reproName(name)
	readme, err := reproFiles.ReadFile("repro/README.md.tmpl")
	if err != nil {
		return "", err
	}
	r := strings.NewReplacer("{{TEST}}", t.Name, "{{ENGINE}}", res.Version, "{{SEEN}}", cfg.Seen,
		"{{OUTCOMES}}", outcomeList(forbidden), "{{DIR}}", name)
	files := map[string][]byte{
		name + "/test.wat":    []byte(";; " + t.Name + ", generated by wmm validate --repro: every thread is a function\n;; t<k>(seed, delay) that runs the thread's code once after a short spin\n;; and returns its status (1 done, 2 trapped) and its locals as i64 bits.\n" + wasm.FormatModule(m)),
		name + "/test.wasm":   bin,
		name + "/mem.wasm":    mem,
		name + "/config.json": append(cfgJSON, '\n'),
		name + "/README.md":   []byte(r.Replace(string(readme))),
	}
	for _, f := range reproRunners {
		b, err := reproFiles.ReadFile("repro/" + f + ".tmpl")
		if err != nil {
			return "", err
		}
		if f == "runner.cjs" {
			b = withVersion(b)
		}
		files[f] = b
	}
	for f, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, name), nil
}

func outcomeList(os []model.Outcome) string {
	var b strings.Builder
	for _, o := range os {
		b.WriteString("- `" + o.String() + "`\n")
	}
	return b.String()
}

// reproName turns a test name into a directory name.
func reproName(s string) string {
	return regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(s, "_")
}

// waitAddrs returns the constant addresses the test waits on, which a
// runner notifies to end a stuck wait.
func waitAddrs(p *plan) []uint32 {
	seen := map[uint32]bool{}
	out := []uint32{}
	for in, args := range p.operands {
		if a := in.Op.Info().Access; a != nil && a.Kind == wasm.AccessWait && args[0].known {
			addr := uint32(args[0].v + uint64(in.Mem.Offset))
			if !seen[addr] {
				seen[addr] = true
				out = append(out, addr)
			}
		}
	}
	return out
}

// keysOf returns the raw keys of r whose outcome over names is o, in hex,
// with the locals of stuck threads zeroed.
func (r *Result) keysOf(names []litmus.Loc, o model.Outcome) []string {
	strs := locStrings(names)
	want := o.String()
	seen := map[string]bool{}
	keys := []string{}
	for key := range r.raw {
		ro, err := r.h.decodeKey(key)
		if err != nil || r.h.outcome(ro, r.Names).Over(strs).String() != want {
			continue
		}
		k := []byte(key)
		off := 0
		for t, n := range r.h.Locals {
			if ro.status[t] == statusStuck {
				clear(k[off+1 : off+1+8*n])
			}
			off += 1 + 8*n
		}
		if s := hex.EncodeToString(k); !seen[s] {
			seen[s] = true
			keys = append(keys, s)
		}
	}
	return keys
}

// countOf counts the runs of r whose outcome over names is one of os.
func countOf(r *Result, names []litmus.Loc, os []model.Outcome) int {
	n := 0
	for _, c := range r.Over(names) {
		for _, o := range os {
			if model.Compare(c.Outcome, o) == 0 {
				n += c.N
			}
		}
	}
	return n
}
