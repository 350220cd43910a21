package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wmm/model"
)

// TestWriteRepro writes the reproducers of four deterministic tests (one
// of them traps) to one directory, each with the outcome wazero always
// shows as its "forbidden" outcome (WriteRepro reproduces what it is
// given), and checks the layout: the runners once in the directory, each
// finding's directory only its data. Then each runner runs each
// reproducer as its README says and must see the outcome every time: the
// wazero runner, built offline from the module cache (skipped when the
// cache lacks its modules), and the JS runner where node is installed.
func TestWriteRepro(t *testing.T) {
	dir := t.TempDir()
	var written []string
	for _, tc := range deterministic[:4] {
		test := loadTest(t, tc.yaml)
		res, err := Run(context.Background(), test, Wazero{}, Options{Iterations: 8, Batch: 8, Memory: ImportMemory})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Histogram) != 1 {
			t.Fatalf("%s: histogram %v, want one outcome", tc.name, histogram(res))
		}
		out, err := WriteRepro(dir, res, res.Names, []model.Outcome{res.Histogram[0].Outcome})
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, reproName(test.Name+"-wazero")); out != want {
			t.Errorf("WriteRepro returned %s, want %s", out, want)
		}
		written = append(written, out)
		var cfg reproConfig
		b, err := os.ReadFile(filepath.Join(out, "config.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &cfg); err != nil {
			t.Fatal(err)
		}
		if len(cfg.Forbidden) != 1 || cfg.Forbidden[0].Outcome != tc.want || len(cfg.Forbidden[0].Keys) != 1 {
			t.Errorf("%s: config.json forbidden %+v, want %q with one key", tc.name, cfg.Forbidden, tc.want)
		}
	}
	got := listFiles(t, dir)
	want := []string{"runner.cjs", "wazero-runner/go.mod", "wazero-runner/go.sum", "wazero-runner/main.go"}
	for _, out := range written {
		for _, f := range []string{"README.md", "config.json", "mem.wasm", "test.wasm", "test.wat"} {
			want = append(want, filepath.Base(out)+"/"+f)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files written:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// run runs, for each finding's directory, the command that args
	// returns, in the directory it returns.
	run := func(t *testing.T, args func(finding string) (dir string, argv []string)) {
		for i, out := range written {
			dir, a := args(out)
			cmd := exec.Command(a[0], a[1:]...)
			cmd.Dir = dir
			b, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s in %s: %v\n%s", cmd, dir, err, b)
			}
			if want := fmt.Sprintf("forbidden %s: seen 20 times\n", deterministic[i].want); !strings.Contains(string(b), want) {
				t.Errorf("%s in %s printed:\n%s\nwant a line %q", cmd, dir, b, want)
			}
		}
	}
	t.Run("wazero", func(t *testing.T) {
		goCmd, err := exec.LookPath("go")
		if err != nil {
			t.Skip(err)
		}
		bin := filepath.Join(t.TempDir(), "runner")
		build := exec.Command(goCmd, "build", "-o", bin, ".")
		build.Dir = filepath.Join(dir, "wazero-runner")
		build.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=")
		if b, err := build.CombinedOutput(); err != nil {
			if strings.Contains(string(b), "GOPROXY=off") {
				t.Skipf("the module cache lacks the runner's modules: %s", b)
			}
			t.Fatalf("go build in wazero-runner: %v\n%s", err, b)
		}
		run(t, func(out string) (string, []string) {
			return build.Dir, []string{bin, "-n", "20", filepath.Join("..", filepath.Base(out))}
		})
	})
	t.Run("node", func(t *testing.T) {
		r, err := Lookup("node")
		if err != nil {
			t.Skip(err)
		}
		// From the finding's own directory, as its README says.
		run(t, func(out string) (string, []string) {
			return out, []string{r.(JS).Path, "../runner.cjs", ".", "20"}
		})
	})
}

// listFiles returns the files under dir, relative to it, slash-separated
// and sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}
