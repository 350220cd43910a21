package interp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/model"
	"wmm/wasm"
)

// script is an Oracle that answers from fixed lists: lengths, data bytes
// (one value per read, little-endian), grow successes, wait ends, notify
// counts. Running out of answers answers the zero value.
type script struct {
	lens  []uint64
	data  []uint64
	grows []bool
	ends  []WaitEnd
	wakes []uint32
}

func (s *script) ReadLen(model.Ord) uint64 {
	if len(s.lens) == 0 {
		return model.PageSize
	}
	v := s.lens[0]
	s.lens = s.lens[1:]
	return v
}

func (s *script) ReadData(off uint64, n int, _ model.Ord) []byte {
	var v uint64
	if len(s.data) > 0 {
		v, s.data = s.data[0], s.data[1:]
	}
	return leBytes(v, n)
}

func (s *script) GrowSucceeds() bool {
	if len(s.grows) == 0 {
		return true
	}
	g := s.grows[0]
	s.grows = s.grows[1:]
	return g
}

func (s *script) WaitEnd(canTimeout, canBlock bool) WaitEnd {
	if len(s.ends) == 0 {
		return Woken
	}
	e := s.ends[0]
	s.ends = s.ends[1:]
	return e
}

func (s *script) Notify(k uint32) uint32 {
	if len(s.wakes) == 0 {
		return 0
	}
	w := s.wakes[0]
	s.wakes = s.wakes[1:]
	return w
}

// run parses and runs code with the oracle and returns its events, one
// string each, then the status and the locals.
func run(t *testing.T, code string, o Oracle, cfg Config) []string {
	t.Helper()
	f, err := wasm.ParseFunc(code)
	if err != nil {
		t.Fatal(err)
	}
	if err := wasm.Validate(f); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxPages == 0 {
		cfg.MaxPages = 2
	}
	tr := Run(f, cfg, o)
	var out []string
	for _, e := range tr.Events {
		out = append(out, e.Actions())
	}
	out = append(out, fmt.Sprintf("%s %v", tr.Status, tr.Locals))
	return out
}

