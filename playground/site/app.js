// app.js is the playground's page: the editor, the catalogue menu, the
// model and variant selectors, the outcome table, explain and graph per
// outcome, and the link that carries the test in the URL fragment
// (#src=..., or #catalog=NAME for a bundled test). The checker runs in a
// Web Worker (worker.js); Cancel ends the worker and starts a new one from
// the compiled module.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { module: null, worker: null, pending: new Map(), next: 1, catalog: [], timer: null };

// startWorker starts a worker on the compiled checker and resolves when
// it is ready.
function startWorker() {
  const w = new Worker("worker.js");
  state.worker = w;
  return new Promise((resolve) => {
    w.onmessage = (e) => {
      const m = e.data;
      if (m.ready) { resolve(); return; }
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
  $("check").disabled = !!what;
  $("cancel").disabled = !what;
  if (!what) return;
  const t0 = performance.now();
  const tick = () => { $("status").textContent = what + "… " + ((performance.now() - t0) / 1000).toFixed(1) + " s"; };
  tick();
  state.timer = setInterval(tick, 100);
}

async function cancel() {
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
  window.addEventListener("hashchange", applyFragment);
  $("check").disabled = false;
  $("status").textContent = "ready" + (self.crossOriginIsolated ? " (cross-origin isolated)" : "");
  document.body.dataset.ready = "true";
  if (location.hash.length > 1) await applyFragment();
  else if (!$("source").value) pickCatalog("SB+sc");
}

main();
