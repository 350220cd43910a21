package litmus

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFeatures checks the features: list and the loader's Options: an
// ordering immediate loads only where the test or the options enable
// acqrel, and the list's own errors are positioned.
func TestFeatures(t *testing.T) {
	const code = "threads:\n  T0: |\n    (drop (i32.atomic.load acqrel (i32.const 0)))\n"
	const needs4 = "4:28: i32.atomic.load acqrel needs the feature acqrel: add features: [acqrel] to the test, or pass --feature acqrel"
	needs := "5" + needs4[1:] // after a features: line
	tests := []struct {
		name    string
		src     string
		enabled []string
		want    []string
		feats   []string
	}{
		{"not enabled", "name: a\n" + code, nil, []string{needs4}, nil},
		{"enabled by the test", "name: a\nfeatures: [acqrel]\n" + code, nil, nil, []string{"acqrel"}},
		{"enabled by the options", "name: a\n" + code, []string{"acqrel"}, nil, nil},
		{"after the threads", "name: a\n" + code + "features:\n  - acqrel\n", nil, nil, []string{"acqrel"}},
		{"unknown feature", "name: a\nfeatures: [acqrl]\n" + code, nil, []string{
			`2:12: unknown feature "acqrl" (did you mean acqrel?): known features are acqrel, discard, protect, multi-memory, js-memory-api`, needs}, nil},
		{"JS memory API not enabled", "name: a\nthreads:\n  T0:\n    js: |\n      let r = memory.load32(0);\n", nil, []string{
			"5:22: memory.load32 needs the feature js-memory-api: add features: [js-memory-api] to the test, or pass --feature js-memory-api"}, nil},
		{"JS memory API enabled", "name: a\nfeatures: [js-memory-api]\nthreads:\n  T0:\n    js: |\n      memory.store8(0, 1);\n", nil, nil, []string{"js-memory-api"}},
		{"listed twice", "name: a\nfeatures: [acqrel, acqrel]\n" + code, nil, []string{"2:20: feature acqrel is listed twice"}, nil},
		{"not a list", "name: a\nfeatures: acqrel\n" + code, nil, []string{
			"2:11: expected a list of feature names (acqrel, discard, protect, multi-memory, js-memory-api), found \"acqrel\"", needs}, nil},
		{"empty name", "name: a\nfeatures: [\"\"]\n" + code, nil, []string{
			"2:12: expected a feature name (acqrel, discard, protect, multi-memory, js-memory-api), found nothing", needs}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tests, err := Options{Features: tc.enabled}.Load("f.yaml", []byte(tc.src))
			var want []string
			for _, w := range tc.want {
				want = append(want, "f.yaml:"+w)
			}
			if d := cmp.Diff(want, errorStrings(err)); d != "" {
				t.Fatalf("errors (-want +got):\n%s", d)
			}
			if len(tc.want) == 0 {
				if len(tests) != 1 {
					t.Fatalf("got %d tests", len(tests))
				}
				if d := cmp.Diff(tc.feats, tests[0].Features); d != "" {
					t.Errorf("Features (-want +got):\n%s", d)
				}
			}
		})
	}
}
