package main

import (
	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/pdf"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/exporters/xhtml"
)

// newExporterRegistry lists every output format brief offers, in the
// order they are written.
func newExporterRegistry(width int) *exporters.Registry {
	return exporters.NewRegistry(
		pdf.New(pdf.Options{}),
		xhtml.New(),
		epub.New(),
		text.New(text.Options{Width: width}),
	)
}
