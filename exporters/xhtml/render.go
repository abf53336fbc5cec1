package xhtml

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/pipeline"
)

// Errors Validate wraps, besides exporters.ErrNoDocuments.
var (
	ErrNoBriefing  = errors.New("no briefing")
	ErrNilDocument = errors.New("document is nil")
)

// Validate reports why b cannot be written, naming the bad document.
func Validate(b *exporters.Briefing) error {
	if b == nil {
		return ErrNoBriefing
	}
	if len(b.Documents) == 0 {
		return exporters.ErrNoDocuments
	}
	for i, d := range b.Documents {
		if d == nil {
			return fmt.Errorf("document %d: %w", i+1, ErrNilDocument)
		}
	}
	return nil
}

// A Layout says where the parts of a briefing live, so that links between
// them resolve. The zero Layout puts everything in one file and links no
// stylesheet; an EPUB spreads the parts over several files.
type Layout struct {
	Stylesheet  string             // href of the stylesheet; "" links none
	ArticleFile func(i int) string // the file holding article i (0-based); nil: this file
	IndexFile   string             // the file holding the names index; "": this file
	TitleFile   string             // the title page, listed first in the navigation; "": none
	// Locale is the chrome's language; nil: chrome.For(b). A book of many
	// pages sets it once.
	Locale *chrome.Locale
}

func (l Layout) articleHref(i int, fragment string) string {
	file := ""
	if l.ArticleFile != nil {
		file = l.ArticleFile(i)
	}
	if fragment == "" {
		if file != "" {
			return file
		}
		fragment = ArticleID(i)
	}
	return file + "#" + fragment
}

func (l Layout) indexHref(fragment string) string { return l.IndexFile + "#" + fragment }

// indexID is the id of the names index section.
const indexID = "names"

// ArticleID returns the id of the article element of document i (0-based).
func ArticleID(i int) string { return "article-" + strconv.Itoa(i+1) }

func headingID(article, block int) string {
	return ArticleID(article) + "-h" + strconv.Itoa(block+1)
}

// entityID returns an XML-safe id for an index entry. Ids that are not
// already lower-case ASCII words get a hash suffix so that two entities
// whose ids differ only in punctuation or script stay apart.
func entityID(id string) string {
	var sb strings.Builder
	sb.WriteString("name-")
	dash := false
	for _, r := range strings.ToLower(id) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sb.WriteRune(r)
			dash = false
		} else if !dash {
			sb.WriteByte('-')
			dash = true
		}
	}
	slug := strings.TrimRight(sb.String(), "-")
	if slug != "name-"+id {
		sum := sha256.Sum256([]byte(id))
		slug += "-" + hex.EncodeToString(sum[:4])
	}
	return slug
}

// TitleOf returns doc's title with runs of space collapsed, or "" when it
// has none.
func TitleOf(doc *pipeline.Document) string { return oneLine(doc.Meta.Title) }

// BriefingTitle returns the title of b (chrome.BriefingTitle): never
// empty, as XHTML forbids an empty <title> and EPUB navigation an empty
// link.
func BriefingTitle(b *exporters.Briefing) string { return chrome.BriefingTitle(b) }

