package pdf

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
	"github.com/dossier-news/dossier/pipeline"
)

// article sets one document: title block, body, and the translation
// flags after the blocks they concern.
func (r *renderer) article(i int, d *pipeline.Document) {
	r.newPage(true)
	r.got.articlePages[i] = r.pdf.PageNo()
	r.pdf.SetLink(r.articleLinks[i], r.y, -1)
	r.bookmark(r.docTitle(d), 0)
	r.tag("Art", d.Meta.Language)
	defer r.tags.close()

	dir := docDir(d.Meta)
	flags := map[int][]pipeline.Provenance{}
	for _, p := range d.Trail {
		if len(p.Flags) > 0 {
			flags[p.Block] = append(flags[p.Block], p)
		}
	}
	// Flags on the title, standfirst or byline are set in the title block:
	// they are often about the whole article, such as a language pair no
	// engine has.
	r.titleBlock(i, d, dir, flags[pipeline.MetaBlock])
	delete(flags, pipeline.MetaBlock)

	for bi := range d.Blocks {
		// An article of many thousand blocks takes seconds to lay out:
		// a stopped run must not wait for it (render reports ctx.Err).
		if r.ctx.Err() != nil {
			return
		}
		r.block(&d.Blocks[bi], d.Meta, dir)
		for _, p := range flags[bi] {
			r.flagNote(r.itemLabel(d.Blocks[bi], p.Item), p)
		}
		delete(flags, bi)
	}
	// Flags whose block is out of range still deserve a place.
	for _, bi := range slices.Sorted(maps.Keys(flags)) {
		for _, p := range flags[bi] {
			r.flagNote(r.loc.T(chrome.WhereBlock, bi+1), p)
		}
	}
}

// itemLabel says which item of a quote or list a flag is about; "" for
// other blocks.
func (r *renderer) itemLabel(b pipeline.Block, item int) string {
	if b.HasItems() && len(b.Items) > 1 {
		return r.loc.T(chrome.WhereItem, item+1)
	}
	return ""
}

// metaLabel says which part of the metadata a flag is about; "" for the
// title, whose flags speak for the article.
func (r *renderer) metaLabel(item int) string {
	switch {
	case item == pipeline.TitleItem:
		return ""
	case item == pipeline.StandfirstItem:
		return r.loc.T(chrome.WhereStandfirst)
	case item >= pipeline.AuthorItem(0):
		return r.loc.T(chrome.WhereByline)
	}
	return r.loc.T(chrome.WhereMetadata)
}

// bodyChain returns the faces for body text; style 'I' asks for italics.
func (r *renderer) bodyChain(dir textlayout.Direction, style byte) textlayout.Chain {
	f := r.fonts
	rtl := dir == textlayout.RightToLeft
	switch {
	case style == 'I' && rtl:
		return f.rtlItalic
	case style == 'I':
		return f.bodyItalic
	case rtl:
		return f.rtlBody
	}
	return f.body
}

