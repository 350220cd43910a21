package playground

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// WorkerPackage is the import path of the checker's main package.
const WorkerPackage = "wmm/playground/worker"

// Build builds the checker for the browser from the module's source in
// srcDir (the directory of go.mod) with the go command on PATH
// (GOOS=js GOARCH=wasm, stripped: -trimpath -ldflags=-s -w) and returns
// the site. wasm_exec.js comes from the same Go distribution.
func Build(ctx context.Context, srcDir string) (*Site, error) {
	tmp, err := os.MkdirTemp("", "wmm-playground-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, WasmFile)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, WorkerPackage)
	cmd.Dir = srcDir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the checker for the browser (GOOS=js GOARCH=wasm go build %s in %s): %v\n%s", WorkerPackage, srcDir, err, strings.TrimSpace(stderr.String()))
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	glue, err := wasmExec(ctx, srcDir)
	if err != nil {
		return nil, err
	}
	return NewSite(wasm, glue), nil
}

// wasmExec returns the wasm_exec.js of the Go distribution that go runs
// (lib/wasm since Go 1.24, misc/wasm before).
func wasmExec(ctx context.Context, dir string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOROOT")
	cmd.Dir = dir
	root, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %v", err)
	}
	var firstErr error
	for _, sub := range []string{"lib/wasm", "misc/wasm"} {
		data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), sub, WasmExecFile))
		if err == nil {
			return data, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// SourceDir returns the directory of wmm's source to build the checker
// from: the module of the current directory when it is wmm, else the one
// this package was compiled from when it is still there. The error says
// how to do without.
func SourceDir(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Path}} {{.Dir}}")
	if out, err := cmd.Output(); err == nil {
		if path, dir, ok := strings.Cut(strings.TrimSpace(string(out)), " "); ok && path == "wmm" {
			return dir, nil
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		dir := filepath.Dir(filepath.Dir(file))
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
	}
	return "", fmt.Errorf("the playground builds its checker from wmm's source with the go command: run wmm serve in a clone of wmm (or pass --src DIR)")
}
