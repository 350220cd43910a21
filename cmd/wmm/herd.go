package main

import (
	"errors"
	"io"
	"time"

	"wmm/reports"
)

// writeHerd prints a check result in herd7's log format.
func writeHerd(w io.Writer, c *reports.Check, elapsed time.Duration) error {
	return errors.New("--format herd is not available yet")
}
