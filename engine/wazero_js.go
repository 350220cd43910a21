//go:build js

package engine

import (
	"context"
	"errors"
)

// Wazero is not built for GOOS=js (wazero.go): the playground's checker,
// compiled for the browser, compiles harnesses for the browser's own
// engine and has no use for wazero. Run says so.
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

// Run returns an error: wazero is not built for GOOS=js.
func (w Wazero) Run(context.Context, *Harness, Options) (*RawResult, error) {
	return nil, errors.New("wazero is not built into wmm for GOOS=js")
}
