// The JavaScript driver of wmm's engine runner, for node, deno and bun,
// and for the playground's "Run on this browser". wmm writes this file
// (embedded in the binary) next to the harness module and a
// configuration, and runs it as `node harness.cjs config.json`; the
// playground loads it in a Web Worker after playground/site/runner.js,
// which defines self.wmmHost, the browser's host. It does what
// engine/godriver.go and engine/isodriver.go do for the Go engines: one
// worker per test thread, batches of instances, raw outcome keys counted,
// a watchdog for threads stuck in wait, a deadline per batch. It prints
// JSON lines on stdout (the browser: posts them): {"progress": n} while it
// runs, then {"result": {...}}. No test file can add code to it: the
// test's code is in the Wasm module only.
'use strict';

// host is what differs between node (deno, bun) and a browser: how the
// run starts and ends, how workers start and talk, and the engine's name.
// The browser's is playground/site/runner.js, with the same members.
const host = typeof wmmHost !== 'undefined' ? wmmHost : nodeHost();

function nodeHost() {
  const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
  const fs = require('fs');
  const write = (line, code) => process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(code));
  return {
    // start runs main(cfg) on the main thread, worker(data) on a worker.
    start(main, worker) {
      if (!isMainThread) { worker(workerData); return; }
      const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
      cfg.module = new WebAssembly.Module(fs.readFileSync(cfg.modulePath));
      main(cfg);
    },
    done: (result) => write({ result }, 0),
    fail: (err) => write({ error: String(err && err.stack || err) }, 1),
    progress: (done) => console.log(JSON.stringify({ progress: done })),
    newWorker: (data) => new Worker(__filename, { workerData: data }),
    // started resolves once the workers can run (node: at once).
    started: () => Promise.resolve(),
    // ready tells the main thread that this worker can run.
    ready: () => {},
    onMessage: (fn) => parentPort.on('message', fn),
    // workerModule is the module the workers instantiate.
    workerModule: (cfg) => new WebAssembly.Module(fs.readFileSync(cfg.workerModulePath || cfg.modulePath)),
    cores: () => require('os').cpus().length,
    // workerMemories is how many isolated memories the workers may see
    // before they are restarted (node: collect() frees them).
    workerMemories: Infinity,
    // memoryWaitMs is how long a run may wait, in all, for memories to
    // be released when the engine refuses a new one (node: not at all).
    memoryWaitMs: 0,
    version: engineVersion,
  };
}

// Words of the shared coordination buffer between the main thread and the
// workers (Int32Array indices).
const SEQ = 0, N = 1, SEED = 2, DONE = 3, GATE_COUNT = 4, GATE_GEN = 5, DELAY = 6, SPIN = 7;
// Control words of the batch harness memory (byte addresses), as in
// engine/layout.go.
const CTL_COUNT = 0, CTL_GEN = 128, CTL_ABORT = 192, CTL_STUCK = 256, CTL_WAKES = 320, CTL_SLEEPS = 384, CTL_CANCEL = 448, CTL_WAITAT = 1024, CTL_SKEWAT = 2048;
// Threads whose overlap the status words record (engine/concurrency.go).
const OVERLAP_THREADS = 24;
const PAGE = 65536;
// The trapped status of a thread's record (engine/layout.go).
const STATUS_TRAPPED = 2;

