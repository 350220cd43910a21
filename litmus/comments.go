package litmus

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// HasComments reports whether a litmus file holds comments that Format
// does not keep: YAML comments (# ...) anywhere, or WebAssembly comments
// (;; ... and (; ... ;)) in code. A file that is not valid YAML reports
// false.
func HasComments(data []byte) bool {
	docs, err := decodeAll(data)
	if err != nil {
		return false
	}
	for _, d := range docs {
		if nodeHasComments(d, 0) {
			return true
		}
	}
	return false
}

func nodeHasComments(n *yaml.Node, depth int) bool {
	if n == nil || depth > 100 {
		return false
	}
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	if n.Kind == yaml.ScalarNode && (strings.Contains(n.Value, ";;") || strings.Contains(n.Value, "(;")) {
		return true
	}
	for _, c := range n.Content {
		if nodeHasComments(c, depth+1) {
			return true
		}
	}
	return false
}