// BriefingLanguages returns the language of b's chrome (BriefingLanguage),
// then the languages of its documents, most frequent first, ties in
// reading order.
func BriefingLanguages(b *exporters.Briefing) []string {
	langs := []string{BriefingLanguage(b)}
	for _, l := range documentLanguages(b) {
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	return langs
}

func documentLanguages(b *exporters.Briefing) []string {
	var langs []string
	count := map[string]int{}
	for _, d := range b.Documents {
		l := LanguageOf(d)
		if count[l] == 0 {
			langs = append(langs, l)
		}
		count[l]++
	}
	slices.SortStableFunc(langs, func(x, y string) int { return count[y] - count[x] })
	return langs
}

// BriefingLanguage returns the language of b's pages: that of its
// chrome (chrome.For), the words around the articles. Each article
// carries its own.
func BriefingLanguage(b *exporters.Briefing) string { return chrome.For(b).Tag() }

// BriefingDirection returns the direction of b's chrome language.
func BriefingDirection(b *exporters.Briefing) pipeline.Direction { return chrome.For(b).Direction() }

// Outlets returns the distinct outlets of b's documents in reading order
// (chrome.Outlets).
func Outlets(b *exporters.Briefing) []string { return chrome.Outlets(b) }

func outletOf(doc *pipeline.Document) string {
	if o := oneLine(doc.Meta.Outlet); o != "" {
		return o
	}
	if u, ok := webURL(doc.Meta.Source); ok {
		return u.Host
	}
	return ""
}

// SourceURL returns the article's source as an http(s) URL fit for a link,
// and false when the source is a file or anything else.
func SourceURL(doc *pipeline.Document) (string, bool) {
	u, ok := webURL(doc.Meta.Source)
	if !ok {
		return "", false
	}
	return u.String(), true
}

// webURL parses s as an http or https URL with a host and returns it in
// a form XHTML validators accept as a URI: ASCII host, and the query
// escaped where the source left it raw.
func webURL(s string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return nil, false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false
	}
	u.User = nil // never publish credentials someone pasted into a URL
	host, err := idna.Lookup.ToASCII(u.Hostname())
	if err != nil || host == "" {
		return nil, false
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	u.Host = host
	u.RawQuery = escapeURIPart(u.RawQuery)
	return u, true
}

// escapeURIPart percent-encodes every byte RFC 3986 does not allow in a
// query, including a % that starts no escape.
func escapeURIPart(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0:
			sb.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteByte(hexDigits[c>>4])
			sb.WriteByte(hexDigits[c&15])
		}
	}
	return sb.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// oneLine trims s and collapses its runs of white space into one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\v\f") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// newWriter returns a writer for b's pages, speaking b's chrome language.
func newWriter(b *exporters.Briefing, l Layout) *writer {
	if l.Locale != nil {
		return &writer{loc: l.Locale}
	}
	return &writer{loc: chrome.For(b)}
}

// page writes the XML prolog, html, head and body around content.
// The epub namespace is declared only on pages using epub:type, as
// epubcheck notes an unused one.
func (w *writer) page(title, lang string, dir pipeline.Direction, l Layout, epubNS bool, body func()) {
	if lang == "" {
		lang, dir = w.loc.Tag(), w.loc.Direction()
	}
	w.buf.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	attrs := []attr{{"xmlns", "http://www.w3.org/1999/xhtml"}}
	if epubNS {
		attrs = append(attrs, attr{"xmlns:epub", "http://www.idpf.org/2007/ops"})
	}
	w.open("html", append(attrs, attr{"lang", lang}, attr{"dir", string(dir)})...)
	w.open("head")
	w.textLine("title", cmp.Or(title, w.loc.T(chrome.Untitled)))
	if l.Stylesheet != "" {
		w.empty("link", attr{"rel", "stylesheet"}, attr{"type", "text/css"}, attr{"href", l.Stylesheet})
	}
	w.close("head")
	w.open("body")
	body()
	w.close("body")
	w.close("html")
}

func flush(w io.Writer, wr *writer) error {
	_, err := w.Write(wr.buf.Bytes())
	return err
}

// WriteBriefing writes b as one XHTML content document. A batch gets a
// title block, a table of contents, every article and the names index; a
// single article gets the article and, when b has one, the index.
func WriteBriefing(ctx context.Context, w io.Writer, b *exporters.Briefing, l Layout) error {
	if err := Validate(b); err != nil {
		return err
	}
	wr := newWriter(b, l)
	var err error
	wr.page(BriefingTitle(b), "", "", l, true, func() {
		if !b.Single() {
			wr.titleBlock(b)
			wr.open("nav", attr{"class", "contents"})
			wr.textLine("h2", wr.loc.T(chrome.Contents))
			wr.tocList(contents(wr.loc, b, l, false))
			wr.close("nav")
		}
		for i := range b.Documents {
			if err = ctx.Err(); err != nil {
				return
			}
			wr.article(b, i, l)
		}
		if HasIndex(b) {
			wr.index(b, l, "h2")
		}
	})
	if err != nil {
		return err
	}
	return flush(w, wr)
}

