package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// testProgress shows, on a terminal only, how many of a run's tests are done,
// once the run has taken more than a second. It is safe for concurrent use.
type testProgress struct {
	mu    sync.Mutex
	w     io.Writer // nil when not a terminal
	total int
	count int
	start time.Time
	shown bool
}

func newTestProgress(w io.Writer, total int) *testProgress {
	p := &testProgress{total: total, start: time.Now()}
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

// done records one finished test.
func (p *testProgress) done(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count++
	if p.w == nil || time.Since(p.start) < time.Second {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K%d/%d %s", p.count, p.total, name)
}

// finish clears the testProgress line.
func (p *testProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
