// Command results turns the JSON lines of `wmm validate --json --catalog`
// into the per-family tables of docs/ENGINES-RESULTS.md: for each family
// and memory way, the tests run and skipped, the iterations, the allowed
// outcomes seen and not seen, the forbidden outcomes observed and the
// measured concurrency. engine/testdata/results.sh runs it; it lives in
// testdata so that go build ./... leaves it out.
//
//	go run ./engine/testdata/results wazero.jsonl > table.md
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"wmm/catalog"
	"wmm/conform"
)

// row sums one family under one memory way.
type row struct {
	tests, iterations, seen, notSeen, forbiddenOutcomes, forbidden int
	measured                                                       int     // iterations of tests with a concurrency figure
	concurrent                                                     float64 // their concurrent instances
	forbiddenTests                                                 []string
}

func main() {
	entries, err := catalog.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	family := map[string]string{}
	size := map[string]int{}
	for _, e := range entries {
		family[e.Test.Name] = e.Family
		size[e.Family]++
	}
	var in io.Reader = os.Stdin
	file := "stdin"
	if len(os.Args) > 1 {
		file = os.Args[1]
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	rows := map[[2]string]*row{}
	versions := map[string]bool{}
	seen := map[[2]string]bool{}
	records, err := conform.ReadRecords(in, file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, r := range records {
		// A test with JavaScript threads has one way only; wmm before
		// memoryModes ran it twice, both as imported: keep the first.
		if seen[[2]string{r.Name, r.Memory}] {
			continue
		}
		seen[[2]string{r.Name, r.Memory}] = true
		versions[r.Version] = true
		k := [2]string{family[r.Name], r.Memory}
		w := rows[k]
		if w == nil {
			w = &row{}
			rows[k] = w
		}
		w.tests++
		w.iterations += r.Iterations
		if r.NotSeen != nil {
			w.notSeen += len(*r.NotSeen)
		}
		for _, h := range r.Histogram {
			if h.Allowed != nil && !*h.Allowed {
				w.forbiddenOutcomes++
				w.forbidden += h.Count
			} else {
				w.seen++
			}
		}
		if r.ForbiddenSeen != nil && *r.ForbiddenSeen > 0 {
			w.forbiddenTests = append(w.forbiddenTests, fmt.Sprintf("%s %d/%d", r.Name, *r.ForbiddenSeen, r.Iterations))
		}
		if r.Concurrency != nil {
			w.measured += r.Iterations
			w.concurrent += *r.Concurrency * float64(r.Iterations)
		}
	}
	var vs []string
	for v := range versions {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	fmt.Printf("Engine: %s\n\n", strings.Join(vs, ", "))
	fmt.Println("| family | memory | tests run (of) | iterations | allowed seen | allowed not seen | forbidden outcomes (instances) | concurrency |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	var keys [][2]string
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	total := map[string]*row{}
	var findings []string
	for _, k := range keys {
		w := rows[k]
		t := total[k[1]]
		if t == nil {
			t = &row{}
			total[k[1]] = t
		}
		t.tests += w.tests
		t.iterations += w.iterations
		t.seen += w.seen
		t.notSeen += w.notSeen
		t.forbiddenOutcomes += w.forbiddenOutcomes
		t.forbidden += w.forbidden
		t.measured += w.measured
		t.concurrent += w.concurrent
		fmt.Printf("| %s | %s | %d (%d) | %d | %d | %d | %s | %s |\n", k[0], k[1], w.tests, size[k[0]], w.iterations, w.seen, w.notSeen, forbidden(w), concurrency(w))
		for _, f := range w.forbiddenTests {
			findings = append(findings, fmt.Sprintf("%s (%s, %s memory)", f, k[0], k[1]))
		}
	}
	for _, m := range []string{"imported", "exported"} {
		if t := total[m]; t != nil {
			fmt.Printf("| **all** | %s | %d (%d) | %d | %d | %d | %s | %s |\n", m, t.tests, len(entries), t.iterations, t.seen, t.notSeen, forbidden(t), concurrency(t))
		}
	}
	if len(findings) > 0 {
		fmt.Printf("\nForbidden outcomes seen (test, forbidden instances/iterations): %s\n", strings.Join(findings, "; "))
	}
}

func forbidden(w *row) string {
	if w.forbiddenOutcomes == 0 {
		return "0"
	}
	return fmt.Sprintf("**%d (%d)**", w.forbiddenOutcomes, w.forbidden)
}

// concurrency is the fraction of measured instances whose threads all
// overlapped, over the tests that measure it (batch mode, two or more
// threads).
func concurrency(w *row) string {
	if w.measured == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*w.concurrent/float64(w.measured))
}
