// Package budget bounds a search: the time one test may take, the heap
// the checker may hold, the candidate executions and thread paths it may
// look at. A Meter accounts for one search; the search asks it, cheaply
// and often, whether to go on (Meter.Err), and reports what it has done so
// far (paths, candidates, executions), which is also what a progress line
// shows. When a budget runs out, the search stops with an *Exceeded error
// that says which budget, how far the search got, and which flag raises
// it; errors.Is(err, ErrExceeded) holds for it.
//
// The memory budget is the checker's own heap, for the whole process: a
// watchdog samples runtime/metrics while meters are active (with
// debug.SetMemoryLimit making the collector work harder as the heap nears
// the limit) and, when the live heap passes the budget, stops the active
// search that holds the most.
package budget

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// A Kind names a budget.
type Kind int32

// The budgets.
const (
	Time       Kind = iota + 1 // time per test (--timeout)
	Memory                     // the checker's heap (--mem-limit)
	Candidates                 // candidate executions per test (--max-candidates)
	Paths                      // paths per thread (--max-paths)
)

var kindNames = [...]string{Time: "time", Memory: "memory", Candidates: "candidate", Paths: "path"}
var kindFlags = [...]string{Time: "--timeout", Memory: "--mem-limit", Candidates: "--max-candidates", Paths: "--max-paths"}

