package jsinterp

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"wmm/interp"
	"wmm/js"
	"wmm/model"
)

// memOracle answers reads from a sequentially consistent memory that the
// thread's own writes update: it runs a thread as if alone.
type memOracle struct {
	mem  map[uint64]byte
	size uint64
	grow bool
	end  interp.WaitEnd
}

func newMem() *memOracle {
	return &memOracle{mem: map[uint64]byte{}, size: model.PageSize, grow: true, end: interp.Woken}
}

func (o *memOracle) ReadLen(model.Ord) uint64 { return o.size }
func (o *memOracle) ReadData(off uint64, n int, _ model.Ord) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = o.mem[off+uint64(i)]
	}
	return b
}
func (o *memOracle) GrowSucceeds() bool                { return o.grow }
func (o *memOracle) WaitEnd(bool, bool) interp.WaitEnd { return o.end }
func (o *memOracle) Notify(k uint32) uint32            { return 0 }
func (o *memOracle) Emitted(e *model.Event) {
	if a := e.Data; a != nil && a.Kind != model.Read && a.Wr != nil {
		for i, b := range a.Wr {
			o.mem[a.Off+uint64(i)] = b
		}
	}
	if a := e.Len; a != nil && a.Kind == model.RMW {
		o.size = a.LenWr
	}
}

