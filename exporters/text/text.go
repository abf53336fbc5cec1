// Package text writes briefings as plain UTF-8 text: a title block with
// the metadata, headings, paragraphs wrapped at a fixed width, quotes
// indented with their attribution, and the names index. Labels, dates and
// numbers come from exporters/chrome, in the briefing's language.
//
// Width counts terminal cells: wide (CJK) characters take two, combining
// marks none, so lines line up in a monospace font. Right-to-left text is
// written in logical order, as a terminal or editor expects it.
package text

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/internal/safetext"
	"github.com/dossier-news/dossier/pipeline"
)

// DefaultWidth is the line width used when Options.Width is zero.
const DefaultWidth = 78

// Options sets the layout.
type Options struct {
	Width int // cells per line; DefaultWidth when zero
}

// Exporter writes plain text.
type Exporter struct{ width int }

// New returns a plain-text exporter.
func New(opts Options) *Exporter {
	w := opts.Width
	if w <= 0 {
		w = DefaultWidth
	}
	return &Exporter{width: w}
}

// Format describes plain-text output.
func (*Exporter) Format() exporters.Format {
	return exporters.Format{Name: "txt", Ext: ".txt", MediaType: "text/plain; charset=utf-8"}
}

// Export writes b as text.
func (e *Exporter) Export(ctx context.Context, w io.Writer, b *exporters.Briefing) error {
	if len(b.Documents) == 0 {
		return exporters.ErrNoDocuments
	}
	bw := bufio.NewWriter(w)
	p := &printer{ctx: ctx, w: bw, width: e.width, loc: chrome.For(b)}
	if !b.Single() {
		p.banner(b)
	}
	for i, d := range b.Documents {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i > 0 || !b.Single() {
			p.line(strings.Repeat("─", e.width))
			p.blank()
		}
		p.document(d)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.Index != nil && len(b.Index.Entities) > 0 {
		p.line(strings.Repeat("─", e.width))
		p.blank()
		p.index(b)
	}
	return bw.Flush()
}

type printer struct {
	ctx   context.Context // a stopped run ends a long article early; Export reports it
	w     *bufio.Writer
	width int
	loc   *chrome.Locale
}

func (p *printer) line(s string) {
	p.w.WriteString(strings.TrimRight(s, " "))
	p.w.WriteByte('\n')
}

func (p *printer) blank() { p.w.WriteByte('\n') }

// underline writes s with a rule of ch as wide as s below it.
func (p *printer) underline(s string, ch string) {
	for _, l := range wrap(s, p.width) {
		p.line(l)
	}
	n := min(uniseg.StringWidth(s), p.width)
	p.line(strings.Repeat(ch, max(n, 1)))
}

func (p *printer) banner(b *exporters.Briefing) {
	title := b.Title
	if title == "" {
		title = p.loc.T(chrome.Briefing)
	}
	p.underline(title, "═")
	if !b.Created.IsZero() {
		p.line(p.loc.Day(b.Created))
	}
	p.line(p.loc.T(chrome.ArticleCount, len(b.Documents)))
	p.blank()
	width := uniseg.StringWidth(p.loc.Number(len(b.Documents)))
	for i, d := range b.Documents {
		num := p.loc.Number(i + 1)
		p.hanging(strings.Repeat(" ", width-uniseg.StringWidth(num))+num+". ", p.docLine(d))
	}
	p.blank()
}

func (p *printer) docLine(d *pipeline.Document) string {
	parts := []string{p.titleOf(d)}
	if d.Meta.Outlet != "" {
		parts = append(parts, d.Meta.Outlet)
	}
	if d.Meta.Published != nil {
		parts = append(parts, p.loc.Date(*d.Meta.Published))
	}
	return strings.Join(parts, " · ")
}

func (p *printer) titleOf(d *pipeline.Document) string {
	if d.Meta.Title != "" {
		return d.Meta.Title
	}
	return p.loc.T(chrome.Untitled)
}

func (p *printer) document(d *pipeline.Document) {
	m := d.Meta
	loc := p.loc
	p.underline(p.titleOf(d), "=")
	field := func(name, value string) {
		if value != "" {
			p.hanging(loc.Label(name, ""), value)
		}
	}
	var source []string
	if m.Outlet != "" {
		source = append(source, m.Outlet)
	}
	if s := chrome.SourceName(m.Source); s != "" {
		// A file name may hold anything a file system allows.
		source = append(source, "<"+safetext.String(s)+">")
	}
	field(loc.T(chrome.Source), strings.Join(source, " "))
	if m.Published != nil {
		field(loc.T(chrome.Published), loc.Date(*m.Published))
	}
	if names := nonBlank(m.Authors); len(names) > 0 {
		p.paragraph("", loc.T(chrome.By, len(names), loc.Join(names)))
	}
	field(loc.T(chrome.Section), m.Section)
	if o := m.Original; o != nil {
		if o.Title != "" {
			field(loc.T(chrome.OriginalTitle), o.Title)
		}
		p.paragraph("", translated(loc, o))
	} else if m.Language != "" {
		field(loc.T(chrome.LanguageLabel), loc.LanguageName(m.Language))
	}
	if m.ReadingTime > 0 {
		p.paragraph("", loc.T(chrome.ReadingTime, m.ReadingTime))
	}
	flags := flagsByBlock(d)
	// Flags on the title, standfirst or byline, and on blocks the
	// document does not have, go under the title, so none is lost.
	for _, bi := range slices.Sorted(maps.Keys(flags)) {
		if bi < 0 || bi >= len(d.Blocks) {
			for _, f := range flags[bi] {
				p.paragraph("", loc.Label(loc.T(chrome.TranslationCheck), loc.Flag(f)))
			}
		}
	}
	p.blank()
	if m.Standfirst != "" {
		p.paragraph("", m.Standfirst)
		p.blank()
	}
	for bi, b := range d.Blocks {
		if p.ctx.Err() != nil {
			return
		}
		switch b.Kind {
		case pipeline.Heading:
			rule := "-"
			if b.Level >= 3 {
				rule = "·"
			}
			p.underline(b.Text, rule)
		case pipeline.Quote:
			for i, item := range b.Items {
				if i > 0 {
					p.line("    │")
				}
				p.paragraph("    │ ", item)
			}
			if b.Attribution != "" {
				p.paragraph("      — ", b.Attribution)
			}
		case pipeline.List:
			for i, item := range b.Items {
				bullet := "  • "
				if b.Ordered {
					bullet = fmt.Sprintf("%3s. ", loc.Number(i+1))
				}
				p.hanging(bullet, item)
			}
		default:
			p.paragraph("", b.Text)
		}
		for _, f := range flags[bi] {
			p.paragraph("  ", loc.Label(loc.T(chrome.TranslationCheck), loc.Flag(f)))
		}
		p.blank()
	}
}

// translated says what an article was translated from and by.
func translated(loc *chrome.Locale, o *pipeline.Original) string {
	lang := loc.LanguageName(o.Language)
	if by := chrome.Engine(o.Engine, o.Model); by != "" {
		return loc.T(chrome.TranslatedBy, lang, by)
	}
	return loc.T(chrome.TranslatedFrom, lang)
}

func nonBlank(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// flagsByBlock collects the translation checks that failed, per block;
// block -1 holds those about the title and the article as a whole.
func flagsByBlock(d *pipeline.Document) map[int][]pipeline.Flag {
	out := map[int][]pipeline.Flag{}
	for _, t := range d.Trail {
		block := max(t.Block, -1)
		out[block] = append(out[block], t.Flags...)
	}
	return out
}

// index writes the names index: each entity with its kind, spellings and
// the articles naming it, by number and title.
func (p *printer) index(b *exporters.Briefing) {
	loc := p.loc
	p.underline(loc.T(chrome.IndexOfNames), "=")
	p.blank()
	ents := append([]pipeline.Entity(nil), b.Index.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Canonical < ents[j].Canonical })
	where := chrome.Mentions(b)
	for _, e := range ents {
		head := e.Canonical
		if e.Kind != "" {
			head += " (" + loc.Kind(e.Kind) + ")"
		}
		p.line(head)
		var vs []string
		for _, v := range e.Variants {
			vs = append(vs, v.Text+" ×"+loc.Number(v.Count))
		}
		if len(vs) > 0 {
			p.items("    "+loc.Label(loc.T(chrome.Spellings), ""), vs, "; ")
		}
		var arts []string
		for i, n := range where[e.ID] {
			if n > 0 {
				arts = append(arts, loc.Number(i+1)+". "+p.titleOf(b.Documents[i]))
			}
		}
		if len(arts) > 0 {
			p.items("    "+loc.Label(loc.T(chrome.ArticlesLabel), ""), arts, "; ")
		}
	}
	p.blank()
}

// paragraph writes s wrapped, every line starting with prefix.
func (p *printer) paragraph(prefix, s string) {
	for _, l := range wrap(s, p.width-uniseg.StringWidth(prefix)) {
		p.line(prefix + l)
	}
}

// hanging writes s wrapped after first, continuing lines indented to
// first's width.
func (p *printer) hanging(first, s string) {
	indent := strings.Repeat(" ", uniseg.StringWidth(first))
	for i, l := range wrap(s, p.width-len(indent)) {
		if i == 0 {
			p.line(first + l)
		} else {
			p.line(indent + l)
		}
	}
}

// items writes a list after first, as many whole items to a line as fit,
// so that no spelling or file name is broken while a line has room for
// it; continuing lines are indented to first's width.
func (p *printer) items(first string, items []string, sep string) {
	indent := strings.Repeat(" ", uniseg.StringWidth(first))
	width := max(p.width-len(indent), 10)
	var lines []string
	cur := ""
	for i, it := range items {
		if i < len(items)-1 {
			it += strings.TrimRight(sep, " ")
		}
		switch {
		case cur == "":
			cur = it
		case uniseg.StringWidth(cur+" "+it) <= width:
			cur += " " + it
		default:
			lines = append(lines, cur)
			cur = it
		}
		if uniseg.StringWidth(cur) > width { // too long for any line: wrap it
			wrapped := wrap(cur, width)
			lines = append(lines, wrapped[:len(wrapped)-1]...)
			cur = wrapped[len(wrapped)-1]
		}
	}
	lines = append(lines, cur)
	for i, l := range lines {
		if i == 0 {
			p.line(first + l)
		} else {
			p.line(indent + l)
		}
	}
}

// wrap breaks s into lines of at most width cells at the line-break
// opportunities of UAX #14; a segment wider than width stands alone. Hard
// line breaks in s are kept.
func wrap(s string, width int) []string {
	width = max(width, 10)
	var lines []string
	var cur strings.Builder
	curWidth := 0
	state := -1
	rest := strings.TrimSpace(s)
	for len(rest) > 0 {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		body := strings.TrimRight(seg, " \t\n\r")
		segWidth := uniseg.StringWidth(body)
		if curWidth > 0 && curWidth+segWidth > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curWidth = 0
		}
		if curWidth == 0 {
			seg = strings.TrimLeft(seg, " ")
		}
		cur.WriteString(strings.TrimRight(seg, "\n\r"))
		curWidth += uniseg.StringWidth(strings.TrimRight(seg, "\n\r"))
		if must && len(rest) > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			curWidth = 0
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return lines
}
