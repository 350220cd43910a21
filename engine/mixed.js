// The driver of wmm's runner for tests with JavaScript threads, for node,
// deno and bun, all through node's worker_threads (engine/mixed.go). Each iteration makes a fresh shared
// WebAssembly.Memory, writes the test's initial contents, runs its setup
// code, and hands the memory to one worker per thread: a Wasm thread
// calls its exported function (which returns its locals), a JS thread
// runs its code as real JavaScript with `memory` bound to the Memory.
// The workers meet at a barrier, wait a random delay, run, and report
// their status and values; the main thread then reads the memory atoms
// and counts the outcome key. It prints one JSON line: {"result": ...}.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const fs = require('fs');

// A waiter still suspended this long after every other thread finished
// is taken to be suspended forever.
const STUCK_MS = 250;

if (isMainThread) {
  main().then((result) => {
    process.stdout.write(JSON.stringify({ result }) + '\n', () => process.exit(0));
  }, (err) => {
    process.stdout.write(JSON.stringify({ error: String(err && err.stack || err) }) + '\n', () => process.exit(1));
  });
} else {
  worker();
}

async function main() {
  const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const module = new WebAssembly.Module(fs.readFileSync(cfg.modulePath));
  const n = cfg.threads.length;
  const workers = [];
  const pending = [];
  const ready = [];
  for (let t = 0; t < n; t++) {
    const w = new Worker(__filename, { workerData: { cfg, t } });
    ready.push(new Promise((resolve) => { pending[t] = resolve; }));
    w.on('message', (m) => pending[t](m));
    w.on('error', (e) => { process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n', () => process.exit(1)); });
    workers.push(w);
  }
  await Promise.all(ready);
  const counts = {};
  let iterations = 0, dropped = 0;
  const start = Date.now();
  while (iterations + dropped < cfg.iterations && Date.now() - start < cfg.budgetMs) {
    const k = Math.min(cfg.batch, cfg.iterations - iterations - dropped);
    const memories = [];
    for (let i = 0; i < k; i++) {
      const memory = new WebAssembly.Memory({ initial: cfg.pages, maximum: cfg.max, shared: true });
      const bytes = new Uint8Array(memory.buffer);
      for (const [addr, b] of cfg.init || []) bytes[addr] = b;
      if (cfg.setup) instantiate(cfg, module, memory, Atomics).exports.setup();
      memories.push(memory);
    }
    const ctl = new Int32Array(new SharedArrayBuffer(4 * k));
    const results = new Array(n);
    let done = 0;
    const finished = new Promise((resolve) => {
      for (let t = 0; t < n; t++) {
        pending[t] = (m) => { results[t] = m; if (++done === n) resolve(); };
      }
    });
    for (let t = 0; t < n; t++) {
      const delays = memories.map(() => Math.floor(Math.random() * cfg.maxDelay));
      workers[t].postMessage({ memories, ctl, delays });
    }
    // Wasm waiters suspended forever (batches of one when the test waits):
    // wake them all and remember they were stuck. JS threads end their own
    // endless waits (atomics.wait in worker).
    const stuck = new Array(n).fill(false);
    let last = done, quiet = 0;
    while (done < n) {
      let timer;
      const tick = new Promise((resolve) => { timer = setTimeout(resolve, 5); });
      await Promise.race([finished, tick]);
      clearTimeout(timer);
      const wasmOnly = cfg.batch === 1 && results.every((r, t) => r !== undefined || !cfg.threads[t].js);
      if (done < n && done === last && wasmOnly) {
        quiet += 5;
        if (quiet >= 2 * STUCK_MS) {
          for (let t = 0; t < n; t++) if (results[t] === undefined) stuck[t] = true;
          const all = new Int32Array(memories[0].buffer);
          for (let i = 0; i < all.length; i++) Atomics.notify(all, i);
        }
      } else {
        last = done; quiet = 0;
      }
    }
    for (let i = 0; i < k; i++) {
      let drop = false;
      const key = [];
      for (let t = 0; t < n; t++) {
        let [status, values] = results[t][i];
        if (stuck[t]) {
          // A Wasm thread's locals at the point it blocked are unknown.
          if (cfg.threads[t].locals > 0) drop = true;
          status = 2;
        }
        if (status !== 0 && !cfg.threads[t].js && cfg.threads[t].locals > 0) drop = true; // locals at a trap or a wait forever are unknown
        key.push(status + ':' + (values || []).join(','));
      }
      if (drop) { dropped++; continue; }
      const memory = memories[i];
      const view = new DataView(memory.buffer);
      for (const a of cfg.atoms || []) {
        if (a.size) { key.push(String(memory.buffer.byteLength / 65536)); continue; }
        let v = 0n;
        if (a.addr + a.width <= memory.buffer.byteLength) {
          for (let j = a.width - 1; j >= 0; j--) v = (v << 8n) | BigInt(view.getUint8(a.addr + j));
        }
        key.push(v.toString());
      }
      const kk = key.join(';');
      counts[kk] = (counts[kk] || 0) + 1;
      iterations++;
    }
  }
  for (const w of workers) w.terminate();
  return { counts, iterations, dropped, elapsedMs: Date.now() - start, version: engineVersion() };
}

// enc encodes a JS value as wmm's outcomes do (LITMUS.md "JavaScript
// threads"), as a decimal string of 64 bits.
function enc(v) {
  if (v === undefined) return '9223372036854775808';
  if (typeof v === 'bigint') return BigInt.asUintN(64, v).toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return ({ 'ok': '0', 'not-equal': '1', 'timed-out': '2' })[v] || '0';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '9221120237041090560';
    if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 64) return BigInt.asUintN(64, BigInt(v)).toString();
    const d = new DataView(new ArrayBuffer(8));
    d.setFloat64(0, v);
    return d.getBigUint64(0).toString();
  }
  return '0';
}