func run(t *testing.T, src string, o *memOracle) (*js.Program, *interp.Trace) {
	t.Helper()
	p, err := js.Parse(src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	cfg := Config{Config: interp.Config{Unroll: 2, MaxPages: 2}}
	return p, Run(p, cfg, o)
}

// regs prints the registers as name=value, with Register's encodings
// decoded back for reading.
func regs(p *js.Program, tr *interp.Trace) string {
	var parts []string
	for i, r := range p.Registers {
		parts = append(parts, fmt.Sprintf("%s=%d", r.Name, int64(tr.Locals[i])))
	}
	s := strings.Join(parts, " ")
	if tr.Status != model.Done {
		s += " " + tr.Status.String()
	}
	return s
}

func TestSemantics(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		// typed arrays: little-endian, wrapping conversions, sign extension
		{`const a = new Int32Array(memory.buffer); a[0] = -1; const b = new Uint8Array(memory.buffer); let r = b[0] + b[3]; let s = a[0];`, "r=510 s=-1"},
		{`const a = new Int8Array(memory.buffer); a[1] = 200; let r = a[1];`, "r=-56"},
		{`const a = new Uint8ClampedArray(memory.buffer); a[0] = 300; a[1] = 2.5; a[2] = 3.5; let r = a[0], s = a[1], u = a[2];`, "r=255 s=2 u=4"},
		{`const a = new Uint16Array(memory.buffer, 2, 3); let r = a.length, s = a.byteOffset, u = a.byteLength;`, "r=3 s=2 u=6"},
		// out-of-range indices read undefined and write nothing
		{`const a = new Int32Array(memory.buffer, 0, 2); a[2] = 5; let r = a[2] === undefined; let s = a[-1]; let u = a[1.5];`, fmt.Sprintf("r=1 s=%d u=%d", math.MinInt64, math.MinInt64)},
		// misaligned offsets and lengths are RangeErrors
		{`let r = 0; try { new Int32Array(memory.buffer, 2); } catch (e) { r = e instanceof RangeError ? 1 : 2; }`, "r=1"},
		{`let r = 0; try { new Int32Array(memory.buffer, 0, 16385); } catch (e) { r = e.name === "RangeError"; }`, "r=1"},
		// BigInt arrays take BigInts only
		{`const a = new BigInt64Array(memory.buffer); let r = 0; try { a[0] = 1; } catch (e) { r = e instanceof TypeError; } a[1] = -2n; let s = a[1];`, "r=1 s=-2"},
		{`const a = new BigUint64Array(memory.buffer); a[0] = -1n; let r = a[0] === 18446744073709551615n;`, "r=1"},
		{`let r = 0; try { r = 1n + 1; } catch (e) { r = 7; }`, "r=7"},
		{`let r = 1n < 2, s = 2n == 2, u = 2n === 2;`, "r=1 s=1 u=0"},
		// DataView: big-endian by default, little-endian on request, unaligned
		{`const d = new DataView(memory.buffer); d.setInt32(1, 0x01020304); let r = d.getUint8(1), s = d.getInt32(1, true);`, "r=1 s=67305985"},
		{`const d = new DataView(memory.buffer, 65530); let r = 0; try { d.getInt32(3); } catch (e) { r = e instanceof RangeError; }`, "r=1"},
		{`const d = new DataView(memory.buffer); d.setFloat64(0, 1.5, true); const f = new Float64Array(memory.buffer); let r = f[0] * 2;`, "r=3"},
		// Atomics
		{`const a = new Int32Array(memory.buffer); let r = Atomics.add(a, 0, 5); let s = Atomics.exchange(a, 0, 7); let u = Atomics.load(a, 0);`, "r=0 s=5 u=7"},
		{`const a = new Int32Array(memory.buffer); let r = Atomics.compareExchange(a, 0, 1, 2); let s = a[0];`, "r=0 s=0"},
		{`const a = new Uint8Array(memory.buffer); let r = Atomics.store(a, 0, 3.7); let s = a[0];`, "r=3 s=3"},
		{`const a = new Float32Array(memory.buffer); let r = 0; try { Atomics.load(a, 0); } catch (e) { r = e instanceof TypeError; }`, "r=1"},
		{`const a = new Int16Array(memory.buffer); let r = 0; try { Atomics.wait(a, 0, 0); } catch (e) { r = e instanceof TypeError; }`, "r=1"},
		{`const a = new Int32Array(memory.buffer); let r = 0; try { Atomics.load(a, 16384); } catch (e) { r = e instanceof RangeError; }`, "r=1"},
		{`const a = new Int32Array(memory.buffer); let r = Atomics.wait(a, 0, 1); let s = Atomics.wait(a, 0, 0); let u = Atomics.notify(a, 0);`, "r=1 s=0 u=0"},
		// memory.buffer, grow and stale views
		{`const a = new Uint8Array(memory.buffer); let r = memory.grow(1); const b = new Uint8Array(memory.buffer); let s = a.length, u = b.length, v = memory.buffer.byteLength; let w = a[65536] === undefined;`, "r=1 s=65536 u=131072 v=131072 w=1"},
		{`let r = 0; try { memory.grow(2); } catch (e) { r = e instanceof RangeError; }`, "r=1"},
		// numbers
		{`let r = 7 / 2, s = -7 % 3, u = 1 << 31, v = -1 >>> 0, w = 2 ** 10;`, fmt.Sprintf("r=%d s=-1 u=-2147483648 v=4294967295 w=1024", int64(math.Float64bits(3.5)))},
		{`let r = "ok" === "ok", s = 0.1 + 0.2 === 0.3, u = typeof 1n === "bigint";`, "r=1 s=0 u=1"},
		{`let r = 0; for (let i = 0; i < 3; i++) { r += i; }`, "r=3"},
		{`let r = 0; while (true) { r++; }`, "r=3 cut"},
		{`let r = 0; for (let i = 0; i < 10; i++) { if (i == 2) break; r = i; }`, "r=1"},
		{`let r = 0; r = 1n / 0n;`, "r=0 trapped"},
	} {
		p, tr := run(t, tc.src, newMem())
		if got := regs(p, tr); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestEvents(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`const a = new Int32Array(memory.buffer); a[1] = 1;`,
			"rd_seqcst len 65536 | wr_unord notears data[4..8) 01 00 00 00"},
		{`const a = new Float64Array(memory.buffer); a[0] = 1;`,
			"rd_seqcst len 65536 | wr_unord data[0..8) 00 00 00 00 00 00 f0 3f"},
		{`const a = new BigInt64Array(memory.buffer); a[0] = 1n; Atomics.store(a, 0, 2n);`,
			"rd_seqcst len 65536 | wr_unord data[0..8) 01 00 00 00 00 00 00 00 | wr_seqcst notears data[0..8) 02 00 00 00 00 00 00 00"},
		{`const d = new DataView(memory.buffer); d.setInt32(0, 1, true);`,
			"rd_seqcst len 65536 | wr_unord data[0..4) 01 00 00 00"},
		{`const a = new Int32Array(memory.buffer); Atomics.compareExchange(a, 0, 5, 6);`,
			"rd_seqcst len 65536 | rmw data[0..4) 00 00 00 00 → 00 00 00 00"},
		{`const a = new Int32Array(memory.buffer); Atomics.wait(a, 0, 1); Atomics.notify(a, 0, 1);`,
			"rd_seqcst len 65536 | rd_seqcst notears data[0..4) 00 00 00 00; critical data[0] | notify data[0] woke 0 of 1"},
		{`memory.grow(1);`, "rmw len 65536 → 131072; wr_unord data[65536..131072) zeros(65536)"},
		{`const a = new Int32Array(memory.buffer, 0, 1); a[1] = 1; let x = a[5];`, "rd_seqcst len 65536"},
	} {
		_, tr := run(t, tc.src, newMem())
		var parts []string
		for _, e := range tr.Events {
			parts = append(parts, describe(e))
		}
		if got := strings.Join(parts, " | "); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// describe prints an event's actions compactly, bytes in hex.
func describe(e *model.Event) string {
	var parts []string
	if a := e.Len; a != nil {
		switch a.Kind {
		case model.Read:
			parts = append(parts, fmt.Sprintf("rd_%s len %d", a.Ord, a.LenRd))
		case model.RMW:
			parts = append(parts, fmt.Sprintf("rmw len %d → %d", a.LenRd, a.LenWr))
		}
	}
	if a := e.Data; a != nil {
		name := map[model.AccKind]string{model.Read: "rd_" + a.Ord.String(), model.Write: "wr_" + a.Ord.String(), model.RMW: "rmw"}[a.Kind]
		if a.NoTears {
			name += " notears"
		}
		s := fmt.Sprintf("%s data[%d..%d)", name, a.Off, a.Off+a.Size)
		if a.Rd != nil {
			s += fmt.Sprintf(" % x", a.Rd)
		}
		if a.Kind == model.RMW {
			s += " →"
		}
		if a.Wr != nil {
			s += fmt.Sprintf(" % x", a.Wr)
		} else if a.Kind != model.Read {
			s += fmt.Sprintf(" zeros(%d)", a.Size)
		}
		parts = append(parts, s)
	}
	if e.Susp != nil {
		parts = append(parts, e.Susp.String())
	}
	return strings.Join(parts, "; ")
}
