// V8/node: a worker reads memory.buffer.byteLength of a shared
// WebAssembly.Memory after seeing, through an SC flag, that another worker
// grew it. The threads proposal's JS API makes the getter compare the
// memory's current length with the cached buffer's and refresh it, so the
// old length should never be seen after the flag.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
if (isMainThread) {
  const runs = +(process.argv[2] || 2000);
  let stale = 0, done = 0;
  (async () => {
    for (let i = 0; i < runs; i++) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const res = await Promise.all([0, 1].map((role) => new Promise((resolve) => {
        const w = new Worker(__filename, { workerData: { role, memory, flag } });
        w.on('message', (m) => { resolve(m); w.terminate(); });
      })));
      if (res[1] === 65536) stale++;
      done++;
    }
    console.log(`${stale} of ${done} runs: memory.buffer.byteLength was 65536 after the flag said the grow was done`);
  })();
} else {
  const { role, memory, flag } = workerData;
  if (role === 0) {
    memory.grow(1);
    Atomics.store(flag, 0, 1);
    parentPort.postMessage(0);
  } else {
    while (Atomics.load(flag, 0) === 0) {}
    parentPort.postMessage(memory.buffer.byteLength);
  }
}
