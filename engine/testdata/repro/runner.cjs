// The JavaScript runner of the reproducers that wmm validate --repro
// writes (one per directory it writes them to: each finding's directory
// holds only its data). It needs nothing but a JavaScript runtime with
// worker_threads:
//   node runner.cjs FINDING-DIR [ITERATIONS]
//   deno run -A runner.cjs FINDING-DIR [ITERATIONS]
//   bun runner.cjs FINDING-DIR [ITERATIONS]
// FINDING-DIR holds the test (test.wasm, text: test.wat), with one function
// t<k>(seed, delay) per thread of the test, and config.json: the test's
// threads, locals, initial values, the memory atoms of its outcome, and
// the raw keys of the outcomes the WebAssembly memory model forbids.
// Every iteration makes a fresh shared memory, writes the initial values,
// starts one worker per thread behind a spin gate and builds the outcome
// from what each thread returns (or the globals l<k>_<j> that mirror its
// locals when the engine traps) and from the memory. It prints how often
// each forbidden outcome appeared.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const fs = require('fs');
const path = require('path');

let CONFIG; // the finding's config.json (main thread only)

const PAGE = 65536;
const GATE_COUNT = 0, GATE_GEN = 1, DONE = 2, STATUS = 4; // Int32 words of ctl
const TRAPPED = 2, STUCK = 3;

function main() {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node runner.cjs FINDING-DIR [ITERATIONS]');
    process.exit(2);
  }
  CONFIG = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const n = Number(process.argv[3] || CONFIG.iterations);
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'test.wasm')));
  const T = CONFIG.locals.length;
  const width = 1 + Math.max(0, ...CONFIG.locals);
  const ctl = new Int32Array(new SharedArrayBuffer(4 * (STATUS + T)));
  const results = new BigInt64Array(new SharedArrayBuffer(8 * T * width));
  const workers = [];
  for (let t = 0; t < T; t++) workers.push(new Worker(__filename, { workerData: { t, T, module, ctl, results, width } }));
  const forbidden = new Map();
  for (const f of CONFIG.forbidden) for (const k of f.keys) forbidden.set(k, f.outcome);
  const counts = new Map();
  let others = 0, stuckRuns = 0;
  const start = Date.now();
  for (let i = 0; i < n; i++) {
    const mem = new WebAssembly.Memory({ initial: CONFIG.pages, maximum: CONFIG.max, shared: true });
    const bytes = new Uint8Array(mem.buffer);
    for (const w of CONFIG.init) {
      let v = BigInt(w.value);
      for (let b = 0; b < w.width; b++) { bytes[w.addr + b] = Number(v & 255n); v >>= 8n; }
    }
    const inst = new WebAssembly.Instance(module, { env: { mem } });
    if (inst.exports.setup() !== 1) throw new Error('the setup code traps');
    Atomics.store(ctl, DONE, 0);
    for (let t = 0; t < T; t++) Atomics.store(ctl, STATUS + t, 0);
    const seed = (i * 0x9E3779B9) | 0, delay = [1, 64, 512][i % 3];
    for (const w of workers) w.postMessage({ mem, seed, delay });
    // Wait for every thread. When the test waits, a thread still in a
    // wait 500 ms after the last one finished is stuck: note it, then
    // wake it.
    let others_done = 0, stuck = new Array(T).fill(false);
    for (;;) {
      const d = Atomics.load(ctl, DONE);
      if (d === T) break;
      Atomics.wait(ctl, DONE, d, 5);
      if (Atomics.load(ctl, DONE) === T) break;
      if (Atomics.load(ctl, DONE) !== d) { others_done = 0; continue; }
      if (CONFIG.waitAddrs.length === 0) continue;
      if (others_done === 0) others_done = Date.now();
      // Before any thread has finished, a slow start is not yet a wait:
      // only when every thread waits does the longer patience run out.
      if (Date.now() - others_done > (d === 0 ? 5000 : 500)) {
        for (let t = 0; t < T; t++) if (Atomics.load(ctl, STATUS + t) === 0) stuck[t] = true;
        for (const a of CONFIG.waitAddrs) inst.exports.wake(a);
      }
    }
    const key = [];
    for (let t = 0; t < T; t++) {
      const r = t * width;
      key.push(stuck[t] ? STUCK : Number(results[r]));
      for (let j = 0; j < CONFIG.locals[t]; j++) {
        let v = BigInt.asUintN(64, stuck[t] ? 0n : results[r + 1 + j]);
        for (let b = 0; b < 8; b++) { key.push(Number(v & 255n)); v >>= 8n; }
      }
    }
    const view = new Uint8Array(mem.buffer);
    const pages = view.length / PAGE;
    for (const a of CONFIG.atoms) {
      const val = new Array(8).fill(0);
      if (a.size) { val[0] = pages & 255; val[1] = (pages >> 8) & 255; val[2] = pages >> 16; }
      else if (a.addr + a.width <= view.length) for (let b = 0; b < a.width; b++) val[b] = view[a.addr + b];
      key.push(...val);
    }
    if (stuck.some((s) => s)) stuckRuns++;
    const hex = key.map((b) => b.toString(16).padStart(2, '0')).join('');
    const o = forbidden.get(hex);
    if (o === undefined) others++;
    else counts.set(o, (counts.get(o) || 0) + 1);
  }
  const secs = (Date.now() - start) / 1000;
  console.log(`${CONFIG.test} on ${engineVersion()}: ${n} iterations in ${secs.toFixed(1)} s`);
  for (const f of CONFIG.forbidden) console.log(`forbidden ${f.outcome}: seen ${counts.get(f.outcome) || 0} times`);
  console.log(`other outcomes: ${others}; iterations with a stuck thread: ${stuckRuns}`);
  for (const w of workers) w.terminate();
  process.exit(0);
}

function worker() {
  const { t, T, module, ctl, results, width } = workerData;
  parentPort.on('message', ({ mem, seed, delay }) => {
    const inst = new WebAssembly.Instance(module, { env: { mem } });
    const fn = inst.exports['t' + t];
    // A generation barrier: all threads start together.
    const g = Atomics.load(ctl, GATE_GEN);
    if (Atomics.add(ctl, GATE_COUNT, 1) === T - 1) {
      Atomics.store(ctl, GATE_COUNT, 0);
      Atomics.add(ctl, GATE_GEN, 1);
    } else {
      while (Atomics.load(ctl, GATE_GEN) === g);
    }
    let out;
    try {
      out = fn(seed, delay);
      if (!Array.isArray(out)) out = [out];
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      out = [TRAPPED];
      for (let j = 0; j < width - 1; j++) {
        const g = inst.exports['l' + t + '_' + j];
        if (g) out.push(g.value);
      }
    }
    for (let j = 0; j < out.length; j++) results[t * width + j] = BigInt.asIntN(64, BigInt(out[j]));
    Atomics.store(ctl, STATUS + t, 1);
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  });
}

if (isMainThread) main(); else worker();

// engineVersion names the JavaScript runtime that runs this script and its
// engine, in the same words in every script wmm writes: wmm appends this
// file to harness.js, mixed.js and the reproducers' runner.cjs.
function engineVersion() {
  if (typeof Bun !== 'undefined') return 'bun ' + Bun.version + ' (JavaScriptCore)';
  if (typeof Deno !== 'undefined') return 'deno ' + Deno.version.deno + ' (V8 ' + Deno.version.v8 + ')';
  return 'node ' + process.version + ' (V8 ' + process.versions.v8 + ')';
}