// WriteArticlePage writes document i of b as a content document of its own.
func WriteArticlePage(ctx context.Context, w io.Writer, b *exporters.Briefing, i int, l Layout) error {
	if err := Validate(b); err != nil {
		return err
	}
	if i < 0 || i >= len(b.Documents) {
		return fmt.Errorf("document %d: out of range (have %d)", i+1, len(b.Documents))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	doc := b.Documents[i]
	wr := newWriter(b, l)
	wr.page(cmp.Or(TitleOf(doc), wr.loc.T(chrome.Untitled)), LanguageOf(doc), DirectionOf(doc), l, true, func() {
		wr.article(b, i, l)
	})
	return flush(w, wr)
}

// WriteTitlePage writes the title page of a batch: its title, date and
// sources.
func WriteTitlePage(ctx context.Context, w io.Writer, b *exporters.Briefing, l Layout) error {
	if err := Validate(b); err != nil {
		return err
	}
	wr := newWriter(b, l)
	wr.page(BriefingTitle(b), "", "", l, false, func() {
		wr.titleBlock(b)
	})
	return flush(w, wr)
}

// HasIndex reports whether b has a names index with any entry.
func HasIndex(b *exporters.Briefing) bool { return chrome.HasIndex(b) }

// WriteIndexPage writes the names index of b as a content document of its
// own.
func WriteIndexPage(ctx context.Context, w io.Writer, b *exporters.Briefing, l Layout) error {
	if err := Validate(b); err != nil {
		return err
	}
	if !HasIndex(b) {
		return errors.New("names index: briefing has none")
	}
	wr := newWriter(b, l)
	wr.page(wr.loc.T(chrome.IndexOfNames), "", "", l, false, func() {
		wr.index(b, l, "h1")
	})
	return flush(w, wr)
}

// WriteNav writes an EPUB navigation document: a table of contents listing
// the title page, each article with its headings, and the names index, in
// reading order.
func WriteNav(ctx context.Context, w io.Writer, b *exporters.Briefing, l Layout) error {
	if err := Validate(b); err != nil {
		return err
	}
	wr := newWriter(b, l)
	wr.page(wr.loc.T(chrome.Contents), "", "", l, true, func() {
		wr.open("nav", attr{"epub:type", "toc"}, attr{"id", "toc"})
		wr.textLine("h1", wr.loc.T(chrome.Contents))
		wr.tocList(contents(wr.loc, b, l, true))
		wr.close("nav")
	})
	return flush(w, wr)
}

// A tocEntry is one line of a table of contents.
type tocEntry struct {
	title, href, lang string
	dir               pipeline.Direction
	children          []tocEntry
}

// contents lists the articles of b with their headings; whole adds the
// title page and index, which a single file shows without links.
func contents(loc *chrome.Locale, b *exporters.Briefing, l Layout, whole bool) []tocEntry {
	var out []tocEntry
	if whole && l.TitleFile != "" {
		out = append(out, tocEntry{title: loc.T(chrome.TitlePage), href: l.TitleFile, lang: loc.Tag(), dir: loc.Direction()})
	}
	for i, doc := range b.Documents {
		lang, dir := LanguageOf(doc), DirectionOf(doc)
		e := tocEntry{title: TitleOf(doc), href: l.articleHref(i, ""), lang: lang, dir: dir}
		if e.title == "" {
			e.title, e.lang, e.dir = loc.T(chrome.Untitled), loc.Tag(), loc.Direction()
		}
		// Headings nest by level: a level-2 heading goes under the level-1
		// heading before it.
		var top *tocEntry
		for bi, blk := range doc.Blocks {
			text := oneLine(blk.Text)
			if blk.Kind != pipeline.Heading || text == "" {
				continue
			}
			h := tocEntry{title: text, href: l.articleHref(i, headingID(i, bi)), lang: lang, dir: dir}
			if bl := canonicalTag(blk.Lang); bl != "" {
				h.lang, h.dir = bl, directionOfTag(bl)
			}
			if headingLevel(blk) > 1 && top != nil {
				top.children = append(top.children, h)
				continue
			}
			e.children = append(e.children, h)
			top = &e.children[len(e.children)-1]
		}
		out = append(out, e)
	}
	if whole && HasIndex(b) {
		out = append(out, tocEntry{title: loc.T(chrome.IndexOfNames), href: l.indexHref(indexID), lang: loc.Tag(), dir: loc.Direction()})
	}
	return out
}

func (w *writer) tocList(entries []tocEntry) {
	w.open("ol")
	for _, e := range entries {
		attrs := []attr{{"lang", e.lang}, {"dir", string(e.dir)}}
		if len(e.children) == 0 {
			w.line("li", attrs, func() { w.inline("a", []attr{{"href", e.href}}, func() { w.text(e.title) }) })
			continue
		}
		w.open("li", attrs...)
		w.textLine("a", e.title, attr{"href", e.href})
		w.tocList(e.children)
		w.close("li")
	}
	w.close("ol")
}

// titleBlock writes the heading of a batch: title, date, sources.
func (w *writer) titleBlock(b *exporters.Briefing) {
	w.open("header", attr{"class", "briefing"})
	w.textLine("h1", BriefingTitle(b))
	if !b.Created.IsZero() {
		day := b.Created.UTC().Format(time.DateOnly)
		w.line("p", []attr{{"class", "date"}}, func() {
			w.inline("time", []attr{{"datetime", day}}, func() { w.text(w.loc.Day(b.Created)) })
		})
	}
	w.textLine("p", w.loc.T(chrome.ArticleCount, len(b.Documents)), attr{"class", "count"})
	if outlets := Outlets(b); len(outlets) > 0 {
		w.line("p", []attr{{"class", "sources"}}, func() {
			w.message(w.loc.Label(w.loc.T(chrome.Sources), sentinel), func() {
				for k, o := range outlets {
					if k > 0 {
						w.text(w.loc.T(chrome.ListSep))
					}
					w.inline("bdi", nil, func() { w.text(o) })
				}
			})
		})
	}
	w.close("header")
}

// headingLevel maps a block's level (1 the highest) to 1 or 2, the two
// levels below an article title that dossier renders, as h2 and h3.
func headingLevel(blk pipeline.Block) int {
	if blk.Level >= 2 {
		return 2
	}
	return 1
}

// article writes document i of b as an article element.
func (w *writer) article(b *exporters.Briefing, i int, l Layout) {
	doc := b.Documents[i]
	m := doc.Meta
	w.open("article",
		attr{"id", ArticleID(i)}, attr{"class", "article"}, attr{"epub:type", "chapter"},
		attr{"lang", LanguageOf(doc)}, attr{"dir", string(DirectionOf(doc))})

	w.open("header")
	if s := oneLine(m.Section); s != "" {
		w.textLine("p", s, attr{"class", "section"})
	}
	a := annotate(doc)
	if TitleOf(doc) != "" {
		w.line("h1", nil, func() { w.metaUnit(a, pipeline.TitleItem, m.Title) })
	} else {
		w.textLine("h1", w.loc.T(chrome.Untitled), w.chrome()...)
	}
	if strings.TrimSpace(m.Standfirst) != "" {
		w.line("p", []attr{{"class", "standfirst"}}, func() { w.metaUnit(a, pipeline.StandfirstItem, m.Standfirst) })
	}
	if n := bylineLen(m.Authors); n > 0 {
		w.line("p", append(w.chrome(), attr{"class", "byline"}), func() {
			w.message(w.loc.T(chrome.By, n, sentinel), func() {
				first := true
				for k, name := range m.Authors {
					if oneLine(name) == "" {
						continue
					}
					if !first {
						w.text(w.loc.T(chrome.ListSep))
					}
					first = false
					if w.loc.Tag() == LanguageOf(doc) {
						w.metaUnit(a, pipeline.AuthorItem(k), name)
						continue
					}
					// The names are the article's text, in its language.
					w.inline("span", []attr{{"lang", LanguageOf(doc)}, {"dir", string(DirectionOf(doc))}}, func() {
						w.metaUnit(a, pipeline.AuthorItem(k), name)
					})
				}
			})
		})
	}
	if m.Published != nil {
		w.line("p", append(w.chrome(), attr{"class", "dateline"}), func() {
			w.inline("time", []attr{{"datetime", m.Published.String()}}, func() { w.text(w.loc.Date(*m.Published)) })
		})
	}
	if m.ReadingTime > 0 {
		w.textLine("p", w.loc.T(chrome.ReadingTime, m.ReadingTime), append(w.chrome(), attr{"class", "reading-time"})...)
	}
	if o := m.Original; o != nil {
		w.translationNote(o)
	}
	for _, f := range a.documentFlags(w.loc, doc) {
		w.line("p", append(w.chrome(), attr{"class", "flag"}), func() {
			label := w.loc.T(chrome.TranslationCheck)
			if f.where != "" {
				label += " (" + f.where + ")"
			}
			w.message(w.loc.Label(label, sentinel), func() {
				w.inline("bdi", nil, func() { w.text(oneLine(w.loc.Flag(f.flag))) })
			})
		})
	}
	w.close("header")

	w.body(doc, i, a)

	u, ok := webURL(m.Source)
	file := ""
	if !ok {
		file = chrome.SourceName(m.Source) // a file: its name, never its folders
	}
	if ok || outletOf(doc) != "" || file != "" {
		w.open("footer", attr{"class", "source"})
		w.line("p", w.chrome(), func() {
			w.message(w.loc.Label(w.loc.T(chrome.Source), sentinel), func() {
				outlet := outletOf(doc)
				name := func() { w.inline("bdi", nil, func() { w.text(cmp.Or(outlet, file)) }) }
				if ok {
					w.inline("a", []attr{{"href", u.String()}}, name)
				} else {
					name()
				}
				if file != "" && outlet != "" {
					w.text(" (")
					w.inline("bdi", nil, func() { w.text(file) })
					w.text(")")
				}
			})
		})
		w.close("footer")
	}
	w.close("article")
}

func (w *writer) translationNote(o *pipeline.Original) {
	lang := canonicalTag(o.Language)
	name := w.loc.LanguageName(cmp.Or(lang, undetermined))
	msg := w.loc.T(chrome.TranslatedFrom, name)
	if e := chrome.Engine(oneLine(o.Engine), oneLine(o.Model)); e != "" {
		msg = w.loc.T(chrome.TranslatedBy, name, e)
	}
	w.textLine("p", msg, append(w.chrome(), attr{"class", "translation"})...)
	if t := oneLine(o.Title); t != "" {
		w.line("p", append(w.chrome(), attr{"class", "original-title"}), func() {
			w.message(w.loc.Label(w.loc.T(chrome.OriginalTitle), sentinel), func() {
				w.inline("bdi", []attr{{"lang", lang}, {"dir", string(directionOfTag(cmp.Or(lang, undetermined)))}}, func() { w.text(t) })
			})
		})
	}
}

// annotations holds what is drawn over a document's text units: name
// mentions and translation flags.
type annotations struct {
	mentions map[pipeline.Ref][]pipeline.Mention
	flags    map[pipeline.Ref][]pipeline.Flag
}

// annotate collects doc's mentions per text unit, sorted, dropping those
// that do not fit: out of range, overlapping an earlier one, or cutting a
// character in two. A bad span must not cost the reader the article.
func annotate(doc *pipeline.Document) annotations {
	a := annotations{mentions: map[pipeline.Ref][]pipeline.Mention{}, flags: map[pipeline.Ref][]pipeline.Flag{}}
	for _, m := range doc.Mentions {
		a.mentions[m.Ref] = append(a.mentions[m.Ref], m)
	}
	for ref, ms := range a.mentions {
		text := doc.Text(ref)
		slices.SortStableFunc(ms, func(x, y pipeline.Mention) int { return cmp.Compare(x.Start, y.Start) })
		kept := ms[:0]
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End <= m.Start || m.End > len(text) ||
				!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End]) {
				continue
			}
			kept = append(kept, m)
			end = m.End
		}
		a.mentions[ref] = kept
	}
	for _, p := range doc.Trail {
		for _, f := range p.Flags {
			if oneLine(f.String()) != "" && !slices.ContainsFunc(a.flags[p.Ref], f.Equal) {
				a.flags[p.Ref] = append(a.flags[p.Ref], f)
			}
		}
	}
	return a
}

