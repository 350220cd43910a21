//go:build wasmtime && cgo

package engine

// The wasmtime backend (Cranelift), through wasmtime-go. It needs cgo;
// the module ships prebuilt static libraries, so `go build -tags wasmtime`
// works offline. A wasmtime Store is single-threaded, so each thread gets
// its own store and instance, all importing one shared memory that a
// memory-provider module created in a store of its own.

/*
#include <stdint.h>
#include <stddef.h>
typedef struct wasmtime_sharedmemory wasmtime_sharedmemory_t;
extern uint8_t *wasmtime_sharedmemory_data(const wasmtime_sharedmemory_t *memory);
extern size_t wasmtime_sharedmemory_data_size(const wasmtime_sharedmemory_t *memory);
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"unsafe"

	"github.com/bytecodealliance/wasmtime-go/v39"
)

func init() {
	newWasmtime = func() Runner { return Wasmtime{} }
}

// Wasmtime runs harnesses in this process on wasmtime (Cranelift).
type Wasmtime struct{}

// Name returns "wasmtime".
func (Wasmtime) Name() string { return "wasmtime" }

// Run implements Runner.
func (Wasmtime) Run(ctx context.Context, h *Harness, opts Options) (*RawResult, error) {
	opts = opts.withDefaults()
	if h.MemoryMode == DefineMemory {
		return nil, &UnsupportedError{h.Test.Name, "wasmtime: a store is single-threaded and wasmtime-go cannot pass a module's own shared memory to another store, so only an imported memory runs (--memory imported)"}
	}
	cfg := wasmtime.NewConfig()
	cfg.SetWasmThreads(true)
	cfg.SetEpochInterruption(true)
	e := &wasmtimeEngine{eng: wasmtime.NewEngineWithConfig(cfg), h: h}
	var err error
	if e.harness, err = wasmtime.NewModule(e.eng, h.Module); err != nil {
		return nil, fmt.Errorf("wasmtime: compiling the harness of %s: %w", h.Test.Name, err)
	}
	mem, err := memoryProvider(h)
	if err == nil {
		e.provider, err = wasmtime.NewModule(e.eng, mem)
	}
	if err != nil {
		return nil, fmt.Errorf("wasmtime: the memory module: %w", err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		// Epoch interruption cancels calls whose context is done.
		<-ctx.Done()
		select {
		case <-stop:
		default:
			e.eng.IncrementEpoch()
		}
	}()
	return runGo(ctx, e, h, opts)
}

type wasmtimeEngine struct {
	eng               *wasmtime.Engine
	harness, provider *wasmtime.Module
	h                 *Harness
}

func (e *wasmtimeEngine) version() string {
	v := "wasmtime"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/bytecodealliance/wasmtime-go/v39" {
				v += " (wasmtime-go " + d.Version + ")"
			}
		}
	}
	return v + " (Cranelift)"
}

// newStore returns a store whose calls a context's end can interrupt.
func (e *wasmtimeEngine) newStore() *wasmtime.Store {
	s := wasmtime.NewStore(e.eng)
	s.SetEpochDeadline(1)
	return s
}

func (e *wasmtimeEngine) instantiate(ctx context.Context) (goInstance, error) {
	wi := &wasmtimeInstance{}
	wi.memStore = e.newStore()
	pl := wasmtime.NewLinker(e.eng)
	p, err := pl.Instantiate(wi.memStore, e.provider)
	if err != nil {
		return nil, fmt.Errorf("wasmtime: creating the memory: %w", err)
	}
	wi.memory = p.GetExport(wi.memStore, "mem")
	// One store and instance per thread, and one more for setup and wake.
	for range len(e.h.Locals) + 1 {
		s := e.newStore()
		l := wasmtime.NewLinker(e.eng)
		if err := l.Define(s, "env", "mem", wi.memory); err != nil {
			return nil, fmt.Errorf("wasmtime: %w", err)
		}
		inst, err := l.Instantiate(s, e.harness)
		if err != nil {
			return nil, fmt.Errorf("wasmtime: instantiating the harness: %w", err)
		}
		wi.stores = append(wi.stores, s)
		wi.insts = append(wi.insts, inst)
	}
	return wi, nil
}

type wasmtimeInstance struct {
	memStore *wasmtime.Store
	memory   *wasmtime.Extern
	stores   []*wasmtime.Store
	insts    []*wasmtime.Instance
}

// mem returns the shared memory's bytes, through wasmtime's C API (the Go
// API has no type for shared memories).
func (wi *wasmtimeInstance) mem() []byte {
	ext := wi.memory.AsExtern()
	// A wasmtime_extern_t is a kind byte, then (8-aligned) the union whose
	// sharedmemory field is a pointer.
	raw := (*[16]byte)(unsafe.Pointer(&ext))
	sm := *(**C.wasmtime_sharedmemory_t)(unsafe.Pointer(&raw[8]))
	data := C.wasmtime_sharedmemory_data(sm)
	size := C.wasmtime_sharedmemory_data_size(sm)
	return unsafe.Slice((*byte)(unsafe.Pointer(data)), int(size))
}

// fn returns thread k's function from store k, anything else (setup,
// wake) from the extra store. A store is used by one goroutine at a time:
// the worker of its thread, or the driver (setup, before the threads run)
// and the watchdog (wake, while they run).
func (wi *wasmtimeInstance) fn(name string) (goFunc, error) {
	switch name {
	case "ctl", "setctl":
		// Any goroutine may use these at any time, which a store does
		// not allow; the memory is outside Go's heap, so Go atomics on
		// it race with nothing the race detector sees.
		mem := wi.mem()
		return func(_ context.Context, p []uint64) ([]uint64, error) {
			w := (*uint32)(unsafe.Pointer(&mem[p[0]]))
			if name == "ctl" {
				return []uint64{uint64(atomic.LoadUint32(w))}, nil
			}
			atomic.StoreUint32(w, uint32(p[1]))
			return nil, nil
		}, nil
	}
	k := len(wi.insts) - 1
	var t int
	if _, err := fmt.Sscanf(name, "t%d", &t); err == nil && t < k {
		k = t
	}
	store, inst := wi.stores[k], wi.insts[k]
	f := inst.GetFunc(store, name)
	if f == nil {
		return nil, fmt.Errorf("wasmtime: the harness has no function %s", name)
	}
	return func(ctx context.Context, params []uint64) ([]uint64, error) {
		args := make([]any, len(params))
		for i, p := range params {
			args[i] = int32(uint32(p))
		}
		out, err := f.Call(store, args...)
		if err != nil {
			return nil, err
		}
		return wasmtimeResults(out), nil
	}, nil
}

func wasmtimeResults(out any) []uint64 {
	switch v := out.(type) {
	case nil:
		return nil
	case int32:
		return []uint64{uint64(uint32(v))}
	case int64:
		return []uint64{uint64(v)}
	case []wasmtime.Val:
		res := make([]uint64, len(v))
		for i, x := range v {
			if x.Kind() == wasmtime.KindI32 {
				res[i] = uint64(uint32(x.I32()))
			} else {
				res[i] = uint64(x.I64())
			}
		}
		return res
	}
	return nil
}

func (wi *wasmtimeInstance) global(t int, name string) (uint64, error) {
	if t >= len(wi.insts)-1 {
		return 0, fmt.Errorf("wasmtime: no thread %d", t)
	}
	ext := wi.insts[t].GetExport(wi.stores[t], name)
	if ext == nil || ext.Global() == nil {
		return 0, fmt.Errorf("wasmtime: the harness has no global %s", name)
	}
	return uint64(ext.Global().Get(wi.stores[t]).I64()), nil
}

// trap recognises wasmtime's traps; an epoch interruption (cancellation)
// is one too, which the driver tells apart by its context.
func (wi *wasmtimeInstance) trap(err error) bool {
	var t *wasmtime.Trap
	return errors.As(err, &t)
}

// close drops the instance; the stores are freed when collected.
func (wi *wasmtimeInstance) close() {}
