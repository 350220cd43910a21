// Package deps holds the test of the import rules of docs/DESIGN.md, in
// the manner of Go's go/build/deps_test.go: each package of wmm may import
// the standard library and what the table below allows, nothing else. A new
// package is an error until it has a row; a new import outside the table
// is an error until DESIGN.md and the table say why it is needed.
package deps

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// allowed lists, for each package of the module (relative to its root),
// the non-standard packages it may import: other packages of the module
// (relative) and third-party ones (full path, a prefix). It is the table
// of docs/DESIGN.md, "Packages".
var allowed = map[string][]string{
	"position":            {},
	"budget":              {},
	"wasm":                {"position"},
	"model":               {},
	"axioms":              {"model"},
	"interp":              {"wasm", "model"},
	"js":                  {"github.com/dop251/goja/"},
	"jsinterp":            {"interp", "js", "model", "wasm"},
	"litmus":              {"position", "model", "wasm", "js", "gopkg.in/yaml.v3"},
	"wast":                {"litmus", "wasm", "model", "position"},
	"enumerate":           {"budget", "internal/parallel", "interp", "jsinterp", "model", "litmus", "wasm"},
	"engine":              {"model", "wasm", "litmus", "js", "github.com/tetratelabs/wazero", "github.com/bytecodealliance/wasmtime-go"},
	"conform":             {"engine", "enumerate", "litmus", "model"},
	"catalog":             {"litmus"},
	"gen":                 {"internal/parallel", "litmus", "position"},
	"suite":               {"axioms", "enumerate", "internal/parallel", "litmus", "model", "reports"},
	"campaign":            {"axioms", "budget", "conform", "engine", "enumerate", "internal/parallel", "litmus", "model", "reports", "suite"},
	"reports":             {"budget", "model", "litmus", "enumerate", "engine", "conform", "catalog"},
	"playground":          {"engine"},
	"playground/checker":  {"axioms", "budget", "catalog", "conform", "engine", "enumerate", "litmus", "model", "position", "reports", "suite"},
	"playground/worker":   {"budget", "playground/checker"},
	"cmd/wmm":             {"*"},
	"internal/golden":     {"github.com/google/go-cmp"},
	"internal/litmustest": {"catalog", "litmus"},
	"internal/parallel":   {},
	"internal/deps":       {},
}

// forbidden lists imports that the table would allow by accident of a
// prefix or a "*", but that DESIGN.md forbids outright.
var forbidden = map[string][]string{
	// The comparison with the model must not be circular: an engine never
	// sees the model's side.
	"engine": {"interp", "enumerate", "axioms"},
}

// configs are the build configurations checked: the default one, the
// one with the wasmtime backend (engine/wasmtime.go, -tags wasmtime) and
// the browser's (the playground's checker, GOOS=js GOARCH=wasm).
var configs = []struct {
	tags         []string
	goos, goarch string
}{
	{nil, "", ""},
	{[]string{"wasmtime", "cgo"}, "", ""},
	{nil, "js", "wasm"},
}

const module = "wmm"

// browserLeavesOut is what no package imports for GOOS=js: the
// playground's checker compiles harnesses for the browser's own engine
// and has no use for wazero, a large part of the binary.
const browserLeavesOut = "github.com/tetratelabs/wazero"

func TestImportRules(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	pkgs := packages(t, root)
	for _, rel := range pkgs {
		rules, ok := allowed[rel]
		if !ok {
			t.Errorf("package %s has no row in the import rules (internal/deps, docs/DESIGN.md)", rel)
			continue
		}
		for _, c := range configs {
			tags := c.tags
			ctx := build.Default
			ctx.BuildTags = tags
			ctx.CgoEnabled = c.goos == ""
			if c.goos != "" {
				ctx.GOOS, ctx.GOARCH = c.goos, c.goarch
			}
			p, err := ctx.ImportDir(filepath.Join(root, rel), 0)
			if err != nil {
				if _, ok := err.(*build.NoGoError); ok {
					continue
				}
				t.Fatalf("%s: %v", rel, err)
			}
			for _, imp := range p.Imports {
				if why := check(rel, imp, rules); why != "" {
					t.Errorf("%s (tags %v) imports %s: %s", rel, tags, imp, why)
				}
				if c.goos == "js" && strings.HasPrefix(imp, browserLeavesOut) {
					t.Errorf("%s imports %s for GOOS=js: the browser's checker leaves wazero out (engine/wazero.go is built for !js)", rel, imp)
				}
			}
		}
	}
	for rel := range allowed {
		if !slices.Contains(pkgs, rel) {
			t.Errorf("the import rules name package %s, which does not exist", rel)
		}
	}
}

// check returns why pkg may not import imp, or "".
func check(pkg, imp string, rules []string) string {
	if imp == "C" || !strings.Contains(strings.Split(imp, "/")[0], ".") && !strings.HasPrefix(imp, module+"/") {
		return "" // the standard library (and cgo)
	}
	rel := strings.TrimPrefix(imp, module+"/")
	if rel == "cmd/wmm" {
		return "nothing imports the command"
	}
	if slices.Contains(forbidden[pkg], rel) {
		return "forbidden by DESIGN.md"
	}
	for _, r := range rules {
		if r == "*" || r == rel || strings.Contains(r, ".") && strings.HasPrefix(imp, r) {
			return ""
		}
	}
	return "not in its row of the import rules (internal/deps, docs/DESIGN.md)"
}

// packages returns the directories of the module that hold Go files,
// relative to root, except testdata and hidden ones.
func packages(t *testing.T, root string) []string {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".go") {
			rel, _ := filepath.Rel(root, filepath.Dir(path))
			seen[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// TestCheck checks the rule checker itself on imports it must refuse.
func TestCheck(t *testing.T) {
	for _, c := range []struct {
		pkg, imp string
		ok       bool
	}{
		{"wasm", "fmt", true},
		{"wasm", "wmm/position", true},
		{"wasm", "wmm/litmus", false},
		{"model", "gopkg.in/yaml.v3", false},
		{"engine", "wmm/enumerate", false},
		{"engine", "github.com/tetratelabs/wazero/api", true},
		{"cmd/wmm", "wmm/engine", true},
		{"reports", "wmm/cmd/wmm", false},
	} {
		if got := check(c.pkg, c.imp, allowed[c.pkg]) == ""; got != c.ok {
			t.Errorf("check(%s imports %s) = %v, want %v", c.pkg, c.imp, got, c.ok)
		}
	}
}
