package campaign

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A Set is records read from one source (a shard's JSON lines, a state
// file), with the name of the source for errors.
type Set struct {
	Source  string
	Records []*Record
}

// Merge combines the records of several sources into one list in index
// order. Every record must belong to one campaign (the same ID and list
// length); a test present in two sources counts once when the two records
// are equal and is an error when they differ (two runs of one shard, which
// a merge must not add up). Merge does not ask for completeness: Missing
// says which tests no source holds.
func Merge(sets ...Set) ([]*Record, error) {
	type seen struct {
		rec    *Record
		source string
		json   string
	}
	byIndex := map[int]seen{}
	var first *Record
	var firstSource string
	var errs []string
	for _, s := range sets {
		for _, r := range s.Records {
			if first == nil {
				first, firstSource = r, s.Source
			}
			if r.Campaign != first.Campaign || r.Of != first.Of {
				return nil, fmt.Errorf("%s: test %s is of campaign %s (%d tests), but %s holds campaign %s (%d tests): merge the shards of one campaign (same tests, models, engines and options)",
					s.Source, r.Name, r.Campaign, r.Of, firstSource, first.Campaign, first.Of)
			}
			b, _ := json.Marshal(r)
			if old, ok := byIndex[r.Index]; ok {
				if old.json != string(b) {
					errs = append(errs, fmt.Sprintf("test %d (%s) is in %s and in %s with different results: merge one of them", r.Index, r.Name, old.source, s.Source))
				}
				continue
			}
			byIndex[r.Index] = seen{r, s.Source, string(b)}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	out := make([]*Record, 0, len(byIndex))
	for _, s := range byIndex {
		out = append(out, s.rec)
	}
	slices.SortFunc(out, func(a, b *Record) int { return a.Index - b.Index })
	return out, nil
}

// Missing returns the indices in [lo, hi) that no record holds; recs are
// in index order, as Merge returns them.
func Missing(recs []*Record, lo, hi int) []int {
	var out []int
	next := lo
	for _, r := range recs {
		for ; next < r.Index && next < hi; next++ {
			out = append(out, next)
		}
		if r.Index >= next {
			next = r.Index + 1
		}
	}
	for ; next < hi; next++ {
		out = append(out, next)
	}
	return out
}

// Ranges writes indices (sorted) as ranges of 1-based test numbers:
// "3, 7-9".
func Ranges(indices []int) string {
	var parts []string
	for i := 0; i < len(indices); {
		j := i
		for j+1 < len(indices) && indices[j+1] == indices[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(indices[i]+1))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", indices[i]+1, indices[j]+1))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