function main(cfg) {
  const run = cfg.stacked ? runStacked : cfg.isolated ? runIsolated : runBatches;
  run(cfg).then(host.done, host.fail);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function newMemory(initial, maximum) {
  return new WebAssembly.Memory({ initial, maximum, shared: true });
}

// fresh makes what make() returns (memories) and, while the engine
// refuses a memory (RangeError: "could not allocate memory"), waits for
// it to release the memories of workers already terminated, doubling
// the wait, up to host.memoryWaitMs in all (res.memoryWaits counts the
// waits, res.memoryWaitMs their time). A browser frees a terminated
// worker's memories only once its thread has torn the worker down, which
// on a loaded machine can come after the next run asked for more.
async function fresh(make, res) {
  for (let wait = 10; ; wait *= 2) {
    try {
      return make();
    } catch (e) {
      if (!(e instanceof RangeError) || (res.memoryWaitMs || 0) + wait > host.memoryWaitMs) throw e;
      res.memoryWaits = (res.memoryWaits || 0) + 1;
      res.memoryWaitMs = (res.memoryWaitMs || 0) + wait;
      await sleep(wait);
    }
  }
}

// instantiate creates the memory and the main thread's instance: a memory
// created here and imported, or (cfg.defined) the memory the module
// defines and exports.
function instantiate(cfg) {
  if (cfg.defined) {
    const inst = new WebAssembly.Instance(cfg.module, {});
    return { mem: inst.exports.mem, inst };
  }
  const mem = newMemory(cfg.memPages, cfg.memMax);
  return { mem, inst: new WebAssembly.Instance(cfg.module, { env: { mem } }) };
}

// startWorkers starts one worker per thread on the given shared state.
function startWorkers(cfg, extra) {
  const workers = [];
  for (let t = 0; t < cfg.locals.length; t++) {
    workers.push(host.newWorker(Object.assign({ t, cfg }, extra)));
  }
  return workers;
}

function stopWorkers(workers) {
  for (const w of workers) w.terminate();
}

// A Counter counts raw outcome keys, kept as latin1 strings and printed
// as hex.
class Counter {
  constructor() { this.map = new Map(); this.iterations = 0; }
  add(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    this.map.set(s, (this.map.get(s) || 0) + 1);
    this.iterations++;
  }
  toJSON() {
    const out = {};
    for (const [k, n] of this.map) {
      let hex = '';
      for (let i = 0; i < k.length; i++) hex += k.charCodeAt(i).toString(16).padStart(2, '0');
      out[hex] = n;
    }
    return out;
  }
}

// atomBytes writes the 8-byte value of each atom of the instance whose
// test memory is view[base, ...) of the given size in pages.
function atomBytes(cfg, view, base, pages, key, off) {
  for (const a of cfg.atoms) {
    for (let b = 0; b < 8; b++) key[off + b] = 0;
    if (a.size) {
      key[off] = pages & 255; key[off + 1] = (pages >> 8) & 255; key[off + 2] = (pages >> 16) & 255;
    } else if (a.addr + a.width <= pages * PAGE) {
      for (let b = 0; b < a.width; b++) key[off + b] = view[base + a.addr + b];
    }
    off += 8;
  }
  return off;
}

function writeInit(cfg, view, base) {
  for (const w of cfg.init) {
    if (w.addr + w.width > cfg.testPages * PAGE) continue;
    let v = BigInt(w.value);
    for (let b = 0; b < w.width; b++) {
      view[base + w.addr + b] = Number(v & 255n);
      v >>= 8n;
    }
  }
}

// ---- batch mode ----

async function runBatches(cfg) {
  const res = { counts: new Counter(), dropped: 0, notes: [], version: host.version(), measured: 0, concurrent: 0, sleeps: 0, arrivals: 0,
    skew: new SkewTuner(cfg.locals.length) };
  let st = await openBatch(cfg, res);
  const start = Date.now();
  res.budgetEnd = cfg.budgetMs > 0 ? start + cfg.budgetMs : Infinity;
  let done = 0;
  for (let b = 0; done < cfg.iterations; b++) {
    if (Date.now() >= res.budgetEnd) {
      res.notes.push('time budget ran out after ' + res.counts.iterations + ' of ' + cfg.iterations + ' iterations');
      break;
    }
    const n = Math.min(cfg.layout.batch, cfg.iterations - done);
    const delay = cfg.delays[b % cfg.delays.length];
    const ok = await batch(cfg, st, n, (cfg.seed + b * 0x9E3779B9) >>> 0, delay, res);
    if (ok === 'budget') {
      res.notes.push('time budget ran out inside a batch, after ' + res.counts.iterations + ' of ' + cfg.iterations + ' iterations');
      break;
    }
    if (!ok) {
      stopWorkers(st.workers);
      st = await openBatch(cfg, res);
    }
    done += n;
    host.progress(done);
  }
  stopWorkers(st.workers);
  if (res.arrivals > 0 && res.sleeps / res.arrivals > 0.1) {
    const cores = host.cores();
    res.notes.push('threads slept at the barrier in ' + Math.round(100 * res.sleeps / res.arrivals) + '% of arrivals: they could not run at once (' + cfg.locals.length + ' threads, ' + cores + ' cores, or a loaded machine)');
  }
  res.elapsedMs = Date.now() - start;
  res.iterations = res.counts.iterations;
  delete res.budgetEnd; delete res.sleeps; delete res.arrivals; delete res.skew;
  return noteWaits(res);
}

// openBatch creates the memory, the main thread's instance (for setup and
// wake) and the workers.
async function openBatch(cfg, res) {
  const { mem, inst } = await fresh(() => instantiate(cfg), res);
  const ctl = new Int32Array(new SharedArrayBuffer(64));
  const workers = startWorkers(cfg, { mem, ctl });
  await host.started(workers);
  return { mem, inst, ctl, workers, seq: 0 };
}

async function batch(cfg, st, n, seed, delay, res) {
  const view = new Uint8Array(st.mem.buffer);
  const L = cfg.layout;
  for (let t = 0; t < cfg.locals.length; t++) {
    view.fill(0, L.results[t], L.results[t] + n * L.recordSize[t]);
  }
  view.fill(0, L.slots, L.slots + n * L.stride);
  for (let i = 0; i < n; i++) writeInit(cfg, view, L.slots + i * L.stride);
  res.skew.write(new Int32Array(st.mem.buffer, CTL_SKEWAT, res.skew.off.length));
  const bad = st.inst.exports.setup(n);
  if (bad !== 0) throw new Error('the setup code does not complete (it traps) in instance ' + (bad - 1));
  const ctl = st.ctl;
  Atomics.store(ctl, N, n);
  Atomics.store(ctl, SEED, seed | 0);
  Atomics.store(ctl, DELAY, delay + 1);
  Atomics.store(ctl, SPIN, cfg.spinLimit);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, SEQ, ++st.seq);
  Atomics.notify(ctl, SEQ);
  const started = Date.now();
  const words = new Int32Array(st.mem.buffer, 0, 1024);
  const sleeps = Atomics.load(words, CTL_SLEEPS / 4);
  for (;;) {
    const d = Atomics.load(ctl, DONE);
    if (d === cfg.locals.length) break;
    if (Date.now() >= res.budgetEnd && Date.now() - started < cfg.deadlineMs) {
      // The run's budget ran out: make every thread return, count what
      // finished, and stop.
      if (cancelBatch(cfg, ctl, words, st.inst)) {
        countBatch(cfg, view, Math.max(finished(cfg, view, n) - 1, 0), res);
        return 'budget';
      }
    }
    if (Date.now() - started > cfg.deadlineMs) {
      const counted = countBatch(cfg, view, Math.max(finished(cfg, view, n) - 1, 0), res);
      res.dropped += n - counted;
      res.notes.push('a batch missed its deadline; ' + (n - counted) + ' unfinished instances were dropped and the engine restarted');
      return false;
    }
    if (cfg.waits) watchdog(cfg, words, st.inst);
    Atomics.wait(ctl, DONE, d, cfg.waits ? 0.1 : 1);
  }
  const counted = countBatch(cfg, view, n, res);
  res.dropped += n - counted;
  res.sleeps += Atomics.load(words, CTL_SLEEPS / 4) - sleeps;
  res.arrivals += n * cfg.locals.length;
  return true;
}

