// Package xhtml writes briefings as EPUB 3 XHTML content documents: one
// article, or a batch in one file with its contents and names index.
//
// Start with New, the exporters.Exporter. The page writers (WriteBriefing,
// WriteArticlePage, WriteTitlePage, WriteIndexPage, WriteNav) take a Layout
// saying where each part lives, so package epub builds its book from the
// same rendering. Output is deterministic, indented, script-free, and
// escapes everything: article text never becomes markup. The words
// around the articles come from exporters/chrome, in the briefing's
// language, and carry its lang and dir.
package xhtml

import (
	"context"
	_ "embed"
	"io"

	"github.com/dossier-news/dossier/exporters"
)

// StylesheetName is the file name pages link to; write Stylesheet() there.
const StylesheetName = "style.css"

//go:embed style.css
var stylesheet []byte

// Stylesheet returns the CSS the pages link to. It sets no direction or
// unicode-bidi (EPUB forbids them); pages carry dir attributes instead.
func Stylesheet() []byte { return append([]byte(nil), stylesheet...) }

// An Exporter writes a briefing as one XHTML file linking StylesheetName.
type Exporter struct{}

// New returns the XHTML exporter.
func New() *Exporter { return &Exporter{} }

// Assets returns the stylesheet every page links to.
func (*Exporter) Assets() []exporters.Asset {
	return []exporters.Asset{{Name: StylesheetName, Data: Stylesheet()}}
}

// Format describes XHTML output.
func (*Exporter) Format() exporters.Format {
	return exporters.Format{Name: "xhtml", Ext: ".xhtml", MediaType: "application/xhtml+xml"}
}

// Export writes b as one XHTML content document.
func (*Exporter) Export(ctx context.Context, w io.Writer, b *exporters.Briefing) error {
	return WriteBriefing(ctx, w, b, Layout{Stylesheet: StylesheetName})
}
