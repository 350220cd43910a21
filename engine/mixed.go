package engine

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"wmm/js"
	"wmm/litmus"
	"wmm/model"
	"wmm/wasm"
)

//go:embed mixed.js
var mixedSrc []byte

// mixedJS is mixed.js with version.js.
var mixedJS = withVersion(mixedSrc)

// HasJS reports whether t has a JavaScript thread. (A test with host
// functions, HasHost, runs on the mixed runner too.)
func HasJS(t *litmus.Test) bool {
	return slices.ContainsFunc(t.Threads, func(th litmus.Thread) bool { return th.IsJS() })
}

// mixedIterations is the default number of iterations of a mixed test: each
// is a fresh memory and one message to every worker, so far slower than the
// batches of Run.
const mixedIterations = 2000

type mixedThread struct {
	JS     string   `json:"js,omitempty"`
	Locals int      `json:"locals"`
	Types  []string `json:"types,omitempty"`
}

type mixedAtom struct {
	Size  bool   `json:"size,omitempty"`
	Addr  uint32 `json:"addr"`
	Width int    `json:"width"`
}

type mixedConfig struct {
	ModulePath string        `json:"modulePath"`
	Pages      uint32        `json:"pages"`
	Max        uint32        `json:"max"`
	Init       [][2]uint64   `json:"init"`
	Setup      bool          `json:"setup"`
	Threads    []mixedThread `json:"threads"`
	Atoms      []mixedAtom   `json:"atoms"`
	Iterations int           `json:"iterations"`
	MaxDelay   int           `json:"maxDelay"`
	BudgetMs   int64         `json:"budgetMs"`
	Batch      int           `json:"batch"`
	// MemoryAPI names the methods of the memory-access API (feature
	// js-memory-api) that mixed.js installs on the memory of JS threads,
	// each calling the module's export "wmm_" + name (memoryAPIFuncs).
	MemoryAPI []string `json:"memoryAPI,omitempty"`
	// Host declares the test's functions in the scope of JS threads and
	// of the module's imports (hostLinks.prelude); HostNames are the JS
	// functions, which the module imports from "env".
	Host      string   `json:"host,omitempty"`
	HostNames []string `json:"hostNames,omitempty"`
}

type mixedResult struct {
	Result *struct {
		Counts     map[string]int `json:"counts"`
		Iterations int            `json:"iterations"`
		Dropped    int            `json:"dropped"`
		ElapsedMs  int64          `json:"elapsedMs"`
		Version    string         `json:"version"`
	} `json:"result"`
	Error string `json:"error"`
}

