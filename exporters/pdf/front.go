package pdf

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
	"github.com/dossier-news/dossier/pipeline"
)

// cover sets the first page of a batch: title, date, and the sources.
func (r *renderer) cover() {
	f := r.fonts
	r.newPage(false)
	r.artifact("", func() {
		r.pdf.SetFillColor(accent.r, accent.g, accent.b)
		r.pdf.Rect(0, 0, r.pageW, 9, "F")
	})
	r.y = r.top + 22
	r.tag("Sect", "")
	defer r.tags.close()

	loc, cdir := r.loc, r.chromeDir()
	r.flow(text{spans: []span{{text: loc.Upper(loc.T(chrome.Briefing)), chain: f.sansBold, color: accent}},
		pt: r.bodyPt, lead: 1.4, dir: cdir}, r.left, r.width, 1)
	r.y += 2
	r.flow(text{spans: []span{{text: r.title, chain: f.sansBold, color: ink}},
		pt: r.bodyPt * 2.6, lead: 1.2, dir: textlayout.Auto, role: "H1"}, r.left, r.width, 1)
	r.y += 4

	var facts []string
	if !r.b.Created.IsZero() {
		facts = append(facts, loc.Day(r.b.Created))
	}
	facts = append(facts, loc.T(chrome.ArticleCount, len(r.b.Documents)))
	if o := chrome.Outlets(r.b); len(o) > 0 {
		facts = append(facts, loc.T(chrome.OutletCount, len(o)))
	}
	if langs := languages(r.b); len(langs) > 1 {
		facts = append(facts, loc.T(chrome.LanguageCount, len(langs)))
	}
	r.flow(text{spans: []span{{text: strings.Join(facts, "  ·  "), chain: f.sans, color: grey}},
		pt: r.bodyPt * 1.1, lead: 1.4, dir: cdir}, r.left, r.width, 1)
	r.y += 6
	r.hrule(r.y, 0.4, accent)
	r.y += 8

	r.flow(text{spans: []span{{text: loc.T(chrome.Sources), chain: f.sansBold, color: ink}},
		pt: r.bodyPt * 1.25, lead: 1.4, dir: cdir, role: "H2"}, r.left, r.width, 3)
	r.y += 2
	r.tag("L", "")
	defer r.tags.close()
	for i, d := range r.b.Documents {
		m := d.Meta
		num := text{spans: []span{{text: loc.Number(i + 1), chain: f.sansBold, color: accent}},
			pt: r.smallPt, lead: 1.45, dir: textlayout.LeftToRight, align: textlayout.AlignEnd}
		var line []span
		if m.Outlet != "" {
			line = append(line, span{text: isolate(m.Outlet), chain: f.sansBold, color: ink}, span{text: "  ", chain: f.sans})
		}
		line = append(line, span{text: isolate(r.docTitle(d)), chain: f.sans, color: ink, target: r.articleLinks[i] + 1, lang: m.Language})
		if sub := r.docFacts(m); sub != "" {
			line = append(line, span{text: "  ·  " + sub, chain: f.sans, color: grey})
		}
		t := text{spans: line, pt: r.smallPt, lead: 1.45, dir: cdir}
		lines := r.layout(t, r.width-9)
		// The page's URL, or the file's name alone: never its folders.
		source := chrome.SourceName(m.Source)
		var src []textlayout.Line
		st := text{spans: []span{{text: source, chain: f.sans, color: grey}},
			pt: r.smallPt * 0.9, lead: 1.35, dir: textlayout.LeftToRight}
		if chrome.IsURL(source) {
			st.spans[0].color, st.spans[0].url = link, source
		}
		if source != "" {
			src = r.layout(st, r.width-9)
		}
		need := float64(len(lines))*t.lineHeight() + float64(len(src))*st.lineHeight()
		if r.y+need > r.bottom {
			r.newPage(true)
		}
		r.tag("LI", "")
		if nl := r.layout(num, 6); len(nl) > 0 {
			r.tag("Lbl", "")
			r.drawLine(num, nl[0], r.left, r.y)
			r.tags.close()
		}
		r.tag("LBody", "")
		r.tag("P", "")
		for _, ln := range lines {
			r.drawLine(t, ln, r.left+9, r.y)
			r.y += t.lineHeight()
		}
		r.tags.close()
		if len(src) > 0 {
			r.tag("P", "")
			for _, ln := range src {
				r.drawLine(st, ln, r.left+9, r.y)
				r.y += st.lineHeight()
			}
			r.tags.close()
		}
		r.tags.close()
		r.tags.close()
		r.y += 2
	}
}

