package main

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var catalogReport = flag.Bool("catalog-report", false, "render the report of the whole catalogue in Chromium (slow), not only of a few families")

// TestReportCommand runs wmm report on the sb family with engine results
// (testdata/report-results.json: a wazero run of SB and SB+sc in which
// SB+sc's forbidden outcome was added by hand, to show in red) and
// compares its output with testdata/report-sb.golden; the page holds as
// many graphs as the command says, a chart per run, and the forbidden
// outcome.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sb.html")
	got := runGolden([]string{"report", "--html", out, "--catalog", "sb", "--results", "testdata/report-results.json"})
	compareGolden(t, "report-sb", strings.ReplaceAll(got, dir, "$TMP"))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	m := regexp.MustCompile(`(\d+) execution graph\(s\)`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no graph count in the output:\n%s", got)
	}
	if n, _ := strconv.Atoi(m[1]); strings.Count(page, `class="wmm-graph"`) != n {
		t.Errorf("the page has %d graphs, the command said %d", strings.Count(page, `class="wmm-graph"`), n)
	}
	if n := strings.Count(page, `class="wmm-chart"`); n != 2 {
		t.Errorf("%d charts, want one per run (2)", n)
	}
	if !strings.Contains(page, "FORBIDDEN") {
		t.Errorf("the forbidden outcome of SB+sc is not shown")
	}
}

// TestReportErrors checks the usage errors of wmm report.
// TestReportUnknown checks that a test whose search runs out of its
// budget stays in the report, marked unknown with the reason and its
// expectation, while the command exits 2 and says which test.
func TestReportUnknown(t *testing.T) {
	out := filepath.Join(t.TempDir(), "u.html")
	code, stdout, stderr := wmmRun("report", "--html", out, "--max-candidates", "1", "--catalog", "SB+sc")
	if code != exitInput || !strings.Contains(stderr, "test SB+sc (wasm): result unknown") || !strings.Contains(stdout, "1 test(s)") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		`<span class="failed">1 without a result</span>`,
		`<td><span class="failed">unknown</span></td>`,
		`expected <b>never</b>: <span class="failed">no result</span>: too many candidate executions (--max-candidates 1)`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestReportErrors(t *testing.T) {
	checkCommands(t, "", nil, []commandCase{
		{"report-no-html", []string{"report", "--catalog", "sb"}},
		{"report-no-files", []string{"report", "--html", "x.html"}},
		{"report-bad-results", []string{"report", "--html", "x.html", "--catalog", "SB", "--results", "testdata/mp.yaml"}},
	})
}

// chromium returns the path of a Chromium binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// checkerScript, put at the top of a copy of the page, records script
// errors, failed loads and console.error calls, and once the page has
// loaded writes into the body's attributes how many execution graphs
// there are and how many the browser laid out with a non-zero size.
const checkerScript = `<script>
window.__wmmErrors = [];
window.addEventListener('error', function (e) { window.__wmmErrors.push(String(e.message || (e.target && e.target.outerHTML))); }, true);
var __wmmConsoleError = console.error;
console.error = function () { window.__wmmErrors.push(Array.prototype.join.call(arguments, ' ')); __wmmConsoleError.apply(console, arguments); };
window.addEventListener('load', function () {
  var gs = document.querySelectorAll('svg.wmm-graph'), drawn = 0;
  for (var i = 0; i < gs.length; i++) { var r = gs[i].getBoundingClientRect(); if (r.width > 0 && r.height > 0) drawn++; }
  document.body.setAttribute('data-wmm-graphs', String(gs.length));
  document.body.setAttribute('data-wmm-drawn', String(drawn));
  document.body.setAttribute('data-wmm-errors', JSON.stringify(window.__wmmErrors));
});
</script>`

// TestReportInChromium renders a report in headless Chromium and checks
// that the page has no console errors and that the browser draws every
// execution graph the command reports. By default the report covers a few
// families (store buffering, message passing, growth, wait/notify); with
// -catalog-report, the whole catalogue.
func TestReportInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("chromium not installed: apt-get install chromium")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	args := []string{"report", "--html", page, "--catalog"}
	if !*catalogReport {
		args = append(args, "sb", "mp", "grow", "wait")
	}
	out := runGolden(args)
	m := regexp.MustCompile(`(\d+) test\(s\), (\d+) execution graph\(s\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("wmm report failed:\n%s", out)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	checked := filepath.Join(dir, "checked.html")
	if err := os.WriteFile(checked, []byte(strings.Replace(string(data), "<head>", "<head>"+checkerScript, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+checked)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	attr := func(name string) string {
		m := regexp.MustCompile(name + `="([^"]*)"`).FindSubmatch(dom)
		if m == nil {
			t.Fatalf("the checker did not run: no %s in the page", name)
		}
		return strings.ReplaceAll(string(m[1]), "&quot;", `"`)
	}
	if got := attr("data-wmm-errors"); got != "[]" {
		t.Errorf("errors in the page: %s", got)
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "ERROR") || strings.Contains(line, "Uncaught")) {
			t.Errorf("console error: %s", line)
		}
	}
	if graphs, drawn := attr("data-wmm-graphs"), attr("data-wmm-drawn"); graphs != m[2] || drawn != m[2] {
		t.Errorf("the browser found %s graphs and drew %s; the command reported %s", graphs, drawn, m[2])
	}
	t.Logf("%s tests, %s graphs drawn without errors", m[1], m[2])
}
