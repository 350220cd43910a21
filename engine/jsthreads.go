package engine

import "wmm/litmus"

// refuseJS reports a test with a JavaScript thread as unsupported by the
// harness: it compiles WebAssembly threads only, and running a JS thread
// as anything else would give a wrong result rather than none. Run sends
// such tests to the mixed runner on node, deno and bun instead
// (engine/mixed.go).
func refuseJS(t *litmus.Test) error {
	for _, th := range t.Threads {
		if th.IsJS() {
			return &UnsupportedError{t.Name, "unsupported: JS thread " + th.Name + ": only node, deno and bun run JS threads (engine/mixed.go)"}
		}
	}
	return nil
}