// cancelBatch sets the cancel word, which every loop of the harness
// checks, and wakes the threads asleep at the barrier or in a wait, until
// every worker has returned (true) or two seconds passed (false).
function cancelBatch(cfg, ctl, words, inst) {
  Atomics.store(words, CTL_CANCEL / 4, 1);
  const until = Date.now() + 2000;
  while (Atomics.load(ctl, DONE) < cfg.locals.length) {
    if (Date.now() > until) return false;
    inst.exports.wake(CTL_GEN);
    for (let t = 0; t < cfg.locals.length; t++) {
      const a = Atomics.load(words, CTL_WAITAT / 4 + t);
      if (a !== 0) inst.exports.wake(a - 1);
    }
    Atomics.wait(ctl, DONE, Atomics.load(ctl, DONE), 1);
  }
  return true;
}

// watchdog ends the waits that nothing can wake any more (engine/waits.go).
function watchdog(cfg, words, inst) {
  const g = Atomics.load(words, CTL_GEN / 4);
  const count = Atomics.load(words, CTL_COUNT / 4);
  const stuck = Atomics.load(words, CTL_STUCK / 4);
  const wakes = Atomics.load(words, CTL_WAKES / 4);
  if (Atomics.load(words, CTL_GEN / 4) !== g) return;
  const pending = stuck >>> 16, claimed = stuck & 0xFFFF;
  if (pending === 0 || count + pending !== cfg.locals.length || claimed !== wakes) return;
  Atomics.store(words, CTL_ABORT / 4, g);
  for (let t = 0; t < cfg.locals.length; t++) {
    const a = Atomics.load(words, CTL_WAITAT / 4 + t);
    if (a !== 0) inst.exports.wake(a - 1);
  }
}

function finished(cfg, view, n) {
  const L = cfg.layout;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < cfg.locals.length; t++) {
      if (view[L.results[t] + i * L.recordSize[t]] === 0) return i;
    }
  }
  return n;
}

