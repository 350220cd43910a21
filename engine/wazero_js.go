//go:build js

package engine

import (
	"context"
	"errors"
)

// Run returns an error: wazero is not built for GOOS=js (wazero.go):
// the playground's checker, compiled for the browser, compiles harnesses
// for the browser's own engine and has no use for wazero.
func (w Wazero) Run(context.Context, *Harness, Options) (*RawResult, error) {
	return nil, errors.New("wazero is not built into wmm for GOOS=js")
}