// runMixed runs a test with JavaScript threads on node, deno or bun (all
// three run mixed.js with node's worker_threads): each iteration a
// fresh shared memory, one worker per thread, JS threads as real
// JavaScript and Wasm threads as exported functions of one module
// (engine/mixed.js). It is simpler and much slower than the batch harness
// of Run, and refuses what it cannot observe faithfully.
func (j JS) runMixed(ctx context.Context, t *litmus.Test, opts Options) (*Result, error) {
	if err := refuseMemoryControl(t); err != nil {
		return nil, err
	}
	cfg := mixedConfig{Pages: t.Memory.Pages, Max: t.Memory.Max, Setup: t.Setup != nil, MaxDelay: 2000,
		Iterations: opts.Iterations}
	if cfg.Iterations <= 0 || cfg.Iterations == DefaultIterations {
		cfg.Iterations = mixedIterations
	}
	cfg.BudgetMs = 60000
	// A Wasm thread waiting forever holds up its batch until it is woken,
	// which batches of one allow.
	cfg.Batch = 100
	nwasm := 0
	for _, th := range t.Threads {
		if th.Code != nil && hasWaitOp(th.Code.Body) {
			cfg.Batch = 1
		}
		if th.Code != nil {
			nwasm++
		}
	}
	for _, f := range t.Functions {
		if f.Code != nil && hasWaitOp(f.Code.Body) || f.JS != nil && f.JS.HasWait {
			cfg.Batch = 1
		}
	}
	links := newHostLinks(t, nwasm)
	if HasHost(t) {
		cfg.Host, cfg.HostNames = links.prelude(), links.jsNames()
	}
	if opts.Budget > 0 {
		cfg.BudgetMs = opts.Budget.Milliseconds()
	}
	mod := &wasm.Module{HasMemory: true, Memory: wasm.Memory{Min: t.Memory.Pages, Max: t.Memory.Max, HasMax: true, Shared: true, ImportModule: "env", ImportName: "memory"},
		Imports: links.imports}
	for i, th := range t.Threads {
		if len(th.After) > 0 {
			return nil, &UnsupportedError{t.Name, "thread " + th.Name + " starts after others (after:); the mixed runner starts every thread at once"}
		}
		if th.IsJS() {
			cfg.Threads = append(cfg.Threads, mixedThread{JS: jsSource(th.JS), Locals: len(th.JS.Registers)})
			continue
		}
		code := *th.Code
		code.Body = links.relink(code.Body, code.Imports)
		f, types, err := exportLocals(&code, fmt.Sprintf("t%d", i))
		if err != nil {
			return nil, &UnsupportedError{t.Name, "thread " + th.Name + ": " + err.Error()}
		}
		mod.Funcs = append(mod.Funcs, *f)
		cfg.Threads = append(cfg.Threads, mixedThread{Locals: len(types), Types: types})
	}
	mod.Funcs = append(mod.Funcs, links.funcs()...)
	if t.Setup != nil {
		s := *t.Setup
		s.Export = "setup"
		mod.Funcs = append(mod.Funcs, s)
	}
	if usesMemoryAPI(t) {
		mod.Funcs = append(mod.Funcs, memoryAPIFuncs()...)
		for _, mm := range js.MemoryMethods {
			cfg.MemoryAPI = append(cfg.MemoryAPI, mm.Name)
		}
	}
	for _, in := range t.Init {
		for i := 0; i < in.Width; i++ {
			cfg.Init = append(cfg.Init, [2]uint64{uint64(in.Addr) + uint64(i), (in.Value >> (8 * i)) & 0xff})
		}
	}
	atoms := t.MemLocs()
	for _, a := range atoms {
		cfg.Atoms = append(cfg.Atoms, mixedAtom{Size: a.Kind == litmus.LocSize, Addr: a.Addr, Width: a.Width})
	}
	bin, err := wasm.Encode(mod)
	if err != nil {
		return nil, fmt.Errorf("test %s: encoding the mixed module: %w", t.Name, err)
	}
	dir, err := os.MkdirTemp("", "wmm-mixed-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cfg.ModulePath = filepath.Join(dir, "test.wasm")
	script, cfgPath := filepath.Join(dir, "mixed.cjs"), filepath.Join(dir, "config.json")
	data, _ := json.Marshal(cfg)
	for path, b := range map[string][]byte{cfg.ModulePath: bin, script: mixedJS, cfgPath: data} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return nil, err
		}
	}
	cmd := j.command(ctx, script, cfgPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res mixedResult
	if jerr := json.Unmarshal([]byte(lines[len(lines)-1]), &res); jerr != nil || res.Result == nil {
		return nil, fmt.Errorf("test %s on %s: %v %s %s", t.Name, j.Runtime, err, res.Error, lastLines(stderr.String(), 5))
	}
	return decodeMixed(t, j.Runtime, atoms, res)
}

// decodeMixed names the outcomes counted by mixed.js. A key is, per
// thread, "status:v1,v2,..." (status 0 done, 1 trapped, 2 stuck; values
// in decimal), then the atoms, joined by ";".
func decodeMixed(t *litmus.Test, engine string, atoms []litmus.Loc, mr mixedResult) (*Result, error) {
	r := mr.Result
	res := &Result{Test: t, Engine: engine, Iterations: r.Iterations, Dropped: r.Dropped, Elapsed: time.Duration(r.ElapsedMs) * time.Millisecond,
		Version: r.Version, Config: Config{Mode: "mixed"}, trapped: map[string]bool{}, stuck: map[string]bool{}}
	if r.Dropped > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d run(s) dropped: a Wasm thread with locals trapped or waited forever, so its locals were not observed", r.Dropped))
	}
	type raw struct {
		status []int
		values [][]uint64
		atoms  []uint64
	}
	var raws []raw
	var ns []int
	for key, n := range r.Counts {
		parts := strings.Split(key, ";")
		if len(parts) != len(t.Threads)+len(atoms) {
			return nil, fmt.Errorf("test %s: malformed outcome key %q", t.Name, key)
		}
		var x raw
		for i, th := range t.Threads {
			st, vals, _ := strings.Cut(parts[i], ":")
			s, err := strconv.Atoi(st)
			if err != nil {
				return nil, fmt.Errorf("test %s: malformed outcome key %q", t.Name, key)
			}
			var vs []uint64
			if vals != "" {
				for _, v := range strings.Split(vals, ",") {
					u, err := strconv.ParseUint(v, 10, 64)
					if err != nil {
						return nil, fmt.Errorf("test %s: malformed value %q", t.Name, v)
					}
					vs = append(vs, u)
				}
			}
			x.status, x.values = append(x.status, s), append(x.values, vs)
			res.trapped[th.Name] = res.trapped[th.Name] || s == 1
			res.stuck[th.Name] = res.stuck[th.Name] || s == 2
		}
		for _, p := range parts[len(t.Threads):] {
			u, err := strconv.ParseUint(p, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("test %s: malformed atom %q", t.Name, p)
			}
			x.atoms = append(x.atoms, u)
		}
		raws, ns = append(raws, x), append(ns, n)
	}
	res.Names = t.Names(res.Trapped, res.Stuck)
	index := map[string]int{}
	for i, x := range raws {
		o := make(model.Outcome, len(res.Names))
		for k, l := range res.Names {
			var v uint64
			switch l.Kind {
			case litmus.LocMem, litmus.LocSize:
				v = x.atoms[slices.Index(atoms, l)]
			default:
				ti := slices.IndexFunc(t.Threads, func(th litmus.Thread) bool { return th.Name == l.Thread })
				switch l.Kind {
				case litmus.LocTrap:
					v = b2u(x.status[ti] == 1)
				case litmus.LocStuck:
					v = b2u(x.status[ti] == 2)
				case litmus.LocLocal:
					if j, ok := t.Threads[ti].LocalIndex(l.Local); ok && j < len(x.values[ti]) {
						v = x.values[ti][j]
					}
				}
			}
			o[k] = model.Binding{Name: l.String(), Value: v}
		}
		s := o.String()
		if at, ok := index[s]; ok {
			res.Histogram[at].N += ns[i]
			continue
		}
		index[s] = len(res.Histogram)
		res.Histogram = append(res.Histogram, Count{o, ns[i]})
	}
	slices.SortFunc(res.Histogram, func(a, b Count) int { return model.Compare(a.Outcome, b.Outcome) })
	return res, nil
}