function countBatch(cfg, view, n, res) {
  const L = cfg.layout;
  const key = new Uint8Array(cfg.keySize);
  const T = cfg.locals.length;
  const saw = new Uint32Array(T);
  const leader = new Uint8Array(T);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let t = 0; t < T; t++) {
      const rec = L.results[t] + i * L.recordSize[t];
      if (view[rec] === 0) { res.skew.update(); return i; }
      saw[t] = view[rec + 1] | view[rec + 2] << 8 | view[rec + 3] << 16;
      leader[t] = view[rec + 4] & 1;
      key[off++] = view[rec];
      const len = 8 * cfg.locals[t];
      key.set(view.subarray(rec + 8, rec + 8 + len), off);
      off += len;
    }
    atomBytes(cfg, view, L.slots + i * L.stride, cfg.testPages, key, off);
    res.counts.add(key);
    if (T >= 2) {
      res.measured++;
      if (concurrent(saw)) res.concurrent++;
      res.skew.observe(saw, leader);
    }
  }
  res.skew.update();
  return n;
}

// SkewTuner is engine/concurrency.go's skewTuner: it learns each
// thread's start offset per role (released the barrier or not) from the
// overlap masks, after every batch.
const SKEW_GAIN = 64, SKEW_MIN = 16, SKEW_MAX = 1 << 14;
class SkewTuner {
  constructor(threads) {
    const k = 2 * Math.min(threads, OVERLAP_THREADS);
    this.off = new Int32Array(k);
    this.n = new Int32Array(k); this.early = new Int32Array(k); this.late = new Int32Array(k);
  }
  observe(saw, leader) {
    const n = Math.min(saw.length, OVERLAP_THREADS);
    for (let t = 0; t < n; t++) {
      const k = 2 * t + leader[t];
      this.n[k]++;
      for (let u = 0; u < n; u++) {
        if (u !== t && !(saw[t] & (1 << u))) { this.late[k]++; break; }
      }
      for (let u = 0; u < n; u++) {
        if (u !== t && !(saw[u] & (1 << t))) { this.early[k]++; break; }
      }
    }
  }
  update() {
    let low = -1;
    for (let k = 0; k < this.off.length; k++) {
      if (this.n[k] < SKEW_MIN) continue;
      // Go's integer division truncates toward zero, as Math.trunc.
      let v = this.off[k] + Math.trunc(SKEW_GAIN * (this.early[k] - this.late[k]) / this.n[k]);
      v = Math.min(Math.max(v, 0), SKEW_MAX);
      this.off[k] = v;
      if (low < 0 || v < low) low = v;
    }
    for (let k = 0; k < this.off.length; k++) {
      if (low > 0 && this.n[k] >= SKEW_MIN) this.off[k] -= low;
      this.n[k] = 0; this.early[k] = 0; this.late[k] = 0;
    }
  }
  write(words) {
    words.set(this.off);
  }
}

// concurrent is engine/concurrency.go's: every pair saw each other begun.
function concurrent(saw) {
  const n = Math.min(saw.length, OVERLAP_THREADS);
  for (let t = 0; t < n; t++) {
    for (let u = t + 1; u < n; u++) {
      if (!(saw[t] & (1 << u)) || !(saw[u] & (1 << t))) return false;
    }
  }
  return true;
}

// ---- isolated mode ----

