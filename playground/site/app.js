// app.js is the playground's page: the editor, the catalogue menu, the
// model and variant selectors, the outcome table, explain and graph per
// outcome, and the link that carries the test in the URL fragment
// (#src=..., or #catalog=NAME for a bundled test). The checker runs in a
// Web Worker (worker.js) and reports its progress; Cancel ends the worker
// and starts a new one from the compiled module. "Run on this browser"
// compiles the test as wmm run does (the checker's compile request), runs
// it with engine/harness.js in a Web Worker (runner.js, one more worker
// per thread), and has the checker judge the histogram by the model.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { module: null, worker: null, pending: new Map(), next: 1, catalog: [], timer: null, progress: "", runner: null, running: false, lastRun: null };

// startWorker starts a worker on the compiled checker and resolves when
// it is ready.
function startWorker() {
  const w = new Worker("worker.js");
  state.worker = w;
  return new Promise((resolve) => {
    w.onmessage = (e) => {
      const m = e.data;
      if (m.ready) { resolve(); return; }
      if (m.progress) { state.progress = progressText(m.progress); return; }
      const p = state.pending.get(m.id);
      if (p) { state.pending.delete(m.id); p.resolve(m.res); }
    };
    w.postMessage({ module: state.module });
  });
}

// call sends a request to the checker; the promise rejects on Cancel.
function call(req) {
  const id = state.next++;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.postMessage({ id, req });
  });
}

// busy shows the elapsed time of a running request, or stops showing it.
function busy(what) {
  clearInterval(state.timer);
  state.progress = "";
  $("check").disabled = !!what;
  $("run").disabled = !!what;
  $("cancel").disabled = !what;
  if (!what) return;
  const t0 = performance.now();
  const tick = () => {
    $("status").textContent = what + "… " + ((performance.now() - t0) / 1000).toFixed(1) + " s" + (state.progress ? " — " + state.progress : "");
  };
  tick();
  state.timer = setInterval(tick, 100);
}

// progressText shows the checker's progress: the search's meter
// (budget.Progress) of the test being checked.
function progressText(p) {
  const n = (x) => Number(x || 0).toLocaleString("en");
  return p.name + ": " + p.phase + ", " + n(p.candidates) + " candidates, " + n(p.executions) + " executions, " + n(p.outcomes) + " outcomes so far";
}

async function cancel() {
  if (state.running) {
    // Ending the runner ends its thread workers; the next run starts a
    // new one.
    state.runner.terminate();
    state.runner.onmessage = null;
    state.runReject(new Error("cancelled"));
    state.runner = null;
    state.running = false;
    busy(null);
    $("status").textContent = "run cancelled";
    return;
  }
  state.worker.terminate();
  for (const p of state.pending.values()) p.reject(new Error("cancelled"));
  state.pending.clear();
  busy(null);
  $("status").textContent = "cancelled; restarting the checker…";
  await startWorker();
  $("status").textContent = "cancelled";
}

function request(op, extra) {
  return Object.assign({ op, source: $("source").value, model: $("model").value, variants: variants() }, extra || {});
}

function variants() {
  return [...document.querySelectorAll("#variants input:checked")].map((i) => i.value);
}

// showErrors lists positioned errors; a click puts the cursor there.
function showErrors(errors) {
  const ul = $("errors");
  ul.textContent = "";
  for (const e of errors || []) {
    const li = document.createElement("li");
    li.textContent = e.text;
    li.className = "error";
    if (e.line) {
      li.dataset.line = e.line;
      li.dataset.col = e.col;
      li.onclick = () => gotoPos(e.line, e.col);
    }
    ul.appendChild(li);
  }
  if (errors && errors.length && errors[0].line) gotoPos(errors[0].line, errors[0].col);
}

function gotoPos(line, col) {
  const ta = $("source");
  const lines = ta.value.split("\n");
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i].length + 1;
  off += Math.max(0, (col || 1) - 1);
  ta.focus();
  ta.setSelectionRange(off, off + 1);
}

