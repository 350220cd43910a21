// The wazero runner of the reproducers that wmm validate --repro writes
// (one per directory it writes them to: each finding's directory holds
// only its data). It needs nothing but Go and wazero:
//
//	go run . [-n ITERATIONS] [-interp] FINDING-DIR
//
// FINDING-DIR holds the test (test.wasm, text: test.wat), with one function
// t<k>(seed, delay) per thread of the test, importing its shared memory
// from mem.wasm, and config.json: the test's threads, locals, initial
// values, the memory atoms of its outcome, and the raw keys of the
// outcomes the WebAssembly memory model forbids. Every iteration makes a
// fresh memory (or resets a shared one), writes the initial values,
// instantiates the test once per thread, starts one goroutine per thread
// behind a spin gate and builds the outcome from what each thread returns
// (or the globals l<k>_<j> that mirror its locals when wazero traps) and
// from the memory. It prints how often each forbidden outcome appeared.
package main

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

type write struct {
	Addr  uint32 `json:"addr"`
	Width int    `json:"width"`
	Value uint64 `json:"value,string"`
}

type atom struct {
	Size  bool   `json:"size"`
	Addr  uint32 `json:"addr"`
	Width int    `json:"width"`
}

var cfg struct {
	Test       string   `json:"test"`
	Locals     []int    `json:"locals"`
	Init       []write  `json:"init"`
	Atoms      []atom   `json:"atoms"`
	WaitAddrs  []uint32 `json:"waitAddrs"`
	Iterations int      `json:"iterations"`
	Fresh      bool     `json:"fresh"`
	Forbidden  []struct {
		Outcome string   `json:"outcome"`
		Keys    []string `json:"keys"`
	} `json:"forbidden"`
}

const (
	trapped = 2
	stuck   = 3
)

func main() {
	n := flag.Int("n", 0, "iterations (default: the finding's config.json)")
	interp := flag.Bool("interp", false, "use wazero's interpreter instead of its compiler")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run . [-n ITERATIONS] [-interp] FINDING-DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	b, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		panic(err)
	}
	if *n == 0 {
		*n = cfg.Iterations
	}
	ctx := context.Background()
	rc := wazero.NewRuntimeConfigCompiler()
	if *interp {
		rc = wazero.NewRuntimeConfigInterpreter()
	}
	r := wazero.NewRuntimeWithConfig(ctx, rc.WithCoreFeatures(api.CoreFeaturesV2|experimental.CoreFeaturesThreads))
	defer r.Close(ctx)
	test := compile(ctx, r, filepath.Join(dir, "test.wasm"))
	memMod := compile(ctx, r, filepath.Join(dir, "mem.wasm"))
	forbidden := map[string]string{}
	for _, f := range cfg.Forbidden {
		for _, k := range f.Keys {
			forbidden[k] = f.Outcome
		}
	}
	T := len(cfg.Locals)
	if runtime.GOMAXPROCS(0) < T+1 {
		runtime.GOMAXPROCS(T + 1)
	}
	counts := map[string]int{}
	others, stuckRuns := 0, 0
	start := time.Now()
	count := func(key []byte, anyStuck bool) {
		if anyStuck {
			stuckRuns++
		}
		if o, ok := forbidden[hex.EncodeToString(key)]; ok {
			counts[o]++
		} else {
			others++
		}
	}
	if cfg.Fresh {
		// The test grows the memory or reads its size: a fresh memory
		// and fresh instances every iteration.
		for i := range *n {
			count(iteration(ctx, r, test, memMod, i))
		}
	} else {
		shared(ctx, r, test, memMod, *n, count)
	}
	version := "wazero v1.12.0 (compiler)"
	if *interp {
		version = "wazero v1.12.0 (interpreter)"
	}
	fmt.Printf("%s on %s: %d iterations in %.1f s\n", cfg.Test, version, *n, time.Since(start).Seconds())
	for _, f := range cfg.Forbidden {
		fmt.Printf("forbidden %s: seen %d times\n", f.Outcome, counts[f.Outcome])
	}
	fmt.Printf("other outcomes: %d; iterations with a stuck thread: %d\n", others, stuckRuns)
}

func compile(ctx context.Context, r wazero.Runtime, file string) wazero.CompiledModule {
	b, err := os.ReadFile(file)
	if err != nil {
		panic(err)
	}
	m, err := r.CompileModule(ctx, b)
	if err != nil {
		panic(err)
	}
	return m
}