async function runIsolated(cfg) {
  const res = { counts: new Counter(), dropped: 0, notes: [], version: host.version() };
  const T = cfg.locals.length;
  const K = Math.max(1, Math.min(cfg.group || 256, cfg.iterations));
  const start = Date.now();
  let done = 0;
  let workers = null;
  let held = 0; // memories the workers have seen since they started
  // cfg.reuse: no grow can change the memory's length (the maximum is the
  // initial size), so a memory is sound to reuse once its contents are
  // reset: the first group's memories (and the workers' instances of
  // them) serve every group, and no memory is created or collected after
  // it. pool holds them while the workers that instantiated them live.
  let pool = null;
  while (done < cfg.iterations) {
    if (cfg.budgetMs > 0 && Date.now() - start > cfg.budgetMs) {
      res.notes.push('time budget ran out after ' + done + ' of ' + cfg.iterations + ' iterations');
      break;
    }
    const n = Math.min(K, cfg.iterations - done);
    const first = !pool;
    const mems = first ? [] : pool.mems;
    for (let i = 0; i < n && !first; i++) {
      // Every byte back to zero, then the initial values and the setup
      // code, as on a fresh memory.
      new Uint8Array(mems[i].buffer).fill(0);
      writeInit(cfg, new Uint8Array(mems[i].buffer), 0);
      if (pool.insts[i] && pool.insts[i].exports.setup() !== 1) throw new Error('the setup code does not complete (it traps)');
    }
    const insts = [];
    for (let i = 0; i < n && first; i++) {
      // An imported memory without setup code needs no instance in the
      // main thread: the initial values are written through a view.
      if (!cfg.defined && !cfg.hasSetup) {
        const mem = await fresh(() => newMemory(cfg.memPages, cfg.memMax), res);
        writeInit(cfg, new Uint8Array(mem.buffer), 0);
        mems.push(mem);
        insts.push(null);
        continue;
      }
      const { mem, inst } = await fresh(() => instantiate(cfg), res);
      writeInit(cfg, new Uint8Array(mem.buffer), 0);
      if (inst.exports.setup() !== 1) throw new Error('the setup code does not complete (it traps)');
      mems.push(mem);
      insts.push(inst);
    }
    if (cfg.reuse && first) pool = { mems, insts };
    const width = 1 + Math.max(0, ...cfg.locals);
    const results = new BigInt64Array(new SharedArrayBuffer(8 * n * T * width));
    const ctl = new Int32Array(new SharedArrayBuffer(4 * (16 + T)));
    ctl[N] = n; ctl[SEED] = (cfg.seed + done) | 0;
    // The workers live across groups (starting one compiles the module);
    // each group reaches them as a message.
    if (!workers) {
      workers = startWorkers(cfg, {});
      await host.started(workers);
    }
    // Reused memories are not sent again: the workers keep their
    // instances of them (a memory sent again would be a new object).
    for (const w of workers) w.postMessage({ mems: first ? mems : null, results, ctl, width });
    const ok = awaitGroup(cfg, ctl, T);
    await sleep(0);
    const finishedN = ok ? n : Math.max(0, Math.min(...workerProgress(ctl, T)) - 1);
    countIsolated(cfg, mems, results, finishedN, width, res);
    if (!pool) {
      mems.length = 0;
      if (++isoGroups % ISO_COLLECT_EVERY === 0) collect();
    }
    res.dropped += n - finishedN;
    const note = 'instances that missed the deadline were dropped';
    if (!ok && !res.notes.includes(note)) res.notes.push(note);
    if (first) held += n;
    if (!ok || held >= host.workerMemories) {
      // A worker may still be running the instance that did not end; or
      // (host.workerMemories) the workers' isolates, which a browser
      // does not let us collect, hold too many dead memories.
      stopWorkers(workers);
      workers = null;
      held = 0;
      pool = null;
    }
    done += n;
    host.progress(done);
  }
  return endIsolated(res, workers, start);
}

// endIsolated stops the workers of an isolated run and completes its
// result.
function endIsolated(res, workers, start) {
  if (workers) stopWorkers(workers);
  res.elapsedMs = Date.now() - start;
  res.iterations = res.counts.iterations;
  return noteWaits(res);
}

// awaitGroup waits until every worker has finished its group (each adds
// one to DONE), and returns false when it gives the group up. The deadline
// applies to progress: the group is given up when no worker has finished
// an instance for cfg.deadlineMs (one instance that never ends would
// otherwise hold the whole group for n times that). The main thread
// sleeps until a worker finishes (they notify DONE) or 20 ms pass; polling
// more often took a core's share from the workers on a loaded machine.
function awaitGroup(cfg, ctl, T) {
  let progress = -1, moved = Date.now();
  while (Atomics.load(ctl, DONE) < T) {
    const p = workerProgress(ctl, T).reduce((a, b) => a + b, 0);
    if (p !== progress) { progress = p; moved = Date.now(); }
    if (Date.now() - moved > cfg.deadlineMs) return false;
    Atomics.wait(ctl, DONE, Atomics.load(ctl, DONE), 20);
  }
  return true;
}

// ---- stacked isolated mode (engine/stack.go) ----