// String returns the budget's name as the messages use it: time, memory,
// candidate, path.
func (k Kind) String() string {
	if k < Time || k > Paths {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Flag returns the command-line flag that sets the budget.
func (k Kind) Flag() string {
	if k < Time || k > Paths {
		return ""
	}
	return kindFlags[k]
}

// Limits are the budgets of a search; a zero field means no limit.
type Limits struct {
	Timeout    time.Duration // per test
	Memory     uint64        // bytes of heap, the whole process
	Candidates int64         // candidate executions handed to the total-order search, per test
	Paths      int           // paths per thread and value-domain round
}

// Defaults are the budgets wmm uses unless told otherwise: enough for
// every test of the catalogue many times over, small enough to keep a
// 2-core, 24 GB machine usable.
var Defaults = Limits{Timeout: 10 * time.Minute, Memory: 4 << 30, Candidates: 0, Paths: 200000}

// limit returns the limit of kind k, formatted as its flag takes it.
func (l Limits) limit(k Kind) string {
	switch k {
	case Time:
		return l.Timeout.String()
	case Memory:
		return FormatSize(l.Memory)
	case Candidates:
		return strconv.FormatInt(l.Candidates, 10)
	case Paths:
		return strconv.Itoa(l.Paths)
	}
	return ""
}

// ErrExceeded is what errors.Is finds in the error of a search that ran
// out of a budget.
var ErrExceeded = errors.New("budget exceeded")

// Progress is how far a search got.
type Progress struct {
	Phase      Phase
	Round      int           // value-domain round, during PhaseValues
	Paths      int64         // thread paths, all threads together (of the current round)
	Candidates int64         // candidate executions
	Executions int64         // consistent executions found (saturates at math.MaxInt64)
	Outcomes   int64         // distinct outcomes found so far (raw: before a report merges them over its names)
	Elapsed    time.Duration // since the search started
}

// String says it in words: "in the reads-from search after 3.2s: 1,024
// paths, 20,000 candidates, 18,342 executions".
func (p Progress) String() string {
	return fmt.Sprintf("in the %s after %s: %s paths, %s candidates, %s executions",
		p.phaseText(), p.Elapsed.Round(time.Millisecond), Group(p.Paths), Group(p.Candidates), Group(p.Executions))
}

func (p Progress) phaseText() string {
	if p.Phase == PhaseValues && p.Round > 0 {
		return fmt.Sprintf("%s (round %d)", p.Phase, p.Round)
	}
	return p.Phase.String()
}

// A Phase is a step of the search.
type Phase int32

// The phases, in the order a search goes through them.
const (
	PhaseStart  Phase = iota
	PhaseValues       // the value-domain fixpoint, which enumerates every thread's paths
	PhaseSearch       // reads-from and total orders over combinations of paths
)

func (p Phase) String() string {
	switch p {
	case PhaseValues:
		return "value fixpoint and paths"
	case PhaseSearch:
		return "reads-from and total-order search"
	}
	return "start"
}

// The errors of each budget; errors.Is finds them, and ErrExceeded, in an
// *Exceeded of that kind.
var (
	ErrTimeout      = errors.New("out of time")
	ErrMemory       = errors.New("out of memory")
	ErrTooManyCands = errors.New("too many candidate executions")
	ErrTooManyPaths = errors.New("too many paths")
	kindErrs        = [...]error{Time: ErrTimeout, Memory: ErrMemory, Candidates: ErrTooManyCands, Paths: ErrTooManyPaths}
)

// Exceeded is the error of a search that ran out of a budget.
type Exceeded struct {
	Kind     Kind
	Limit    string // the budget, as its flag takes it
	Detail   string // what ran out, when the search says more: "thread T0 has more than 10 paths"
	Progress Progress
}

// Error says which budget, how far the search got, and the flag to raise
// it: "out of time (--timeout 1s) in the reads-from and total-order search
// after 1s: 12 paths, 3,000 candidates, 2,400 executions; raise it with
// --timeout".
func (e *Exceeded) Error() string {
	var sb strings.Builder
	sb.WriteString(e.kindErr().Error())
	if e.Detail != "" {
		sb.WriteString(": " + e.Detail)
	}
	fmt.Fprintf(&sb, " (%s %s) %s; raise it with %s", e.Kind.Flag(), e.Limit, e.Progress, e.Kind.Flag())
	if e.Kind == Paths {
		sb.WriteString(", or lower --unroll")
	}
	return sb.String()
}

func (e *Exceeded) kindErr() error {
	if e.Kind < Time || e.Kind > Paths {
		return ErrExceeded
	}
	return kindErrs[e.Kind]
}

// Is makes errors.Is(err, ErrExceeded) hold, and errors.Is(err, ErrTimeout)
// (or the error of another kind) for an *Exceeded of that kind.
func (e *Exceeded) Is(target error) bool { return target == ErrExceeded || target == e.kindErr() }

// A Meter accounts for one search against its limits. The search calls
// its methods from one goroutine; Progress, and the stopping by the timer
// and the memory watchdog, may come from others. A nil *Meter has no
// limits and counts nothing, so code under test can leave it out.
type Meter struct {
	Name   string // what is searched, for progress lines: the test and model
	limits Limits
	start  time.Time
	timer  *time.Timer

	stopped    atomic.Int32 // the Kind that stopped the search, 0 while it runs
	phase      atomic.Int32
	round      atomic.Int64
	paths      atomic.Int64
	candidates atomic.Int64
	executions atomic.Int64
	outcomes   atomic.Int64
	reported   atomic.Int64 // when the reporter was last called, in ns since start
	done       atomic.Bool
	detail     atomicString
}

// atomicString is a string that one goroutine sets and others read.
type atomicString struct{ p atomic.Pointer[string] }

func (a *atomicString) Store(s string) { a.p.Store(&s) }

func (a *atomicString) Load() string {
	if p := a.p.Load(); p != nil {
		return *p
	}
	return ""
}

// New returns a meter with limits l that is not started: no timer, no
// memory watchdog, not among Active. The path and candidate budgets apply.
func New(l Limits) *Meter { return &Meter{limits: l, start: time.Now()} }

// Start begins the accounting of a search named name (for progress
// lines): it starts the clock, and registers the meter with the memory
// watchdog when l has a memory budget. Call Done when the search is over.
func Start(name string, l Limits) *Meter {
	m := New(l)
	m.Name = name
	if l.Timeout > 0 {
		m.timer = time.AfterFunc(l.Timeout, func() { m.stop(Time) })
	}
	register(m)
	return m
}

// Done ends the accounting: the timer stops and the watchdog forgets the
// meter.
func (m *Meter) Done() {
	if m == nil || m.done.Swap(true) {
		return
	}
	if m.timer != nil {
		m.timer.Stop()
	}
	unregister(m)
}

// stop records that budget k ran out, unless another did first.
func (m *Meter) stop(k Kind) { m.stopped.CompareAndSwap(0, int32(k)) }

// Err returns nil while the search may go on, and an *Exceeded once a
// budget has run out. It is one atomic load on the way that returns nil:
// call it in loops.
func (m *Meter) Err() error {
	if m == nil {
		return nil
	}
	k := Kind(m.stopped.Load())
	if k == 0 {
		return nil
	}
	e := &Exceeded{Kind: k, Limit: m.limits.limit(k), Progress: m.Progress()}
	if k == Paths {
		e.Detail = m.detail.Load()
	}
	return e
}

// Stopped reports whether a budget has run out.
func (m *Meter) Stopped() bool { return m != nil && m.stopped.Load() != 0 }

// SetPhase records the phase the search is in; round is the value-domain
// round (0 outside PhaseValues). The path count starts again at zero.
func (m *Meter) SetPhase(p Phase, round int) {
	if m == nil {
		return
	}
	m.phase.Store(int32(p))
	m.round.Store(int64(round))
	if p == PhaseValues {
		m.paths.Store(0)
	}
}

// Path counts a path of thread, which has n paths so far in this round,
// and returns an *Exceeded when n passes the path budget or another budget
// has run out.
func (m *Meter) Path(thread string, n int) error {
	if m == nil {
		return nil
	}
	if m.paths.Add(1)&reportMask == 0 {
		m.report()
	}
	if m.limits.Paths > 0 && n > m.limits.Paths && m.stopped.Load() == 0 {
		m.detail.Store(fmt.Sprintf("thread %s has more than %d paths", thread, m.limits.Paths))
		m.stop(Paths)
	}
	return m.Err()
}

// Limits returns the meter's limits.
func (m *Meter) Limits() Limits {
	if m == nil {
		return Limits{}
	}
	return m.limits
}

// AddPaths counts n paths without checking the path budget (the search
// phase recounts the paths it keeps).
func (m *Meter) AddPaths(n int) {
	if m != nil {
		m.paths.Add(int64(n))
	}
}

// Candidate counts a candidate execution and returns an *Exceeded when it
// is one more than the candidate budget allows, or another budget has run
// out.
func (m *Meter) Candidate() error {
	if m == nil {
		return nil
	}
	n := m.candidates.Add(1)
	if m.limits.Candidates > 0 && n > m.limits.Candidates {
		m.stop(Candidates)
	}
	if n&reportMask == 0 {
		m.report()
	}
	return m.Err()
}

// Executions counts n consistent executions (n saturates the count).
func (m *Meter) Executions(n uint64) {
	if m == nil {
		return
	}
	for {
		old := m.executions.Load()
		nw := int64(math.MaxInt64)
		if n < uint64(math.MaxInt64-old) {
			nw = old + int64(n)
		}
		if m.executions.CompareAndSwap(old, nw) {
			return
		}
	}
}

// Outcome counts an outcome the search found for the first time.
func (m *Meter) Outcome() {
	if m != nil {
		m.outcomes.Add(1)
	}
}

// Progress returns how far the search got.
func (m *Meter) Progress() Progress {
	if m == nil {
		return Progress{}
	}
	return Progress{
		Phase: Phase(m.phase.Load()), Round: int(m.round.Load()),
		Paths: m.paths.Load(), Candidates: m.candidates.Load(), Executions: m.executions.Load(), Outcomes: m.outcomes.Load(),
		Elapsed: time.Since(m.start),
	}
}

// Group formats n with thousands separators: 1,234,567.
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	if neg {
		return "-" + sb.String()
	}
	return sb.String()
}
