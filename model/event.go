// Package model holds the vocabulary of the WebAssembly relaxed memory
// model (MODEL.md §2–§7): events and their actions, orderings, regions and
// byte ranges, executions with their relations (po, rf per byte, hb, tot),
// violations of axioms, and outcomes.
//
// It knows nothing about instructions (package wasm and interp produce
// events) and nothing about which executions are consistent (package
// axioms decides that).
package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PageSize is the size of a WebAssembly page in bytes.
const PageSize = 65536

// ProtBase is the data address of the protection cell of page 0 (feature
// protect, MODEL.md §18.1): the protection of page p is the one-byte cell
// ProtBase+p, beyond every address of a 32-bit memory, so that no Wasm
// access can touch it. Its value is a wasm.Prot (0 readwrite, 1 read,
// 2 none).
const ProtBase = 1 << 40

// MemBase returns the data address of byte 0 of memory k (multi-memory,
// MODEL.md §19.1): memory 0's bytes are at their own addresses, memory
// k's at k·2^33 plus their address, below ProtBase for k < 128.
func MemBase(k uint32) uint64 { return uint64(k) << 33 }

// memLenBase is the data address of the length cell of memory 0, were it
// one (memory 0 has the length region instead).
const memLenBase = ProtBase + 1<<32

// MemLenCell returns the data address of the length cell of memory k ≥ 1
// (multi-memory, MODEL.md §19.1): 4 bytes holding the length in pages,
// little-endian, above the protection cells.
func MemLenCell(k uint32) uint64 { return memLenBase + 4*uint64(k) }

// Cells names the data cells [lo, hi) where a list of byte ranges shows
// them (explanations' reads-from lines, graphs' rf labels): the bare range
// "[lo,hi)" for memory 0's bytes, the region-qualified name of cellRange
// for the protection cells, another memory's bytes and its length cell.
func Cells(lo, hi uint64) string {
	if lo < MemBase(1) {
		return Range(lo, hi)
	}
	return cellRange(lo, hi)
}

// cellRange names the data cells [lo, hi) for people: "data[lo,hi)",
// "prot[p,q)" for protection cells, "mem1[lo,hi)" for memory 1's bytes,
// "mem1.len" for its length cell.
func cellRange(lo, hi uint64) string {
	switch {
	case lo >= memLenBase:
		return fmt.Sprintf("mem%d.len", (lo-memLenBase)/4)
	case lo >= ProtBase:
		return "prot" + Range(lo-ProtBase, hi-ProtBase)
	case lo >= MemBase(1):
		k := lo >> 33
		return fmt.Sprintf("mem%d", k) + Range(lo-MemBase(uint32(k)), hi-MemBase(uint32(k)))
	}
	return "data" + Range(lo, hi)
}

// An Ord is the ordering of a read or write action (MODEL.md §3.1).
type Ord uint8

// The orderings.
const (
	Unord  Ord = iota + 1 // plain (non-atomic) access, and bounds checks
	SeqCst                // atomic access; every RMW
	Init                  // the memory's initialisation write
	// AcqRel is the release-acquire ordering of the shared-everything
	// threads proposal (MODEL.md §16): an acquire read, a release write,
	// an RMW that is both.
	AcqRel
)

// Atomic reports whether o is an ordering of an atomic access, SeqCst or
// AcqRel: a write with it releases, a read with it acquires (MODEL.md
// §16.2).
func (o Ord) Atomic() bool { return o == SeqCst || o == AcqRel }

// String returns "unord", "seqcst" or "init".
func (o Ord) String() string {
	switch o {
	case Unord:
		return "unord"
	case SeqCst:
		return "seqcst"
	case Init:
		return "init"
	case AcqRel:
		return "acqrel"
	}
	return "?"
}

// A Region is a part of the memory that the consistency rules treat
// separately (MODEL.md §2): the data bytes, or the length cell.
type Region uint8

// The regions of the test's one shared memory.
const (
	Data Region = iota // the byte vector, one cell per byte
	Len                // the current length in bytes, one cell (offset 0)
)

// String returns "data" or "len".
func (r Region) String() string {
	if r == Len {
		return "len"
	}
	return "data"
}

// An AccKind is the kind of a memory access action.
type AccKind uint8

// The access kinds.
const (
	Read  AccKind = iota + 1 // rd
	Write                    // wr
	RMW                      // rmw: reads and writes the same range atomically
)

// An Access is the memory-access action of an event in one region. In the
// data region cells are bytes at absolute addresses Off..Off+Size-1; the
// length region has a single cell (Off 0, Size 1) holding the length in
// bytes.
type Access struct {
	Region  Region
	Kind    AccKind
	Ord     Ord // SeqCst or AcqRel for RMW
	Off     uint64
	Size    uint64
	NoTears bool // the notears flag of the instruction (MODEL.md §4.1)
	Float   bool // a float access (only the paper-float-notear variant uses it)

	// Data region values. Rd holds the bytes read. The bytes written are
	// Wr, or, when Wr is nil, Sparse (absent addresses are 0): the
	// allocation's init write and grow's zero fill cover whole pages.
	Rd     []byte
	Wr     []byte
	Sparse map[uint64]byte

	// Length region values.
	LenRd, LenWr uint64
}

