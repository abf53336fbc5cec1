// Package model writes briefings in dossier's own JSON document model
// (docs/model.md): each article as one indented JSON value followed by a
// newline, so a batch is a stream that jq and dossier itself read back.
// The names index is not repeated here: every mention already carries its
// entity, and 'dossier names index --format json' prints the index.
package model

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/dossier-news/dossier/exporters"
)

// Exporter writes dossier JSON.
type Exporter struct{}

// New returns a dossier JSON exporter.
func New() *Exporter { return &Exporter{} }

// Format describes dossier JSON.
func (*Exporter) Format() exporters.Format {
	return exporters.Format{Name: "json", Ext: ".json", MediaType: "application/json"}
}

// Export writes every document of b, in order.
func (*Exporter) Export(ctx context.Context, w io.Writer, b *exporters.Briefing) error {
	if len(b.Documents) == 0 {
		return exporters.ErrNoDocuments
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // text stays readable; JSON needs no HTML escaping
	for _, d := range b.Documents {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return bw.Flush()
}