// bylineLen counts the authors that are not blank.
func bylineLen(authors []string) int {
	n := 0
	for _, a := range authors {
		if oneLine(a) != "" {
			n++
		}
	}
	return n
}

// metaUnit writes a title, standfirst or author with its name mentions,
// trimmed of surrounding space as the page shows it. Its flags are shown
// apart, with the document's (see documentFlags), as they are often about
// the article as a whole.
func (w *writer) metaUnit(a annotations, item int, raw string) {
	ref := pipeline.Ref{Block: pipeline.MetaBlock, Item: item}
	from := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
	to := len(strings.TrimRightFunc(raw, unicode.IsSpace))
	w.mentions(a.mentions[ref], raw, from, to)
}

// A docFlag is a translation flag shown in an article's header: one on
// its metadata, or on a text unit the article does not have.
type docFlag struct {
	where string
	flag  pipeline.Flag
}

// documentFlags returns the flags shown in the header of doc, in trail
// order: those on the title (about the article as a whole, such as a
// language pair no engine has), the standfirst and the authors, and those
// whose text unit is out of range, so that no flag is lost.
func (a annotations) documentFlags(loc *chrome.Locale, doc *pipeline.Document) []docFlag {
	var out []docFlag
	seen := map[pipeline.Ref]bool{}
	for _, p := range doc.Trail {
		ref := p.Ref
		if seen[ref] || len(a.flags[ref]) == 0 {
			continue
		}
		var where string
		switch {
		case ref.Block == pipeline.MetaBlock && ref.Item == pipeline.TitleItem:
		case ref.Block == pipeline.MetaBlock && ref.Item == pipeline.StandfirstItem:
			where = loc.T(chrome.WhereStandfirst)
		case ref.Block == pipeline.MetaBlock && ref.Item >= pipeline.AuthorItem(0):
			where = loc.T(chrome.WhereByline)
		case ref.Block >= 0 && ref.Block < len(doc.Blocks) && ref.Item >= 0 && ref.Item < len(doc.Blocks[ref.Block].Texts()):
			continue // shown after its text
		default:
			where = loc.T(chrome.WhereBlock, ref.Block+1) + loc.T(chrome.ListSep) + loc.T(chrome.WhereItem, ref.Item+1)
		}
		seen[ref] = true
		for _, f := range a.flags[ref] {
			out = append(out, docFlag{where: where, flag: f})
		}
	}
	return out
}

