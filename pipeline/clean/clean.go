package clean

import (
	"cmp"
	"context"
	"log/slog"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/langid"
)

// A LanguageDetector names the language of a text with a confidence from
// 0 to 1, or "" when it cannot tell. *langid.Detector is one.
type LanguageDetector interface {
	Detect(text string) (tag string, confidence float64)
}

// A blockDetector names a block's language against its article's, not
// fooled by short headings and names; *langid.Detector is one.
type blockDetector interface {
	DetectIn(text, context string) (tag string, confidence float64)
}

// A Cleaner builds clean Documents. It is safe for concurrent use if its
// detector is.
type Cleaner struct {
	detector     LanguageDetector
	boundedAbove int          // stripped HTML above it is streamed (html_stream.go)
	log          *slog.Logger // says when a page is streamed; nil: silent
}

// New returns a Cleaner that names languages with d.
func New(d LanguageDetector) *Cleaner { return &Cleaner{detector: d} }

// Text builds a clean Document from a raw text scrape with a new
// language detector; programs cleaning many pages should hold a Cleaner.
func Text(ctx context.Context, text, source string) (*pipeline.Document, error) {
	return New(langid.New()).Text(ctx, text, source)
}

// HTML builds a clean Document from an HTML page with a new language
// detector; programs cleaning many pages should hold a Cleaner.
func HTML(ctx context.Context, html, source string) (*pipeline.Document, error) {
	return New(langid.New()).HTML(ctx, html, source)
}

// Text builds a clean Document from a raw text scrape (a page copied from
// a browser or scraped to text, boilerplate included). source is the file
// name or URL, stored in Meta.Source. It fails with pipeline.ErrEmpty for
// blank input and pipeline.ErrNoBody when no article text is found.
func (c *Cleaner) Text(ctx context.Context, text, source string) (*pipeline.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, pipeline.ErrEmpty
	}
	lines, err := splitLines(ctx, text)
	if err != nil {
		return nil, err
	}
	a, err := analyzeLines(ctx, lines)
	if err != nil {
		return nil, err
	}
	a.meta.Source = source
	if a.meta.Outlet == "" {
		a.meta.Outlet = outletFromSource(source)
	}
	return c.finish(ctx, a)
}

// finish checks that a body was found and names the languages.
func (c *Cleaner) finish(ctx context.Context, a article) (*pipeline.Document, error) {
	if !hasProse(a.blocks) {
		return nil, pipeline.ErrNoBody
	}
	doc := &pipeline.Document{Meta: a.meta, Blocks: a.blocks}
	if err := c.setLanguages(ctx, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

func hasProse(blocks []pipeline.Block) bool {
	for _, b := range blocks {
		if b.Kind != pipeline.Heading {
			return true
		}
	}
	return false
}

// Enough text to name a language surely, and no more: detection time
// grows with length.
const (
	sampleBytes        = 1200
	minBlockLetters    = 25
	blockConfidence    = 0.9
	articleConfidence  = 0.3
	overrideConfidence = 0.8
	// A news article has far fewer blocks; past this many the input is
	// a dump or noise read lossily, on which the detector takes
	// milliseconds a block, and the rest keep the article's language.
	maxDetectedBlocks = 500
)

// setLanguages names the article's language from its title and first
// paragraphs, and marks the blocks written
// in another language when the detector is sure of them.
func (c *Cleaner) setLanguages(ctx context.Context, doc *pipeline.Document) error {
	if c.detector == nil {
		return nil
	}
	{
		var sb strings.Builder
		sb.WriteString(doc.Meta.Title)
		doc.Units(func(_ pipeline.Ref, t *string) {
			if sb.Len() < sampleBytes {
				sb.WriteString("\n")
				sb.WriteString(*t)
			}
		})
		// A page's declared language is kept unless the text clearly says
		// otherwise: templates often declare the site's default.
		tag, conf := c.detector.Detect(sb.String())
		if doc.Meta.Language == "" && conf >= articleConfidence || conf >= overrideConfidence && tag != doc.Meta.Language {
			doc.Meta.Language = tag
		}
	}
	if doc.Meta.Language == "" {
		return nil
	}
	doc.Meta.Direction = cmp.Or(pipeline.TagDirection(doc.Meta.Language), pipeline.LeftToRight)
	for i := range doc.Blocks[:min(len(doc.Blocks), maxDetectedBlocks)] {
		// Each detection takes tens of microseconds: look every time.
		if err := ctx.Err(); err != nil {
			return err
		}
		b := &doc.Blocks[i]
		text := strings.Join(func() []string {
			var ts []string
			for _, t := range b.Texts() {
				ts = append(ts, *t)
			}
			return ts
		}(), "\n")
		if countLetters(text) < minBlockLetters {
			continue
		}
		if len(text) > sampleBytes {
			text = text[:sampleBytes]
		}
		if bd, ok := c.detector.(blockDetector); ok {
			if tag, _ := bd.DetectIn(text, doc.Meta.Language); tag != "" {
				b.Lang = tag
			}
			continue
		}
		if tag, conf := c.detector.Detect(text); tag != "" && conf >= blockConfidence && tag != doc.Meta.Language {
			b.Lang = tag
		}
	}
	return nil
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// outletFromSource names the outlet from a URL's host ("www.iranwire.com"
// → "iranwire.com") or from a file name that starts with it, optionally
// after a language code, and is followed by a date or number
// ("iranwire-2022-11-22-….txt", "fa-iranwire-2022-11-15.txt" →
// "iranwire"). Anything else names no outlet.
func outletFromSource(source string) string {
	if u, err := url.Parse(source); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	base := path.Base(strings.ReplaceAll(source, "\\", "/"))
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	parts := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	if len(parts) >= 2 && len(parts[0]) == 2 && isLetters(parts[0]) {
		parts = parts[1:] // a language code: "fa-iranwire-…"
	}
	if len(parts) < 2 || len(parts[0]) < 3 || !isLetters(parts[0]) || !isDigits(parts[1]) {
		return ""
	}
	return strings.ToLower(parts[0])
}

func isLetters(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

func isDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}