// Reading reports whether the action reads at least one cell (MODEL.md
// §3.1: reading(a) ⇔ read(a) non-empty).
func (a *Access) Reading() bool { return a != nil && a.Kind != Write && a.Size > 0 }

// Writing reports whether the action writes at least one cell. A
// zero-length write (memory.grow 0) is not writing.
func (a *Access) Writing() bool { return a != nil && a.Kind != Read && a.Size > 0 }

// Covers reports whether cell c lies in the action's range.
func (a *Access) Covers(c uint64) bool { return c >= a.Off && c-a.Off < a.Size }

// Same reports whether a and b have the same region and range.
func (a *Access) Same(b *Access) bool {
	return a.Region == b.Region && a.Off == b.Off && a.Size == b.Size
}

// Overlap reports whether the ranges of a and b intersect (MODEL.md §12 A1).
func (a *Access) Overlap(b *Access) bool {
	return a.Region == b.Region && a.Off < b.Off+b.Size && b.Off < a.Off+a.Size
}

// ReadCell returns the value read at cell c.
func (a *Access) ReadCell(c uint64) uint64 {
	if a.Region == Len {
		return a.LenRd
	}
	return uint64(a.Rd[c-a.Off])
}

// WriteCell returns the value written at cell c.
func (a *Access) WriteCell(c uint64) uint64 {
	if a.Region == Len {
		return a.LenWr
	}
	if a.Wr != nil {
		return uint64(a.Wr[c-a.Off])
	}
	return uint64(a.Sparse[c])
}

// SyncsWith reports whether a read r that reads from the write w
// synchronises with it (w hb r, MODEL.md §7.3 item 3 and §16.2): the
// same range, w release or SC, r acquire or SC. For two SC actions it is
// Sync.
func SyncsWith(w, r *Access) bool {
	return w != nil && r != nil && w.Ord.Atomic() && r.Ord.Atomic() && w.Same(r)
}

// Sync reports whether a and b can synchronise: both SC and the same range
// (MODEL.md §3.1). It is the relation of the SC clauses (C3); release
// and acquire actions take no part in it (§16.2).
func Sync(a, b *Access) bool {
	return a != nil && b != nil && a.Ord == SeqCst && b.Ord == SeqCst && a.Same(b)
}

// A SuspKind is the kind of a suspension action (MODEL.md §3.1, §8.7).
type SuspKind uint8

// The suspension kinds.
const (
	Wait    SuspKind = iota + 1 // a waiter registers
	Woken                       // a waiter is resumed by a notify
	Timeout                     // a waiter is resumed by its timeout
	Notify                      // a notify wakes N waiters, limit K
	// Critical is the JavaScript model's waiter-list critical section of a
	// wait that returned "not-equal" (MODEL.md §11.1 item 6). Only the js
	// semantics emits it.
	Critical
)

// String returns the action's name.
func (k SuspKind) String() string {
	switch k {
	case Wait:
		return "wait"
	case Woken:
		return "woken"
	case Timeout:
		return "timeout"
	case Notify:
		return "notify"
	case Critical:
		return "critical"
	}
	return "?"
}

// A Susp is a suspension action at a data address.
type Susp struct {
	Kind    SuspKind
	Addr    uint64
	Timeout int64  // Wait: nanoseconds, negative for infinite
	N, K    uint32 // Notify: woke N waiters, limit K
}

// A TrapKind says why a thread stopped after an event.
type TrapKind uint8

// The trap kinds.
const (
	NoTrap      TrapKind = iota
	TrapOOB              // out-of-bounds access
	TrapAlign            // misaligned atomic access
	TrapOther            // unreachable, division by zero, ...
	TrapNoEvent          // (bookkeeping) a trap that emitted no event
	TrapProt             // an access the protection of its page forbids (feature protect)
)

// String describes the trap.
func (t TrapKind) String() string {
	switch t {
	case TrapOOB:
		return "out of bounds"
	case TrapAlign:
		return "unaligned atomic"
	case TrapOther, TrapNoEvent:
		return "trap"
	case TrapProt:
		return "protected page"
	}
	return ""
}

// An EventID numbers the events of one execution from 0.
type EventID int

// An Event is a set of actions performed atomically by one step of one
// thread (MODEL.md §3). It has at most one access per region, and possibly
// a suspension action and a fence.
type Event struct {
	ID     EventID
	Thread int // index into Execution.Threads
	Index  int // position in its thread (program order)

	Data  *Access
	Len   *Access
	Susp  *Susp
	Fence bool
	Trap  TrapKind // the thread trapped right after this event

	Instr string // the instruction that emitted the event, for people
	Pos   string // where that instruction is, "line:col" in the thread's code
}

// Access returns the event's access in region r, or nil.
func (e *Event) Access(r Region) *Access {
	if r == Len {
		return e.Len
	}
	return e.Data
}