// unit writes one text unit with its mentions and flags.
func (w *writer) unit(a annotations, ref pipeline.Ref, text string) {
	w.mentions(a.mentions[ref], text, 0, len(text))
	if flags := a.flags[ref]; len(flags) > 0 {
		w.text(" ")
		w.inline("span", append(w.chrome(), attr{"class", "flag"}), func() {
			shown := make([]string, len(flags))
			for i, f := range flags {
				shown[i] = oneLine(w.loc.Flag(f))
			}
			w.text(w.loc.Label(w.loc.T(chrome.TranslationCheck), strings.Join(shown, "; ")))
		})
	}
}

// mentions writes text[from:to], wrapping each mention that lies wholly
// inside it in a name span.
func (w *writer) mentions(ms []pipeline.Mention, text string, from, to int) {
	pos := from
	for _, m := range ms {
		if m.Start < pos || m.End > to {
			continue
		}
		w.text(text[pos:m.Start])
		attrs := []attr{{"class", "name"}}
		switch {
		case m.Unresolved || m.Entity == "":
			attrs[0].value = "name unresolved"
		default:
			if k := oneLine(m.Kind); k != "" {
				attrs[0].value = "name " + strings.ToLower(strings.Join(strings.Fields(k), "-"))
			}
			attrs = append(attrs, attr{"data-entity", m.Entity})
			if c := oneLine(m.Canonical); c != "" && c != text[m.Start:m.End] {
				attrs = append(attrs, attr{"title", c})
			}
		}
		w.inline("span", attrs, func() { w.text(text[m.Start:m.End]) })
		pos = m.End
	}
	w.text(text[pos:to])
}

