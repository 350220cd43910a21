// worker.js runs the checker (wmm.wasm, Go compiled to js/wasm) off the
// page's thread. The page posts {module} once, a compiled
// WebAssembly.Module, then {id, req} per request; the worker answers
// {ready: true} once the checker is up, then {id, res} per request, and
// {progress} while a search runs (playground/worker: wmmProgress).
importScripts("wasm_exec.js");

self.wmmProgress = (p) => self.postMessage({ progress: JSON.parse(p) });

let ready = null;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.module) {
    ready = new Promise((resolve) => { self.wmmReady = resolve; });
    const go = new Go();
    const inst = await WebAssembly.instantiate(m.module, go.importObject);
    go.run(inst);
    await ready;
    self.postMessage({ ready: true });
    return;
  }
  await ready;
  self.wmmCall(JSON.stringify(m.req), (res) => self.postMessage({ id: m.id, res: JSON.parse(res) }));
};
