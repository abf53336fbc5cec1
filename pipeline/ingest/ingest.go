// Package ingest reads articles from files, directories, globs, URLs and
// standard input, decodes them to clean text, tells raw scrapes, HTML and
// dossier JSON apart, and hands each to the reader for its kind.
//
// Start with Expand (arguments → Sources) and Ingester.LoadAll (Source →
// Documents: one, or several for a stream of dossier JSON such as 'dossier
// clean' prints). Errors name the input and the reason; a failed input
// never stops the others.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
)

// ErrNotModel is JSON that is not dossier's document model.
var ErrNotModel = errors.New(`json, but not a dossier document: want "meta" and "blocks" at the top (docs/model.md)`)

// DefaultMaxBytes bounds one input: far above any article, far below what
// would hurt the machine.
const DefaultMaxBytes = 32 << 20

// A Reader builds a Document from decoded text of one kind.
type Reader func(ctx context.Context, text, source string) (*pipeline.Document, error)

// Ingester loads Sources. Text and HTML are the readers for raw scrapes and
// web pages (package clean provides both); JSON is read here.
type Ingester struct {
	Text, HTML Reader
	Lossy      bool          // replace invalid bytes with U+FFFD instead of failing
	MaxBytes   int64         // per input; DefaultMaxBytes when zero
	Limits     Limits        // per input, beyond bytes; defaults where zero
	HTTP       *resty.Client // for URLs; NewHTTPClient when nil
	Stdin      io.Reader
	// Warn receives what was guessed or repaired in reading an input
	// that was read all the same (an encoding sniffed, invalid bytes
	// replaced); nil drops it.
	Warn func(source, msg string)
}

// NewHTTPClient returns the client used for URLs: bounded time, size and
// redirects, and an honest User-Agent.
func NewHTTPClient(maxBytes int64) *resty.Client {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return resty.New().
		SetTimeout(30*time.Second).
		SetRedirectPolicy(resty.FlexibleRedirectPolicy(5)).
		SetResponseBodyLimit(int(maxBytes)).
		SetHeader("User-Agent", "dossier (+https://github.com/dossier-news/dossier)").
		SetHeader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8")
}

// Load reads, decodes and parses a source that holds one article; a
// stream of several documents is an error (LoadAll reads those).
func (in *Ingester) Load(ctx context.Context, src Source) (*pipeline.Document, error) {
	docs, err := in.LoadAll(ctx, src)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%d documents in one input, want one", len(docs))
	}
	return docs[0], nil
}

// LoadAll reads, decodes and parses one source: a raw scrape or a web
// page gives one document, dossier JSON one per value of the stream, in
// order. A JSON value that is not a valid document is left out and its
// error, naming the value by its number from 1, is returned beside the
// documents that were read (see DocumentError); a syntax error stops the
// stream there.
func (in *Ingester) LoadAll(ctx context.Context, src Source) ([]*pipeline.Document, error) {
	raw, contentType, err := in.read(ctx, src)
	if err != nil {
		return nil, err
	}
	lim := in.Limits.withDefaults()
	if err := precheckText(raw, lim); err != nil {
		return nil, err
	}
	text, notes, err := DecodeNotes(raw, contentType, in.Lossy)
	if err != nil {
		return nil, err
	}
	raw = nil // the text is a copy; let the bytes go before the readers run
	if in.Warn != nil {
		for _, n := range notes {
			in.Warn(src.Name, n)
		}
	}
	var docs []*pipeline.Document
	switch DetectKind(text, contentType) {
	case KindJSON:
		model, spans, cerr := checkJSON(text, lim)
		if cerr != nil {
			return nil, cerr
		}
		docs, err = readJSON(text, spans)
		var de *DocumentError
		if !model && !(errors.As(err, &de) && de.Stopped && de.N == 1) {
			return nil, ErrNotModel
		}
	case KindHTML:
		var page, note string
		if page, note, err = checkHTML(text, lim); err != nil {
			return nil, err
		}
		if note != "" && in.Warn != nil {
			in.Warn(src.Name, note)
		}
		var doc *pipeline.Document
		if doc, err = in.HTML(ctx, page, src.Name); err == nil {
			docs = []*pipeline.Document{doc}
		}
	default:
		if err = checkText(text, lim); err != nil {
			return nil, err
		}
		var doc *pipeline.Document
		if doc, err = in.Text(ctx, text, src.Name); err == nil {
			docs = []*pipeline.Document{doc}
		}
	}
	for _, doc := range docs {
		if doc.Meta.Source == "" {
			doc.Meta.Source = src.Name
		}
	}
	return docs, err
}

func (in *Ingester) maxBytes() int64 {
	if in.MaxBytes > 0 {
		return in.MaxBytes
	}
	return DefaultMaxBytes
}

// tidyJSON holds JSON text to the rules decoded text keeps — NFC, no bidi
// overrides or invisible controls — since JSON escapes can smuggle them
// past Decode. It reports whether anything changed.
func tidyJSON(doc *pipeline.Document) bool {
	changed := false
	tidy := func(_ pipeline.Ref, s *string) {
		if isTidy(*s) {
			return // most are: no copies
		}
		t := norm.NFC.String(sanitize([]byte(*s)))
		if t != *s {
			*s = t
			changed = true
		}
	}
	doc.MetaUnits(tidy)
	doc.Units(tidy)
	return changed
}

// isTidy reports whether sanitize and NFC would leave s as it is.
func isTidy(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n' || r >= 0x20 && r < 0x7f:
		case r < 0xa0, r == '\u2028', r == '\u2029', r == utf8.RuneError:
			return false
		case r == '\u200c' || r == '\u200d':
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zs, r):
			return false
		}
	}
	return norm.NFC.IsNormalString(s)
}

// Validate checks a document's invariants: known block kinds, text where
// the kind keeps it, and mentions inside their text units.
func Validate(doc *pipeline.Document) error {
	for i, b := range doc.Blocks {
		switch b.Kind {
		case pipeline.Heading, pipeline.Paragraph, pipeline.Quote, pipeline.List:
		default:
			return fmt.Errorf("block %d: unknown kind %q", i, b.Kind)
		}
	}
	for i, m := range doc.Mentions {
		t := doc.Text(m.Ref)
		if m.Start < 0 || m.End > len(t) || m.Start > m.End || t[m.Start:m.End] != m.Text {
			return fmt.Errorf("mention %d (%q): span %d–%d does not match block %d item %d", i, m.Text, m.Start, m.End, m.Block, m.Item)
		}
	}
	return nil
}