// runStacked runs the instances of a stacked harness in groups of
// cfg.stackGroup, each group on one memory that starts empty: the
// workers' thread 0 grows it by the test's pages before each instance
// (stackedWorker), and instance i's memory is the pages from bases[i]
// (the size the grow found) to bases[i+1] (the size the next grow
// found, or a grow by 0 after the last).
async function runStacked(cfg) {
  const res = { counts: new Counter(), dropped: 0, notes: [], version: host.version() };
  const T = cfg.locals.length;
  const width = 1 + Math.max(0, ...cfg.locals);
  const start = Date.now();
  let done = 0;
  let workers = null;
  let held = 0; // memories the workers have seen since they started
  while (done < cfg.iterations) {
    if (cfg.budgetMs > 0 && Date.now() - start > cfg.budgetMs) {
      res.notes.push('time budget ran out after ' + done + ' of ' + cfg.iterations + ' iterations');
      break;
    }
    const n = Math.min(cfg.stackGroup, cfg.iterations - done);
    const mem = await fresh(() => cfg.defined ? new WebAssembly.Instance(cfg.module, {}).exports.mem : newMemory(0, cfg.memMax), res);
    const results = new BigInt64Array(new SharedArrayBuffer(8 * n * T * width));
    const bases = new Int32Array(new SharedArrayBuffer(4 * (n + 1))).fill(-1);
    const ctl = new Int32Array(new SharedArrayBuffer(4 * (16 + T + 4)));
    ctl[N] = n; ctl[SEED] = (cfg.seed + done) | 0;
    if (!workers) {
      workers = startWorkers(cfg, {});
      await host.started(workers);
    }
    for (const w of workers) w.postMessage({ mem, results, bases, ctl, width });
    const ok = awaitGroup(cfg, ctl, T);
    await sleep(0);
    // An instance counts once its final size, the next base, is known.
    let finished = 0;
    while (finished < n && Atomics.load(bases, finished + 1) >= 0) finished++;
    await countStacked(cfg, mem, bases, results, finished, width, res);
    if (Atomics.load(ctl, 9 + T)) {
      res.notes.push('a thread\'s memory.size stayed behind the stack\'s grow for a million calls before ' + Atomics.load(ctl, 9 + T) + ' of the instances (' +
        Atomics.load(ctl, 10 + T) + ' pages, not ' + Atomics.load(ctl, 11 + T) + '); the harness waits for it');
    }
    res.dropped += n - finished;
    if (!ok) {
      const note = 'instances that missed the deadline were dropped';
      if (!res.notes.includes(note)) res.notes.push(note);
    }
    if (!ok || ++held >= host.workerMemories) {
      // As in runIsolated: a worker may still run the instance that did
      // not end, or hold too many dead memories (a browser).
      stopWorkers(workers);
      workers = null;
      held = 0;
    }
    if (++isoGroups % ISO_COLLECT_EVERY === 0) collect();
    done += n;
    host.progress(done);
  }
  return endIsolated(res, workers, start);
}

// countStacked counts the first n instances of a stacked group.
async function countStacked(cfg, mem, bases, results, n, width, res) {
  if (n === 0) return;
  // The main thread's view of the memory may lag behind the workers'
  // grows; it catches up between two turns of the event loop.
  const end = Atomics.load(bases, n) * PAGE;
  let buf = mem.buffer;
  for (const t0 = Date.now(); buf.byteLength < end; buf = mem.buffer) {
    if (Date.now() - t0 > cfg.deadlineMs) throw new Error('the main thread sees ' + buf.byteLength + ' bytes of a memory the workers grew to ' + end);
    await sleep(1);
  }
  const view = new Uint8Array(buf);
  const key = new Uint8Array(cfg.keySize);
  for (let i = 0; i < n; i++) {
    const off = threadsKey(cfg, results, i, width, key);
    const base = Atomics.load(bases, i);
    atomBytes(cfg, view, base * PAGE, Atomics.load(bases, i + 1) - base, key, off);
    res.counts.add(key);
  }
}