func seedDelay(i int) (uint64, uint64) {
	return uint64(uint32(i) * 0x9E3779B9), []uint64{1, 64, 512}[i%3]
}

// instantiate makes the memory (an instance of memMod) and one instance
// of the test per thread, and one more for setup and wake, all importing
// that memory.
func instantiate(ctx context.Context, r wazero.Runtime, test, memMod wazero.CompiledModule) (api.Module, []api.Module) {
	anon := wazero.NewModuleConfig().WithName("")
	provider, err := r.InstantiateModule(ctx, memMod, anon)
	if err != nil {
		panic(err)
	}
	rctx := experimental.WithImportResolver(ctx, func(name string) api.Module {
		if name == "env" {
			return provider
		}
		return nil
	})
	mods := make([]api.Module, len(cfg.Locals)+1)
	for k := range mods {
		if mods[k], err = r.InstantiateModule(rctx, test, anon); err != nil {
			panic(err)
		}
	}
	return provider, mods
}

// writeInit writes the test's initial values to mem.
func writeInit(mem api.Memory) {
	for _, w := range cfg.Init {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], w.Value)
		mem.Write(w.Addr, b[:w.Width])
	}
}

// call runs thread t's function fn once and returns its status and
// locals; when wazero traps, the status is trapped and the locals are
// read from the globals l<t>_<j> that mirror them.
func call(ctx context.Context, mod api.Module, t int, fn api.Function, seed, delay uint64) []uint64 {
	vals, err := fn.Call(ctx, seed, delay)
	if err == nil {
		return vals
	}
	if !strings.HasPrefix(err.Error(), "wasm error:") {
		panic(err)
	}
	vals = []uint64{trapped}
	for j := range cfg.Locals[t] {
		vals = append(vals, mod.ExportedGlobal(fmt.Sprintf("l%d_%d", t, j)).Get())
	}
	return vals
}

// shared runs n iterations on one memory and one instance per thread,
// each thread a goroutine. The threads meet at a barrier before every
// iteration; the last to arrive counts the previous iteration's outcome,
// resets the memory and releases the others, so that the threads start
// each iteration within a few hundred cycles of each other.
func shared(ctx context.Context, r wazero.Runtime, test, memMod wazero.CompiledModule, n int, count func([]byte, bool)) {
	provider, mods := instantiate(ctx, r, test, memMod)
	mem := provider.Memory()
	T := len(cfg.Locals)
	zero := make([]byte, mem.Size())
	setup := mods[T].ExportedFunction("setup")
	vals := make([][]uint64, T)
	inCall := make([]atomic.Bool, T)
	isStuck := make([]bool, T)
	anyStuck := false
	var mu sync.Mutex // guards isStuck and anyStuck
	reset := func() {
		mem.Write(0, zero)
		writeInit(mem)
		for t := range T {
			vals[t] = nil
			for j := range cfg.Locals[t] {
				mods[t].ExportedGlobal(fmt.Sprintf("l%d_%d", t, j)).(api.MutableGlobal).Set(0)
			}
		}
		if res, err := setup.Call(ctx); err != nil || res[0] != 1 {
			panic(fmt.Sprintf("the setup code does not complete: %v", err))
		}
	}
	record := func() {
		mu.Lock()
		count(outcomeKey(mem, vals, isStuck), anyStuck)
		clear(isStuck)
		anyStuck = false
		mu.Unlock()
	}
	reset()
	var arrived, gen atomic.Int32
	barrier := func(i int) {
		g := gen.Load()
		if arrived.Add(1) == int32(T) {
			if i > 0 {
				record()
				if i < n {
					reset()
				}
			}
			arrived.Store(0)
			gen.Add(1)
			return
		}
		for spins := 0; gen.Load() == g; spins++ {
			if spins%4096 == 4095 {
				runtime.Gosched()
			}
		}
	}
	stop := watchStuck(ctx, mods[T].ExportedFunction("wake"), gen.Load, inCall, func(t int) {
		mu.Lock()
		isStuck[t], anyStuck = true, true
		mu.Unlock()
	})
	eachThread(T, func(t int) {
		fn := mods[t].ExportedFunction(fmt.Sprintf("t%d", t))
		for i := range n {
			barrier(i)
			seed, delay := seedDelay(i)
			inCall[t].Store(true)
			v := call(ctx, mods[t], t, fn, seed, delay)
			inCall[t].Store(false)
			vals[t] = v
		}
		barrier(n)
	})
	stop()
}

