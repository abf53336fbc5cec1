// Package exporters turns documents into files people hand on: PDF,
// EPUB-ready XHTML, EPUB and plain text.
//
// A Format is data (name, extension, media type); an Exporter writes one
// Briefing — one article or a whole batch — in its format. Each format
// lives in its own package (text, pdf, xhtml, epub) and passes the one
// suite in exportertest. Registry picks exporters by name; WriteFile puts
// every output on disk atomically.
package exporters

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

// A Format describes one kind of output file.
type Format struct {
	Name      string // "epub"
	Ext       string // ".epub"
	MediaType string // "application/epub+zip"
	Binary    bool
	// Batch formats are also written once for a whole batch, as
	// briefing<Ext>, besides one file per article.
	Batch bool
}

// A Briefing is what an exporter writes: one article, or a batch of them
// with the names index over the batch.
type Briefing struct {
	Title     string               // the batch title; for one article, its own title
	Documents []*pipeline.Document // in reading order
	Index     *pipeline.Index      // may be nil or empty
	// Language is the BCP 47 tag of the language the words around the
	// articles (headings, labels, dates) are written in: the target
	// language when translating. Empty means chrome.Language's rule.
	Language string
	// Created is the time written into the output's metadata. Callers set it
	// from SOURCE_DATE_EPOCH when given, so that reruns are byte-identical.
	Created time.Time
}

// Single reports whether the briefing is one article rather than a batch.
func (b *Briefing) Single() bool { return len(b.Documents) == 1 }

// An Exporter writes a Briefing in one Format.
type Exporter interface {
	Format() Format
	Export(ctx context.Context, w io.Writer, b *Briefing) error
}

// ErrUnknownFormat is wrapped by Registry.Lookup.
var ErrUnknownFormat = errors.New("unknown format")

// A Registry holds the exporters a program offers, by format name.
type Registry struct {
	byName map[string]Exporter
	order  []string
}

// NewRegistry returns a registry of the given exporters, in that order.
func NewRegistry(exporters ...Exporter) *Registry {
	r := &Registry{byName: make(map[string]Exporter)}
	for _, e := range exporters {
		name := e.Format().Name
		if _, dup := r.byName[name]; dup {
			panic("exporters: duplicate format " + name)
		}
		r.byName[name] = e
		r.order = append(r.order, name)
	}
	return r
}

// Lookup returns the exporter for a format name.
func (r *Registry) Lookup(name string) (Exporter, error) {
	e, ok := r.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return nil, fmt.Errorf("%q: %w (have %s)", name, ErrUnknownFormat, strings.Join(r.Names(), ", "))
	}
	return e, nil
}

// Names returns the format names in registration order.
func (r *Registry) Names() []string { return append([]string(nil), r.order...) }

// Formats returns every registered format in registration order.
func (r *Registry) Formats() []Format {
	out := make([]Format, 0, len(r.order))
	for _, n := range r.order {
		out = append(out, r.byName[n].Format())
	}
	return out
}

// Parse reads a comma-separated list of format names, such as
// "pdf,txt", and returns the exporters in the order given, each once.
func (r *Registry) Parse(list string) ([]Exporter, error) {
	seen := map[string]bool{}
	var out []Exporter
	var errs []error
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		e, err := r.Lookup(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given (have %s)", strings.Join(r.Names(), ", "))
	}
	return out, nil
}

// ErrNoDocuments is wrapped by every exporter given a briefing with no
// documents: an empty file would look like success.
var ErrNoDocuments = errors.New("briefing has no documents")

// An Asset is a file an exporter's outputs link to and expect beside
// them, such as a stylesheet.
type Asset struct {
	Name string
	Data []byte
}

// An AssetProvider is an Exporter whose outputs need assets beside them;
// whoever writes the outputs writes the assets into the same folder.
type AssetProvider interface {
	Assets() []Asset
}
