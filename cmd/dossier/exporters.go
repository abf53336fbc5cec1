package main

import (
	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/pdf"
	"github.com/dossier-news/dossier/exporters/text"
)

// newExporterRegistry lists every output format brief offers, in the
// order they are written.
func newExporterRegistry(width int) *exporters.Registry {
	return exporters.NewRegistry(
		pdf.New(pdf.Options{}),
		text.New(text.Options{Width: width}),
	)
}