// body writes the blocks of document i, opening a section at each heading.
func (w *writer) body(doc *pipeline.Document, i int, a annotations) {
	var open []int // levels of the sections open, outermost first
	for bi, blk := range doc.Blocks {
		attrs := blockLang(blk)
		switch blk.Kind {
		case pipeline.Heading:
			if strings.TrimSpace(blk.Text) == "" {
				continue
			}
			level := headingLevel(blk)
			for len(open) > 0 && open[len(open)-1] >= level {
				w.close("section")
				open = open[:len(open)-1]
			}
			w.open("section")
			open = append(open, level)
			ref := pipeline.Ref{Block: bi}
			w.line("h"+strconv.Itoa(level+1), append(attrs, attr{"id", headingID(i, bi)}), func() { w.unit(a, ref, blk.Text) })
		case pipeline.Quote:
			if blank(blk.Items) && strings.TrimSpace(blk.Attribution) == "" {
				continue
			}
			w.open("blockquote", attrs...)
			w.paragraphs(a, bi, blk.Items)
			if s := oneLine(blk.Attribution); s != "" {
				w.line("footer", nil, func() { w.inline("cite", nil, func() { w.text(s) }) })
			}
			w.close("blockquote")
		case pipeline.List:
			if blank(blk.Items) {
				continue
			}
			tag := "ul"
			if blk.Ordered {
				tag = "ol"
			}
			w.open(tag, attrs...)
			for ii, item := range blk.Items {
				if strings.TrimSpace(item) == "" {
					continue
				}
				ref := pipeline.Ref{Block: bi, Item: ii}
				w.line("li", nil, func() { w.unit(a, ref, item) })
			}
			w.close(tag)
		default: // paragraphs, and kinds this version does not know, as text
			if blk.Text == "" && len(blk.Items) > 0 {
				w.paragraphs(a, bi, blk.Items)
				continue
			}
			if strings.TrimSpace(blk.Text) == "" {
				continue
			}
			ref := pipeline.Ref{Block: bi}
			w.line("p", attrs, func() { w.unit(a, ref, blk.Text) })
		}
	}
	for range open {
		w.close("section")
	}
}

