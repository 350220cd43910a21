package engine

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestBusyTicks(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"cpu  4705 356 584 3699 23 23 10 5 0 0\ncpu0 1 2 3 4 5 6 7 8\n", 4705 + 356 + 584 + 23 + 10 + 5, true},
		{"cpu0 1 2 3 4 5 6 7 8\n", 0, false},
		{"cpu  1 2 3\n", 0, false},
		{"cpu  1 2 x 4 5 6 7 8\n", 0, false},
	} {
		got, ok := busyTicks([]byte(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("busyTicks(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestOversubscribedNote checks the threshold: other programs' busy cores
// and the test's threads together beyond the cores by over half a core.
func TestOversubscribedNote(t *testing.T) {
	for _, tc := range []struct {
		others  float64
		cores   int
		threads int
		note    bool
	}{
		{0, 2, 2, false},
		{0.5, 2, 2, false},
		{0.6, 2, 2, true},
		{2.0, 2, 2, true},
		{0.4, 2, 4, false}, // more threads than cores: the barrier's note says so
		{1.4, 2, 1, false},
		{1.6, 2, 1, true},
		{6.4, 8, 2, false},
	} {
		note := oversubscribed(tc.others, tc.cores, tc.threads)
		if (note != "") != tc.note {
			t.Errorf("%.1f other cores busy, %d cores, %d test threads: note %q, want one: %v", tc.others, tc.cores, tc.threads, note, tc.note)
		}
		if note != "" && !strings.Contains(note, "oversubscribed") {
			t.Errorf("note %q does not say oversubscribed", note)
		}
	}
}

// TestLoadWatchCountsItsOwn checks that a loadWatch counts a busy child
// process as the run's own CPU time, not other programs': a child that
// spins for a second, then is reaped, adds about a core-second to it.
func TestLoadWatchCountsItsOwn(t *testing.T) {
	w := watchLoad()
	if w == nil {
		t.Skip("no /proc/stat here")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip(err)
	}
	child := exec.Command(sh, "-c", `end=$(($(date +%s)+2)); while [ $(date +%s) -lt $end ]; do :; done`)
	if err := child.Start(); err != nil {
		t.Skip(err)
	}
	time.Sleep(time.Second)
	child.Process.Kill()
	child.Wait()
	_, own, _ := cpuSnapshot()
	// The spinning shell has had about 1 s of a core, less on a loaded
	// machine; 200 ms is far above what this test's own goroutine takes
	// sleeping.
	if got := own - w.own; got < 200*time.Millisecond {
		t.Errorf("the run's own CPU grew by %s with a child spinning for a second, want at least 200ms", got)
	}
}
