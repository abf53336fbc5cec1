// Package pdf writes briefings as printable PDF files.
//
// New returns the exporter; Export writes one Briefing. A batch gets a
// cover (title, date, sources), a table of contents with page numbers, one
// section per article and an index of names; a single article gets its
// own title block and body. Every page but the cover carries the briefing
// title as a running header and "page N of M" as a footer, and the
// outline (bookmarks) lists articles and their headings. Every label,
// date and number around the articles comes from exporters/chrome, in the
// briefing's language and direction.
//
// Text is set with embedded, subset DejaVu fonts (serif for body text,
// sans for headings and for scripts the serif lacks, such as Arabic);
// Persian and other right-to-left text is shaped and reordered by
// internal/textlayout, since fpdf itself neither joins letters nor
// applies the bidi algorithm. Layout runs at least twice: the first pass
// learns where articles start and how many pages there are, the next
// writes them into the contents, index and footers. With Briefing.Created fixed, the
// output is byte-identical from run to run.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
)

// PageSize names a paper size.
type PageSize string

const (
	A4     PageSize = "A4"
	Letter PageSize = "Letter"
)

// Options tune the output. The zero value gives A4 pages in 10.5 pt type.
type Options struct {
	PageSize PageSize // A4 (default) or Letter
	// FontSize is the body text size in points; headings scale with it.
	// Zero means 10.5.
	FontSize float64
	// Lang is the document language written to the catalog (/Lang). Empty
	// means the language most of the articles are in now.
	Lang string
}

// Exporter writes PDF. It is safe for concurrent use.
type Exporter struct {
	opts Options

	fontsOnce sync.Once
	fonts     *fontSet
	fontsErr  error
}

// New returns a PDF exporter.
func New(opts Options) *Exporter {
	if opts.PageSize == "" {
		opts.PageSize = A4
	}
	if opts.FontSize <= 0 {
		opts.FontSize = 10.5
	}
	return &Exporter{opts: opts}
}

// Format describes PDF.
func (e *Exporter) Format() exporters.Format {
	return exporters.Format{Name: "pdf", Ext: ".pdf", MediaType: "application/pdf", Binary: true, Batch: true}
}

// Export writes b as PDF to w.
func (e *Exporter) Export(ctx context.Context, w io.Writer, b *exporters.Briefing) error {
	if b == nil || len(b.Documents) == 0 {
		return exporters.ErrNoDocuments
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, d := range b.Documents {
		if d == nil {
			return fmt.Errorf("document %d of %d is nil", i+1, len(b.Documents))
		}
	}
	var size fpdf.SizeType
	switch e.opts.PageSize {
	case A4:
		size = fpdf.SizeType{Wd: 210, Ht: 297}
	case Letter:
		size = fpdf.SizeType{Wd: 215.9, Ht: 279.4}
	default:
		return fmt.Errorf("page size %q: want %q or %q", e.opts.PageSize, A4, Letter)
	}
	e.fontsOnce.Do(func() { e.fonts, e.fontsErr = loadFonts() })
	if e.fontsErr != nil {
		return fmt.Errorf("fonts: %w", e.fontsErr)
	}

	// The first pass only measures: where each article starts and how
	// many pages there are. The next writes those numbers into contents,
	// index and footers; only the index could wrap differently with them,
	// so a third pass settles any change in the page count.
	cache := map[string][]textlayout.Line{}
	var known *plan
	var final *renderer
	for pass := 1; ; pass++ {
		r, err := render(ctx, e.opts, size, e.fonts, b, known, cache)
		if err != nil {
			return err
		}
		if known != nil && r.got.equal(known) {
			final = r
			break
		}
		if pass == 4 {
			return fmt.Errorf("page numbers did not settle after %d passes", pass)
		}
		got := r.got
		known = &got
	}
	var raw bytes.Buffer
	if err := final.pdf.Output(&raw); err != nil {
		return err
	}
	return writeTagged(w, raw.Bytes(), final.tags)
}
