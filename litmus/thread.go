package litmus

// IsJS reports whether the thread is written in JavaScript.
func (th *Thread) IsJS() bool { return th.JS != nil }

// LocalNames returns the thread's observable locals in order: the named
// locals of its WebAssembly code, or the registers of its JS code (its
// top-level variables that hold primitive values).
func (th *Thread) LocalNames() []string {
	var out []string
	if th.JS != nil {
		for _, r := range th.JS.Registers {
			out = append(out, r.Name)
		}
		return out
	}
	for _, l := range th.Code.Locals {
		if l.Name != "" {
			out = append(out, l.Name)
		}
	}
	return out
}

// LocalIndex returns the index of local name in the thread's final
// locals (interp.Trace.Locals): among all locals of Wasm code, among the
// registers of JS code.
func (th *Thread) LocalIndex(name string) (int, bool) {
	if th.JS != nil {
		return th.JS.RegisterIndex(name)
	}
	i, ok := th.Code.LocalIndex(name)
	return int(i), ok
}

// LocalBits returns the width in bits of local name: its type's for Wasm,
// 64 for a JS register (LITMUS.md "JavaScript threads").
func (th *Thread) LocalBits(name string) (int, bool) {
	if th.JS != nil {
		_, ok := th.JS.RegisterIndex(name)
		return 64, ok
	}
	for _, v := range th.Code.Locals {
		if v.Name == name {
			return v.Type.Bits(), true
		}
	}
	return 0, false
}