// TestEvents checks the events each kind of instruction emits against
// MODEL.md §5: the unordered length read of every access (Lrd), traps
// after it, the notears flag, SC orderings, RMW and compare-exchange
// actions, grow, wait and notify.
func TestEvents(t *testing.T) {
	const page = model.PageSize
	tests := []struct {
		name string
		code string
		o    *script
		cfg  Config
		want []string
	}{
		{"plain store, aligned i32 (§5.2, notears)", "(i32.store (i32.const 4) (i32.const 0x01020304))", &script{}, Config{},
			[]string{"rd_unord len = 65536; wr_unord notears data[4,8) = 16909060", "done []"}},
		{"plain load, unaligned i32 (no notears)", "(local $r i32) (local.set $r (i32.load offset=1 (i32.const 4)))", &script{data: []uint64{0xaabbccdd}}, Config{},
			[]string{"rd_unord len = 65536; rd_unord data[5,9) = 2864434397", "done [2864434397]"}},
		{"i64 plain is never notears (§4.1)", "(i64.store (i32.const 8) (i64.const -1))", &script{}, Config{},
			[]string{"rd_unord len = 65536; wr_unord data[8,16) = 18446744073709551615", "done []"}},
		{"f32 is never notears", "(f32.store (i32.const 0) (f32.const 1))", &script{}, Config{},
			[]string{"rd_unord len = 65536; wr_unord data[0,4) = 1065353216", "done []"}},
		{"sign-extending load", "(local $r i32) (local.set $r (i32.load8_s (i32.const 0)))", &script{data: []uint64{0x80}}, Config{},
			[]string{"rd_unord len = 65536; rd_unord notears data[0,1) = 128", "done [4294967168]"}},
		{"out of bounds: only the length read, then trap (§5.1)", "(i32.store (i32.const 65534) (i32.const 1)) (i32.store (i32.const 0) (i32.const 2))", &script{}, Config{},
			[]string{"rd_unord len = 65536; then trap (out of bounds)", "trapped []"}},
		{"the length read decides the bounds", "(i32.store (i32.const 65536) (i32.const 1))", &script{lens: []uint64{2 * page}}, Config{},
			[]string{"rd_unord len = 131072; wr_unord notears data[65536,65540) = 1", "done []"}},
		{"atomic store is SC; its bounds read stays unordered (§5.3)", "(i32.atomic.store16 (i32.const 2) (i32.const 7))", &script{}, Config{},
			[]string{"rd_unord len = 65536; wr_seqcst notears data[2,4) = 7", "done []"}},
		{"misaligned atomic traps after the length read (A11)", "(local $r i32) (local.set $r (i32.atomic.load (i32.const 2)))", &script{}, Config{},
			[]string{"rd_unord len = 65536; then trap (unaligned atomic)", "trapped [0]"}},
		{"rmw add (§5.4)", "(local $r i32) (local.set $r (i32.atomic.rmw.add (i32.const 0) (i32.const 5)))", &script{data: []uint64{3}}, Config{},
			[]string{"rd_unord len = 65536; rmw data[0,4) 3 → 8", "done [3]"}},
		{"rmw8 wraps", "(local $r i32) (local.set $r (i32.atomic.rmw8.add_u (i32.const 0) (i32.const 1)))", &script{data: []uint64{0xff}}, Config{},
			[]string{"rd_unord len = 65536; rmw data[0,1) 255 → 0", "done [255]"}},
		{"cmpxchg success is an RMW (§5.5)", "(local $r i32) (local.set $r (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 1) (i32.const 2)))", &script{data: []uint64{1}}, Config{},
			[]string{"rd_unord len = 65536; rmw data[0,4) 1 → 2", "done [1]"}},
		{"cmpxchg failure is only an SC read", "(local $r i32) (local.set $r (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 1) (i32.const 2)))", &script{data: []uint64{5}}, Config{},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 5", "done [5]"}},
		{"cmpxchg8 compares the wrapped expected value", "(local $r i32) (local.set $r (i32.atomic.rmw8.cmpxchg_u (i32.const 0) (i32.const 0x101) (i32.const 2)))", &script{data: []uint64{1}}, Config{},
			[]string{"rd_unord len = 65536; rmw data[0,1) 1 → 2", "done [1]"}},
		{"JS: a failed compareExchange writes back (§11.1)", "(drop (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 1) (i32.const 2)))", &script{data: []uint64{5}}, Config{Sem: model.Semantics{FailedCmpxchgWrites: true}},
			[]string{"rd_unord len = 65536; rmw data[0,4) 5 → 5", "done []"}},
		{"memory.size is an SC length read (§5.6)", "(local $s i32) (local.set $s (memory.size))", &script{lens: []uint64{2 * page}}, Config{},
			[]string{"rd_seqcst len = 131072", "done [2]"}},
		{"grow success: RMW of the length, unordered zero fill (§5.7)", "(local $g i32) (local.set $g (memory.grow (i32.const 1)))", &script{}, Config{},
			[]string{"rmw len 65536 → 131072; wr_unord data[65536,131072) = zeros", "done [1]"}},
		{"grow failure is an SC length read, result -1", "(local $g i32) (local.set $g (memory.grow (i32.const 1)))", &script{grows: []bool{false}}, Config{},
			[]string{"rd_seqcst len = 65536", "done [4294967295]"}},
		{"grow beyond the maximum must fail (A8)", "(local $g i32) (local.set $g (memory.grow (i32.const 2)))", &script{}, Config{},
			[]string{"rd_seqcst len = 65536", "done [4294967295]"}},
		{"grow 0 writes nothing", "(local $g i32) (local.set $g (memory.grow (i32.const 0)))", &script{}, Config{},
			[]string{"rmw len 65536 → 65536", "done [1]"}},
		{"grow-zero-init: the fill is an init write (A7)", "(drop (memory.grow (i32.const 1)))", &script{}, Config{Sem: model.Semantics{GrowZeroInit: true}},
			[]string{"rmw len 65536 → 131072; wr_init data[65536,131072) = zeros", "done []"}},
		{"wait not-equal: SC read, no suspension (§5.9)", "(local $w i32) (local.set $w (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))", &script{data: []uint64{1}}, Config{},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 1", "done [1]"}},
		{"wait woken", "(local $w i32) (local.set $w (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))", &script{ends: []WaitEnd{Woken}}, Config{},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 0; wait data[0] timeout -1", "woken data[0]", "done [0]"}},
		{"wait timed out", "(local $w i32) (local.set $w (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 5)))", &script{ends: []WaitEnd{TimedOut}}, Config{},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 0; wait data[0] timeout 5", "timeout data[0]", "done [2]"}},
		{"wait blocked forever", "(local $w i32) (local.set $w (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))) (i32.store (i32.const 4) (i32.const 1))", &script{ends: []WaitEnd{Blocked}}, Config{},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 0; wait data[0] timeout -1", "blocked [0]"}},
		{"JS: a not-equal wait has a critical section (§11.1)", "(drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))", &script{data: []uint64{1}}, Config{Sem: model.Semantics{WaitCritical: true}},
			[]string{"rd_unord len = 65536; rd_seqcst data[0,4) = 1; critical data[0]", "done []"}},
		{"notify (§5.10)", "(local $n i32) (local.set $n (memory.atomic.notify (i32.const 8) (i32.const 2)))", &script{wakes: []uint32{1}}, Config{},
			[]string{"rd_unord len = 65536; notify data[8] woke 1 of 2", "done [1]"}},
		{"fence (§5.11)", "atomic.fence", &script{}, Config{},
			[]string{"fence", "done []"}},
		{"fill: a check per step, one byte store per byte (§5.8)", "(memory.fill (i32.const 4) (i32.const 9) (i32.const 2))", &script{}, Config{},
			[]string{"rd_unord len = 65536", "rd_unord len = 65536; wr_unord notears data[4,5) = 9", "rd_unord len = 65536", "rd_unord len = 65536; wr_unord notears data[5,6) = 9", "rd_unord len = 65536", "done []"}},
		{"fill with one check (A10)", "(memory.fill (i32.const 4) (i32.const 9) (i32.const 2))", &script{}, Config{Sem: model.Semantics{BulkSingleCheck: true}},
			[]string{"rd_unord len = 65536", "wr_unord notears data[4,5) = 9", "wr_unord notears data[5,6) = 9", "done []"}},
		{"fill may trap half way when the length read changes", "(memory.fill (i32.const 65535) (i32.const 1) (i32.const 2))", &script{lens: []uint64{2 * page, 2 * page, page}}, Config{},
			[]string{"rd_unord len = 131072", "rd_unord len = 131072; wr_unord notears data[65535,65536) = 1", "rd_unord len = 65536; then trap (out of bounds)", "trapped []"}},
		{"copy backwards when the destination is above (§5.8)", "(memory.copy (i32.const 1) (i32.const 0) (i32.const 2))", &script{data: []uint64{0xbb, 0xaa}}, Config{Sem: model.Semantics{BulkSingleCheck: true}},
			[]string{"rd_unord len = 65536", "rd_unord notears data[1,2) = 187", "wr_unord notears data[2,3) = 187", "rd_unord notears data[0,1) = 170", "wr_unord notears data[1,2) = 170", "done []"}},
		{"import check (A6)", "nop", &script{}, Config{ImportLenRead: true},
			[]string{"rd_seqcst len = 65536", "done []"}},
		{"division by zero traps without an event", "(local $r i32) (local.set $r (i32.const 7)) (local.set $r (i32.div_u (local.get $r) (i32.const 0)))", &script{}, Config{},
			[]string{"trapped [7]"}},
		{"loop cut at the unroll bound", "(local $i i32) (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))", &script{}, Config{Unroll: 2},
			[]string{"cut [3]"}},
		{"loop exit before the bound", "(local $i i32) (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))", &script{}, Config{Unroll: 2},
			[]string{"done [3]"}},
		{"block result through br", "(local $r i32) (local.set $r (block (result i32) (br 0 (i32.const 5)) (i32.const 6)))", &script{}, Config{},
			[]string{"done [5]"}},
		{"if/else", "(local $r i32) (if (i32.const 0) (then (local.set $r (i32.const 1))) (else (local.set $r (i32.const 2))))", &script{}, Config{},
			[]string{"done [2]"}},
		{"return leaves nested blocks", "(local $r i32) (block (block (local.set $r (i32.const 1)) (return))) (local.set $r (i32.const 2))", &script{}, Config{},
			[]string{"done [1]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, tc.code, tc.o, tc.cfg)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("events (-want +got):\n%s", d)
			}
		})
	}
}

// TestNumeric checks arithmetic against values computed by hand, including
// the wrap-around and sign cases.
func TestNumeric(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{"(i32.sub (i32.const 0) (i32.const 1))", "4294967295"},
		{"(i32.shr_s (i32.const -8) (i32.const 1))", "4294967292"},
		{"(i32.shr_u (i32.const -8) (i32.const 33))", "2147483644"},
		{"(i32.rotl (i32.const 0x80000001) (i32.const 1))", "3"},
		{"(i32.rem_s (i32.const -7) (i32.const 2))", "4294967295"},
		{"(i32.div_s (i32.const -7) (i32.const 2))", "4294967293"},
		{"(i32.lt_s (i32.const -1) (i32.const 0))", "1"},
		{"(i32.lt_u (i32.const -1) (i32.const 0))", "0"},
		{"(i32.clz (i32.const 1))", "31"},
		{"(i32.popcnt (i32.const 0xff))", "8"},
		{"(i32.clz (i32.const 0))", "32"},
		{"(i32.ctz (i32.const 0))", "32"},
		{"(i32.ctz (i32.const 0x80000000))", "31"},
		{"(i32.wrap_i64 (i64.clz (i64.const 1)))", "63"},
		{"(i32.wrap_i64 (i64.clz (i64.const 0)))", "64"},
		{"(i32.wrap_i64 (i64.ctz (i64.const 0)))", "64"},
		{"(i32.wrap_i64 (i64.ctz (i64.const 0x100000000)))", "32"},
		{"(i32.wrap_i64 (i64.popcnt (i64.const -1)))", "64"},
		{"(i64.eqz (i64.const 0x100000000))", "0"},
		{"(i32.wrap_i64 (i64.const 0x100000002))", "2"},
		{"(i32.extend8_s (i32.const 0x80))", "4294967168"},
		{"(i32.eqz (i32.const 0))", "1"},
		{"(select (i32.const 1) (i32.const 2) (i32.const 0))", "2"},
	}
	for _, tc := range tests {
		got := run(t, "(local $r i32) (local.set $r "+tc.expr+")", &script{}, Config{})
		if want := "done [" + tc.want + "]"; got[len(got)-1] != want {
			t.Errorf("%s = %s, want %s", tc.expr, strings.TrimPrefix(got[len(got)-1], "done "), want)
		}
	}
	got := run(t, "(local $r i64) (local.set $r (i64.mul (i64.extend_i32_s (i32.const -2)) (i64.const 3)))", &script{}, Config{})
	if want := "done [18446744073709551610]"; got[len(got)-1] != want {
		t.Errorf("i64 arithmetic: %s, want %s", got[len(got)-1], want)
	}
}

// TestIntBinary checks every two-operand integer instruction at both
// widths against values computed by hand: the signed cases, the traps of
// division, and shift and rotate counts taken modulo the width.
func TestIntBinary(t *testing.T) {
	const m32, m64 = 1<<32 - 1, 1<<64 - 1 // -1
	tests := []struct {
		op     string
		x, y   uint64
		want   uint64
		noTrap bool
	}{
		{"i32.eq", 3, 3, 1, true}, {"i64.ne", 3, 3, 0, true},
		{"i32.lt_s", m32, 0, 1, true}, {"i64.lt_u", m64, 0, 0, true},
		{"i32.gt_s", 0, m32, 1, true}, {"i64.gt_u", 0, m64, 0, true},
		{"i32.le_s", m32, m32, 1, true}, {"i64.le_u", 1, 0, 0, true},
		{"i32.ge_s", m32, 0, 0, true}, {"i64.ge_u", m64, 0, 1, true},
		{"i32.add", m32, 2, 1, true}, {"i64.add", m64, 2, 1, true},
		{"i32.sub", 0, 1, m32, true}, {"i64.sub", 0, 1, m64, true},
		{"i32.mul", 1 << 31, 2, 0, true}, {"i64.mul", m64 - 1, 3, m64 - 5, true},
		{"i32.div_s", m32 - 6, 2, m32 - 2, true}, {"i64.div_s", m64 - 6, 2, m64 - 2, true},
		{"i32.div_s", 1 << 31, m32, 0, false}, {"i64.div_s", 1 << 63, m64, 0, false},
		{"i64.div_s", 1 << 31, m64, 1<<64 - 1<<31, true},
		{"i32.div_u", m32, 2, 1<<31 - 1, true}, {"i64.div_u", 7, 0, 0, false},
		{"i32.rem_s", m32 - 6, 2, m32, true}, {"i64.rem_s", 1 << 63, m64, 0, true},
		{"i32.rem_u", 7, 0, 0, false}, {"i64.rem_u", m64, 10, 5, true},
		{"i32.and", 6, 3, 2, true}, {"i64.or", 6, 3, 7, true}, {"i32.xor", 6, 3, 5, true},
		{"i32.shl", 1, 33, 2, true}, {"i64.shl", 1, 65, 2, true},
		{"i32.shr_s", 1 << 31, 31, m32, true}, {"i64.shr_s", 1 << 63, 127, m64, true},
		{"i32.shr_u", 1 << 31, 63, 1, true}, {"i64.shr_u", 1 << 63, 63, 1, true},
		{"i32.rotl", 1<<31 | 1, 1, 3, true}, {"i64.rotl", 1<<63 | 1, 65, 3, true},
		{"i32.rotr", 3, 1, 1<<31 | 1, true}, {"i64.rotr", 3, 64, 3, true},
	}
	for _, tc := range tests {
		op, ok := wasm.Lookup(tc.op)
		if !ok {
			t.Fatalf("no instruction %s", tc.op)
		}
		got, noTrap := binop(op, tc.x, tc.y)
		if got != tc.want || noTrap != tc.noTrap {
			t.Errorf("%s %#x %#x = %#x (ok %v), want %#x (ok %v)", tc.op, tc.x, tc.y, got, noTrap, tc.want, tc.noTrap)
		}
	}
}
