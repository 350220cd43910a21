package playground

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testSite is a site with a stand-in checker: the server's behaviour
// does not depend on the checker's bytes.
func testSite() *Site {
	return NewSite([]byte("\x00asm\x01\x00\x00\x00 stand-in"), []byte("// wasm_exec.js stand-in\n"))
}

func TestServe(t *testing.T) {
	srv := httptest.NewServer(testSite())
	defer srv.Close()
	for _, tc := range []struct {
		name, method, path string
		status             int
		ctype              string // a prefix
	}{
		{"root is the page", "GET", "/", 200, "text/html"},
		{"page", "GET", "/index.html", 200, "text/html"},
		{"script", "GET", "/app.js", 200, "text/javascript"},
		{"worker", "GET", "/worker.js", 200, "text/javascript"},
		{"style", "GET", "/style.css", 200, "text/css"},
		{"checker", "GET", "/wmm.wasm", 200, "application/wasm"},
		{"glue", "GET", "/wasm_exec.js", 200, "text/javascript"},
		{"browser runner", "GET", "/runner.js", 200, "text/javascript"},
		{"engine harness", "GET", "/harness.js", 200, "text/javascript"},
		{"head", "HEAD", "/", 200, "text/html"},
		{"unknown file", "GET", "/nothing.js", 404, ""},
		{"outside the site", "GET", "/../go.mod", 404, ""},
		{"source of the package", "GET", "/site.go", 404, ""},
		{"embedded directory name", "GET", "/site/index.html", 404, ""},
		{"subdirectory", "GET", "/a/b", 404, ""},
		{"post", "POST", "/", 405, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			// The isolation headers go on every response, errors too.
			for _, h := range Headers {
				if got := resp.Header.Get(h[0]); got != h[1] {
					t.Errorf("%s: %q, want %q", h[0], got, h[1])
				}
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %s…", ct, tc.ctype)
			}
		})
	}
}

func TestServeGzip(t *testing.T) {
	s := testSite()
	req := httptest.NewRequest("GET", "/wmm.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("the checker is not sent gzipped to a browser that accepts it")
	}
	raw, gz := s.Size(WasmFile)
	if rec.Body.Len() != gz || raw == 0 {
		t.Errorf("sent %d bytes, want the gzip form's %d", rec.Body.Len(), gz)
	}
}

func TestListenLoopback(t *testing.T) {
	for _, addr := range []string{"", DefaultAddr} {
		ln, err := Listen(addr)
		if err != nil {
			t.Fatal(err)
		}
		a := ln.Addr().(*net.TCPAddr)
		ln.Close()
		if !a.IP.IsLoopback() || a.Port == 0 {
			t.Errorf("Listen(%q) listens on %s, want loopback and a port", addr, a)
		}
	}
}

func TestServeStops(t *testing.T) {
	ln, err := Listen("")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, testSite()) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop")
	}
}

func TestExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	s := testSite()
	names, err := s.Export(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"index.html", "app.js", "worker.js", "runner.js", "style.css", WasmFile, WasmExecFile, HarnessFile, HeadersFile} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s not written: %v", n, err)
		}
	}
	if len(names) != len(s.Names())+1 {
		t.Errorf("Export returned %v", names)
	}
	h, _ := os.ReadFile(filepath.Join(dir, HeadersFile))
	for _, hd := range Headers {
		if !strings.Contains(string(h), hd[0]+": "+hd[1]) {
			t.Errorf("%s lacks %s: %s", HeadersFile, hd[0], hd[1])
		}
	}
	// The exported files are the ones served.
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(page), "wmm playground") {
		t.Errorf("index.html is not the page")
	}
}
