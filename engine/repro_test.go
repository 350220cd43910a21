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

// TestWriteRepro writes the reproducers of two tests to one directory,
// each with the outcome wazero always shows as its "forbidden" outcome
// (WriteRepro reproduces what it is given), and checks the layout: the
// runners once in the directory, each finding's directory only its data.
// Where node is installed the JS runner then runs each from its own
// directory, as its README says, and must see the outcome every time.
func TestWriteRepro(t *testing.T) {
	dir := t.TempDir()
	var written []string
	for _, tc := range deterministic[:2] {
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

	r, err := Lookup("node")
	if err != nil {
		t.Skipf("not running the reproducers: %v", err)
	}
	for i, out := range written {
		cmd := exec.Command(r.(JS).Path, "../runner.cjs", ".", "20")
		cmd.Dir = out
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("node ../runner.cjs . 20 in %s: %v\n%s", out, err, b)
		}
		if want := fmt.Sprintf("forbidden %s: seen 20 times\n", deterministic[i].want); !strings.Contains(string(b), want) {
			t.Errorf("node ../runner.cjs . 20 in %s printed:\n%s\nwant a line %q", out, b, want)
		}
	}
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
