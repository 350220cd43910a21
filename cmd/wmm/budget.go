package main

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"wmm/budget"
)

// budgetFlags are the budgets of every command that searches (check,
// diff, explain, graph, report, validate's model side): each is a flag
// here, validated when it is parsed.
type budgetFlags struct {
	timeout       durationValue
	memLimit      sizeValue
	maxCandidates intValue
	maxPaths      intValue
}

// register adds --timeout, --mem-limit, --max-paths and, when
// candidatesUsage is not empty, --max-candidates with that usage and
// default (explain and graph bound their second search with it).
func (f *budgetFlags) register(fl *pflag.FlagSet, candidatesUsage string, candidatesDefault int) {
	d := budget.Defaults
	f.timeout = durationValue(d.Timeout)
	f.memLimit = sizeValue(d.Memory)
	f.maxPaths = intValue{v: d.Paths, min: 0, max: math.MaxInt}
	if fl.Lookup("timeout") == nil { // validate's --timeout bounds the engine run
		fl.Var(&f.timeout, "timeout", "time one test's search may take, e.g. 30s or 5m (0: no limit); past it the result is unknown")
	}
	fl.Var(&f.memLimit, "mem-limit", "heap the checker may use, e.g. 512MiB or 2GiB (0: no limit); past it the largest running search stops, its result unknown")
	fl.Var(&f.maxPaths, "max-paths", "paths one thread may have (0: no limit); past it the result is unknown")
	if candidatesUsage != "" {
		f.maxCandidates = intValue{v: candidatesDefault, min: 0, max: math.MaxInt}
		fl.Var(&f.maxCandidates, "max-candidates", candidatesUsage)
	}
}

// limits returns the budgets the flags set. The candidate budget applies
// only when withCandidates is set (explain and graph use the flag for
// their own search).
func (f *budgetFlags) limits(withCandidates bool) budget.Limits {
	l := budget.Limits{Timeout: time.Duration(f.timeout), Memory: uint64(f.memLimit), Paths: f.maxPaths.v}
	if l.Paths == 0 {
		l.Paths = math.MaxInt
	}
	if withCandidates {
		l.Candidates = int64(f.maxCandidates.v)
	}
	return l
}

// durationValue is a pflag.Value for a duration that is not negative.
type durationValue time.Duration

func (d *durationValue) String() string { return time.Duration(*d).String() }
func (d *durationValue) Type() string   { return "duration" }

func (d *durationValue) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("expected a duration like 30s, 5m or 1h30m, found %q", s)
	}
	if v < 0 {
		return fmt.Errorf("expected a duration of 0 (no limit) or more, found %s", s)
	}
	*d = durationValue(v)
	return nil
}

// sizeValue is a pflag.Value for a size in bytes with a unit.
type sizeValue uint64

func (z *sizeValue) String() string {
	if *z == 0 {
		return "0"
	}
	return budget.FormatSize(uint64(*z))
}
func (z *sizeValue) Type() string { return "size" }

func (z *sizeValue) Set(s string) error {
	v, err := budget.ParseSize(s)
	if err != nil {
		return err
	}
	if v != 0 && v < 1<<20 {
		return fmt.Errorf("expected 0 (no limit) or at least 1MiB, found %s", s)
	}
	*z = sizeValue(v)
	return nil
}

// intValue is a pflag.Value for an integer in [min, max].
type intValue struct {
	v        int
	min, max int
	// what the range means, when it needs saying: "a multiple of 64"
	what string
}

func (n *intValue) String() string { return strconv.Itoa(n.v) }
func (n *intValue) Type() string   { return "int" }

func (n *intValue) Set(s string) error {
	v, err := strconv.ParseInt(s, 0, strconv.IntSize)
	if err != nil {
		return fmt.Errorf("expected an integer, found %q", s)
	}
	if int(v) < n.min || int(v) > n.max {
		switch {
		case n.what != "":
			return fmt.Errorf("expected %s, found %s", n.what, s)
		case n.max == math.MaxInt:
			return fmt.Errorf("expected %d or more, found %s", n.min, s)
		}
		return fmt.Errorf("expected %d to %d, found %s", n.min, n.max, s)
	}
	n.v = int(v)
	return nil
}
