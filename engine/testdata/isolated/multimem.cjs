// multimem.cjs measures, outside wmm, what isolated mode would cost with
// multi-memory: each worker instantiates, per group, ONE module that
// imports the group's K test memories (memory k for instance k) and a
// control memory (index K), and one call runs the thread's body on
// memory 0, 1, ..., K-1 with a barrier in Wasm (on the control memory)
// before each, as batch mode does; the main thread creates the K fresh
// memories per group and collects after it. The test is
// MP+grow+scflag+size (2 threads) or Grow+spurious (1 thread).
//
//	deno run -A --v8-flags=--expose-gc multimem.cjs [TEST] [N] [K] [EVERY]
//	bun multimem.cjs [TEST] [N] [K] [EVERY]
//
// node 20 (V8 11.3) has no multi-memory, not even behind a flag. EVERY
// (default 1): a full collection in every isolate after every EVERY-th
// group; 0: never.
// TEST is "mp" or "spurious"; it needs wat2wasm on PATH (the module is
// generated as text). It prints iterations a second, CPU per iteration
// and the outcome counts.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const { execFileSync } = require('child_process');
const fs = require('fs'), os = require('os'), path = require('path');

const SPIN = 100000;

// body returns thread t's code on memory k, its locals stored at the
// result slot of instance k (control memory, 16 bytes per thread).
function body(test, t, k, K, T) {
  const slot = (k * T + t) * 16 + 1024;
  if (test === 'spurious' || t === 0) {
    return `(i32.store ${K} (i32.const ${slot + 4}) (memory.grow ${k} (i32.const 1)))` +
      (test === 'mp' ? `(i32.atomic.store ${k} (i32.const 4) (i32.const 1))` : '');
  }
  return `(i32.store ${K} (i32.const ${slot + 4}) (i32.atomic.load ${k} (i32.const 4)))` +
    `(i32.store ${K} (i32.const ${slot + 8}) (memory.size ${k}))`;
}

function wat(test, t, K, T) {
  let s = '(module\n';
  for (let k = 0; k < K; k++) s += `(import "env" "m${k}" (memory 1 2 shared))\n`;
  s += `(import "env" "c" (memory 1 1 shared))\n`;
  // barrier: generation word at 4, count at 0 of the control memory.
  s += `(func $barrier (local $g i32) (local $s i32)
    (local.set $g (i32.atomic.load ${K} (i32.const 4)))
    (if (i32.eq (i32.atomic.rmw.add ${K} (i32.const 0) (i32.const 1)) (i32.const ${T - 1}))
      (then (i32.atomic.store ${K} (i32.const 0) (i32.const 0))
            (drop (i32.atomic.rmw.add ${K} (i32.const 4) (i32.const 1)))
            (drop (memory.atomic.notify ${K} (i32.const 4) (i32.const -1))))
      (else (loop $l
        (if (i32.eq (i32.atomic.load ${K} (i32.const 4)) (local.get $g)) (then
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (if (i32.gt_u (local.get $s) (i32.const ${SPIN}))
            (then (drop (memory.atomic.wait32 ${K} (i32.const 4) (local.get $g) (i64.const 1000000)))))
          (br $l)))))))\n`;
  s += `(func (export "run") (param $n i32)\n`;
  for (let k = 0; k < K; k++) s += `(if (i32.gt_u (local.get $n) (i32.const ${k})) (then (call $barrier) ${body(test, t, k, K, T)}))\n`;
  s += `))`;
  return s;
}

function compile(test, t, K, T) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mm'));
  fs.writeFileSync(path.join(dir, 'm.wat'), wat(test, t, K, T));
  execFileSync('wat2wasm', ['--enable-threads', '--enable-multi-memory', path.join(dir, 'm.wat'), '-o', path.join(dir, 'm.wasm')]);
  return fs.readFileSync(path.join(dir, 'm.wasm'));
}

function collect() {
  if (typeof gc === 'function') gc();
  else if (typeof Bun !== 'undefined') Bun.gc(true);
}

if (!isMainThread) {
  const { t, test, K, T } = workerData;
  const module = new WebAssembly.Module(compile(test, t, K, T));
  parentPort.on('message', (g) => {
    const env = { c: g.c };
    for (let k = 0; k < K; k++) env['m' + k] = g.mems[k];
    const a = performance.now();
    const inst = new WebAssembly.Instance(module, { env });
    const b = performance.now();
    inst.exports.run(g.n);
    const c = performance.now();
    g.mems = null;
    if (g.gc) collect();
    parentPort.postMessage([b - a, c - b, performance.now() - c]);
  });
} else {
  const test = process.argv[2] || 'mp', N = +process.argv[3] || 5000, K = +process.argv[4] || 64;
  const every = process.argv[5] === undefined ? 1 : +process.argv[5];
  const T = test === 'mp' ? 2 : 1;
  const workers = [];
  for (let t = 0; t < T; t++) workers.push(new Worker(__filename, { workerData: { t, test, K, T } }));
  const counts = new Map();
  const times = workers.map(() => [0, 0, 0]);
  let tmem = 0, tgc = 0;
  const c0 = process.cpuUsage(), w0 = Date.now();
  (async () => {
    for (let done = 0; done < N; done += K) {
      const n = Math.min(K, N - done);
      const a = performance.now();
      const mems = [];
      for (let k = 0; k < K; k++) mems.push(new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }));
      const c = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      tmem += performance.now() - a;
      await Promise.all(workers.map((w, t) => new Promise((res) => { w.once('message', (m) => { for (let j = 0; j < 3; j++) times[t][j] += m[j]; res(); }); w.postMessage({ mems, c, n, gc: every > 0 && (done / K + 1) % every === 0 }); })));
      const v = new Int32Array(c.buffer);
      for (let k = 0; k < n; k++) {
        let key = '';
        for (let t = 0; t < T; t++) key += v[(1024 + (k * T + t) * 16) / 4 + 1] + ',' + v[(1024 + (k * T + t) * 16) / 4 + 2] + ';';
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const b = performance.now();
      if (every > 0 && (done / K + 1) % every === 0) collect();
      tgc += performance.now() - b;
    }
    const s = (Date.now() - w0) / 1000, cpu = process.cpuUsage(c0);
    console.log(`${test} K=${K}: ${Math.round(N / s)} it/s, ${((cpu.user + cpu.system) / N / 1000).toFixed(3)} ms CPU/it (main+workers), load ${os.loadavg()[0].toFixed(1)}`);
    console.log('main: creating memories ' + (tmem / 1000).toFixed(2) + ' s, collecting ' + (tgc / 1000).toFixed(2) + ' s; per worker (instantiate, run, collect) s: ' + times.map((x) => x.map((v) => (v / 1000).toFixed(2)).join(' ')).join(' | '));
    console.log(JSON.stringify(Object.fromEntries(counts)));
    for (const w of workers) w.terminate();
  })();
}
