// Package text writes briefings as plain UTF-8 text: a title block with
// the metadata, headings, paragraphs wrapped at a fixed width, quotes
// indented with their attribution, and the names index.
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
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/dossier-news/dossier/exporters"
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
	p := &printer{ctx: ctx, w: bw, width: e.width}
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
		p.index(b.Index)
	}
	return bw.Flush()
}

type printer struct {
	ctx   context.Context // a stopped run ends a long article early; Export reports it
	w     *bufio.Writer
	width int
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
		title = "Briefing"
	}
	p.underline(title, "═")
	if !b.Created.IsZero() {
		p.line("Compiled " + b.Created.UTC().Format("2006-01-02"))
	}
	p.line(fmt.Sprintf("%d articles", len(b.Documents)))
	p.blank()
	for i, d := range b.Documents {
		p.hanging(fmt.Sprintf("%2d. ", i+1), docLine(d))
	}
	p.blank()
}

func docLine(d *pipeline.Document) string {
	parts := []string{titleOf(d)}
	if d.Meta.Outlet != "" {
		parts = append(parts, d.Meta.Outlet)
	}
	if d.Meta.Published != nil {
		parts = append(parts, d.Meta.Published.String())
	}
	return strings.Join(parts, " · ")
}

func titleOf(d *pipeline.Document) string {
	if d.Meta.Title != "" {
		return d.Meta.Title
	}
	return "(untitled)"
}

func (p *printer) document(d *pipeline.Document) {
	m := d.Meta
	p.underline(titleOf(d), "=")
	field := func(name, value string) {
		if value != "" {
			p.hanging(fmt.Sprintf("%-10s ", name+":"), value)
		}
	}
	source := m.Outlet
	if m.Source != "" {
		// A file name may hold anything a file system allows.
		source = strings.TrimSpace(source + " " + "<" + safetext.String(m.Source) + ">")
	}
	field("Source", source)
	if m.Published != nil {
		field("Published", m.Published.String())
	}
	field("By", strings.Join(m.Authors, ", "))
	field("Section", m.Section)
	lang := m.Language
	if o := m.Original; o != nil {
		via := o.Engine
		if o.Model != "" {
			via += " " + o.Model
		}
		lang = fmt.Sprintf("%s, translated from %s by %s", m.Language, o.Language, via)
		if o.Title != "" {
			field("Original", o.Title)
		}
	}
	field("Language", lang)
	if m.ReadingTime > 0 {
		field("Reading", strconv.Itoa(m.ReadingTime)+" min")
	}
	flags := flagsByBlock(d)
	// Flags on the title, standfirst or byline, and on blocks the
	// document does not have, go under the title, so none is lost.
	for _, bi := range slices.Sorted(maps.Keys(flags)) {
		if bi < 0 || bi >= len(d.Blocks) {
			for _, f := range flags[bi] {
				p.paragraph("[!] ", f)
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
					bullet = fmt.Sprintf("%3d. ", i+1)
				}
				p.hanging(bullet, item)
			}
		default:
			p.paragraph("", b.Text)
		}
		for _, f := range flags[bi] {
			p.paragraph("  [!] ", f)
		}
		p.blank()
	}
}

// flagsByBlock collects the translation checks that failed, per block;
// block -1 holds those about the title and the article as a whole.
func flagsByBlock(d *pipeline.Document) map[int][]string {
	out := map[int][]string{}
	for _, t := range d.Trail {
		block := max(t.Block, -1)
		for _, f := range t.Flags {
			out[block] = append(out[block], "translation: "+f)
		}
	}
	return out
}

func (p *printer) index(ix *pipeline.Index) {
	p.underline("Names index", "=")
	p.blank()
	ents := append([]pipeline.Entity(nil), ix.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Canonical < ents[j].Canonical })
	for _, e := range ents {
		head := e.Canonical
		if e.Kind != "" {
			head += " (" + e.Kind + ")"
		}
		p.line(head)
		var vs []string
		for _, v := range e.Variants {
			vs = append(vs, fmt.Sprintf("%s ×%d", v.Text, v.Count))
		}
		if len(vs) > 0 {
			p.items("    variants: ", vs, "; ")
		}
		if files := filesOf(e); len(files) > 0 {
			p.items("    in:       ", files, ", ")
		}
	}
	p.blank()
}

func filesOf(e pipeline.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range e.Mentions {
		if !seen[m.File] {
			seen[m.File] = true
			out = append(out, m.File)
		}
	}
	return out
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