// exportLocals returns code as an exported function that returns all its
// locals at the end, and the locals' types. The body is wrapped in a
// block, so that a branch to the function's label ends the block; return
// is refused (it would skip the locals).
func exportLocals(code *wasm.Func, name string) (*wasm.Func, []string, error) {
	if hasOp(code.Body, wasm.OpReturn) {
		return nil, nil, fmt.Errorf("return is not supported by the mixed runner")
	}
	f := &wasm.Func{Name: name, Export: name, Locals: code.Locals}
	f.Body = []wasm.Instr{{Op: wasm.OpBlock, Body: code.Body}}
	var types []string
	for i, l := range code.Locals {
		f.Results = append(f.Results, l.Type)
		f.Body = append(f.Body, wasm.Instr{Op: wasm.OpLocalGet, Index: uint32(i)})
		types = append(types, l.Type.String())
	}
	return f, types, nil
}

func hasOp(body []wasm.Instr, op wasm.Op) bool {
	for _, in := range body {
		if in.Op == op || hasOp(in.Body, op) || hasOp(in.Else, op) {
			return true
		}
	}
	return false
}

// jsSource returns the body of the function mixed.js runs for a JS thread:
// the thread's code with its top-level declarations hoisted (so that the
// registers keep their values when an exception ends the thread), run in
// a try, returning the status and the registers encoded as outcomes are.
func jsSource(p *js.Program) string {
	var names []string
	var b strings.Builder
	at := 0
	for _, s := range p.Body {
		d, ok := s.(*js.Decl)
		if !ok {
			continue
		}
		b.WriteString(p.Src[at:d.Off])
		var assigns []string
		for i, v := range d.Vars {
			names = append(names, v.Name)
			init := "undefined"
			if d.Inits[i] != nil {
				init = "(" + p.Text(d.Inits[i].Extent()) + ")"
			}
			assigns = append(assigns, v.Name+" = "+init)
		}
		b.WriteString(strings.Join(assigns, ", ") + ";")
		at = d.End
	}
	b.WriteString(p.Src[at:])
	var regs []string
	for _, r := range p.Registers {
		regs = append(regs, "wmmEnc("+r.Name+")")
	}
	head := "'use strict';\n"
	if len(names) > 0 {
		head += "let " + strings.Join(names, ", ") + ";\n"
	}
	return head + "let wmmStatus = 0;\ntry {\n" + b.String() + "\n} catch (wmmE) { wmmStatus = wmmE && wmmE.stuck ? 2 : 1; }\n" +
		"return [wmmStatus, [" + strings.Join(regs, ", ") + "]];\n"
}

// RunsMixed reports whether Run runs t on r with the mixed runner (t has
// JS threads and r is a JS runtime) rather than compiling it into the
// harness.
func RunsMixed(t *litmus.Test, r Runner) bool {
	_, ok := r.(JS)
	return ok && (HasJS(t) || HasHost(t))
}

func hasWaitOp(body []wasm.Instr) bool {
	return hasOp(body, wasm.OpMemoryAtomicWait32) || hasOp(body, wasm.OpMemoryAtomicWait64)
}
