// Standalone reproducer: store buffering across memory.atomic.notify on
// node, deno or bun, written by hand, with nothing of wmm in it. The same
// module and variants as main.go (see sb.wat):
//
//   node sb.cjs [ITERATIONS]      deno run -A sb.cjs      bun sb.cjs
//
// The main thread creates the shared memory (1024 pages) and passes it
// with the compiled sb.wasm to two workers, which instantiate the module
// importing the memory and call run<Variant> together.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const fs = require('fs');
const path = require('path');

const SLOTS = 4096, STRIDE = 256, RESULTS = 0x2000000, PER_RES = 0x800000;

if (isMainThread) {
  const n = +(process.argv[2] || 100000), batch = 10000, dmask = 511;
  const module = new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'sb.wasm')));
  const mem = new WebAssembly.Memory({ initial: 1024, maximum: 1024, shared: true });
  const version = typeof Bun !== 'undefined' ? 'bun ' + Bun.version + ' (JavaScriptCore)'
    : typeof Deno !== 'undefined' ? 'deno ' + Deno.version.deno + ' (V8 ' + Deno.version.v8 + ')'
    : 'node ' + process.version + ' (V8 ' + process.versions.v8 + ')';
  console.log(version + ', ' + n + ' iterations per variant');
  (async () => {
    const workers = [0, 1].map((k) => new Worker(__filename, { workerData: { k, module, mem } }));
    const call = (variant, b, seed) => Promise.all(workers.map((w) => new Promise((resolve) => {
      w.once('message', resolve);
      w.postMessage({ variant, b, seed, dmask });
    })));
    for (const variant of ['Plain', 'Notify0', 'Notify1', 'Fence']) {
      const counts = [0, 0, 0, 0];
      for (let done = 0; done < n; done += batch) {
        const b = Math.min(batch, n - done);
        const u8 = new Uint8Array(mem.buffer);
        u8.fill(0, SLOTS, SLOTS + b * STRIDE);
        u8.fill(0, RESULTS, RESULTS + 4 * b);
        u8.fill(0, RESULTS + PER_RES, RESULTS + PER_RES + 4 * b);
        await call(variant, b, done * 7 + 1);
        const r = new Int32Array(mem.buffer);
        for (let i = 0; i < b; i++) counts[r[RESULTS / 4 + i] << 1 | r[(RESULTS + PER_RES) / 4 + i]]++;
      }
      console.log('SB ' + variant.padEnd(8) + ' (0,0) ' + String(counts[0]).padStart(7) + '   (0,1) ' + String(counts[1]).padStart(7) +
        '   (1,0) ' + String(counts[2]).padStart(7) + '   (1,1) ' + String(counts[3]).padStart(7) +
        '   [(0,0) ' + (variant === 'Plain' ? 'allowed' : 'forbidden') + ']');
    }
    for (const w of workers) w.terminate();
  })();
} else {
  const { k, module, mem } = workerData;
  const inst = new WebAssembly.Instance(module, { env: { mem } });
  parentPort.on('message', ({ variant, b, seed, dmask }) => {
    inst.exports['run' + variant](k, b, seed, dmask);
    parentPort.postMessage(k);
  });
}