// eachThread runs body(t) for every thread t of the test, each on its own
// goroutine locked to an OS thread, and returns when all have returned.
func eachThread(T int, body func(t int)) {
	var wg sync.WaitGroup
	for t := range T {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			body(t)
		}()
	}
	wg.Wait()
}

// watchStuck ends the waits that nothing wakes, when the test waits: once
// progress (a barrier's generation, a count of finished threads) has not
// moved for 500 ms, it marks stuck every thread still in its call and
// notifies every wait address, and again every 50 ms until progress
// moves. The function it returns stops it and returns once it stopped.
func watchStuck(ctx context.Context, wake api.Function, progress func() int32, inCall []atomic.Bool, mark func(t int)) (stop func()) {
	if len(cfg.WaitAddrs) == 0 {
		return func() {}
	}
	quit, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		last, since := progress(), time.Now()
		for {
			select {
			case <-quit:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if p := progress(); p != last {
				last, since = p, time.Now()
				continue
			}
			if time.Since(since) < 500*time.Millisecond {
				continue
			}
			for t := range inCall {
				if inCall[t].Load() {
					mark(t)
				}
			}
			for _, a := range cfg.WaitAddrs {
				wake.Call(ctx, uint64(a))
			}
		}
	}()
	return func() {
		close(quit)
		<-stopped
	}
}

// iteration runs the test once and returns its raw outcome key: per
// thread a status byte and its locals (8 bytes each, zero when stuck),
// then 8 bytes per memory atom.
func iteration(ctx context.Context, r wazero.Runtime, test, memMod wazero.CompiledModule, i int) ([]byte, bool) {
	provider, mods := instantiate(ctx, r, test, memMod)
	defer provider.Close(ctx)
	for _, m := range mods {
		defer m.Close(ctx)
	}
	mem := provider.Memory()
	writeInit(mem)
	T := len(cfg.Locals)
	if res, err := mods[T].ExportedFunction("setup").Call(ctx); err != nil || res[0] != 1 {
		panic(fmt.Sprintf("the setup code does not complete: %v", err))
	}
	var arrived, finished atomic.Int32
	vals := make([][]uint64, T)
	inCall := make([]atomic.Bool, T)
	isStuck := make([]bool, T)
	anyStuck := false
	var mu sync.Mutex // guards isStuck and anyStuck
	stop := watchStuck(ctx, mods[T].ExportedFunction("wake"), finished.Load, inCall, func(t int) {
		mu.Lock()
		isStuck[t], anyStuck = true, true
		mu.Unlock()
	})
	seed, delay := seedDelay(i)
	eachThread(T, func(t int) {
		fn := mods[t].ExportedFunction(fmt.Sprintf("t%d", t))
		arrived.Add(1)
		for arrived.Load() < int32(T) {
		}
		inCall[t].Store(true)
		vals[t] = call(ctx, mods[t], t, fn, seed, delay)
		inCall[t].Store(false)
		finished.Add(1)
	})
	stop()
	return outcomeKey(mem, vals, isStuck), anyStuck
}

// outcomeKey builds the raw outcome key of an iteration.
func outcomeKey(mem api.Memory, vals [][]uint64, isStuck []bool) []byte {
	var key []byte
	for t := range cfg.Locals {
		if isStuck[t] {
			key = append(key, stuck)
			key = append(key, make([]byte, 8*cfg.Locals[t])...)
			continue
		}
		key = append(key, byte(vals[t][0]))
		for j := range cfg.Locals[t] {
			key = binary.LittleEndian.AppendUint64(key, vals[t][1+j])
		}
	}
	size := mem.Size()
	for _, a := range cfg.Atoms {
		var v uint64
		if a.Size {
			v = uint64(size / 65536)
		} else if b, ok := mem.Read(a.Addr, uint32(a.Width)); ok {
			var buf [8]byte
			copy(buf[:], b)
			v = binary.LittleEndian.Uint64(buf[:])
		}
		key = binary.LittleEndian.AppendUint64(key, v)
	}
	return key
}
