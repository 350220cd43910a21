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
	{"deno", "V8 through deno, as a subprocess", "run npm install deno in this directory or one above it (wmm finds node_modules/@deno/<platform>/deno), put deno on the PATH, or set WMM_DENO to the deno executable"},
	{"bun", "JavaScriptCore through bun, as a subprocess", "run npm install bun in this directory or one above it (wmm finds node_modules/bun/bin/bun.exe, where bun's postinstall puts the binary), put bun on the PATH, or set WMM_BUN to the bun executable"},
	{"wasmtime", "wasmtime (Cranelift) in process through wasmtime-go", "build wmm with cgo and the wasmtime tag: go build -tags wasmtime ./cmd/wmm"},
}

// jsPaths lists, for each JavaScript runtime, the environment variable
// that may name its executable and the places npm installs it.
var jsPaths = map[string]struct {
	env   string
	local []string
}{
	"node": {"WMM_NODE", nil},
	"deno": {"WMM_DENO", []string{
		"node_modules/@deno/linux-x64-glibc/deno", "node_modules/@deno/linux-arm64-glibc/deno",
		"node_modules/@deno/darwin-arm64/deno", "node_modules/@deno/darwin-x64/deno",
		"node_modules/deno/bin/deno"}},
	"bun": {"WMM_BUN", []string{
		// npm install bun: its postinstall replaces this placeholder by
		// the binary of the platform.
		"node_modules/bun/bin/bun.exe",
		"node_modules/@oven/bun-linux-x64/bin/bun", "node_modules/@oven/bun-linux-x64-baseline/bin/bun",
		"node_modules/@oven/bun-linux-aarch64/bin/bun", "node_modules/@oven/bun-darwin-aarch64/bin/bun",
		"node_modules/@oven/bun-darwin-x64/bin/bun"}},
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
	if path, ok := findLocal(p.local); ok {
		return path, nil
	}
	return "", fmt.Errorf("engine %s is not installed: %s", name, installHint(name))
}

// JSSearchDir, when not empty, is searched for node_modules before the
// current directory and its parents (tests set it to where they installed
// the runtimes).
var JSSearchDir string

// findLocal looks for one of the paths, relative to JSSearchDir, then the
// current directory and each directory above it, as node resolves
// node_modules. A file that is not an executable (bun's placeholder before
// its postinstall ran) does not count.
func findLocal(paths []string) (string, bool) {
	var dirs []string
	if JSSearchDir != "" {
		dirs = append(dirs, JSSearchDir)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			dirs = append(dirs, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, d := range dirs {
		for _, l := range paths {
			p := filepath.Join(d, l)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 && fi.Size() > 4096 {
				return p, true
			}
		}
	}
	return "", false
}

func installHint(name string) string {
	for _, e := range Engines {
		if e.Name == name {
			return e.Install
		}
	}
	return ""
}
