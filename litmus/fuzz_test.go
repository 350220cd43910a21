package litmus

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary bytes as a litmus file. Load must not panic;
// every error must have a position in the file; and when tests load,
// their canonical form must load as the same tests.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("name: a\nthreads: {T0: (nop)}\ncondition: exists (0:trap=1)\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tests, err := Load("f.yaml", data)
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %#v", err)
			}
			for _, e := range list {
				if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 {
					t.Fatalf("error without a position: %v", e)
				}
			}
		}
		if len(tests) > 0 {
			checkRoundTrip(t, tests)
		}
	})
}