// wasmValue encodes a Wasm local of the given type.
function wasmValue(v, type) {
  const d = new DataView(new ArrayBuffer(8));
  switch (type) {
    case 'i32': return String(v >>> 0);
    case 'i64': return BigInt.asUintN(64, v).toString();
    case 'f32': d.setFloat32(0, v); return String(d.getUint32(0));
    default: d.setFloat64(0, v); return d.getBigUint64(0).toString();
  }
}

// barrier waits until n threads have arrived at word i of ctl: spinning
// first, then sleeping, since threads outnumber cores on small machines.
function barrier(ctl, i, n) {
  const arrived = Atomics.add(ctl, i, 1) + 1;
  if (arrived === n) { Atomics.notify(ctl, i); return; }
  for (let spin = 0; ; spin++) {
    const v = Atomics.load(ctl, i);
    if (v >= n) return;
    if (spin > 2000) Atomics.wait(ctl, i, v, 1);
  }
}

// makeHost compiles the test's functions (cfg.host: the JS functions as
// written, each Wasm function a call of its export in wmmLink) into a
// maker of the module's imports: called with a memory, the Atomics the
// thread sees and the link to fill with the instance's exports.
let hostMaker = null;
function makeHost(cfg) {
  if (!hostMaker) {
    const names = cfg.hostNames || [];
    hostMaker = new Function('memory', 'Atomics', 'wmmLink',
      "'use strict';\n" + (cfg.host || '') + 'return {' + names.map((n) => n + ': ' + n).join(', ') + '};');
  }
  return hostMaker;
}

// instantiate makes the module's instance on memory, with the test's JS
// functions as its imports (host functions, LITMUS.md "Host functions"),
// and returns its exports and the link through which JS code calls the
// test's Wasm functions on that same instance.
function instantiate(cfg, module, memory, atomics) {
  const env = { memory };
  const link = {};
  if (cfg.host) Object.assign(env, makeHost(cfg)(memory, atomics, link));
  const exports = new WebAssembly.Instance(module, { env }).exports;
  Object.assign(link, exports);
  return { exports, link };
}

function worker() {
  const { cfg, t } = workerData;
  const th = cfg.threads[t];
  const module = new WebAssembly.Module(fs.readFileSync(cfg.modulePath));
  const STUCK = { stuck: true };
  // Atomics as the thread sees it: a wait without a timeout that has not
  // returned after STUCK_MS is suspended forever (the other threads run
  // for microseconds).
  const atomics = Object.create(Atomics);
  let stuck = false;
  atomics.wait = function (ta, i, v, timeout) {
    const q = timeout === undefined ? NaN : Number(timeout);
    if (Number.isNaN(q) || q === Infinity) {
      const r = Atomics.wait(ta, i, v, STUCK_MS);
      if (r === 'timed-out') { stuck = true; throw STUCK; }
      return r;
    }
    return Atomics.wait(ta, i, v, timeout);
  };
  // A JS thread sees the test's functions (cfg.host) in its scope. It is
  // strict code whether or not the test has functions, so that the same
  // thread runs under the same rules in every test.
  const code = th.js ? new Function('memory', 'Atomics', 'wmmEnc', 'wmmLink',
    "'use strict';\n" + (cfg.host || '') + th.js) : null;
  parentPort.on('message', ({ memories, ctl, delays }) => {
    const out = [];
    for (let i = 0; i < memories.length; i++) {
      const memory = memories[i];
      let run;
      if (code) {
        stuck = false;
        if (cfg.memoryAPI) installMemoryAPI(cfg, memory, module, cfg.memoryAPI);
        const link = cfg.host ? instantiate(cfg, module, memory, atomics).link : {};
        run = () => {
          const [status, values] = code(memory, atomics, enc, link);
          return [stuck ? 2 : status, values];
        };
      } else {
        stuck = false;
        const f = instantiate(cfg, module, memory, atomics).exports['t' + t];
        const types = th.types || [];
        run = () => {
          let r;
          try {
            r = f();
          } catch (e) {
            if (e === STUCK) return [2, null]; // a host function waited forever
            // A trap, or an exception a host function threw through the
            // thread's Wasm frames: the thread ends as trapped. Only the
            // call is in the try: an error of the conversions below is
            // the harness's, not the engine's, and is not an outcome.
            if (e instanceof WebAssembly.RuntimeError || cfg.host && e instanceof Error) return [1, null];
            throw e;
          }
          if (types.length === 1) r = [r];
          return [0, types.map((ty, j) => wasmValue(r[j], ty))];
        };
      }
      barrier(ctl, i, cfg.threads.length);
      for (let d = 0; d < delays[i]; d++) { /* random delay */ }
      out.push(run());
    }
    parentPort.postMessage(out);
  });
  parentPort.postMessage('ready');
}

// installMemoryAPI gives memory the methods of the memory-access API
// (feature js-memory-api): each calls the exported Wasm function that does
// its load or store, and turns a trap into the RangeError the proposal
// asks for.
function installMemoryAPI(cfg, memory, module, names) {
  const api = instantiate(cfg, module, memory, Atomics).exports;
  for (const name of names) {
    const f = api['wmm_' + name];
    memory[name] = function (...args) {
      try {
        return f(...args);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw new RangeError('memory.' + name + ': ' + e.message);
        throw e;
      }
    };
  }
}
