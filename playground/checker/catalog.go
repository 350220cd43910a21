package checker

import (
	"wmm/axioms"
	"wmm/catalog"
	"wmm/litmus"
)

// An Entry is one test of the catalogue, for the page's menu.
type Entry struct {
	Name   string `json:"name"`
	Family string `json:"family"`
	Doc    string `json:"doc"`
	// Source is the test alone in canonical YAML (litmus.Format), for
	// the editor.
	Source string `json:"source"`
}

// Catalog returns the bundled tests, in the order of wmm catalog.
func Catalog() []Entry {
	entries, _ := catalog.Load() // the catalogue's own tests check that it loads
	out := make([]Entry, len(entries))
	for i, e := range entries {
		out[i] = Entry{Name: e.Test.Name, Family: e.Family, Doc: e.Test.Doc, Source: litmus.Format(e.Test)}
	}
	return out
}

// A Choice is a model or a variant the page offers.
type Choice struct {
	Name string `json:"name"`
	Doc  string `json:"doc"`
}

// Models returns the memory models, as wmm check --help lists them.
func Models() []Choice {
	out := make([]Choice, len(axioms.Models))
	for i, m := range axioms.Models {
		out[i] = Choice{m.Name, m.Doc}
	}
	return out
}

// Variants returns the variants of the wasm model.
func Variants() []Choice {
	out := make([]Choice, len(axioms.Variants))
	for i, v := range axioms.Variants {
		out[i] = Choice{v.Name, v.Doc}
	}
	return out
}
