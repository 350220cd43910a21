package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGenFamily runs wmm gen --size 4 -o twice and checks that the same
// flags give the same files, that every file is a canonical litmus test
// (wmm fmt -l lists none) and that wmm check reads them all.
func TestGenFamily(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"gen", "--size", "4", "--threads", "3", "-o", d}, &stdout, &stderr); code != exitOK {
			t.Fatalf("wmm gen: exit %d: %s", code, stderr.String())
		}
		if !strings.Contains(stderr.String(), "wrote ") {
			t.Errorf("no summary on stderr: %q", stderr.String())
		}
	}
	names := func(d string) []string {
		es, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var ns []string
		for _, e := range es {
			ns = append(ns, e.Name())
		}
		return ns
	}
	a, b := names(dirs[0]), names(dirs[1])
	if !slices.Equal(a, b) || len(a) < 20 {
		t.Fatalf("the two runs wrote %d and %d files, or different names", len(a), len(b))
	}
	for _, n := range a {
		fa, _ := os.ReadFile(filepath.Join(dirs[0], n))
		fb, _ := os.ReadFile(filepath.Join(dirs[1], n))
		if !bytes.Equal(fa, fb) {
			t.Errorf("%s differs between the runs", n)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fmt", "-l", dirs[0]}, &stdout, &stderr); code != exitOK || stdout.Len() != 0 {
		t.Errorf("wmm fmt -l: exit %d, not canonical: %s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "-q", dirs[0]}, &stdout, &stderr); code != exitOK {
		t.Errorf("wmm check: exit %d: %s", code, stderr.String())
	}
	if got := strings.Count(stdout.String(), "\nObservation "); got != len(a) {
		t.Errorf("wmm check gave %d observations for %d files", got, len(a))
	}
}
