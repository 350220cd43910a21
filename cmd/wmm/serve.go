package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"wmm/playground"
)

const serveLong = `Serve starts the playground: a web page that checks litmus tests in the
browser, with the checker compiled to WebAssembly and run in a Web Worker.
The page has an editor for the YAML test (errors shown at their line and
column), the catalogue as a menu with each test's doc, the model and
variant selectors, the outcome table with the condition's observation, and
explain and the execution graphs for each outcome. Its link carries the
test in the URL fragment; #catalog=NAME (for example #catalog=SB+sc) opens
and checks a bundled test.

Serve builds the checker from wmm's source with the go command
(GOOS=js GOARCH=wasm go build wmm/playground/worker, with the Go
distribution's wasm_exec.js beside it): run it in a clone of wmm, or name
the clone with --src. The first build takes a minute; later ones reuse Go's
build cache.

The server listens on 127.0.0.1 and a free port unless --addr says
otherwise, prints the address, and runs until interrupted. Every response
carries the two headers that make the page cross-origin isolated (so that
SharedArrayBuffer works):

  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp

With --export DIR, serve writes the same site to DIR as static files
instead, with a _headers file that asks Netlify or Cloudflare Pages for
those two headers; any other static host must be configured to send them.`

const serveExample = `  wmm serve                          http://127.0.0.1:PORT/ on a free port
  wmm serve --addr 127.0.0.1:8080    a fixed port
  wmm serve --export site/           the site as static files
  open 'http://127.0.0.1:8080/#catalog=MP+sc'`

// serveFlags are the flags of wmm serve.
type serveFlags struct {
	addr, export, src string
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := command("serve [--addr HOST:PORT] [--export DIR]", "Serve the playground: the checker in the browser", serveLong, serveExample, noArgs,
		func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			return doServe(ctx, cmd.OutOrStdout(), f)
		})
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", playground.DefaultAddr, "address to listen on, `HOST:PORT` (port 0: a free one)")
	fl.StringVar(&f.export, "export", "", "write the site to `DIR` as static files instead of serving it")
	fl.StringVar(&f.src, "src", "", "wmm's source `DIR` to build the checker from (default: the current module, else the one wmm was built from)")
	return cmd
}

// doServe builds the site and serves or exports it.
func doServe(ctx context.Context, w io.Writer, f serveFlags) error {
	src := f.src
	if src == "" {
		var err error
		if src, err = playground.SourceDir(ctx); err != nil {
			return err
		}
	}
	site, err := playground.Build(ctx, src)
	if err != nil {
		return err
	}
	raw, gz := site.Size(playground.WasmFile)
	size := fmt.Sprintf("checker %.1f MB, %.1f MB gzipped", float64(raw)/1e6, float64(gz)/1e6)
	if f.export != "" {
		names, err := site.Export(f.export)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %d files to %s (%s); the host must send the headers in %s/%s\n", len(names), f.export, size, f.export, playground.HeadersFile)
		return nil
	}
	ln, err := playground.Listen(f.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "wmm playground at http://%s/ (%s); interrupt to stop\n", ln.Addr(), size)
	return playground.Serve(ctx, ln, site)
}