async function check() {
  $("detail").textContent = "";
  busy("checking");
  let res;
  try {
    res = await call(request("check"));
  } catch (e) { return; }
  busy(null);
  showErrors(res.errors);
  renderChecks(res.checks || []);
  $("status").textContent = res.errors ? "error" : "checked in " + res.seconds.toFixed(2) + " s";
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function renderChecks(checks) {
  const out = $("results");
  out.textContent = "";
  for (const c of checks) {
    const j = c.json;
    const div = el("div", undefined, "check");
    div.dataset.name = j.name;
    div.dataset.model = j.model;
    div.appendChild(el("h2", "Test " + j.name + " (" + j.model + ")"));
    if (j.unknown) {
      div.appendChild(el("p", "Result unknown: " + j.unknown.reason, "verdict failed"));
      out.appendChild(div);
      continue;
    }
    const table = el("table", undefined, "outcomes");
    const head = el("tr");
    for (const h of ["", "outcome", "", ""]) head.appendChild(el("th", h));
    table.appendChild(head);
    for (const r of c.rows) {
      const tr = el("tr", undefined, r.satisfies ? "satisfies" : "");
      tr.appendChild(el("td", r.satisfies ? "*" : "", "mark"));
      tr.appendChild(el("td", r.outcome || "(no names)", "outcome"));
      tr.appendChild(button("explain", () => explain(j.name, r.prop)));
      tr.appendChild(button("graph", () => graph(j.name, r.prop)));
      table.appendChild(tr);
    }
    div.appendChild(table);
    if (j.condition) {
      const sat = c.rows.filter((r) => r.satisfies).length;
      const p = el("p", "Condition " + j.condition + " — observation ");
      p.appendChild(el("b", j.observation, "observation"));
      p.appendChild(document.createTextNode(": " + sat + " of " + c.rows.length + " outcomes satisfy it"));
      div.appendChild(p);
      const cond = el("p");
      cond.appendChild(button("explain the condition", () => explain(j.name, "")));
      cond.appendChild(button("graph the condition", () => graph(j.name, "")));
      div.appendChild(cond);
    }
    if (j.expect) {
      div.appendChild(el("p", "Expect " + j.expect + ": " + (j.ok ? "ok" : "FAILED (observed " + j.observation + ")"), "verdict " + (j.ok ? "ok" : "failed")));
    }
    div.appendChild(el("p", "Executions " + j.executions + " (candidates " + j.candidates + ", cut " + j.cut + ")", "stats"));
    out.appendChild(div);
  }
}

function button(text, onclick) {
  const td = el("td");
  const b = el("button", text);
  b.onclick = onclick;
  td.appendChild(b);
  return td;
}

// detail asks the checker for op ("explain" or "graph") on test and the
// outcomes prop selects, and empties the detail pane for the answer under
// its title; it returns the pane and the answer, or null when the call
// failed.
async function detail(op, doing, title, test, prop) {
  busy(doing);
  let res;
  try { res = await call(request(op, { test, outcome: prop })); } catch (e) { return null; }
  busy(null);
  const d = $("detail");
  d.textContent = "";
  showErrors(res.errors);
  d.appendChild(el("h2", title + " " + test + (prop ? ": " + prop : "")));
  return { d, res };
}

async function explain(test, prop) {
  const r = await detail("explain", "explaining", "Explain", test, prop);
  if (!r) return;
  r.d.appendChild(el("pre", r.res.explain || "", "explain"));
  $("status").textContent = "explained in " + r.res.seconds.toFixed(2) + " s";
}

async function graph(test, prop) {
  const r = await detail("graph", "drawing", "Graphs of", test, prop);
  if (!r) return;
  for (const g of r.res.graphs || []) {
    const fig = el("figure", undefined, "graph");
    fig.innerHTML = g.svg; // wmm's own SVG, escaped by reports.WriteSVG
    r.d.appendChild(fig);
  }
  $("status").textContent = (r.res.graphs || []).length + " graph(s) in " + r.res.seconds.toFixed(2) + " s";
}

// The URL fragment: catalog=NAME, or src=TEXT (deflated, base64url), with
// model=M and variants=V1,V2.
async function encodeSource(text) {
  const cs = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(cs).arrayBuffer());
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function decodeSource(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const ds = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return await new Response(ds).text();
}

async function share() {
  const p = new URLSearchParams();
  const name = $("catalog").value;
  const entry = state.catalog.find((e) => e.name === name);
  if (entry && entry.source === $("source").value) p.set("catalog", name);
  else p.set("src", await encodeSource($("source").value));
  if ($("model").value !== "wasm") p.set("model", $("model").value);
  if (variants().length) p.set("variants", variants().join(","));
  history.replaceState(null, "", "#" + p.toString());
  try { await navigator.clipboard.writeText(location.href); $("status").textContent = "link copied"; }
  catch (e) { $("status").textContent = "link in the address bar"; }
}

async function applyFragment() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.has("model")) $("model").value = p.get("model");
  const vs = (p.get("variants") || "").split(",");
  for (const i of document.querySelectorAll("#variants input")) i.checked = vs.includes(i.value);
  if (p.has("catalog")) {
    if (!pickCatalog(p.get("catalog"))) {
      showErrors([{ text: "no test " + p.get("catalog") + " in the catalogue" }]);
      return;
    }
  } else if (p.has("src")) {
    $("catalog").value = "";
    $("doc").textContent = "";
    try { $("source").value = await decodeSource(p.get("src")); }
    catch (e) { showErrors([{ text: "the link's test could not be read: " + e.message }]); return; }
  } else {
    return;
  }
  await check();
}

