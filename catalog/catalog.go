// Package catalog holds the litmus tests bundled with wmm: YAML files in
// the format of LITMUS.md, embedded in the binary so that wmm can run them
// without files on disk.
//
// Each file is a family of tests (sb.yaml holds store buffering, tearing.yaml
// tearing and mixed-size accesses, and so on); the family is the file name
// without ".yaml". Every test states its expectation under the Wasm model
// (and, where they differ, under the JavaScript models and the variants of
// MODEL.md §12) and has a doc that explains, axiom by axiom, why the
// expectation holds.
//
// The package only reads the files; checking the tests against a model is
// the business of packages enumerate and axioms.
package catalog

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"

	"wmm/litmus"
)

//go:embed *.yaml
var files embed.FS

// Dir is the directory the files are in, relative to the repository root.
// Positions in the errors Load returns start with it, so that they point at
// the source files.
const Dir = "catalog"

// A File is one family file of the catalogue.
type File struct {
	Name   string // file name, e.g. "sb.yaml"
	Family string // Name without ".yaml", e.g. "sb"
	Data   []byte
}

// Files returns the catalogue's files, sorted by name.
func Files() []File {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		// The embedded directory always exists; nothing to report.
		return nil
	}
	var out []File
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			continue
		}
		out = append(out, File{
			Name:   e.Name(),
			Family: strings.TrimSuffix(e.Name(), ".yaml"),
			Data:   data,
		})
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// An Entry is one test of the catalogue with the family it belongs to.
type Entry struct {
	Test   *litmus.Test
	Family string
}

// Load loads every test of the catalogue, files in name order and tests in
// file order. Test names are unique across the whole catalogue; a
// duplicate is an error. The error, when not nil, is a litmus.ErrorList
// whose positions name the files as Dir/name; the tests that loaded are
// returned with it.
func Load() ([]Entry, error) {
	return loadFiles(Files())
}

// loadFiles is Load over the given files.
func loadFiles(files []File) ([]Entry, error) {
	var (
		out   []Entry
		errs  litmus.ErrorList
		first = map[string]litmus.Pos{}
	)
	for _, f := range files {
		tests, err := litmus.Load(path.Join(Dir, f.Name), f.Data)
		errs.Wrap(litmus.Pos{}, err)
		for _, t := range tests {
			if p, dup := first[t.Name]; dup {
				errs.Addf(t.Pos, "duplicate test name %s (first at %s)", t.Name, p)
				continue
			}
			first[t.Name] = t.Pos
			out = append(out, Entry{Test: t, Family: f.Family})
		}
	}
	errs.Sort()
	return out, errs.Err()
}

// Families returns the names of the families, sorted.
func Families() []string {
	var out []string
	for _, f := range Files() {
		out = append(out, f.Family)
	}
	return out
}

// Lookup returns the entry of the test called name among entries (as Load
// returns them), and whether there is one.
func Lookup(entries []Entry, name string) (Entry, bool) {
	for _, e := range entries {
		if e.Test.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
