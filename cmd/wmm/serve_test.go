package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"wmm/playground"
	"wmm/playground/checker"
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
// graph, runs the test on the browser's engine and finds a histogram of
// allowed outcomes, runs the reproducer page, watches a long check's
// progress and cancels it, edits the test into a syntax error and finds
// its position, and saves a screenshot.
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
	url := servePlayground(t, ctx)
	bctx := startBrowser(t, ctx, exe, chromedp.WindowSize(1400, 1000))
	const test = "SB"
	err := do(bctx,
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
	runOnBrowser(t, bctx, rows)
	shot(t, bctx)
	runReproducer(t, bctx)
	cancelLongCheck(t, bctx, url)

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

// servePlayground builds the checker for the browser, serves the site
// until ctx is done and returns its URL.
func servePlayground(t *testing.T, ctx context.Context) string {
	t.Helper()
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
	return "http://" + ln.Addr().String() + "/"
}

// startBrowser starts headless Chromium (exe, with the default options
// and extra) for the rest of the test, or until ctx is done, and returns
// the context of its tab.
func startBrowser(t *testing.T, ctx context.Context, exe string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe)), extra...)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	// The browser lives as long as the context of its first action.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// TestPlaygroundCatalog runs every catalogue test of Wasm threads on
// Chromium's V8 from the playground's page (runSource: the page's compile,
// runner and judge), WMM_PLAYGROUND_CATALOG iterations each, and lists
// the tests that showed relaxed behaviour (an outcome the sc model
// forbids) and any outcome the wasm model forbids. It fails on a forbidden
// outcome other than knownFindings (that is a lead, not a finding, until
// a reproducer shows it without the page) and on a test that compiled
// but whose run failed.
// WMM_PLAYGROUND_TESTS=A,B runs only those. Without
// WMM_PLAYGROUND_CATALOG it is skipped.
func TestPlaygroundCatalog(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("WMM_PLAYGROUND_CATALOG"))
	exe := browser()
	if n <= 0 || exe == "" {
		t.Skip("set WMM_PLAYGROUND_CATALOG=ITERATIONS (and have chromium) to run the catalogue on V8 from the page")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Minute)
	defer cancel()
	url := servePlayground(t, ctx)
	bctx := startBrowser(t, ctx, exe)
	if err := do(bctx, chromedp.Navigate(url), chromedp.WaitVisible(`body[data-ready]`)); err != nil {
		t.Fatal(err)
	}
	names := evaluate[[]string](t, bctx, `state.catalog.map(e => e.name)`)
	if only := os.Getenv("WMM_PLAYGROUND_TESTS"); only != "" {
		names = strings.Split(only, ",") // a few tests by name
	}
	var relaxed, forbidden, skipped, failed, waited []string
	ran := 0
	for _, name := range names {
		// The run is judged by wasm, and again by sc: an outcome sc
		// forbids is a relaxed one.
		expr := fmt.Sprintf(`(async () => {
			const src = state.catalog.find(e => e.name === %q).source;
			const r = await runSource(src, %d);
			if (r.run) r.sc = (await call({ op: "judge", source: src, model: "sc", iterations: %d, cores: navigator.hardwareConcurrency, result: r.line })).run;
			delete r.line;
			return JSON.stringify(r);
		})()`, name, n, n)
		tctx, tcancel := context.WithTimeout(bctx, 3*time.Minute)
		out, err := chromedp.Run(tctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		tcancel()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var r struct {
			Errors []struct{ Text string }
			Failed bool // compiled, but the run failed
			Run    *struct {
				Record struct {
					Iterations    int
					ConditionSeen bool `json:"condition_seen"`
					ForbiddenSeen int  `json:"forbidden_seen"`
					Condition     *string
					Notes         []string
				}
			}
			SC *struct {
				Record struct {
					ForbiddenSeen int `json:"forbidden_seen"`
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if r.Failed {
			failed = append(failed, name)
			t.Errorf("%s: the run failed: %s", name, r.Errors[0].Text)
			continue
		}
		if r.Run == nil {
			skipped = append(skipped, name)
			t.Logf("%s: skipped: %s", name, r.Errors[0].Text)
			continue
		}
		ran++
		rec := r.Run.Record
		for _, note := range rec.Notes {
			if strings.Contains(note, "refused a new memory") {
				waited = append(waited, name+": "+note)
			}
		}
		if rec.ForbiddenSeen > 0 {
			forbidden = append(forbidden, fmt.Sprintf("%s (%d)", name, rec.ForbiddenSeen))
			if !slices.Contains(knownFindings, name) {
				t.Errorf("%s: %d runs with outcomes the model forbids", name, rec.ForbiddenSeen)
			}
		}
		if r.SC != nil && r.SC.Record.ForbiddenSeen > 0 {
			relaxed = append(relaxed, fmt.Sprintf("%s (%d)", name, r.SC.Record.ForbiddenSeen))
		}
	}
	t.Logf("%d tests ran on V8 from the page, %d iterations each, %d failed, %d skipped (JS threads or not runnable)", ran, n, len(failed), len(skipped))
	t.Logf("runs that waited for V8 to release memories (%d): %s", len(waited), strings.Join(waited, "; "))
	t.Logf("outcomes sc forbids, that is relaxed behaviour (%d tests, runs): %s", len(relaxed), strings.Join(relaxed, ", "))
	t.Logf("forbidden outcomes (%d): %s", len(forbidden), strings.Join(forbidden, ", "))
}

// knownFindings are the tests whose forbidden outcomes V8 is known to
// show, with reproducers that show them without wmm (README, "Engine
// findings"): memory.size still old after an SC flag set after a grow,
// which a page without wmm shows on Chromium too
// (engine/testdata/repro/MP_grow_scflag_size-chromium), and the traps of
// an access (deno) and a memory.fill (node, deno) to the new page after
// that flag (engine/testdata/repro/MP_grow_scflag_{access-deno,fill-node}).
var knownFindings = []string{"MP+grow+scflag+size", "MP+grow+scflag+access", "MP+grow+scflag+fill"}

// runIterations is how many instances TestPlayground runs on the browser.
const runIterations = 3000

// runOnBrowser presses "Run on this browser" for runIterations instances
// of the test whose check shows rows, and finds a histogram of that many
// runs, on V8, of outcomes the model allows (every outcome of SB is
// allowed by the wasm model: its doc), none in red.
func runOnBrowser(t *testing.T, ctx context.Context, rows []string) {
	t.Helper()
	err := do(ctx,
		chromedp.SetValue(`#iterations`, fmt.Sprint(runIterations)),
		chromedp.Click(`#run`),
		chromedp.WaitVisible(`#runresult .run`),
	)
	if err != nil {
		t.Fatalf("running on the browser: %v (status %q, errors %q)", err,
			evaluate[string](t, ctx, `document.getElementById('status').textContent`), evaluate[string](t, ctx, `document.getElementById('errors').textContent`))
	}
	total := evaluate[int](t, ctx, `[...document.querySelectorAll('#runresult td.count')].reduce((a, e) => a + parseInt(e.textContent.replace(/,/g, ''), 10), 0)`)
	iterations := evaluate[string](t, ctx, `document.querySelector('#runresult .run').dataset.iterations`)
	forbidden := evaluate[string](t, ctx, `document.querySelector('#runresult .run').dataset.forbidden`)
	red := evaluate[int](t, ctx, `document.querySelectorAll('#runresult tr.forbidden').length`)
	engine := evaluate[string](t, ctx, `document.querySelector('#runresult .engine').textContent`)
	if total != runIterations || iterations != fmt.Sprint(runIterations) || forbidden != "0" || red != 0 {
		t.Errorf("histogram of %d runs (%s iterations), %s forbidden, %d lines in red; want %d runs, none forbidden", total, iterations, forbidden, red, runIterations)
	}
	if !strings.HasPrefix(engine, "Engine: V8 (Chromium ") {
		t.Errorf("the engine is %q, want V8 (Chromium …)", engine)
	}
	seen := evaluate[[]string](t, ctx, `[...document.querySelectorAll('#runresult td.outcome')].map(e => e.textContent)`)
	for _, o := range seen {
		if !slices.Contains(rows, o) {
			t.Errorf("the browser showed %s, which is not among the check's outcomes %q", o, rows)
		}
	}
	t.Logf("on %s: %q", strings.TrimPrefix(engine, "Engine: "), evaluate[[]string](t, ctx, `[...document.querySelectorAll('#runresult tr')].map(e => e.textContent)`))
}

// runReproducer serves the page "copy reproducer" gives, cross-origin
// isolated, and finds that it runs the same number of instances with no
// forbidden outcome.
func runReproducer(t *testing.T, ctx context.Context) {
	t.Helper()
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`reproducer()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reproducer: %v", err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range playground.Headers {
			w.Header().Set(h[0], h[1])
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, page)
	}))
	defer srv.Close()
	err = do(ctx,
		chromedp.Navigate(srv.URL+"/repro.html"),
		chromedp.WaitVisible(`body[data-done]`),
	)
	out := evaluate[string](t, ctx, `document.getElementById('out').textContent`)
	if err != nil {
		path := filepath.Join(artifacts(t), "repro.html")
		os.WriteFile(path, []byte(page), 0o644)
		t.Fatalf("the reproducer (%s): %v\n%s", path, err, out)
	}
	iterations := evaluate[string](t, ctx, `document.body.dataset.iterations`)
	forbidden := evaluate[string](t, ctx, `document.body.dataset.forbidden`)
	if iterations != fmt.Sprint(runIterations) || forbidden != "0" || !strings.Contains(out, "T0:r0=") {
		t.Errorf("the reproducer ran %s iterations, %s forbidden:\n%s", iterations, forbidden, out)
	}
}

// longTest takes seconds to check in the browser (65,536 candidates):
// four threads, each storing to addresses 0 and 4 and then loading both.
var longTest = func() string {
	var b strings.Builder
	b.WriteString("name: Long\nthreads:\n")
	for i, th := range []struct{ store, value, load [2]int }{
		{[2]int{0, 4}, [2]int{1, 1}, [2]int{0, 4}},
		{[2]int{4, 0}, [2]int{2, 2}, [2]int{4, 0}},
		{[2]int{0, 4}, [2]int{3, 4}, [2]int{4, 0}},
		{[2]int{4, 0}, [2]int{3, 4}, [2]int{0, 4}},
	} {
		fmt.Fprintf(&b, "  T%d: |\n    (local $r0 i32) (local $r1 i32)\n", i)
		for j := range 2 {
			fmt.Fprintf(&b, "    (i32.store (i32.const %d) (i32.const %d))\n", th.store[j], th.value[j])
		}
		for j := range 2 {
			fmt.Fprintf(&b, "    (local.set $r%d (i32.load (i32.const %d)))\n", j, th.load[j])
		}
	}
	return b.String()
}()

// cancelLongCheck checks longTest, sees its progress (executions and
// outcomes so far) in the status line, cancels it, and checks another
// test with the restarted checker.
func cancelLongCheck(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	err := do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`body[data-ready]`),
		chromedp.SetValue(`#source`, longTest),
		chromedp.Click(`#check`),
	)
	if err == nil {
		err = poll(ctx, `document.getElementById('status').textContent.includes('outcomes so far')`)
	}
	status := evaluate[string](t, ctx, `document.getElementById('status').textContent`)
	if err != nil {
		t.Fatalf("no progress in the status line: %v (%q)", err, status)
	}
	t.Logf("progress: %s", status)
	err = do(ctx, chromedp.Click(`#cancel`))
	if err == nil {
		err = poll(ctx, `document.getElementById('status').textContent === 'cancelled'`)
	}
	if err == nil {
		err = do(ctx,
			chromedp.Navigate(url+"#catalog=MP"),
			chromedp.WaitVisible(`.check[data-name="MP"] td.outcome`),
		)
	}
	if err != nil {
		t.Errorf("cancel, then check MP: %v (status %q)", err, evaluate[string](t, ctx, `document.getElementById('status').textContent`))
	}
}

// poll waits, for at most a minute, until expr is true in the page.
func poll(ctx context.Context, expr string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr))
	return err
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

// artifacts returns the directory of the test's artefacts: $WMM_ARTIFACTS,
// else the test's temporary directory.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("WMM_ARTIFACTS"); dir != "" {
		return dir
	}
	return t.TempDir()
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
		path = filepath.Join(artifacts(t), "playground.png")
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}

