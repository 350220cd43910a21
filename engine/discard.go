package engine

import (
	"wmm/litmus"
	"wmm/wasm"
)

// refuseDiscard reports a test that executes memory.discard (feature
// discard, the memory-control proposal, MODEL.md §17) as unsupported: no
// backend here implements the instruction (wazero and V8 reject its
// opcode 0xFC 0x12; SpiderMonkey's prototype is not one of the backends),
// and replacing it by memory.fill would run an answer to the open
// question of §17.3 rather than an engine's.
func refuseDiscard(t *litmus.Test) error {
	funcs := []*wasm.Func{t.Setup}
	for _, th := range t.Threads {
		funcs = append(funcs, th.Code)
	}
	for _, f := range funcs {
		if f == nil {
			continue
		}
		for _, u := range wasm.FeatureUses(f) {
			if u.Feature == wasm.FeatureDiscard {
				return &UnsupportedError{t.Name, "unsupported: memory.discard (feature discard): no engine here implements the memory-control proposal (MODEL.md §17)"}
			}
		}
	}
	return nil
}