// stackedWorker runs thread d.t on the n instances of a stacked group,
// all threads starting each instance together. Thread 0 prepares each
// instance once every thread has finished the one before: it grows the
// memory by the test's pages and runs setup(base) there (the initial
// values and the setup code). Before the gate every thread waits until
// its own memory.size covers the instance's pages.
function stackedWorker(d, module) {
  const cfg = d.cfg, ctl = d.ctl, T = cfg.locals.length, t = d.t, bases = d.bases;
  const n = Atomics.load(ctl, N), seed = Atomics.load(ctl, SEED);
  const published = 8 + T, lagged = 9 + T;
  const inst = new WebAssembly.Instance(module, { env: { mem: d.mem } });
  const fn = inst.exports['t' + t], size = inst.exports.size;
  // No grow before every thread has its instance: node 20's V8 can lose
  // a grow that comes while another worker instantiates the memory (that
  // worker's memory.size then stays at the old size; seen here at 0
  // pages for the 20 s of a deadline).
  gate(ctl, T, cfg.spinLimit);
  for (let i = 0; i < n; i++) {
    if (t === 0) {
      for (let u = 1; u < T; u++) awaitAtLeast(ctl, 8 + u, i, cfg.spinLimit);
      const old = inst.exports.grow(cfg.testPages);
      if (old < 0) throw new Error('the stacked memory did not grow by ' + cfg.testPages + ' pages for instance ' + i + ' of ' + n);
      Atomics.store(bases, i, old);
      if (inst.exports.setup(old * PAGE) !== 1) throw new Error('the setup code does not complete (it traps)');
      Atomics.store(ctl, published, i + 1);
      Atomics.notify(ctl, published);
    } else {
      awaitAtLeast(ctl, published, i + 1, cfg.spinLimit);
    }
    const base = Atomics.load(bases, i);
    for (let s = 0, have; (have = size()) < base + cfg.testPages; s++) {
      if (s === 1e6) {
        Atomics.add(ctl, lagged, 1);
        Atomics.store(ctl, lagged + 1, have);
        Atomics.store(ctl, lagged + 2, base + cfg.testPages);
      }
    }
    gate(ctl, T, cfg.spinLimit);
    callThread(cfg, inst, fn, t, i, seed, base * PAGE, d.results, (i * T + t) * d.width);
    Atomics.store(ctl, 8 + t, i + 1);
    Atomics.notify(ctl, 8 + t);
  }
  if (t === 0) {
    for (let u = 1; u < T; u++) awaitAtLeast(ctl, 8 + u, n, cfg.spinLimit);
    Atomics.store(bases, n, inst.exports.grow(0));
  }
  d.mem = null;
  if (++isoGroups % ISO_COLLECT_EVERY === 0) collect();
  Atomics.add(ctl, DONE, 1);
  Atomics.notify(ctl, DONE);
}

// awaitAtLeast returns once ctl[i] >= v: it spins spinLimit turns, then
// sleeps a millisecond at a time.
function awaitAtLeast(ctl, i, v, spinLimit) {
  for (let s = 0; ; s++) {
    const cur = Atomics.load(ctl, i);
    if (cur >= v) return;
    if (s > spinLimit) Atomics.wait(ctl, i, cur, 1);
  }
}

// noteWaits turns fresh's count of waits into a note of the result.
function noteWaits(res) {
  if (res.memoryWaits) res.notes.push('the engine refused a new memory ' + res.memoryWaits + ' times; the run waited ' + res.memoryWaitMs + ' ms in all for it to release the memories of finished instances');
  delete res.memoryWaits; delete res.memoryWaitMs;
  return res;
}

// workerProgress returns how many instances each worker has finished.
function workerProgress(ctl, T) {
  const out = [];
  for (let t = 0; t < T; t++) out.push(Atomics.load(ctl, 8 + t));
  return out;
}

function countIsolated(cfg, mems, results, n, width, res) {
  const key = new Uint8Array(cfg.keySize);
  for (let i = 0; i < n; i++) {
    const off = threadsKey(cfg, results, i, width, key);
    const buf = mems[i].buffer;
    atomBytes(cfg, new Uint8Array(buf), 0, buf.byteLength / PAGE, key, off);
    res.counts.add(key);
  }
}

// threadsKey writes the threads' part of instance i's raw key (each
// thread's status, then its locals) from an isolated group's results,
// and returns the offset of the memory atoms.
function threadsKey(cfg, results, i, width, key) {
  const T = cfg.locals.length;
  const dv = new DataView(key.buffer);
  let off = 0;
  for (let t = 0; t < T; t++) {
    const r = (i * T + t) * width;
    key[off++] = Number(results[r]);
    for (let j = 0; j < cfg.locals[t]; j++) {
      dv.setBigUint64(off, BigInt.asUintN(64, results[r + 1 + j]), true);
      off += 8;
    }
  }
  return off;
}

// ---- workers ----