// titleBlock sets section, title, original title, standfirst and the
// facts about the article, then a rule.
func (r *renderer) titleBlock(i int, d *pipeline.Document, dir textlayout.Direction, metaFlags []pipeline.Provenance) {
	m := d.Meta
	f := r.fonts
	// Labels are in the chrome's language and direction; they sit on the
	// article's start side, the right in a right-to-left article.
	cdir := r.chromeDir()
	metaAlign := textlayout.AlignStart
	if dir != cdir {
		metaAlign = textlayout.AlignEnd
	}
	meta := func(spans ...span) {
		r.flow(text{spans: spans, pt: r.smallPt, lead: 1.45, dir: cdir, align: metaAlign}, r.left, r.width, 1)
	}

	// The section is the outlet's word, kept as it wrote it (a
	// translation engine does not see it), in capitals by the rules of
	// the article's language.
	kicker := cases.Upper(language.Make(m.Language)).String(strings.TrimSpace(m.Section))
	if !r.b.Single() {
		num := r.loc.Upper(r.loc.T(chrome.ArticleOf, i+1, len(r.b.Documents)))
		if kicker != "" {
			kicker = num + "  ·  " + isolate(kicker)
		} else {
			kicker = num
		}
	}
	if kicker != "" {
		meta(span{text: kicker, chain: f.sansBold, color: accent})
		r.y += 1
	}

	r.flow(text{
		spans: []span{{text: r.docTitle(d), chain: f.sansBold, color: ink}},
		pt:    r.bodyPt * 2, lead: 1.25, dir: textDir(dir, r.docTitle(d)), lang: m.Language, role: "H1",
	}, r.left, r.width, 2)

	if o := m.Original; o != nil && strings.TrimSpace(o.Title) != "" && o.Title != m.Title {
		r.y += 1
		meta(span{text: r.loc.Label(r.loc.T(chrome.OriginalTitle), ""), chain: f.sans, color: grey},
			span{text: isolate(o.Title), chain: f.sansItalic, color: grey, lang: o.Language})
	}
	if s := strings.TrimSpace(m.Standfirst); s != "" {
		r.y += 2.5
		r.flow(text{
			spans: []span{{text: s, chain: r.bodyChain(dir, 'I'), color: ink}},
			pt:    r.bodyPt * 1.2, lead: 1.35, dir: textDir(dir, s), lang: m.Language,
		}, r.left, r.width, 2)
	}
	r.y += 3

	var facts []span
	add := func(label, value string, chain textlayout.Chain) {
		if value = strings.TrimSpace(value); value == "" {
			return
		}
		if len(facts) > 0 {
			facts = append(facts, span{text: "   ·   ", chain: f.sans, color: rule})
		}
		if label != "" {
			facts = append(facts, span{text: label, chain: f.sans, color: grey})
		}
		facts = append(facts, span{text: isolate(value), chain: chain, color: ink})
	}
	if len(m.Authors) > 0 {
		var names []string
		for _, a := range m.Authors {
			if a = strings.TrimSpace(a); textlayout.PlainBMP(a) != "" {
				names = append(names, isolate(a))
			}
		}
		// Every catalog puts the names last: "By %[2]s", "نوشتهٔ %[2]s".
		label, _, _ := strings.Cut(r.loc.T(chrome.By, len(names), "\x00"), "\x00")
		add(label, r.loc.Join(names), f.sansBold)
	}
	if m.Published != nil {
		add("", r.loc.Date(*m.Published), f.sans)
	}
	if m.ReadingTime > 0 {
		add("", r.loc.T(chrome.ReadingTime, m.ReadingTime), f.sans)
	}
	if len(facts) > 0 {
		meta(facts...)
	}

	// The outlet, and the page's URL or the file's name alone: a shared
	// briefing must not show the analyst's folders.
	if source := chrome.SourceName(m.Source); m.Outlet != "" || source != "" {
		var src []span
		if m.Outlet != "" {
			src = append(src, span{text: isolate(m.Outlet), chain: f.sansBold, color: ink})
		}
		if source != "" {
			if len(src) > 0 {
				src = append(src, span{text: "   ", chain: f.sans})
			}
			sp := span{text: isolate(source), chain: f.sans, color: grey}
			if chrome.IsURL(source) {
				sp.url, sp.color = source, link
			}
			src = append(src, sp)
		}
		meta(src...)
	}

	var lang []span
	if o := m.Original; o != nil && o.Language != "" {
		s := r.loc.T(chrome.TranslatedFrom, r.loc.LanguageName(o.Language))
		if by := engineName(o.Engine, o.Model, d.Trail); by != "" {
			s = r.loc.T(chrome.TranslatedBy, r.loc.LanguageName(o.Language), isolate(by))
		}
		lang = append(lang, span{text: s, chain: f.sans, color: grey})
	} else if m.Language != "" {
		lang = append(lang, span{text: r.loc.Label(r.loc.T(chrome.LanguageLabel), ""), chain: f.sans, color: grey},
			span{text: r.loc.LanguageName(m.Language), chain: f.sans, color: ink})
	}
	if n := countFlags(d.Trail) - countFlags(metaFlags); n > 0 {
		if len(lang) > 0 {
			lang = append(lang, span{text: "   ·   ", chain: f.sans, color: rule})
		}
		lang = append(lang, span{text: r.loc.T(chrome.FlagsBelow, n), chain: f.sansBold, color: accent})
	}
	if len(lang) > 0 {
		meta(lang...)
	}
	if len(metaFlags) > 0 {
		r.y += 2
		for _, p := range metaFlags {
			r.flagNote(r.metaLabel(p.Item), p)
		}
		r.y -= 3 // flagNote leaves room for body text; the rule needs less
	}
	r.y += 2
	r.hrule(r.y, 0.3, rule)
	r.y += 5
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// engineName names the translation engine and model, from the metadata
// or else from the first provenance record.
func engineName(engine, model string, trail []pipeline.Provenance) string {
	if engine == "" && len(trail) > 0 {
		engine, model = trail[0].Engine, trail[0].Model
	}
	return chrome.Engine(engine, model)
}

func countFlags(trail []pipeline.Provenance) int {
	n := 0
	for _, p := range trail {
		n += len(p.Flags)
	}
	return n
}

// block sets one body block.
func (r *renderer) block(b *pipeline.Block, m pipeline.Meta, docDirection textlayout.Direction) {
	lang := m.Language
	dir := docDirection
	if b.Lang != "" {
		lang = b.Lang
		if d := langDir(b.Lang); d != textlayout.Auto {
			dir = d
		}
	}
	f := r.fonts
	switch b.Kind {
	case pipeline.Heading:
		s := strings.TrimSpace(b.Text)
		if s == "" {
			return
		}
		level := min(max(b.Level, 1), 3)
		pt := r.bodyPt * []float64{1.45, 1.25, 1.1}[level-1]
		r.space(5.5 - float64(level))
		// The article's title is H1, so its headings start at H2.
		t := text{spans: []span{{text: s, chain: f.sansBold, color: ink}}, pt: pt, lead: 1.3, dir: textDir(dir, s), lang: lang,
			role: "H" + strconv.Itoa(level+1)}
		// Keep the heading with the first lines of what follows.
		need := float64(len(r.layout(t, r.width)))*t.lineHeight() + 3*r.bodyPt*mmPerPt*1.45
		if r.y+need > r.bottom {
			r.newPage(true)
		}
		r.bookmark(s, level)
		r.flow(t, r.left, r.width, 1)
		r.y += 1.5
	case pipeline.Paragraph:
		s := strings.TrimSpace(b.Text)
		if s == "" {
			return
		}
		d := textDir(dir, s)
		r.flow(text{spans: []span{{text: s, chain: r.bodyChain(d, 0), color: ink}},
			pt: r.bodyPt, lead: 1.45, dir: d, align: textlayout.AlignJustify, lang: lang}, r.left, r.width, 2)
		r.y += r.bodyPt * mmPerPt * 0.6
	case pipeline.Quote:
		r.quote(b, dir, lang)
	case pipeline.List:
		r.list(b, dir, lang)
	}
}

// quote sets the quoted paragraphs indented, in italics, with a bar on
// the start side and the attribution below.
func (r *renderer) quote(b *pipeline.Block, dir textlayout.Direction, lang string) {
	const indent = 9
	r.space(1)
	r.tag("BlockQuote", lang)
	defer r.tags.close()
	x, w := r.left+indent, r.width-2*indent
	for _, item := range b.Items {
		s := strings.TrimSpace(item)
		if s == "" {
			continue
		}
		d := textDir(dir, s)
		t := text{spans: []span{{text: s, chain: r.bodyChain(d, 'I'), color: ink}},
			pt: r.bodyPt, lead: 1.45, dir: d, align: textlayout.AlignStart, lang: lang}
		r.barred(t, x, w, d == textlayout.RightToLeft)
		r.y += 1.5
	}
	if a := strings.TrimSpace(b.Attribution); a != "" {
		d := textDir(dir, a)
		t := text{spans: []span{{text: "— " + a, chain: r.fonts.sans, color: grey}},
			pt: r.smallPt, lead: 1.4, dir: d, align: textlayout.AlignStart, lang: lang}
		r.flow(t, x, w, 1)
	}
	r.y += r.bodyPt * mmPerPt * 0.8
}

// barred flows t and draws a quote bar beside each line, so the bar
// follows the text across page breaks.
func (r *renderer) barred(t text, x, w float64, rtl bool) {
	lines := r.layout(t, w)
	h := t.lineHeight()
	if r.y+float64(min(2, len(lines)))*h > r.bottom {
		r.newPage(true)
	}
	barX := x - 4
	if rtl {
		barX = x + w + 4
	}
	r.tag("P", t.lang)
	defer r.tags.close()
	for _, ln := range lines {
		if r.y+h > r.bottom {
			r.newPage(true)
		}
		r.artifact("", func() {
			r.pdf.SetDrawColor(accent.r, accent.g, accent.b)
			r.pdf.SetLineWidth(0.8)
			r.pdf.Line(barX, r.y, barX, r.y+h)
		})
		r.drawLine(t, ln, x, r.y)
		r.y += h
	}
}

// list sets items with bullets or numbers hanging in the start margin.
func (r *renderer) list(b *pipeline.Block, dir textlayout.Direction, lang string) {
	const gutter = 7
	r.tag("L", lang)
	defer r.tags.close()
	n := 0
	for _, item := range b.Items {
		s := strings.TrimSpace(item)
		if s == "" {
			continue
		}
		n++
		d := textDir(dir, s)
		rtl := d == textlayout.RightToLeft
		t := text{spans: []span{{text: s, chain: r.bodyChain(d, 0), color: ink}},
			pt: r.bodyPt, lead: 1.45, dir: d, align: textlayout.AlignStart, lang: lang}
		marker := "•"
		if b.Ordered {
			marker = strconv.Itoa(n) + "." // the article's own numbering, not chrome
		}
		mt := text{spans: []span{{text: marker, chain: r.fonts.sans, color: accent}},
			pt: r.bodyPt, lead: 1.45, dir: d, align: textlayout.AlignEnd}
		x, w, mx := r.left+gutter, r.width-gutter, r.left
		if rtl {
			x, mx = r.left, r.right-gutter+1.5
			mt.align = textlayout.AlignStart
		}
		lines := r.layout(t, w)
		h := t.lineHeight()
		if r.y+float64(min(2, len(lines)))*h > r.bottom {
			r.newPage(true)
		}
		r.tag("LI", "")
		if ml := r.layout(mt, gutter-1.5); len(ml) > 0 {
			r.tag("Lbl", "")
			r.drawLine(mt, ml[0], mx, r.y)
			r.tags.close()
		}
		r.tag("LBody", "")
		for _, ln := range lines {
			if r.y+h > r.bottom {
				r.newPage(true)
			}
			r.drawLine(t, ln, x, r.y)
			r.y += h
		}
		r.tags.close()
		r.tags.close()
		r.y += 1
	}
	r.y += r.bodyPt * mmPerPt * 0.5
}

// flagNote sets a shaded note on what a translation check found wrong
// with the block just set.
func (r *renderer) flagNote(where string, p pipeline.Provenance) {
	f := r.fonts
	if where != "" {
		where = " (" + where + ")"
	}
	spans := []span{{text: r.loc.T(chrome.TranslationCheck) + where, chain: f.sansBold, color: accent}}
	if by := engineName(p.Engine, p.Model, nil); by != "" {
		spans = append(spans, span{text: r.loc.T(chrome.ListSep) + isolate(by), chain: f.sans, color: grey})
	}
	if p.From != "" || p.To != "" {
		spans = append(spans, span{text: r.loc.T(chrome.ListSep) + p.From + " → " + p.To, chain: f.sans, color: grey})
	}
	spans = append(spans, span{text: r.loc.Label("", ""), chain: f.sans, color: grey})
	for i, fl := range p.Flags {
		if i > 0 {
			spans = append(spans, span{text: "; ", chain: f.sans, color: grey})
		}
		spans = append(spans, span{text: isolate(r.loc.Flag(fl)), chain: f.sans, color: ink})
	}
	const pad = 2.5
	t := text{spans: spans, pt: r.smallPt, lead: 1.4, dir: r.chromeDir()}
	lines := r.layout(t, r.width-2*pad)
	h := t.lineHeight()
	boxH := float64(len(lines))*h + 2*pad
	if r.y+boxH > r.bottom && boxH < r.bottom-r.top {
		r.newPage(true)
	}
	r.artifact("", func() {
		r.pdf.SetFillColor(253, 243, 214)
		r.pdf.SetDrawColor(accent.r, accent.g, accent.b)
		r.pdf.SetLineWidth(0.3)
		r.pdf.Rect(r.left, r.y, r.width, min(boxH, r.bottom-r.y), "FD")
	})
	r.tag("P", r.loc.Tag())
	defer r.tags.close()
	r.y += pad
	for _, ln := range lines {
		if r.y+h > r.bottom {
			r.newPage(true)
		}
		r.drawLine(t, ln, r.left+pad, r.y)
		r.y += h
	}
	r.y += pad + 3
}
