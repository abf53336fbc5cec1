package main

import (
	"fmt"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/model"
	"github.com/dossier-news/dossier/exporters/pdf"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/exporters/xhtml"
)

// briefFormats are what brief writes when --format is not given.
const briefFormats = "pdf,xhtml,epub,txt"

// newExporterRegistry lists every output format brief offers, in the
// order they are written.
func newExporterRegistry(width int) *exporters.Registry {
	return exporters.NewRegistry(
		pdf.New(pdf.Options{}),
		xhtml.New(),
		epub.New(),
		text.New(text.Options{Width: width}),
		model.New(),
	)
}

// newDocumentRegistry lists the formats clean and translate print a
// document in: dossier JSON first, the default.
func newDocumentRegistry(width int) *exporters.Registry {
	return exporters.NewRegistry(
		model.New(),
		text.New(text.Options{Width: width}),
	)
}

// documentFormat returns the exporter --format names among reg's.
func documentFormat(reg *exporters.Registry, name string) (exporters.Exporter, error) {
	x, err := reg.Lookup(name)
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	return x, nil
}
