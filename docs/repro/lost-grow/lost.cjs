// Does a worker that instantiates a shared memory while another worker
// grows it ever see the grow? Each round: main makes a memory of 0 pages
// (defined by a module and exported, or created by JS), sends it to two
// workers; A grows it by 1 page at once; B instantiates a module importing
// it and calls memory.size until it says 1, for at most WAIT_MS (2000)
// milliseconds; with POLL=1 it goes back to its event loop for a
// millisecond between two calls. Usage: node lost.cjs [rounds] [exported|imported]
// (deno run -A --no-config lost.cjs ...; bun lost.cjs ...). The wasm
// modules are the .wat files beside it, assembled with wat2wasm.
const { Worker, isMainThread, parentPort } = require('worker_threads');
const WAIT = +process.env.WAIT_MS || 2000;
// imp.wat, assembled: (module (import "env" "mem" (memory 0 16 shared))
//   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
//   (func (export "size") (result i32) (memory.size)))
const imp = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 10, 2, 96, 1, 127, 1, 127, 96, 0, 1, 127, 2, 13, 1, 3, 101, 110, 118, 3, 109, 101, 109, 2, 3, 0, 16, 3, 3, 2, 0, 1, 7, 15, 2, 4, 103, 114, 111, 119, 0, 0, 4, 115, 105, 122, 101, 0, 1, 10, 13, 2, 6, 0, 32, 0, 64, 0, 11, 4, 0, 63, 0, 11]));
if (isMainThread) {
  const rounds = +process.argv[2] || 1000, way = process.argv[3] || 'exported';
  // def.wat, assembled: (module (memory (export "mem") 0 16 shared))
  const def = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 4, 1, 3, 0, 16, 7, 7, 1, 3, 109, 101, 109, 2, 0]));
  const A = new Worker(__filename), B = new Worker(__filename);
  let r = 0, lost = 0, maxMs = 0;
  const round = () => {
    if (r++ === rounds) { console.log(`${way}: ${lost} of ${rounds} rounds: B's memory.size stayed 0 for ${WAIT / 1000} s after A grew the memory (slowest catch-up otherwise ${maxMs} ms)`); A.terminate(); B.terminate(); return; }
    const mem = way === 'exported' ? new WebAssembly.Instance(def, {}).exports.mem : new WebAssembly.Memory({ initial: 0, maximum: 16, shared: true });
    B.once('message', (m) => { if (m.lost) lost++; else maxMs = Math.max(maxMs, m.ms); round(); });
    A.postMessage({ mem, role: 'grow' });
    B.postMessage({ mem, role: 'watch' });
  };
  round();
} else {
  parentPort.on('message', ({ mem, role }) => {
    const inst = new WebAssembly.Instance(imp, { env: { mem } });
    if (role === 'grow') { inst.exports.grow(1); return; }
    const t0 = Date.now();
    if (process.env.POLL) {
      // Between two checks, back to the event loop for a millisecond.
      const check = () => {
        if (inst.exports.size() >= 1) parentPort.postMessage({ lost: false, ms: Date.now() - t0 });
        else if (Date.now() - t0 > WAIT) parentPort.postMessage({ lost: true });
        else setTimeout(check, 1);
      };
      check();
      return;
    }
    while (inst.exports.size() < 1) {
      if (Date.now() - t0 > WAIT) { parentPort.postMessage({ lost: true }); return; }
    }
    parentPort.postMessage({ lost: false, ms: Date.now() - t0 });
  });
}