func (w *writer) paragraphs(a annotations, block int, items []string) {
	for ii, item := range items {
		if strings.TrimSpace(item) == "" {
			continue
		}
		ref := pipeline.Ref{Block: block, Item: ii}
		w.line("p", nil, func() { w.unit(a, ref, item) })
	}
}

func blank(items []string) bool {
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// blockLang returns the lang and dir attributes of a block whose language
// differs from its article's.
func blockLang(blk pipeline.Block) []attr {
	lang := canonicalTag(blk.Lang)
	if lang == "" {
		return nil
	}
	return []attr{{"lang", lang}, {"dir", string(directionOfTag(lang))}}
}

// index writes the names index: each entity with its spellings and the
// articles that name it.
func (w *writer) index(b *exporters.Briefing, l Layout, heading string) {
	perDoc := chrome.Mentions(b)
	w.open("section", append(w.chrome(), attr{"id", indexID}, attr{"class", "names-index"})...)
	w.textLine(heading, w.loc.T(chrome.IndexOfNames))
	w.open("ul", attr{"class", "entities"})
	seen := map[string]bool{}
	for _, e := range b.Index.Entities {
		id := entityID(e.ID)
		for n := 2; seen[id]; n++ {
			id = entityID(e.ID) + "-" + strconv.Itoa(n)
		}
		seen[id] = true
		name := cmp.Or(oneLine(e.Canonical), e.ID)
		if name == "" && len(e.Variants) > 0 {
			name = oneLine(e.Variants[0].Text)
		}
		w.open("li", attr{"id", id})
		w.line("p", []attr{{"class", "entity"}}, func() {
			w.inline("bdi", []attr{{"class", "canonical"}}, func() { w.text(name) })
			if k := oneLine(e.Kind); k != "" {
				w.text(" ")
				w.inline("span", []attr{{"class", "kind"}}, func() { w.text("(" + w.loc.Kind(k) + ")") })
			}
		})
		if len(e.Variants) > 0 {
			w.line("p", []attr{{"class", "variants"}}, func() {
				w.message(w.loc.Label(w.loc.T(chrome.Spellings), sentinel), func() {
					for k, v := range e.Variants {
						if k > 0 {
							w.text(w.loc.T(chrome.ListSep))
						}
						w.inline("bdi", nil, func() { w.text(oneLine(v.Text)) })
						if v.Count > 0 {
							w.text(" ×" + w.loc.Number(v.Count))
						}
					}
				})
			})
		}
		if counts := perDoc[e.ID]; counts != nil {
			w.line("p", []attr{{"class", "mentioned-in"}}, func() {
				w.message(w.loc.Label(w.loc.T(chrome.ArticlesLabel), sentinel), func() {
					first := true
					for i, c := range counts {
						if c == 0 {
							continue
						}
						if !first {
							w.text(w.loc.T(chrome.ListSep))
						}
						first = false
						doc := b.Documents[i]
						title, lang, dir := TitleOf(doc), LanguageOf(doc), DirectionOf(doc)
						if title == "" {
							title, lang, dir = w.loc.T(chrome.Untitled), w.loc.Tag(), w.loc.Direction()
						}
						w.inline("a", []attr{{"href", l.articleHref(i, "")}}, func() {
							w.text(w.loc.Number(i+1) + ". ")
							w.inline("bdi", []attr{{"lang", lang}, {"dir", string(dir)}}, func() { w.text(title) })
						})
						w.text(" ×" + w.loc.Number(c))
					}
				})
			})
		} else if files := mentionFiles(e); len(files) > 0 {
			w.line("p", []attr{{"class", "mentioned-in"}}, func() {
				w.message(w.loc.Label(w.loc.T(chrome.ArticlesLabel), sentinel), func() {
					for k, f := range files {
						if k > 0 {
							w.text(w.loc.T(chrome.ListSep))
						}
						w.inline("bdi", nil, func() { w.text(f) })
					}
				})
			})
		}
		w.close("li")
	}
	w.close("ul")
	w.close("section")
}

// mentionFiles returns the names (never the folders) of the distinct
// files an entity is mentioned in, for an index whose articles are not in
// the briefing.
func mentionFiles(e pipeline.Entity) []string {
	var out []string
	for _, m := range e.Mentions {
		if f := chrome.SourceName(oneLine(m.File)); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
