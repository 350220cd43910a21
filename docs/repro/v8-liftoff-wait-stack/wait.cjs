// Standalone reproducer: values on the operand stack across
// memory.atomic.wait32/wait64 (wait.wat), for node, deno and bun, with
// nothing of wmm in it.
//
//   node wait.cjs      deno run -A wait.cjs      bun wait.cjs
//
// Every line should say "ok". It runs in a worker as well as on the main
// thread (node allows Wasm waits on its main thread).
'use strict';
const { Worker, isMainThread, parentPort } = require('worker_threads');
const fs = require('fs');
const path = require('path');

function check() {
  const mem = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const module = new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'wait.wasm')));
  const e = new WebAssembly.Instance(module, { env: { mem } }).exports;
  const w = new Int32Array(mem.buffer);
  const lines = [];
  const expect = (name, got, want) => lines.push((got === want ? 'ok   ' : 'WRONG') + ' ' + name + ': got ' + got + ', want ' + want);
  w.fill(-1); w[16] = 0;
  e.store_param(4100);
  expect('i32.store $addr (wait32 ...): word at 4100', w[4100 / 4], 2);
  expect('i32.store $addr (wait32 ...): word at 0 (untouched)', w[0], -1);
  w.fill(-1); w[16] = 0;
  e.store_const();
  expect('i32.store 4096 (wait32 ...): word at 4096', w[4096 / 4], 2);
  w.fill(-1); w[16] = 0; w[17] = 0;
  expect('$x + wait32(...), x = 10', e.add_param(10), 12);
  expect('3*$x + wait32(...), x = 10', e.add_computed(10), 32);
  expect('$x + wait64(...), x = 10', e.add_param64(10), 11);
  expect('$x + notify(...), x = 10', e.add_param_notify(10), 10);
  expect('$r = wait32(...); $x + $r, x = 10', e.add_via_local(10), 12);
  return lines.join('\n');
}

if (isMainThread) {
  const version = typeof Bun !== 'undefined' ? 'bun ' + Bun.version + ' (JavaScriptCore)'
    : typeof Deno !== 'undefined' ? 'deno ' + Deno.version.deno + ' (V8 ' + Deno.version.v8 + ')'
    : 'node ' + process.version + ' (V8 ' + process.versions.v8 + ')';
  console.log(version);
  try { console.log('main thread:\n' + check()); } catch (err) { console.log('main thread: ' + err.message); }
  const w = new Worker(__filename);
  w.on('message', (m) => { console.log('worker:\n' + m); w.terminate(); });
} else {
  parentPort.postMessage(check());
}
