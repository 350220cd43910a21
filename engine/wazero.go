//go:build !js

package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/sys"
)

// Run implements Runner.
func (w Wazero) Run(ctx context.Context, h *Harness, opts Options) (*RawResult, error) {
	opts = opts.withDefaults()
	eng, err := newWazeroEngine(ctx, h, w.Interpreter)
	if err != nil {
		return nil, err
	}
	defer eng.r.Close(ctx)
	return runGo(ctx, eng, h, opts)
}

// wazeroEngine holds a runtime and the compiled harness.
type wazeroEngine struct {
	r           wazero.Runtime
	harness     wazero.CompiledModule
	memProvider wazero.CompiledModule // for an imported memory
	interp      bool
	h           *Harness
}

func newWazeroEngine(ctx context.Context, h *Harness, interp bool) (*wazeroEngine, error) {
	cfg := wazero.NewRuntimeConfigCompiler()
	if interp {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	// Batch mode cancels through the harness's cancel word. Wazero's own
	// cancellation checks call out of the compiled code at every loop
	// head, which made the delay and barrier loops a thousand times
	// slower; only isolated mode, which has no cancel word, uses them.
	cfg = cfg.WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesThreads).WithCloseOnContextDone(h.Isolated)
	e := &wazeroEngine{r: wazero.NewRuntimeWithConfig(ctx, cfg), interp: interp, h: h}
	var err error
	if e.harness, err = e.r.CompileModule(ctx, h.Module); err != nil {
		e.r.Close(ctx)
		return nil, fmt.Errorf("wazero: compiling the harness of %s: %w", h.Test.Name, err)
	}
	if h.MemoryMode == ImportMemory {
		mem, err := memoryProvider(h)
		if err == nil {
			e.memProvider, err = e.r.CompileModule(ctx, mem)
		}
		if err != nil {
			e.r.Close(ctx)
			return nil, fmt.Errorf("wazero: the memory module: %w", err)
		}
	}
	return e, nil
}

func (e *wazeroEngine) version() string {
	v := "wazero"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/tetratelabs/wazero" {
				v += " " + d.Version
			}
		}
	}
	if e.interp {
		return v + " (interpreter)"
	}
	return v + " (compiler)"
}

// instantiate creates the memory and the instances: with an imported
// memory, one harness instance per thread (as threads would be in a
// browser); with a defined one, a single instance whose functions each
// thread calls through its own api.Function.
func (e *wazeroEngine) instantiate(ctx context.Context) (goInstance, error) {
	ctx = withAllocator(ctx)
	anon := wazero.NewModuleConfig().WithName("")
	wi := &wazeroInstance{}
	if e.memProvider == nil {
		m, err := e.r.InstantiateModule(ctx, e.harness, anon)
		if err != nil {
			return nil, fmt.Errorf("wazero: instantiating the harness: %w", err)
		}
		wi.mods = []api.Module{m}
		return wi, nil
	}
	provider, err := e.r.InstantiateModule(ctx, e.memProvider, anon)
	if err != nil {
		return nil, fmt.Errorf("wazero: creating the memory: %w", err)
	}
	wi.provider = provider
	rctx := experimental.WithImportResolver(ctx, func(name string) api.Module {
		if name == "env" {
			return provider
		}
		return nil
	})
	for range e.h.Locals {
		m, err := e.r.InstantiateModule(rctx, e.harness, anon)
		if err != nil {
			wi.close()
			return nil, fmt.Errorf("wazero: instantiating the harness: %w", err)
		}
		wi.mods = append(wi.mods, m)
	}
	return wi, nil
}

// wazeroInstance is the memory and the harness instances of one
// instantiation.
type wazeroInstance struct {
	provider api.Module
	mods     []api.Module
}

func (wi *wazeroInstance) mem() []byte {
	m := wi.mods[0].Memory()
	b, _ := m.Read(0, m.Size())
	return b
}

// fn returns thread k's function from instance k (with an imported
// memory), anything else from instance 0.
func (wi *wazeroInstance) fn(name string) (goFunc, error) {
	mod := wi.mods[0]
	var k int
	if _, err := fmt.Sscanf(name, "t%d", &k); err == nil && k < len(wi.mods) {
		mod = wi.mods[k]
	}
	f := mod.ExportedFunction(name)
	if f == nil {
		return nil, fmt.Errorf("wazero: the harness has no function %s", name)
	}
	def := f.Definition()
	results := def.ResultTypes()
	stack := make([]uint64, max(len(def.ParamTypes()), len(results)))
	return func(ctx context.Context, params []uint64) ([]uint64, error) {
		copy(stack, params)
		if err := f.CallWithStack(ctx, stack); err != nil {
			return nil, err
		}
		out := make([]uint64, len(results))
		for i, t := range results {
			out[i] = stack[i]
			if t == api.ValueTypeI32 {
				// The compiler leaves garbage in the upper half.
				out[i] = uint64(api.DecodeU32(stack[i]))
			}
		}
		return out, nil
	}, nil
}

func (wi *wazeroInstance) global(t int, name string) (uint64, error) {
	mod := wi.mods[0]
	if t < len(wi.mods) {
		mod = wi.mods[t]
	}
	g := mod.ExportedGlobal(name)
	if g == nil {
		return 0, fmt.Errorf("wazero: the harness has no global %s", name)
	}
	return g.Get(), nil
}

// trap recognises wazero's runtime errors, which it reports as
// "wasm error: ..." (out of bounds memory access, unaligned atomic, ...).
func (wi *wazeroInstance) trap(err error) bool {
	var exit *sys.ExitError
	return !errors.As(err, &exit) && strings.HasPrefix(err.Error(), "wasm error:")
}

func (wi *wazeroInstance) close() {
	ctx := context.Background()
	for _, m := range wi.mods {
		m.Close(ctx)
	}
	if wi.provider != nil {
		wi.provider.Close(ctx)
	}
}
