package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// A progress is the one progress line of wmm: on a terminal only, once
// the work has taken more than a second, it rewrites one line of stderr
// in place; finish clears it. It is safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	w     io.Writer // nil when not a terminal
	start time.Time
	shown bool
	count int // steps done, for step
}

// newProgress returns a progress line on w, silent unless w is a terminal.
func newProgress(w io.Writer) *progress {
	p := &progress{start: time.Now()}
	if isTerminal(w) {
		p.w = w
	}
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// show replaces the line with the formatted text.
func (p *progress) show(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.showLocked(format, args...)
}

func (p *progress) showLocked(format string, args ...any) {
	if p.w == nil || time.Since(p.start) < time.Second {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K"+format, args...)
}

// step counts one finished step of total and shows it with its name
// ("3/12 SB+sc").
func (p *progress) step(total int, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count++
	p.showLocked("%d/%d %s", p.count, total, name)
}

// finish clears the line.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
