// engineVersion names the JavaScript runtime that runs this script and its
// engine, in the same words in every script wmm writes: wmm appends this
// file to harness.js, mixed.js and the reproducers' runner.cjs.
function engineVersion() {
  if (typeof Bun !== 'undefined') return 'bun ' + Bun.version + ' (JavaScriptCore)';
  if (typeof Deno !== 'undefined') return 'deno ' + Deno.version.deno + ' (V8 ' + Deno.version.v8 + ')';
  return 'node ' + process.version + ' (V8 ' + process.versions.v8 + ')';
}
