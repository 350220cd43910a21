package jsinterp

import (
	"testing"

	"wmm/interp"
	"wmm/js"
)

// FuzzRun runs every program that parses against a memory that the
// thread alone writes: Run must not panic, and must return one value per
// register.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"const a = new Int32Array(memory.buffer); let r = Atomics.add(a, 0, 1) + a[0];",
		"const d = new DataView(memory.buffer, 1); d.setBigInt64(0, -1n, true); let r = d.getFloat32(2);",
		"let r; try { memory.grow(1); r = memory.buffer.byteLength; } catch (e) { r = e instanceof RangeError; }",
		"let r = 1n ** 3n >> 1n, s = ~5 >>> 1, t = typeof r === 'bigint' ? 1 : 0;",
		"const a = new BigInt64Array(memory.buffer, 8, 2); let r = Atomics.wait(a, 1, 0n, 0); a[1] = 5n; r = a.buffer.byteLength;",
		"let r = 0; while (r < 5) { r++; if (r == 3) continue; }",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := js.Parse(src)
		if err != nil {
			return
		}
		tr := Run(p, Config{Config: interp.Config{Unroll: 2, MaxPages: 2, MaxSteps: 10000}}, newMem())
		if len(tr.Locals) != len(p.Registers) {
			t.Fatalf("%d values for %d registers", len(tr.Locals), len(p.Registers))
		}
	})
}