function workerMain(d) {
  const cfg = d.cfg;
  // The workers' module imports the memory, whichever way it was made.
  const module = host.workerModule(cfg);
  if (cfg.stacked) {
    host.onMessage((g) => stackedWorker(Object.assign({ t: d.t, cfg }, g), module));
    host.ready();
    return;
  }
  if (cfg.isolated) {
    host.onMessage((g) => isolatedWorker(Object.assign({ t: d.t, cfg }, g), module));
    host.ready();
    return;
  }
  const inst = new WebAssembly.Instance(module, { env: { mem: d.mem } });
  const fn = inst.exports['t' + d.t];
  const ctl = d.ctl;
  let seq = 0;
  host.ready();
  for (;;) {
    Atomics.wait(ctl, SEQ, seq);
    seq = Atomics.load(ctl, SEQ);
    fn(Atomics.load(ctl, N), Atomics.load(ctl, SEED), Atomics.load(ctl, DELAY), Atomics.load(ctl, SPIN));
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

// isolatedWorker runs thread d.t on every memory in d.mems, one instance
// after another, all threads starting each instance together.
// reused holds a worker's instances of the memories it was sent when the
// run reuses them (cfg.reuse); a group without memories runs on these.
let reused = null;

function isolatedWorker(d, module) {
  const cfg = d.cfg, ctl = d.ctl, T = cfg.locals.length;
  const n = Atomics.load(ctl, N), seed = Atomics.load(ctl, SEED);
  // Every instance of the group is made before the first gate, so that
  // between two gates a thread does nothing but the test.
  let insts = reused;
  if (d.mems) {
    insts = [];
    for (let i = 0; i < n; i++) insts.push(new WebAssembly.Instance(module, { env: { mem: d.mems[i] } }));
    reused = cfg.reuse ? insts : null;
  }
  for (let i = 0; i < n; i++) {
    const inst = insts[i];
    const fn = inst.exports['t' + d.t];
    // A reused instance's mirrors still hold the last run's locals; a
    // fresh call's locals are zero.
    if (!d.mems) for (let j = 0; j < cfg.locals[d.t]; j++) inst.exports['l' + d.t + '_' + j].value = 0n;
    gate(ctl, T, cfg.spinLimit);
    callThread(cfg, inst, fn, d.t, i, seed, undefined, d.results, (i * T + d.t) * d.width);
    Atomics.store(ctl, 8 + d.t, i + 1);
  }
  // V8 updates every shared memory object an isolate holds, dead or
  // alive, when any shared memory grows: collecting the group's memories
  // keeps the next group's grows cheap.
  if (!reused) {
    insts.length = 0;
    d.mems = null;
    if (++isoGroups % ISO_COLLECT_EVERY === 0) collect();
  }
  Atomics.add(ctl, DONE, 1);
  Atomics.notify(ctl, DONE);
}

// callThread runs instance i of thread t in inst (fn, its function t<t>;
// base, the instance's base in a stacked harness, else undefined) and
// writes its status and locals at record r of results.
function callThread(cfg, inst, fn, t, i, seed, base, results, r) {
  let out;
  try {
    out = fn((seed + i * 0x9E3779B9) | 0, cfg.delays[i % cfg.delays.length] + 1, base);
    if (!Array.isArray(out)) out = [out];
  } catch (e) {
    // A trap of the engine's own: the locals it had are in their mirror
    // globals (engine/isolated.go).
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    out = [STATUS_TRAPPED];
    for (let j = 0; j < cfg.locals[t]; j++) out.push(inst.exports['l' + t + '_' + j].value);
  }
  for (let j = 0; j < out.length; j++) results[r + j] = BigInt.asIntN(64, BigInt(out[j]));
}

// isoGroups counts the isolated groups this isolate has run on fresh
// memories; it collects after every ISO_COLLECT_EVERY-th. node 20's V8 11
// renews every shared memory object an isolate holds, dead or alive, on
// each shared grow, so it collects after every group; deno's V8 15 and
// bun's JavaScriptCore grow at a cost that does not follow that number,
// and there a full collection after every group cost more than it saved
// (Grow+spurious on deno: 1.8-2.1 s of CPU for 10,000 instances every 4
// groups, 2.3-2.7 s every group; docs/ENGINES-RESULTS.md, session 23).
let isoGroups = 0;
const ISO_COLLECT_EVERY = typeof Deno !== 'undefined' || typeof Bun !== 'undefined' ? 4 : 1;

// collect runs a full garbage collection where the runtime lets us
// (node and deno run with --expose-gc; bun has Bun.gc).
function collect() {
  if (typeof gc === 'function') gc();
  else if (typeof Bun !== 'undefined') Bun.gc(true);
}

// gate is a generation barrier on the coordination buffer.
function gate(ctl, T, spinLimit) {
  const g = Atomics.load(ctl, GATE_GEN);
  if (Atomics.add(ctl, GATE_COUNT, 1) === T - 1) {
    Atomics.store(ctl, GATE_COUNT, 0);
    Atomics.add(ctl, GATE_GEN, 1);
    Atomics.notify(ctl, GATE_GEN);
    return;
  }
  for (let s = 0; Atomics.load(ctl, GATE_GEN) === g; s++) {
    if (s > spinLimit) Atomics.wait(ctl, GATE_GEN, g, 1);
  }
}

host.start(main, workerMain);
