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

// quiet turns progress lines off (--quiet).
var quiet bool

// testProgress shows, on a terminal only and without --quiet, a live line
// about a run of tests once it has taken more than a second: tests done,
// and the search under way (test, phase, counts, rate, elapsed). It is
// safe for concurrent use.
type testProgress struct {
	mu    sync.Mutex
	w     io.Writer // nil when not shown
	total int
	count int
	start time.Time
	shown bool
	stop  chan struct{}
	wg    sync.WaitGroup
	last  map[*budget.Meter]int64 // candidates at the previous tick, for the rate
}

func newTestProgress(w io.Writer, total int) *testProgress {
	p := &testProgress{total: total, start: time.Now(), stop: make(chan struct{}), last: map[*budget.Meter]int64{}}
	if showProgress(w) {
		p.w = w
		p.wg.Add(1)
		go p.loop()
	}
	return p
}

// showProgress reports whether progress lines go to w: a terminal, and
// not --quiet.
func showProgress(w io.Writer) bool { return !quiet && isTerminal(w) }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

const progressTick = 250 * time.Millisecond

func (p *testProgress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(progressTick)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.show()
		}
	}
}

// show prints the line: the oldest search under way, and the tests done.
func (p *testProgress) show() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.start) < time.Second {
		return
	}
	line := fmt.Sprintf("%d/%d done", p.count, p.total)
	if active := budget.Active(); len(active) > 0 {
		m := active[0]
		pr := m.Progress()
		rate := float64(pr.Candidates-p.last[m]) / progressTick.Seconds()
		p.last = map[*budget.Meter]int64{m: pr.Candidates}
		line = fmt.Sprintf("%s; %s: %s", line, m.Name, pr.Phase)
		if pr.Phase == budget.PhaseValues {
			line += fmt.Sprintf(" round %d, %s paths", pr.Round, budget.Group(pr.Paths))
		} else {
			line += fmt.Sprintf(", %s candidates (%s/s), %s executions", budget.Group(pr.Candidates), budget.Group(int64(rate)), budget.Group(pr.Executions))
		}
		line += fmt.Sprintf(", %s", pr.Elapsed.Round(100*time.Millisecond))
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

// done records one finished test.
func (p *testProgress) done(string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count++
}

// finish stops the line and clears it.
func (p *testProgress) finish() {
	close(p.stop)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