// docFacts are the date and language of an article, for the cover and
// the contents.
func (r *renderer) docFacts(m pipeline.Meta) string {
	var sub []string
	if m.Published != nil {
		sub = append(sub, r.loc.Date(*m.Published))
	}
	if m.Original != nil && m.Original.Language != "" {
		sub = append(sub, r.loc.T(chrome.TranslatedFrom, r.loc.LanguageName(m.Original.Language)))
	} else if m.Language != "" {
		sub = append(sub, r.loc.LanguageName(m.Language))
	}
	return strings.Join(sub, "  ·  ")
}

// languages lists the distinct languages the articles were written in.
func languages(b *exporters.Briefing) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range b.Documents {
		l := d.Meta.Language
		if d.Meta.Original != nil && d.Meta.Original.Language != "" {
			l = d.Meta.Original.Language
		}
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// contents sets the table of contents: one entry per article and one for
// the names index, each with its page number and a link to it.
func (r *renderer) contents() {
	f := r.fonts
	r.newPage(true)
	r.bookmark(r.loc.T(chrome.Contents), 0)
	r.tag("Sect", "")
	defer r.tags.close()
	r.flow(text{spans: []span{{text: r.loc.T(chrome.Contents), chain: f.sansBold, color: ink}},
		pt: r.bodyPt * 1.8, lead: 1.3, dir: r.chromeDir(), role: "H1"}, r.left, r.width, 1)
	r.y += 4
	r.tag("TOC", "")
	defer r.tags.close()
	const numW, pageW = 9, 14
	for i, d := range r.b.Documents {
		m := d.Meta
		page := 0
		if r.plan != nil {
			page = r.plan.articlePages[i]
		}
		var sub []string
		if m.Outlet != "" {
			sub = append(sub, isolate(m.Outlet))
		}
		if facts := r.docFacts(m); facts != "" {
			sub = append(sub, facts)
		}
		r.contentsEntry(r.loc.Number(i+1), r.docTitle(d), m.Language, docDir(m), strings.Join(sub, "  ·  "), page, r.articleLinks[i], numW, pageW)
	}
	if chrome.HasIndex(r.b) {
		page := 0
		if r.plan != nil {
			page = r.plan.indexPage
		}
		r.contentsEntry("", r.loc.T(chrome.IndexOfNames), "", r.chromeDir(),
			r.loc.T(chrome.EntityCount, len(r.b.Index.Entities)), page, r.indexLink, numW, pageW)
	}
}

// contentsEntry sets one line of the contents; lang is the title's
// language ("" for the chrome's).
func (r *renderer) contentsEntry(num, title, lang string, dir textlayout.Direction, sub string, page, target int, numW, pageW float64) {
	f := r.fonts
	x, w := r.left+numW, r.width-numW-pageW
	tt := text{spans: []span{{text: title, chain: f.sansBold, color: ink, target: target + 1, lang: lang}},
		pt: r.bodyPt, lead: 1.35, dir: textDir(dir, title)}
	if tt.dir == textlayout.RightToLeft {
		// The list reads left to right, numbers first: a right-to-left
		// title starts by its number too, not across the page from it.
		tt.align = textlayout.AlignEnd
	}
	st := text{spans: []span{{text: sub, chain: f.sans, color: grey}},
		pt: r.smallPt, lead: 1.4, dir: r.chromeDir()}
	tl := r.layout(tt, w)
	var sl []textlayout.Line
	if sub != "" {
		sl = r.layout(st, w)
	}
	need := float64(len(tl))*tt.lineHeight() + float64(len(sl))*st.lineHeight()
	if r.y+need > r.bottom {
		r.newPage(true)
	}
	top := r.y
	r.tag("TOCI", "")
	defer r.tags.close()
	if num != "" {
		nt := text{spans: []span{{text: num, chain: f.sansBold, color: accent}}, pt: r.bodyPt, lead: 1.35, dir: textlayout.LeftToRight}
		if nl := r.layout(nt, numW); len(nl) > 0 {
			r.tag("Lbl", "")
			r.drawLine(nt, nl[0], r.left, r.y)
			r.tags.close()
		}
	}
	// A reader hears number, title, facts, then the page: the page
	// number is drawn last though it sits on the first line.
	r.tag("Reference", "")
	for _, ln := range tl {
		r.drawLine(tt, ln, x, r.y)
		r.y += tt.lineHeight()
	}
	r.tags.close()
	if len(sl) > 0 {
		r.tag("P", "")
		for _, ln := range sl {
			r.drawLine(st, ln, x, r.y)
			r.y += st.lineHeight()
		}
		r.tags.close()
	}
	// Page numbers are drawn right-aligned in a column of fixed width, so
	// the first pass (which knows none) breaks lines just as the second.
	pt := text{spans: []span{{text: r.loc.Number(page), chain: f.sans, color: ink, target: target + 1}},
		pt: r.bodyPt, lead: 1.35, dir: textlayout.LeftToRight, align: textlayout.AlignEnd}
	if pl := r.layout(pt, pageW); len(pl) > 0 && page > 0 {
		r.tag("Reference", "")
		r.drawLine(pt, pl[0], r.right-pageW, top)
		r.tags.close()
	}
	r.pdf.Link(r.left, top, r.width, r.y-top, target)
	r.y += 2.5
}

// names sets the index of names: each person or place under its canonical
// name, with its kind, the spellings met and the articles naming it.
func (r *renderer) names() {
	f := r.fonts
	r.newPage(true)
	r.got.indexPage = r.pdf.PageNo()
	r.pdf.SetLink(r.indexLink, r.y, -1)
	r.bookmark(r.loc.T(chrome.IndexOfNames), 0)
	r.tag("Sect", "")
	defer r.tags.close()
	r.flow(text{spans: []span{{text: r.loc.T(chrome.IndexOfNames), chain: f.sansBold, color: ink}},
		pt: r.bodyPt * 1.8, lead: 1.3, dir: r.chromeDir(), role: "H1"}, r.left, r.width, 1)
	r.y += 1
	r.flow(text{spans: []span{{text: r.loc.T(chrome.IndexNote), chain: f.sans, color: grey}},
		pt: r.smallPt, lead: 1.4, dir: r.chromeDir()}, r.left, r.width, 1)
	r.y += 4

	ents := append([]pipeline.Entity(nil), r.b.Index.Entities...)
	col := collate.New(language.Und, collate.Loose)
	sortEntities(ents, col)
	for _, e := range ents {
		if err := r.ctx.Err(); err != nil {
			return
		}
		r.entity(e)
	}
}

func sortEntities(ents []pipeline.Entity, col *collate.Collator) {
	key := func(e pipeline.Entity) string {
		if e.Canonical != "" {
			return e.Canonical
		}
		return e.ID
	}
	// Stable, and ties broken by id, so the order never depends on input
	// order alone.
	slices.SortStableFunc(ents, func(a, b pipeline.Entity) int {
		if c := col.CompareString(key(a), key(b)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

func (r *renderer) entity(e pipeline.Entity) {
	f := r.fonts
	name := e.Canonical
	if name == "" {
		name = e.ID
	}
	head := []span{{text: isolate(name), chain: f.sansBold, color: ink}}
	if e.Kind != "" {
		head = append(head, span{text: "  " + r.loc.Kind(e.Kind), chain: f.sansItalic, color: grey})
	}
	var variants []span
	for i, v := range e.Variants {
		if i > 0 {
			variants = append(variants, span{text: ", ", chain: f.sans, color: grey})
		}
		// A spelling is never broken over two lines, nor parted from its
		// count.
		variants = append(variants, span{text: isolate(unbreakable(v.Text)), chain: f.body, color: ink},
			span{text: nbsp + "(" + r.loc.Number(v.Count) + ")", chain: f.sans, color: grey})
	}
	// The articles naming the entity, in reading order; files that match
	// no article of the briefing follow by name.
	seen := map[string]bool{}
	var numbers []int
	var unknown []string
	for _, m := range e.Mentions {
		if seen[m.File] {
			continue
		}
		seen[m.File] = true
		if n := r.articleNumber(m.File); n > 0 && !slices.Contains(numbers, n) {
			numbers = append(numbers, n)
		} else if name := chrome.SourceName(m.File); n == 0 && name != "" && !slices.Contains(unknown, name) {
			unknown = append(unknown, name) // its name alone, never its folders
		}
	}
	slices.Sort(numbers)
	var where []span
	// Files that match no article, and the one article of a single
	// briefing, are separated by semicolons, as titles may hold commas.
	sep := func() {
		if len(where) > 0 {
			where = append(where, span{text: "; ", chain: f.sans, color: grey})
		}
	}
	for _, n := range numbers {
		// A batch names articles by number, as the contents and each
		// article's kicker do: titles in several scripts would bury the
		// pages under lines of mixed-direction text.
		label := isolate(r.docTitle(r.b.Documents[n-1]))
		if !r.b.Single() {
			page := 0
			if r.plan != nil {
				page = r.plan.articlePages[n-1]
			}
			label = r.loc.Number(n) + nbsp + "(" + unbreakable(r.loc.T(chrome.PageAbbr, page)) + ")"
			if len(where) > 0 {
				where = append(where, span{text: r.loc.T(chrome.ListSep), chain: f.sans, color: grey})
			}
		} else {
			sep()
		}
		where = append(where, span{text: label, chain: f.sans, color: link, target: r.articleLinks[n-1] + 1})
	}
	for _, file := range unknown {
		sep()
		where = append(where, span{text: isolate(file), chain: f.sans, color: ink})
	}
	const indent = 5
	inLabel := r.loc.Label(r.loc.T(chrome.ArticlesLabel), "")
	cdir := r.chromeDir()
	ht := text{spans: head, pt: r.bodyPt, lead: 1.35, dir: cdir}
	vt := text{spans: append([]span{{text: r.loc.Label(r.loc.T(chrome.Spellings), ""), chain: f.sans, color: grey}}, variants...), pt: r.smallPt, lead: 1.4, dir: cdir}
	wt := text{spans: append([]span{{text: inLabel, chain: f.sans, color: grey}}, where...), pt: r.smallPt, lead: 1.4, dir: cdir}
	hl := r.layout(ht, r.width)
	var vl, wl []textlayout.Line
	if len(variants) > 0 {
		vl = r.layout(vt, r.width-indent)
	}
	if len(where) > 0 {
		wl = r.layout(wt, r.width-indent)
	}
	need := float64(len(hl))*ht.lineHeight() + float64(len(vl))*vt.lineHeight() + float64(len(wl))*wt.lineHeight()
	if r.y+need > r.bottom {
		r.newPage(true)
	}
	r.tag("Div", "")
	for _, group := range []struct {
		t     text
		lines []textlayout.Line
		x     float64
	}{{ht, hl, r.left}, {vt, vl, r.left + indent}, {wt, wl, r.left + indent}} {
		if len(group.lines) == 0 {
			continue
		}
		r.tag("P", "")
		for _, ln := range group.lines {
			if r.y+group.t.lineHeight() > r.bottom {
				r.newPage(true)
			}
			r.drawLine(group.t, ln, group.x, r.y)
			r.y += group.t.lineHeight()
		}
		r.tags.close()
	}
	r.tags.close()
	r.y += 2.5
}

// articleNumber finds the article an index mention's file names: by
// source as given, by its last path element, or by that without extension.
func (r *renderer) articleNumber(file string) int {
	base := path.Base(strings.TrimRight(file, "/"))
	for _, key := range []string{file, base, strings.TrimSuffix(base, path.Ext(base))} {
		if n, ok := r.numberByFile[key]; ok && key != "" && key != "." {
			return n
		}
	}
	if r.b.Single() && file == "" {
		return 1
	}
	return 0
}
