package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"wmm/catalog"
)

// WriteCatalogText prints a listing of the catalogue in aligned columns:
// family, name, summary.
func WriteCatalogText(w io.Writer, lines []catalog.Line) {
	famW, nameW := 0, 0
	for _, l := range lines {
		famW, nameW = max(famW, len(l.Family)), max(nameW, len(l.Name))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%-*s  %-*s  %s\n", famW, l.Family, nameW, l.Name, l.Summary)
	}
}

// WriteCatalogJSON prints a listing of the catalogue, one JSON object per
// line.
func WriteCatalogJSON(w io.Writer, lines []catalog.Line) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return nil
}