// ---- Run on this browser ----

function bytesOf(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function outcomeText(o) {
  return Object.entries(o).map(([k, v]) => k + "=" + v).join("; ") || "(no names)";
}

// runHarness runs a compiled job (the checker's compile answer) in the
// runner worker and resolves with the harness's last line, {result} or
// {error}; Cancel rejects it.
//
// One runner serves every run of the page: it is ended only by Cancel or
// a failed run. An isolated run makes a shared memory per instance in the
// runner's own isolate, and V8 frees the dead ones only when it collects
// that isolate's garbage, which it does when it refuses a new memory
// there. A runner ended after each run left its last dead memories (up to
// about 100 of the renderer's 123, TestPlaygroundCatalog's walk) to the
// browser's asynchronous teardown of the ended worker, and the next run's
// new runner, whose own collection cannot free them, was refused memories
// for 10 to 20 s. A runner that lives on frees them at its next refusal
// (playground/testdata/memory-churn.html, keep=1).
function runHarness(job, iterations) {
  return new Promise((resolve, reject) => {
    if (!state.runner) state.runner = new Worker("runner.js");
    const w = state.runner;
    state.running = true;
    state.runReject = reject;
    const end = (m, failed) => {
      w.onmessage = w.onerror = null;
      state.running = false;
      if (failed) {
        // A failed run may leave threads running: end them.
        w.terminate();
        state.runner = null;
      }
      resolve(m);
    };
    w.onmessage = (e) => {
      const m = e.data;
      if (m.progress !== undefined) state.progress = m.progress.toLocaleString("en") + " of " + iterations.toLocaleString("en") + " iterations";
      else end(m, m.error !== undefined);
    };
    w.onerror = (e) => end({ error: "the runner failed: " + e.message }, true);
    w.postMessage({ run: { config: job.config, module: bytesOf(job.module), workerModule: bytesOf(job.workerModule) } });
  });
}

// runSource compiles the first test of source, runs it on this browser
// and returns the checker's judgment ({run} or {errors}; {errors, failed}
// when the test compiled but its run failed), without the page:
// TestPlaygroundCatalog walks the catalogue with it.
async function runSource(source, iterations, model) {
  const extra = { source, model: model || "wasm", variants: [], iterations, cores: navigator.hardwareConcurrency || 1 };
  const res = await call(Object.assign({ op: "compile" }, extra));
  if (res.errors) return res;
  const line = await runHarness(res.job, iterations);
  if (line.error) return { errors: [{ text: line.error }], failed: true };
  const judged = await call(Object.assign({ op: "judge", result: line }, extra));
  judged.line = line;
  return judged;
}

// runHere compiles the editor's first test, runs it on this browser and
// shows the histogram judged by the model.
async function runHere() {
  const iterations = Math.max(1, parseInt($("iterations").value, 10) || 10000);
  const extra = { iterations, cores: navigator.hardwareConcurrency || 1 };
  $("runresult").textContent = "";
  busy("compiling for this browser");
  let res, line, judged;
  try {
    res = await call(request("compile", extra));
    if (res.errors) { busy(null); showErrors(res.errors); $("status").textContent = "error"; return; }
    busy("running on this browser");
    line = await runHarness(res.job, iterations);
    if (line.error) { busy(null); showErrors([{ text: line.error }]); $("status").textContent = "the run failed"; return; }
    busy("judging");
    judged = await call(request("judge", Object.assign({ result: line }, extra)));
  } catch (e) { return; }
  busy(null);
  showErrors(judged.errors);
  if (!judged.run) { $("status").textContent = "error"; return; }
  state.lastRun = { job: res.job, line, run: judged.run, source: $("source").value, model: $("model").value };
  renderRun(judged.run);
  $("status").textContent = "ran " + judged.run.record.iterations.toLocaleString("en") + " iterations on this browser";
}

function renderRun(run) {
  const r = run.record;
  const out = $("runresult");
  out.textContent = "";
  const div = el("div", undefined, "run");
  div.dataset.iterations = r.iterations;
  div.dataset.forbidden = r.forbidden_seen;
  div.appendChild(el("h2", "Run on this browser: " + r.name + ", " + r.iterations.toLocaleString("en") + " iterations (" + r.mode + " mode, " + r.memory + " memory)"));
  div.appendChild(el("p", "Engine: " + r.version, "engine"));
  const table = el("table", undefined, "histogram");
  const head = el("tr");
  for (const h of ["count", "", "outcome", "model " + r.model]) head.appendChild(el("th", h));
  table.appendChild(head);
  for (const h of r.histogram) {
    const tr = el("tr", undefined, h.allowed ? "" : "forbidden");
    tr.appendChild(el("td", h.count.toLocaleString("en"), "count"));
    const sat = r.condition && h.outcome && satisfies(h.outcome);
    tr.appendChild(el("td", sat ? "*" : "", "mark"));
    tr.appendChild(el("td", outcomeText(h.outcome), "outcome"));
    tr.appendChild(el("td", h.allowed ? "allowed" : "FORBIDDEN"));
    table.appendChild(tr);
  }
  div.appendChild(table);
  if (r.condition) div.appendChild(el("p", "Condition " + r.condition + ": " + (r.condition_seen ? "seen" : "not seen")));
  if (r.forbidden_seen > 0) {
    div.appendChild(el("p", r.forbidden_seen.toLocaleString("en") + " runs showed outcomes the model forbids. Before calling it an engine finding, rule out the harness: run the reproducer again, and the test with wmm validate on other engines.", "forbidden"));
  } else {
    div.appendChild(el("p", "No outcome the model forbids was seen; " + (r.not_seen || []).length + " allowed outcomes were not seen."));
  }
  for (const n of r.notes || []) div.appendChild(el("p", "Note: " + n, "note"));
  if (r.concurrency !== undefined) div.appendChild(el("p", "Concurrency " + (100 * r.concurrency).toFixed(1) + "% of instances had every thread running at once; " + r.iterations_per_second.toLocaleString("en") + " iterations/s", "stats"));
  const p = el("p");
  const b = el("button", "copy reproducer");
  b.id = "repro";
  b.title = "a standalone HTML page that runs the same module with the same harness, without wmm";
  b.onclick = copyReproducer;
  p.appendChild(b);
  div.appendChild(p);
  out.appendChild(div);
}

// satisfies marks the histogram lines the check's table marks: the
// condition's outcomes, as the checker's rows say.
function satisfies(o) {
  const text = outcomeText(o);
  return [...document.querySelectorAll("#results tr.satisfies td.outcome")].some((td) => td.textContent === text);
}

// reproducer returns a standalone HTML page that runs the last run's
// module with runner.js and harness.js inlined (workers from a Blob URL)
// and prints the raw outcome keys' counts, naming the ones the model
// forbids. It needs a cross-origin isolated page: its comment says how to
// serve it.
async function reproducer() {
  const lr = state.lastRun;
  const [runner, harness] = await Promise.all(["runner.js", "harness.js"].map((f) => fetch(f).then((r) => r.text())));
  const keys = {};
  for (const k of lr.run.keys) keys[k.key] = { outcome: k.outcome, allowed: k.allowed };
  const data = { test: lr.run.record.name, model: lr.run.record.model, iterations: lr.run.record.iterations, seen: lr.run.record.version, job: lr.job, keys };
  const safe = (s) => s.replace(/<\/(script)/gi, "<\\/$1");
  return `<!doctype html>
<meta charset="utf-8">
<title>wmm reproducer: ${lr.run.record.name}</title>
<!--
Reproducer of wmm's "Run on this browser" for test ${lr.run.record.name}: the same
Wasm module and harness (wmm's engine/harness.js) on this browser's engine, without
wmm. It needs SharedArrayBuffer, so serve it with the headers
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp
for example with node:
  node -e "require('http').createServer((q,s)=>{s.setHeader('Cross-Origin-Opener-Policy','same-origin');s.setHeader('Cross-Origin-Embedder-Policy','require-corp');s.setHeader('Content-Type','text/html');s.end(require('fs').readFileSync('THIS_FILE.html'))}).listen(8000)"
and open http://localhost:8000/.

The test:
${lr.source.replace(/--/g, "- -")}
-->
<pre id="out">running…</pre>
<script id="runner" type="text/plain">${safe(runner)}</script>
<script id="harness" type="text/plain">${safe(harness)}</script>
<script>
"use strict";
const data = ${safe(JSON.stringify(data))};
const out = document.getElementById("out");
const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
if (!self.crossOriginIsolated) {
  out.textContent = "This page is not cross-origin isolated: serve it with the two headers its source's comment names.";
} else {
  const src = "self.wmmInline = true;\\n" + document.getElementById("runner").textContent + "\\n" + document.getElementById("harness").textContent;
  const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
  w.onmessage = (e) => {
    const m = e.data;
    if (m.progress !== undefined) { out.textContent = "running… " + m.progress + " of " + data.iterations; return; }
    w.terminate();
    if (m.error) { out.textContent = "error: " + m.error; return; }
    const r = m.result;
    const lines = ["test " + data.test + ", " + r.iterations + " iterations on " + r.version, "(wmm saw: " + data.seen + ")", ""];
    let forbidden = 0;
    for (const [k, n] of Object.entries(r.counts).sort()) {
      const known = data.keys[k];
      const bad = known && !known.allowed;
      if (bad) forbidden += n;
      lines.push(String(n).padStart(9) + "  " + (known ? known.outcome : "raw " + k) + (bad ? "   FORBIDDEN by " + data.model : known ? "" : "   (not seen by wmm)"));
    }
    lines.push("", "forbidden: " + forbidden);
    out.textContent = lines.join("\\n");
    document.body.dataset.done = "true";
    document.body.dataset.forbidden = forbidden;
    document.body.dataset.iterations = r.iterations;
  };
  w.onerror = (e) => { out.textContent = "error: " + (e.message || "the worker failed to start"); };
  w.postMessage({ run: { config: data.job.config, module: bytes(data.job.module), workerModule: bytes(data.job.workerModule) } });
}
</script>
`;
}

async function copyReproducer() {
  const text = await reproducer();
  const name = "wmm-repro-" + state.lastRun.run.record.name.replace(/[^A-Za-z0-9+._-]/g, "_") + ".html";
  try {
    await navigator.clipboard.writeText(text);
    $("status").textContent = "reproducer copied (save it as " + name + ")";
  } catch (e) {
    const a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/html" }));
    a.download = name;
    a.click();
    $("status").textContent = "reproducer saved as " + name;
  }
}

function pickCatalog(name) {
  const e = state.catalog.find((e) => e.name === name);
  if (!e) return false;
  $("catalog").value = name;
  $("doc").textContent = e.doc;
  $("source").value = e.source;
  return true;
}

async function main() {
  try {
    state.module = await WebAssembly.compileStreaming(fetch("wmm.wasm"));
  } catch (e) {
    $("status").textContent = "could not load the checker: " + e.message;
    return;
  }
  await startWorker();
  const res = await call({ op: "catalog" });
  state.catalog = res.catalog;
  const groups = {};
  for (const e of res.catalog) {
    if (!groups[e.family]) {
      groups[e.family] = el("optgroup");
      groups[e.family].label = e.family;
      $("catalog").appendChild(groups[e.family]);
    }
    const o = el("option", e.name);
    o.value = e.name;
    o.title = e.doc;
    groups[e.family].appendChild(o);
  }
  for (const m of res.models) {
    const o = el("option", m.name);
    o.value = m.name;
    o.title = m.doc;
    $("model").appendChild(o);
  }
  for (const v of res.variants) {
    const l = el("label");
    const i = el("input");
    i.type = "checkbox";
    i.value = v.name;
    l.appendChild(i);
    l.appendChild(document.createTextNode(" " + v.name + " — " + v.doc));
    $("variants").appendChild(l);
  }
  $("catalog").onchange = () => { if (pickCatalog($("catalog").value)) check(); };
  $("check").onclick = check;
  $("cancel").onclick = cancel;
  $("share").onclick = share;
  $("run").onclick = () => runHere();
  window.addEventListener("hashchange", applyFragment);
  $("check").disabled = false;
  $("run").disabled = !self.crossOriginIsolated;
  if (!self.crossOriginIsolated) $("run").title = "needs a cross-origin isolated page (the COOP and COEP headers)";
  $("status").textContent = "ready" + (self.crossOriginIsolated ? " (cross-origin isolated)" : "");
  document.body.dataset.ready = "true";
  if (location.hash.length > 1) await applyFragment();
  else if (!$("source").value) pickCatalog("SB+sc");
}

main();
