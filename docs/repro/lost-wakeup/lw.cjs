// Standalone reproducer: a lost wakeup with memory.atomic.wait32/notify,
// for node, deno and bun, written by hand, with nothing of wmm in it.
//
//   node lw.cjs [ITERATIONS]      deno run -A lw.cjs      bun lw.cjs
//
// lw.wasm (text: lw.wat) runs the notifier and the waiter in a loop behind
// a barrier, each iteration on a fresh flag. The main thread watches the
// two threads' progress words; when the notifier has finished an
// iteration and the waiter has not, for 30 ms, the main thread notifies
// the waiter's flag itself. That notify finding a waiter (returning 1) is
// a lost wakeup: the notifier's own notify had already returned, having
// woken nobody, so the waiter was asleep on a flag that was already 1.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const fs = require('fs');
const path = require('path');

const FLAGS = 4096, R0 = 0x1000000, R1 = 0x1800000, WAITER = 192 / 4, NOTIFIER = 256 / 4;

if (isMainThread) {
  const n = +(process.argv[2] || 100000), batch = 10000, dmask = 511;
  const module = new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'lw.wasm')));
  const mem = new WebAssembly.Memory({ initial: 512, maximum: 512, shared: true });
  const host = new WebAssembly.Instance(module, { env: { mem } });
  const version = typeof Bun !== 'undefined' ? 'bun ' + Bun.version + ' (JavaScriptCore)'
    : typeof Deno !== 'undefined' ? 'deno ' + Deno.version.deno + ' (V8 ' + Deno.version.v8 + ')'
    : 'node ' + process.version + ' (V8 ' + process.versions.v8 + ')';
  console.log(version + ', ' + n + ' iterations per variant');
  (async () => {
    const workers = ['notifier', 'waiter'].map((role) => new Worker(__filename, { workerData: { role, module, mem } }));
    for (const sc of [0, 1]) {
      let lost = 0, rescued = 0, woken = 0, notEqual = 0;
      const start = Date.now();
      for (let done = 0; done < n; done += batch) {
        const b = Math.min(batch, n - done);
        const u8 = new Uint8Array(mem.buffer);
        u8.fill(0, FLAGS, FLAGS + 64 * b);
        u8.fill(0, R0, R0 + 4 * b);
        u8.fill(0, R1, R1 + 4 * b);
        const w32 = new Int32Array(mem.buffer);
        Atomics.store(w32, WAITER, 0);
        Atomics.store(w32, NOTIFIER, 0);
        let last = -1, same = 0;
        const watch = setInterval(() => {
          const p1 = Atomics.load(w32, WAITER), p0 = Atomics.load(w32, NOTIFIER);
          if (p0 > p1 && p1 === last) {
            if (++same >= 3 && host.exports.wake(p1) === 1) { rescued++; same = 0; }
          } else { last = p1; same = 0; }
        }, 10);
        await Promise.all(workers.map((w) => new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage({ b, seed: done * 7 + 1, dmask, sc });
        })));
        clearInterval(watch);
        for (let i = 0; i < b; i++) {
          const r0 = w32[R0 / 4 + i], r1 = w32[R1 / 4 + i];
          if (r1 === 1) notEqual++;
          if (r1 === 0 && r0 === 1) woken++;
          if (r1 === 0 && r0 === 0) lost++;
        }
      }
      console.log((sc ? 'SC flag   ' : 'plain flag') + ': waiter woken by the notifier ' + woken + ', not equal ' + notEqual +
        ', lost wakeups (notify woke nobody, waiter asleep) ' + lost + ', rescued by the host ' + rescued +
        ' (' + Math.round(n / ((Date.now() - start) / 1000)) + ' it/s)');
    }
    for (const w of workers) w.terminate();
  })();
} else {
  const { role, module, mem } = workerData;
  const inst = new WebAssembly.Instance(module, { env: { mem } });
  parentPort.on('message', ({ b, seed, dmask, sc }) => {
    if (role === 'notifier') inst.exports.notifier(b, seed, dmask, sc);
    else inst.exports.waiter(b, seed, dmask);
    parentPort.postMessage(role);
  });
}