// IsSC reports whether the event holds an SC access or an RMW in some
// region.
func (e *Event) IsSC() bool {
	return (e.Data != nil && e.Data.Ord == SeqCst) || (e.Len != nil && e.Len.Ord == SeqCst)
}

// String prints the event: its instruction and position, when known, and
// its actions, for example "i32.atomic.load (3:20): rd_unord len = 65536;
// rd_seqcst notears data[4,8) = 0". It is the one printer of events: text
// explanations, JSON and graphs use it.
func (e *Event) String() string {
	instr := e.Instr
	if e.Pos != "" {
		instr += " (" + e.Pos + ")"
	}
	if instr == "" {
		return e.Actions()
	}
	return instr + ": " + e.Actions()
}

// Actions prints the event's actions, for example "rd_unord len = 65536;
// wr_seqcst data[0,4) = 1", "no action" for an event without any, and a
// trap after them.
func (e *Event) Actions() string {
	var parts []string
	for _, a := range []*Access{e.Len, e.Data} {
		if a != nil {
			parts = append(parts, a.String())
		}
	}
	if e.Susp != nil {
		parts = append(parts, e.Susp.String())
	}
	if e.Fence {
		parts = append(parts, "fence")
	}
	if len(parts) == 0 {
		parts = append(parts, "no action")
	}
	s := strings.Join(parts, "; ")
	if e.Trap != NoTrap {
		s += "; then trap (" + e.Trap.String() + ")"
	}
	return s
}

// Range prints the byte range [lo, hi) as "[lo,hi)": the one notation for
// byte ranges (data[4,8), "reads bytes [4,6) from T0.0").
func Range(lo, hi uint64) string {
	return "[" + strconv.FormatUint(lo, 10) + "," + strconv.FormatUint(hi, 10) + ")"
}

// String prints the access: its kind and ordering, the notears flag, the
// region and range, and the values, integers read little-endian:
// "rd_seqcst notears data[4,8) = 0", "rmw len 65536 → 131072",
// "wr_init data[0,65536) = zeros".
func (a *Access) String() string {
	var name string
	switch a.Kind {
	case Read:
		name = "rd_" + a.Ord.String()
	case Write:
		name = "wr_" + a.Ord.String()
	default:
		name = "rmw"
		if a.Ord == AcqRel {
			name = "rmw_acqrel"
		}
	}
	if a.Region == Len {
		switch a.Kind {
		case Read:
			return fmt.Sprintf("%s len = %d", name, a.LenRd)
		case Write:
			return fmt.Sprintf("%s len = %d", name, a.LenWr)
		}
		return fmt.Sprintf("%s len %d → %d", name, a.LenRd, a.LenWr)
	}
	if a.NoTears {
		name += " notears"
	}
	rng := cellRange(a.Off, a.Off+a.Size)
	switch a.Kind {
	case Read:
		return fmt.Sprintf("%s %s = %s", name, rng, BytesText(a.Rd))
	case Write:
		return fmt.Sprintf("%s %s = %s", name, rng, a.WrittenText())
	}
	return fmt.Sprintf("%s %s %s → %s", name, rng, BytesText(a.Rd), a.WrittenText())
}

// BytesText prints up to 8 bytes as the little-endian unsigned integer
// they encode, more as hex bytes.
func BytesText(b []byte) string {
	if len(b) <= 8 {
		var v uint64
		for i := len(b) - 1; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
		return strconv.FormatUint(v, 10)
	}
	var sb strings.Builder
	for i, x := range b {
		if i > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%02x", x)
	}
	return sb.String()
}

// WrittenText prints what a write writes: its bytes as BytesText does, or,
// for a sparse write (the allocation, grow's zero fill), "zeros" and the
// runs of bytes that are not zero ("zeros but [8,12) = 7").
func (a *Access) WrittenText() string {
	if a.Wr != nil {
		return BytesText(a.Wr)
	}
	var addrs []uint64
	for k, v := range a.Sparse {
		if v != 0 {
			addrs = append(addrs, k)
		}
	}
	if len(addrs) == 0 {
		return "zeros"
	}
	slices.Sort(addrs)
	var runs []string
	for i := 0; i < len(addrs); {
		j := i
		var b []byte
		for j < len(addrs) && addrs[j] == addrs[i]+uint64(j-i) {
			b = append(b, a.Sparse[addrs[j]])
			j++
		}
		runs = append(runs, Range(addrs[i], addrs[j-1]+1)+" = "+BytesText(b))
		i = j
	}
	return "zeros but " + strings.Join(runs, ", ")
}

// String prints the suspension action.
func (s *Susp) String() string {
	switch s.Kind {
	case Wait:
		return fmt.Sprintf("wait data[%d] timeout %d", s.Addr, s.Timeout)
	case Notify:
		return fmt.Sprintf("notify data[%d] woke %d of %d", s.Addr, s.N, s.K)
	}
	return fmt.Sprintf("%s data[%d]", s.Kind, s.Addr)
}
