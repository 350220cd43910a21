package main

import "testing"

// TestCatalogCommands runs wmm catalog and wmm show in process and
// compares their exit status and output with testdata/NAME.golden. The
// listings are limited to a family or two, so that adding tests to other
// families does not change them.
func TestCatalogCommands(t *testing.T) {
	checkCommands(t, "", nil, []commandCase{
		{"catalog-family", []string{"catalog", "--family", "mp", "--family", "sb"}},
		{"catalog-json", []string{"catalog", "--json", "--family", "lb"}},
		{"catalog-unknown-family", []string{"catalog", "--family", "nosuch"}},
		{"catalog-args", []string{"catalog", "MP"}},
		{"catalog-help", []string{"help", "catalog"}},
		{"show", []string{"show", "MP+sc"}},
		{"show-several", []string{"show", "MP", "SB+sc", "MP"}},
		{"show-family", []string{"show", "2+2w"}},
		{"show-unknown", []string{"show", "MPsc", "MP+sc", "nosuch"}},
		{"show-no-args", []string{"show"}},
		{"show-help", []string{"help", "show"}},
	})
}
