package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"wmm/playground"
)

var screenshot = flag.String("screenshot", "", "where TestPlayground saves its screenshot (default: $WMM_ARTIFACTS/playground.png, else the test's temporary directory)")

// browser returns the path of a Chromium to drive, or "".
func browser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestPlayground drives the playground in headless Chromium: it builds the
// checker for the browser, serves the site, opens #catalog=SB, compares
// the outcome table with wmm check --json of the same test, draws a
// graph, edits the test into a syntax error and finds its position, and
// saves a screenshot.
func TestPlayground(t *testing.T) {
	exe := browser()
	if exe == "" {
		t.Skip("no chromium on PATH: the playground is not tested in a browser (apt-get install chromium)")
	}
	if testing.Short() {
		t.Skip("-short: the playground's browser test builds the checker for js/wasm")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	site, err := playground.Build(ctx, "../..")
	if err != nil {
		t.Fatal(err)
	}
	raw, gz := site.Size(playground.WasmFile)
	t.Logf("checker: %d bytes, %d gzipped", raw, gz)
	ln, err := playground.Listen("")
	if err != nil {
		t.Fatal(err)
	}
	go playground.Serve(ctx, ln, site)
	url := "http://" + ln.Addr().String() + "/"

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.WindowSize(1400, 1000))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	// The browser lives as long as the context of its first action.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	const test = "SB"
	err = do(bctx,
		chromedp.Navigate(url+"#catalog="+test),
		chromedp.WaitVisible(`.check[data-name="`+test+`"] td.outcome`),
	)
	if err != nil {
		t.Fatalf("checking %s in the page: %v", test, err)
	}
	rows := evaluate[[]string](t, bctx, `[...document.querySelectorAll('.check td.outcome')].map(e => e.textContent)`)
	observation := evaluate[string](t, bctx, `document.querySelector('.check .observation').textContent`)
	if !evaluate[bool](t, bctx, `self.crossOriginIsolated`) {
		t.Errorf("the page is not cross-origin isolated")
	}
	compareWithCheck(t, test, rows, observation)
	seconds := evaluate[float64](t, bctx, `parseFloat(document.getElementById("status").textContent.replace("checked in ", ""))`)
	start := time.Now()
	var stdout, stderr bytes.Buffer
	run([]string{"check", "--json", "--catalog", test}, &stdout, &stderr)
	t.Logf("%s: %.3f s in the browser, %.3f s by wmm check in process", test, seconds, time.Since(start).Seconds())

	err = do(bctx,
		chromedp.Click(`.check tr.satisfies button`),
		chromedp.WaitVisible(`#detail pre.explain`),
	)
	if text := evaluate[string](t, bctx, `document.querySelector('#detail').textContent`); err != nil || !strings.Contains(text, "allowed") {
		t.Errorf("explaining the outcome that satisfies the condition: %v\n%s", err, text)
	}
	if err != nil {
		t.Fatal(err)
	}
	err = do(bctx,
		chromedp.Click(`.check tr.satisfies td:nth-child(4) button`),
		chromedp.WaitVisible(`#detail figure svg`),
	)
	if n := evaluate[int](t, bctx, `document.querySelectorAll('#detail figure svg').length`); err != nil || n == 0 {
		t.Errorf("drawing the outcome that satisfies the condition: %v (%d graphs)", err, n)
	}
	shot(t, bctx)

	err = do(bctx,
		chromedp.SetValue(`#source`, "name: broken\nthreads: [\n"),
		chromedp.Click(`#check`),
		chromedp.WaitVisible(`#errors li`),
	)
	if err != nil {
		t.Fatalf("checking a broken test: %v", err)
	}
	msg := evaluate[string](t, bctx, `document.querySelector('#errors li').textContent`)
	if want := "test.yaml:2:10: invalid YAML"; !strings.HasPrefix(msg, want) {
		t.Errorf("the page shows %q, want %s…", msg, want)
	}
}

// do runs the steps in the page, for at most a minute.
func do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// evaluate evaluates a JavaScript expression in the page.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// compareWithCheck compares the page's outcome table and observation with
// wmm check --json of the same catalogue test.
func compareWithCheck(t *testing.T, test string, rows []string, observation string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--json", "--catalog", test}, &stdout, &stderr); code != exitOK {
		t.Fatalf("wmm check: exit %d: %s", code, stderr.String())
	}
	var j struct {
		Outcomes    []map[string]uint64
		Observation string
	}
	if err := json.Unmarshal(stdout.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, o := range j.Outcomes {
		var parts []string
		for k, v := range o {
			parts = append(parts, k+"="+jsonNumber(v))
		}
		slices.Sort(parts)
		want = append(want, strings.Join(parts, "; "))
	}
	for _, r := range rows {
		parts := strings.Split(r, "; ")
		slices.Sort(parts)
		got = append(got, strings.Join(parts, "; "))
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) || observation != j.Observation {
		t.Errorf("the page shows %q, observation %s; wmm check --json: %q, observation %s", got, observation, want, j.Observation)
	}
}

func jsonNumber(v uint64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// shot saves a screenshot of the page.
func shot(t *testing.T, ctx context.Context) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	path := *screenshot
	if path == "" {
		dir := os.Getenv("WMM_ARTIFACTS")
		if dir == "" {
			dir = t.TempDir()
		}
		path = filepath.Join(dir, "playground.png")
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}
