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
	c.Defined = h.MemoryMode == DefineMemory
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

// DecodeJS reads the result harness.js reported ({"result": ...}'s value,
// or the whole line) into a RawResult with raw keys.
func DecodeJS(h *Harness, result []byte) (*RawResult, error) {
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
		SpinLimit: h.SpinLimit, MaxMemory: opts.MaxMemory, MemBudget: opts.MemBudget, Memory: ImportMemory})
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
