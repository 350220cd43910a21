package engine

import (
	"encoding/json"
	"errors"
	"fmt"

	"wmm/wasm"
)

// HarnessJS returns harness.js, the JavaScript driver of the JS runners,
// which the playground also runs in the browser (playground/site/runner.js
// is its host there).
func HarnessJS() []byte { return harnessJS }

// A JSJob is a run of harness.js without files, as the playground's
// browser runner starts it: the configuration harness.js reads and the
// modules, which a JS runner would write next to it.
type JSJob struct {
	// Config is harness.js's configuration (the paths left empty).
	Config json.RawMessage `json:"config"`
	// Module is the harness module; WorkerModule the one the workers
	// instantiate (the same harness importing the memory when Module
	// defines it).
	Module       []byte `json:"module"`
	WorkerModule []byte `json:"workerModule"`
}

// NewJSJob returns the job that runs h with opts on harness.js.
func NewJSJob(h *Harness, opts Options) (*JSJob, error) {
	opts = opts.withDefaults()
	c := JS{}.config(h, opts, "")
	w, err := workerModule(h, opts)
	if err != nil {
		return nil, err
	}
	cfg, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return &JSJob{Config: cfg, Module: h.Module, WorkerModule: w}, nil
}

// SpinLimitFor returns the barrier's default spin limit for a test of
// threads threads on a machine of cores cores.
func SpinLimitFor(threads, cores int) uint32 {
	if threads > cores {
		// Some thread is always descheduled: spinning for it only burns
		// the time slice it needs.
		return oversubscribedSpinLimit
	}
	return defaultSpinLimit
}

// DecodeJS names the outcomes of the result harness.js reported for h
// ({"result": ...}, or its value) on the engine called name.
func DecodeJS(h *Harness, name string, result []byte) (*Result, error) {
	raw, err := decodeJS(h, result)
	if err != nil {
		return nil, err
	}
	res, err := h.Decode(raw)
	if err != nil {
		return nil, err
	}
	res.Engine = name
	res.Config = h.config()
	return res, nil
}

// decodeJS reads harness.js's result into a RawResult with raw keys.
func decodeJS(h *Harness, result []byte) (*RawResult, error) {
	var line struct {
		Result *jsResult `json:"result"`
		Error  string    `json:"error"`
	}
	if err := json.Unmarshal(result, &line); err != nil {
		return nil, fmt.Errorf("the harness's result: %v", err)
	}
	switch {
	case line.Error != "":
		return nil, errors.New(line.Error)
	case line.Result == nil:
		var res jsResult
		if err := json.Unmarshal(result, &res); err != nil {
			return nil, fmt.Errorf("the harness's result: %v", err)
		}
		line.Result = &res
	}
	return JS{Runtime: "browser"}.raw(h, line.Result)
}

// workerModule returns the module harness.js's workers instantiate: h's
// own, or when h defines the memory, the same harness importing it (the
// main thread instantiates the module, which defines and exports the
// memory; an instance cannot be shared between workers).
func workerModule(h *Harness, opts Options) ([]byte, error) {
	if h.MemoryMode != DefineMemory {
		return h.Module, nil
	}
	imp, err := Compile(h.Test, Options{Iterations: opts.Iterations, Batch: opts.Batch, Delay: opts.Delay, Stride: opts.Stride,
		SpinLimit: h.SpinLimit, MaxMemory: opts.MaxMemory, MemBudget: opts.MemBudget, Memory: ImportMemory, Stack: h.Stacked})
	if err != nil {
		return nil, err
	}
	return imp.Module, nil
}

// memoryProvider encodes the module that creates and exports the shared
// memory the harness imports.
func memoryProvider(h *Harness) ([]byte, error) {
	return wasm.Encode(&wasm.Module{HasMemory: true, Memory: wasm.Memory{Min: h.MemPages, Max: h.MemMax, HasMax: true, Shared: true, Export: "mem"}})
}
