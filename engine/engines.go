package engine

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// An EngineInfo describes an engine wmm knows.
type EngineInfo struct {
	Name string
	Doc  string
	// Install says how to make the engine available.
	Install string
}

// Engines lists the engines --engine accepts, the default first.
var Engines = []EngineInfo{
	{"wazero", "wazero's optimizing compiler, in process (needs nothing installed)", ""},
	{"wazero-interp", "wazero's interpreter, in process; its atomics take a lock", ""},
	{"node", "V8 through node and worker_threads, as a subprocess", "install Node.js 18 or newer so that node is on the PATH (for example apt-get install nodejs)"},
	{"deno", "V8 through deno, as a subprocess", "npm install @deno/linux-x64-glibc, then put node_modules/@deno/linux-x64-glibc on the PATH (or set WMM_DENO to the deno executable)"},
	{"bun", "JavaScriptCore through bun, as a subprocess", "npm install @oven/bun-linux-x64, then put node_modules/@oven/bun-linux-x64/bin on the PATH (or set WMM_BUN to the bun executable)"},
	{"wasmtime", "wasmtime (Cranelift) in process through wasmtime-go", "build wmm with cgo and the wasmtime tag: go build -tags wasmtime ./cmd/wmm"},
}

// jsPaths lists, for each JavaScript runtime, the environment variable
// that may name its executable and the places npm installs it.
var jsPaths = map[string]struct {
	env   string
	local []string
}{
	"node": {"WMM_NODE", nil},
	"deno": {"WMM_DENO", []string{"node_modules/@deno/linux-x64-glibc/deno"}},
	"bun":  {"WMM_BUN", []string{"node_modules/@oven/bun-linux-x64/bin/bun"}},
}

// newWasmtime is set by wasmtime.go when wmm is built with the wasmtime
// tag.
var newWasmtime func() Runner

// Lookup returns the runner of the engine called name, or an error that
// says why it is not available and how to make it so.
func Lookup(name string) (Runner, error) {
	switch name {
	case "wazero", "":
		return Wazero{}, nil
	case "wazero-interp":
		return Wazero{Interpreter: true}, nil
	case "wasmtime":
		if newWasmtime == nil {
			return nil, fmt.Errorf("engine wasmtime is not built into this wmm: %s", installHint(name))
		}
		return newWasmtime(), nil
	case "node", "deno", "bun":
		path, err := findJS(name)
		if err != nil {
			return nil, err
		}
		return JS{Runtime: name, Path: path}, nil
	}
	var names []string
	for _, e := range Engines {
		names = append(names, e.Name)
	}
	return nil, fmt.Errorf("unknown engine %q: expected one of %s", name, strings.Join(names, ", "))
}

// findJS finds the executable of a JavaScript runtime.
func findJS(name string) (string, error) {
	p := jsPaths[name]
	if v := os.Getenv(p.env); v != "" {
		if _, err := os.Stat(v); err != nil {
			return "", fmt.Errorf("engine %s: %s=%s: %v", name, p.env, v, err)
		}
		return v, nil
	}
	if path, err := exec.LookPath(name); err == nil {
		return path, nil
	}
	for _, l := range p.local {
		if abs, err := filepath.Abs(l); err == nil {
			if _, err := os.Stat(abs); err == nil {
				return abs, nil
			}
		}
	}
	return "", fmt.Errorf("engine %s is not installed: %s", name, installHint(name))
}

func installHint(name string) string {
	for _, e := range Engines {
		if e.Name == name {
			return e.Install
		}
	}
	return ""
}
