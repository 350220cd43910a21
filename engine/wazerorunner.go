package engine

// Wazero runs harnesses in this process on wazero
// (github.com/tetratelabs/wazero), with threads enabled: its optimizing
// compiler by default, or its interpreter. The interpreter implements
// every atomic instruction under one lock per memory, so it can show
// behaviour the compiler's hardware atomics do not.
type Wazero struct {
	Interpreter bool
}

// Name returns "wazero" or "wazero-interp".
func (w Wazero) Name() string {
	if w.Interpreter {
		return "wazero-interp"
	}
	return "wazero"
}
