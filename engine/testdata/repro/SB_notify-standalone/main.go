// Standalone reproducer: store buffering across memory.atomic.notify on
// wazero, written by hand, with nothing of wmm in it.
//
//	go run . [-n ITERATIONS] [-interp]
//
// sb.wasm (text: sb.wat; its memory is mem.wasm's) runs SB in a loop behind a barrier, four ways:
// plain (the control: (0,0) is allowed and shows that the loop makes the
// threads race), with a memory.atomic.notify of count 0 or 1 between
// each thread's store and load (nobody waits, so it wakes nobody), and
// with atomic.fence. The WebAssembly memory model forbids (0,0) for the
// last three: notifies are suspension events, totally ordered per address
// and part of happens-before (threads proposal, C7), so one thread's
// store happens before the other's load. It prints how often each
// outcome appeared.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

//go:embed sb.wasm
var sbWasm []byte

//go:embed mem.wasm
var memWasm []byte

const (
	slots   = 4096
	stride  = 256
	results = 0x2000000
	perRes  = 0x800000
)

func main() {
	n := flag.Int("n", 200000, "iterations of each variant")
	batch := flag.Int("batch", 10000, "iterations per call")
	dmask := flag.Int("dmask", 511, "largest random delay after the barrier (a mask)")
	interp := flag.Bool("interp", false, "use wazero's interpreter instead of its compiler")
	flag.Parse()
	ctx := context.Background()
	cfg := wazero.NewRuntimeConfigCompiler()
	if *interp {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	r := wazero.NewRuntimeWithConfig(ctx, cfg.WithCoreFeatures(api.CoreFeaturesV2|experimental.CoreFeaturesThreads))
	defer r.Close(ctx)
	env, err := r.InstantiateWithConfig(ctx, memWasm, wazero.NewModuleConfig().WithName("env"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	mod, err := r.Instantiate(ctx, sbWasm)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wazero v1.12.0 (%s), %d CPUs, %d iterations per variant\n", map[bool]string{false: "compiler", true: "interpreter"}[*interp], runtime.NumCPU(), *n)
	for _, v := range []string{"Plain", "Notify0", "Notify1", "Fence"} {
		counts := [4]int{}
		for done := 0; done < *n; done += *batch {
			b := min(*batch, *n-done)
			mem := env.Memory()
			mem.Write(slots, make([]byte, b*stride))
			mem.Write(results, make([]byte, 4*b))
			mem.Write(results+perRes, make([]byte, 4*b))
			var wg sync.WaitGroup
			for k := 0; k < 2; k++ {
				wg.Add(1)
				go func(k int) {
					defer wg.Done()
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					// One api.Function per goroutine: a Function is not
					// safe for concurrent calls.
					fn := mod.ExportedFunction("run" + v)
					if _, err := fn.Call(ctx, uint64(k), uint64(b), uint64(done*7+1), uint64(*dmask)); err != nil {
						panic(err)
					}
				}(k)
			}
			wg.Wait()
			for i := 0; i < b; i++ {
				r0, _ := mem.ReadUint32Le(uint32(results + 4*i))
				r1, _ := mem.ReadUint32Le(uint32(results + perRes + 4*i))
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