// TestStandalonePage opens the standalone page WMM_PAGE (a file with its
// fragment: PATH#ARGS, for example
// ../../playground/testdata/grow-size.html#3000), served cross-origin
// isolated on its own, in headless Chromium, waits until it sets
// body[data-done] and logs its #out and its body's data attributes. It
// fails when the page reports an error (body[data-error]) or does not
// finish in WMM_PAGE_MINUTES (default 10). Without WMM_PAGE it is
// skipped: the pages are reproducers without wmm, run by hand.
func TestStandalonePage(t *testing.T) {
	page := os.Getenv("WMM_PAGE")
	exe := browser()
	if page == "" || exe == "" {
		t.Skip("set WMM_PAGE=FILE.html#ARGS (and have chromium) to run a standalone page")
	}
	file, frag, _ := strings.Cut(page, "#")
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	minutes, _ := strconv.Atoi(os.Getenv("WMM_PAGE_MINUTES"))
	if minutes <= 0 {
		minutes = 10
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range playground.Headers {
			w.Header().Set(h[0], h[1])
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(minutes)*time.Minute)
	defer cancel()
	bctx := startBrowser(t, ctx, exe)
	start := time.Now()
	err = do(bctx, chromedp.Navigate(srv.URL+"/"+filepath.Base(file)+"#"+frag))
	if err == nil {
		_, err = chromedp.Run(bctx, chromedp.Poll[bool](`!!(document.body && (document.body.dataset.done || document.body.dataset.error))`, chromedp.WithPollingTimeout(time.Duration(minutes)*time.Minute)))
	}
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	out := evaluate[string](t, bctx, `document.getElementById('out').textContent`)
	data := evaluate[map[string]string](t, bctx, `Object.assign({}, document.body.dataset)`)
	t.Logf("%s in %.0f s:\n%s\n%v", page, time.Since(start).Seconds(), out, data)
	if data["error"] != "" {
		t.Errorf("the page reported an error: %s", data["error"])
	}
}

// TestPlaygroundSpeed measures how much slower the checker is in the
// browser than natively: every catalogue test is checked under wasm by
// the page's checker (Chromium's V8 running the js/wasm build, one
// thread) and by the same package natively with GOMAXPROCS=1, one after
// the other test by test, so that both see the same load; each side's
// time is the checker's own (Response.Seconds: loading, search and
// reports, without the page's messages). It logs both sums and their
// ratio. Without WMM_PLAYGROUND_SPEED it is skipped; it fails when a
// check fails on one side only.
func TestPlaygroundSpeed(t *testing.T) {
	exe := browser()
	if os.Getenv("WMM_PLAYGROUND_SPEED") == "" || exe == "" {
		t.Skip("set WMM_PLAYGROUND_SPEED=1 (and have chromium) to compare the checker's speed in the page with native")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	url := servePlayground(t, ctx)
	bctx := startBrowser(t, ctx, exe)
	if err := do(bctx, chromedp.Navigate(url), chromedp.WaitVisible(`body[data-ready]`)); err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var browserS, nativeS float64
	tests := 0
	for _, e := range checker.Catalog() {
		src := e.Source
		res, err := chromedp.Run(bctx, chromedp.Evaluate[string](fmt.Sprintf(`call({op: "check", source: %q, model: "wasm"}).then((r) => JSON.stringify({seconds: r.seconds, errors: (r.errors || []).length, checks: (r.checks || []).length}))`, src), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		var b struct {
			Seconds        float64
			Errors, Checks int
		}
		if err := json.Unmarshal([]byte(res), &b); err != nil {
			t.Fatal(err)
		}
		n := checker.Check(checker.Request{Op: "check", Source: src, Model: "wasm"})
		if b.Errors != len(n.Errors) || b.Checks != len(n.Checks) {
			t.Errorf("%s: the page: %d checks, %d errors; natively %d checks, %d errors", e.Name, b.Checks, b.Errors, len(n.Checks), len(n.Errors))
			continue
		}
		browserS += b.Seconds
		nativeS += n.Seconds
		tests++
	}
	t.Logf("%d catalogue tests under wasm: %.1f s in the page (V8, js/wasm), %.1f s natively (GOMAXPROCS=1): %.1f times slower in the browser", tests, browserS, nativeS, browserS/nativeS)
}
