package main

import (
	"errors"
	"fmt"

	"wmm/budget"
	"wmm/litmus"
)

// unknownResult returns the error that says test t has no result under
// the model called modelName, and true, when err (the error of its
// search) wraps a *budget.Exceeded; otherwise err and false. Every command
// that searches (check, explain, graph, report, diff, validate's model
// side) says it in these words, which name the budget, how far the search
// got and the flag that raises it:
//
//	FILE:LINE:COL: test NAME (MODEL): result unknown: REASON
func unknownResult(t *litmus.Test, modelName string, err error) (error, bool) {
	var ex *budget.Exceeded
	if !errors.As(err, &ex) {
		return err, false
	}
	return &litmus.Error{Pos: t.Pos, Err: fmt.Errorf("test %s (%s): result unknown: %w", t.Name, modelName, ex)}, true
}
