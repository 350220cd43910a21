// Standalone reproducer: store buffering across memory.atomic.notify on
// wasmtime (Cranelift) through wasmtime-go v39, written by hand, with
// nothing of wmm in it. It needs cgo (wasmtime-go ships the static
// library):
//
//	go run . [-n ITERATIONS]
//
// The same module and variants as ../main.go (see ../sb.wat). A store is
// single-threaded, so the memory lives in its own store and each thread
// instantiates sb.wasm in a store of its own with that memory imported.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/bytecodealliance/wasmtime-go/v39"
)

const (
	slots   = 4096
	stride  = 256
	results = 0x2000000
	perRes  = 0x800000
)

type thread struct {
	store *wasmtime.Store
	inst  *wasmtime.Instance
}

func (t thread) call(name string, args ...any) int32 {
	v, err := t.inst.GetFunc(t.store, name).Call(t.store, args...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if v == nil {
		return 0
	}
	return v.(int32)
}

func main() {
	n := flag.Int("n", 200000, "iterations of each variant")
	batch := flag.Int("batch", 10000, "iterations per call")
	dmask := flag.Int("dmask", 511, "largest random delay after the barrier (a mask)")
	flag.Parse()
	cfg := wasmtime.NewConfig()
	cfg.SetWasmThreads(true)
	eng := wasmtime.NewEngineWithConfig(cfg)
	sbWasm, err := os.ReadFile("../sb.wasm")
	check(err)
	memWasm, err := os.ReadFile("../mem.wasm")
	check(err)
	mod, err := wasmtime.NewModule(eng, sbWasm)
	check(err)
	memMod, err := wasmtime.NewModule(eng, memWasm)
	check(err)
	memStore := wasmtime.NewStore(eng)
	memInst, err := wasmtime.NewLinker(eng).Instantiate(memStore, memMod)
	check(err)
	mem := memInst.GetExport(memStore, "mem")
	var ts [3]thread // two threads and the host's
	for k := range ts {
		s := wasmtime.NewStore(eng)
		l := wasmtime.NewLinker(eng)
		check(l.Define(s, "env", "mem", mem))
		inst, err := l.Instantiate(s, mod)
		check(err)
		ts[k] = thread{s, inst}
	}
	host := ts[2]
	fmt.Printf("wasmtime-go v39.0.1 (Cranelift), %d CPUs, %d iterations per variant\n", runtime.NumCPU(), *n)
	for _, v := range []string{"Plain", "Notify0", "Notify1", "Fence"} {
		counts := [4]int{}
		for done := 0; done < *n; done += *batch {
			b := min(*batch, *n-done)
			host.call("clear", int32(slots), int32(b*stride))
			host.call("clear", int32(results), int32(4*b))
			host.call("clear", int32(results+perRes), int32(4*b))
			var wg sync.WaitGroup
			for k := 0; k < 2; k++ {
				wg.Add(1)
				go func(k int) {
					defer wg.Done()
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					ts[k].call("run"+v, int32(k), int32(b), int32(done*7+1), int32(*dmask))
				}(k)
			}
			wg.Wait()
			for i := 0; i < b; i++ {
				r0 := host.call("load", int32(results+4*i))
				r1 := host.call("load", int32(results+perRes+4*i))
				counts[r0<<1|r1]++
			}
		}
		verdict := "forbidden"
		if v == "Plain" {
			verdict = "allowed"
		}
		fmt.Printf("SB %-8s (0,0) %7d   (0,1) %7d   (1,0) %7d   (1,1) %7d   [(0,0) %s]\n", v, counts[0], counts[1], counts[2], counts[3], verdict)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
