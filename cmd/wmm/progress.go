package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"wmm/budget"
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

// quiet turns progress lines off (--quiet).
var quiet bool

// newProgress returns a progress line on w, silent unless w is a terminal
// and --quiet is not given.
func newProgress(w io.Writer) *progress {
	p := &progress{start: time.Now()}
	if !quiet && isTerminal(w) {
		p.w = w
	}
	return p
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressTick is how often watchSearches refreshes the line.
const progressTick = 250 * time.Millisecond

// watchSearches refreshes the line, until the returned function is
// called, with the oldest search under way (package budget's meters): its
// test, phase, counts, rate and time, after the steps done of total.
func (p *progress) watchSearches(total int) (stop func()) {
	if p.w == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(progressTick)
		defer t.Stop()
		var last int64
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			active := budget.Active()
			if len(active) == 0 {
				continue
			}
			m := active[0]
			pr := m.Progress()
			line := fmt.Sprintf("%d/%d done; %s: %s", p.steps(), total, m.Name, pr.Phase)
			if pr.Phase == budget.PhaseValues {
				line += fmt.Sprintf(" round %d, %s paths", pr.Round, budget.Group(pr.Paths))
			} else {
				rate := max(pr.Candidates-last, 0) * int64(time.Second/progressTick)
				line += fmt.Sprintf(", %s candidates (%s/s), %s executions", budget.Group(pr.Candidates), budget.Group(rate), budget.Group(pr.Executions))
			}
			last = pr.Candidates
			p.show("%s, %s", line, pr.Elapsed.Round(100*time.Millisecond))
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (p *progress) steps() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.count
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
