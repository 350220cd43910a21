package main

import (
	"github.com/spf13/pflag"

	"wmm/campaign"
	"wmm/litmus"
)

// shardFlag is --shard I/N: the command works on the I-th of N contiguous
// slices of its tests (campaign.Shard), so that N machines share a long
// run and the shards' outputs, concatenated in order, are the unsharded
// output.
type shardFlag struct{ campaign.Shard }

func (s *shardFlag) register(fl *pflag.FlagSet) {
	fl.Var(s, "shard", "work on the `I/N`-th of N equal contiguous slices of the tests, in input order (the shards' outputs, concatenated in order, are the whole run's)")
}

func (s *shardFlag) String() string {
	if s.N == 0 {
		return ""
	}
	return s.Shard.String()
}

func (s *shardFlag) Type() string { return "I/N" }

func (s *shardFlag) Set(v string) error {
	sh, err := campaign.ParseShard(v)
	if err != nil {
		return err
	}
	s.Shard = sh
	return nil
}

// selectTests returns the tests of the shard.
func (s *shardFlag) selectTests(tests []*litmus.Test) []*litmus.Test {
	return campaign.Select(s.Shard, tests)
}
