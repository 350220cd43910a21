package budget

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want uint64
		err  bool
	}{
		{"0", 0, false},
		{"100000", 100000, false},
		{"512MiB", 512 << 20, false},
		{"2GiB", 2 << 30, false},
		{"2gib", 2 << 30, false},
		{"1.5G", 3 << 29, false},
		{"10KB", 10000, false},
		{"64 MiB", 64 << 20, false},
		{"lots", 0, true},
		{"-1GiB", 0, true},
		{"GiB", 0, true},
		{"1e30TiB", 0, true},
	} {
		got, err := ParseSize(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	for n, want := range map[uint64]string{100: "100B", 2 << 30: "2GiB", 3 << 29: "1.5GiB", 640 << 10: "640KiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestPathsAndCandidates checks the counting budgets and the error: its
// kind, errors.Is, and the message naming the budget, the progress and the
// flag.
func TestPathsAndCandidates(t *testing.T) {
	m := New(Limits{Paths: 3, Candidates: 2})
	m.SetPhase(PhaseValues, 1)
	for n := 1; n <= 3; n++ {
		if err := m.Path("T0", n); err != nil {
			t.Fatalf("path %d: %v", n, err)
		}
	}
	err := m.Path("T0", 4)
	var ex *Exceeded
	if !errors.As(err, &ex) || ex.Kind != Paths || !errors.Is(err, ErrExceeded) || !errors.Is(err, ErrTooManyPaths) || errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want a path budget error", err)
	}
	for _, w := range []string{"too many paths: thread T0 has more than 3 paths (--max-paths 3)", "value fixpoint and paths (round 1)", "4 paths", "raise it with --max-paths"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
	c := New(Limits{Candidates: 2})
	c.SetPhase(PhaseSearch, 0)
	if c.Candidate() != nil || c.Candidate() != nil {
		t.Fatal("stopped within the budget")
	}
	if err := c.Candidate(); !errors.Is(err, ErrTooManyCands) || !strings.Contains(err.Error(), "(--max-candidates 2) in the reads-from and total-order search") {
		t.Errorf("error %v", err)
	}
	var nilMeter *Meter
	if nilMeter.Err() != nil || nilMeter.Path("T", 1<<30) != nil || nilMeter.Candidate() != nil || nilMeter.Stopped() {
		t.Error("a nil meter stops")
	}
	nilMeter.Done()
}

// TestTimeout checks that the timer stops a search that polls the meter
// from another goroutine, and that the meter is among Active until Done.
func TestTimeout(t *testing.T) {
	m := Start("loop", Limits{Timeout: 20 * time.Millisecond})
	found := false
	for _, a := range Active() {
		found = found || a == m
	}
	if !found {
		t.Error("a started meter is not active")
	}
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 1; ; n++ {
			if err = m.Path("T0", 1); err != nil {
				return
			}
			m.Executions(uint64(n))
			time.Sleep(time.Millisecond)
		}
	}()
	for !m.Stopped() {
		_ = m.Progress() // read concurrently, as a progress line does
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
	m.Done()
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "out of time (--timeout 20ms)") {
		t.Errorf("error %v", err)
	}
	for _, a := range Active() {
		if a == m {
			t.Error("a meter is still active after Done")
		}
	}
}

// TestExecutionsSaturate checks that the executions so far saturate
// rather than wrap.
func TestExecutionsSaturate(t *testing.T) {
	m := New(Limits{})
	m.Executions(1 << 62)
	m.Executions(1 << 62)
	m.Executions(^uint64(0))
	if got := m.Progress().Executions; got != 1<<63-1 {
		t.Errorf("executions %d, want the largest int64", got)
	}
}

// TestMemory checks that the watchdog stops a search whose heap passes the
// memory budget, long before it holds much more.
func TestMemory(t *testing.T) {
	m := Start("hog", Limits{Memory: 64 << 20})
	defer m.Done()
	var held [][]byte
	for len(held) < 1024 && !m.Stopped() {
		held = append(held, make([]byte, 1<<20))
		if err := m.Path("T0", 1); err != nil {
			break
		}
		time.Sleep(time.Millisecond / 2)
	}
	err := m.Err()
	if !errors.Is(err, ErrMemory) || !strings.Contains(err.Error(), "out of memory (--mem-limit 64MiB)") {
		t.Fatalf("after %d MiB: error %v", len(held), err)
	}
	if len(held) > 256 {
		t.Errorf("stopped only after %d MiB held, with a budget of 64MiB", len(held))
	}
	held = nil
	_ = held
}
