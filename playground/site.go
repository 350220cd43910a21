package playground

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"wmm/engine"
)

//go:embed site
var siteFiles embed.FS

// The names of the files Build makes, beside the embedded ones, and of
// engine/harness.js, which "Run on this browser" runs as wmm run does on
// node (site/runner.js is its host).
const (
	WasmFile     = "wmm.wasm"
	WasmExecFile = "wasm_exec.js"
	HarnessFile  = "harness.js"
)

// Headers are the response headers the site needs on every file: they make
// the page cross-origin isolated, so that SharedArrayBuffer and a shared
// WebAssembly.Memory are available to it. A static host must send them
// too (Export writes them to _headers, the format of Netlify and
// Cloudflare Pages).
var Headers = [][2]string{
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Embedder-Policy", "require-corp"},
}

// A Site is the playground's files: the embedded page and the checker
// built for it.
type Site struct {
	files map[string][]byte // by name, "index.html", "wmm.wasm", ...
	gz    map[string][]byte // the gzip form of the large ones
}

// NewSite returns the site with the embedded page, the checker wasm and
// the wasm_exec.js of the Go distribution that built it.
func NewSite(wasm, wasmExec []byte) *Site {
	s := &Site{files: map[string][]byte{WasmFile: wasm, WasmExecFile: wasmExec, HarnessFile: engine.HarnessJS()}, gz: map[string][]byte{}}
	fs.WalkDir(siteFiles, "site", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := siteFiles.ReadFile(p) // embedded: no error
			s.files[strings.TrimPrefix(p, "site/")] = data
		}
		return nil
	})
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()
	s.gz[WasmFile] = buf.Bytes()
	return s
}

// Names returns the names of the site's files, sorted.
func (s *Site) Names() []string {
	var out []string
	for n := range s.files {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Size returns the size of a file, raw and gzipped (0 when the site does
// not compress it).
func (s *Site) Size(name string) (raw, gz int) {
	return len(s.files[name]), len(s.gz[name])
}

// ServeHTTP serves the site's files ("/" is index.html) with Headers and
// the gzip form of the checker to a browser that accepts it; any other
// path is 404, and any method but GET and HEAD 405.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, h := range Headers {
		w.Header().Set(h[0], h[1])
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	data, ok := s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	w.Header().Set("Cache-Control", "no-cache")
	if gz, ok := s.gz[name]; ok && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
		data = gz
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// contentType returns the media type of a file by its extension.
func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// HeadersFile is the name of the file Export writes the headers to.
const HeadersFile = "_headers"

// Export writes the site's files to dir, creating it, with a _headers
// file that tells a static host (Netlify, Cloudflare Pages) to send
// Headers. It returns the names of the files written.
func (s *Site) Export(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	names := s.Names()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), s.files[n], 0o644); err != nil {
			return nil, err
		}
	}
	var hb strings.Builder
	hb.WriteString("/*\n")
	for _, h := range Headers {
		fmt.Fprintf(&hb, "  %s: %s\n", h[0], h[1])
	}
	if err := os.WriteFile(filepath.Join(dir, HeadersFile), []byte(hb.String()), 0o644); err != nil {
		return nil, err
	}
	return append(names, HeadersFile), nil
}
