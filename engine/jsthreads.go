package engine

import "wmm/litmus"

// refuseJS reports a test with a JavaScript thread as unsupported: the
// runners compile WebAssembly threads only, and running a JS thread as
// anything else would give a wrong result rather than none.
func refuseJS(t *litmus.Test) error {
	for _, th := range t.Threads {
		if th.IsJS() {
			return &UnsupportedError{t.Name, "unsupported: JS thread " + th.Name + ": the engine runners run WebAssembly threads only"}
		}
	}
	return nil
}
