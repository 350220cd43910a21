package engine

import (
	"wmm/litmus"
	"wmm/wasm"
)

// refuseMemoryControl reports a test with several memories (feature
// multi-memory, MODEL.md §19) as unsupported, and one that executes an
// instruction of the memory-control proposal: memory.discard (feature
// discard, MODEL.md §17) or memory.protect (feature protect, §18). No
// backend here implements them (wazero and V8 reject the opcodes;
// SpiderMonkey's discard prototype is not one of the backends, and no
// engine has memory.protect), and replacing them (discard by memory.fill,
// protect by nothing) would run an answer to the open questions of §17.3
// and §18.3 rather than an engine's.
func refuseMemoryControl(t *litmus.Test) error {
	if len(t.Memories) > 1 {
		return &UnsupportedError{t.Name, "unsupported: several memories (feature multi-memory): wazero has no multi-memory, and the node and wasmtime harnesses build one memory (MODEL.md §19)"}
	}
	switch {
	case t.Uses(wasm.FeatureDiscard):
		return &UnsupportedError{t.Name, "unsupported: memory.discard (feature discard): no engine here implements the memory-control proposal (MODEL.md §17)"}
	case t.Uses(wasm.FeatureProtect):
		return &UnsupportedError{t.Name, "unsupported: memory.protect (feature protect): no engine here implements the memory-control proposal (MODEL.md §18)"}
	}
	return nil
}
