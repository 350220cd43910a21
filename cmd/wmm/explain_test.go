package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplainGraphCommands runs wmm explain and wmm graph in process on
// tests of the bundled catalogue and compares exit status, standard output
// and standard error with testdata/NAME.golden (go test -update rewrites
// them).
func TestExplainGraphCommands(t *testing.T) {
	checkCommands(t, "", nil, []commandCase{
		{"explain-sb+sc", []string{"explain", "--catalog", "SB+sc"}},
		{"explain-mp+sc", []string{"explain", "--catalog", "MP+sc"}},
		{"explain-lb+sc", []string{"explain", "--catalog", "LB+sc"}},
		{"explain-sb", []string{"explain", "--catalog", "SB"}},
		{"explain-tear", []string{"explain", "--catalog", "Tear+i32+setup", "--outcome", "T1:r0=0x02020101"}},
		{"explain-tear-limit", []string{"explain", "--catalog", "Tear+i32+2stores", "--limit", "2"}},
		{"explain-wait", []string{"explain", "--catalog", "Wait+notify+plainflag"}},
		{"explain-ddagger", []string{"explain", "--catalog", "SCDRF+ddagger"}},
		{"explain-json", []string{"explain", "--json", "--catalog", "MP+sc"}},
		{"explain-json-allowed", []string{"explain", "--json", "--catalog", "SB"}},
		{"explain-file", []string{"explain", "testdata/mp.yaml", "--test", "MP+sc", "--model", "sc"}},
		{"explain-no-test", []string{"explain", "testdata/mp.yaml", "--test", "nosuch"}},
		{"explain-bad-outcome", []string{"explain", "--catalog", "SB", "--outcome", `T9:r0=1 /\ T1:rx=1`}},
		{"explain-syntax-outcome", []string{"explain", "--catalog", "SB", "--outcome", `T0:r0=`}},
		// Issue 14: an unknown catalogue name as every command reports it.
		{"explain-catalog-unknown", []string{"explain", "--catalog", "SBsc"}},
		// Issue 14: the loader's rule for literals, not a second one.
		{"explain-wide-outcome", []string{"explain", "--catalog", "SB+sc", "--outcome", `T0:r0=0x1_0000_0000 /\ T1:r0=0`}},
		{"explain-no-files", []string{"explain"}},
		{"graph-mp+sc-svg", []string{"graph", "--catalog", "MP+sc", "-o", "-"}},
		{"graph-sb+sc-dot", []string{"graph", "--catalog", "SB+sc", "--format", "dot", "-o", "-"}},
		{"graph-wait-svg", []string{"graph", "--catalog", "Wait+notify+plainflag", "-o", "-"}},
		{"graph-grow-dot", []string{"graph", "--all", "--catalog", "Grow+2stores", "--format", "dot", "-o", "-"}},
		{"graph-grow-svg", []string{"graph", "--catalog", "Grow+2stores", "-o", "-"}},
		{"graph-too-many", []string{"graph", "--all", "--catalog", "SB", "-o", "-"}},
		{"graph-bad-format", []string{"graph", "--catalog", "SB", "--format", "png"}},
	})
}

// TestGraphFiles checks that wmm graph writes one file per graph, named
// after the test, and lists them.
func TestGraphFiles(t *testing.T) {
	dir := t.TempDir()
	args := []string{"graph", "--all", "--catalog", "SB+sc", "-o", dir}
	out := runGolden(args)
	for i := 1; i <= 3; i++ {
		path := filepath.Join(dir, "SB+sc-"+string(rune('0'+i))+".svg")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v; output:\n%s", err, out)
		}
		if !strings.HasPrefix(string(data), "<svg ") || !strings.Contains(out, path+": SB+sc: ") {
			t.Errorf("%s: not an SVG graph, or not listed:\n%s", path, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "SB+sc-4.svg")); err == nil {
		t.Errorf("a fourth graph for three allowed outcomes")
	}
}

// TestGraphDotSVG checks --dot-svg: an SVG drawn by graphviz where dot is
// installed, a clear error where it is not.
func TestGraphDotSVG(t *testing.T) {
	out := runGolden([]string{"graph", "--catalog", "MP+sc", "--dot-svg", "-o", "-"})
	if _, err := exec.LookPath("dot"); err != nil {
		if !strings.Contains(out, "exit 2") || !strings.Contains(out, "--dot-svg needs graphviz's dot, which is not installed") {
			t.Errorf("without dot, --dot-svg does not say so:\n%s", out)
		}
		return
	}
	if !strings.Contains(out, "exit 0") || !strings.Contains(out, "<svg") {
		t.Errorf("dot did not draw the graph:\n%s", out)
	}
}
