// growcost.js measures what one isolated instance costs a JavaScript
// runtime outside wmm: creating a shared WebAssembly.Memory of 1 page
// (maximum 2) and growing it by a page, N times in one thread.
//
//	node [--expose-gc] growcost.js [N] [KEEP]
//	deno run -A --v8-flags=--expose-gc growcost.js [N] [KEEP]
//	bun growcost.js [N] [KEEP]
//
// With KEEP > 0 the memories are kept alive in groups of KEEP and a full
// collection (where gc() exists) follows each group, as harness.js does;
// with KEEP 0 nothing is kept and nothing collected. V8 11 (node 20)
// updates every shared memory object the isolate still holds on each
// grow, so its grow cost follows the number not yet collected.
const N = +process.argv[2] || 2000, keep = +process.argv[3] || 0;
const c0 = process.cpuUsage();
let tc = 0n, tg = 0n;
const live = [];
for (let i = 0; i < N; i++) {
  const a = process.hrtime.bigint();
  const m = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
  const b = process.hrtime.bigint();
  m.grow(1);
  tg += process.hrtime.bigint() - b;
  tc += b - a;
  if (keep) {
    live.push(m);
    if (live.length >= keep) {
      live.length = 0;
      if (typeof gc === 'function') gc();
      else if (typeof Bun !== 'undefined') Bun.gc(true);
    }
  }
}
const cpu = process.cpuUsage(c0);
console.log('create ' + Number(tc / BigInt(N)) / 1000 + ' us, grow ' + Number(tg / BigInt(N)) / 1000 +
  ' us, CPU ' + ((cpu.user + cpu.system) / N).toFixed(1) + ' us per memory');
