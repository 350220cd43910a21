// runner.js is the browser's host for engine/harness.js, the harness that
// wmm run drives on node, deno and bun: "Run on this browser" runs the
// same file, unchanged, in a Web Worker (the harness's main thread waits
// with Atomics.wait, which a page's own thread may not), and each test
// thread in a worker of its own started from this same script, all on one
// shared WebAssembly.Memory. It defines self.wmmHost with the members of
// harness.js's nodeHost, then loads harness.js (a reproducer inlines both
// and sets self.wmmInline).
//
// The page posts {run: {config, module, workerModule}}: the configuration
// of engine.JSJob and the module bytes, one run after another to the same
// runner (app.js's runHarness says why). The runner posts {progress: n}
// lines, then {result} or {error}, as the node harness prints them.
"use strict";

// engineName names the JavaScript engine of a user agent string.
function engineName(ua) {
  let m;
  if ((m = ua.match(/Firefox\/([\d.]+)/))) return "SpiderMonkey (Firefox " + m[1] + ")";
  if ((m = ua.match(/(?:Chrome|Chromium)\/([\d.]+)/))) return "V8 (Chromium " + m[1] + ")";
  if ((m = ua.match(/Version\/([\d.]+).*Safari/))) return "JavaScriptCore (Safari " + m[1] + ")";
  return "unknown engine";
}

self.wmmHost = {
  start(main, worker) {
    self.onmessage = (e) => {
      const m = e.data;
      if (m.thread) {
        self.onmessage = null;
        worker(m.thread);
        return;
      }
      try {
        const cfg = m.run.config;
        cfg.module = new WebAssembly.Module(m.run.module);
        cfg.workerModule = m.run.workerModule ? new WebAssembly.Module(m.run.workerModule) : cfg.module;
        main(cfg);
      } catch (err) {
        self.wmmHost.fail(err);
      }
    };
  },
  // done posts the result as node prints it: through JSON, which turns
  // the harness's Counter into its hex keys (toJSON).
  done: (result) => self.postMessage(JSON.parse(JSON.stringify({ result }))),
  fail: (err) => self.postMessage({ error: String(err && err.stack || err) }),
  progress: (done) => self.postMessage({ progress: done }),
  newWorker(data) {
    const w = new Worker(self.location.href);
    w.postMessage({ thread: data });
    return w;
  },
  // started resolves when every worker has said it is ready: a browser
  // may start a worker only once its parent returns to its event loop,
  // and the harness's main thread then blocks in Atomics.wait.
  started(workers) {
    return Promise.all(workers.map((w) => new Promise((resolve, reject) => {
      w.addEventListener("message", (e) => { if (e.data === "ready") resolve(); });
      w.addEventListener("error", (e) => reject(new Error("worker: " + (e.message || "failed to start"))));
    })));
  },
  ready: () => self.postMessage("ready"),
  onMessage(fn) { self.onmessage = (e) => fn(e.data); },
  workerModule: (cfg) => cfg.workerModule,
  cores: () => navigator.hardwareConcurrency || 1,
  // A page cannot run the garbage collector, and a worker's isolate keeps
  // the shared memories it saw until its own collection, which its small
  // heap rarely needs: V8 then refuses new memories ("could not allocate
  // memory", after a few hundred). The harness restarts the workers after
  // this many.
  workerMemories: 32,
  // Terminating a worker only asks its thread to stop: its memories are
  // released once the thread has torn the worker's isolate down, which
  // on a loaded machine may come after the next group, or the next run,
  // asked for new ones, and V8 refuses a memory when those it has not
  // released fill its reservation. The harness then waits for them (up
  // to this long in a run) rather than failing the run.
  memoryWaitMs: 30000,
  version: () => engineName(navigator.userAgent) + "; " + navigator.userAgent,
};

if (!self.wmmInline) importScripts("harness.js");
