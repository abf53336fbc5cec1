package pdf

import (
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"
	xbidi "golang.org/x/text/unicode/bidi"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/pdf/internal/textlayout"
	"github.com/dossier-news/dossier/pipeline"
)

// Bidi isolates keep a value (a name, a title) from reordering the
// label text around it. The layouter resolves them and never draws them.
const (
	fsi = "\u2068"
	pdi = "\u2069"
)

func isolate(s string) string { return fsi + s + pdi }

// nbsp joins words that must stay on one line.
const nbsp = "\u00a0"

// unbreakable returns s with its spaces made no-break spaces.
func unbreakable(s string) string {
	return strings.Join(strings.Fields(s), nbsp)
}

// docTitle is an article's title, else its source's name (never the
// folders it is in), else the chrome's word for untitled.
func (r *renderer) docTitle(d *pipeline.Document) string {
	if t := strings.TrimSpace(d.Meta.Title); t != "" {
		return t
	}
	if s := chrome.SourceName(d.Meta.Source); s != "" {
		return s
	}
	return r.loc.T(chrome.Untitled)
}

// chromeDir is the direction of the chrome's language.
func (r *renderer) chromeDir() textlayout.Direction {
	if r.loc.Direction() == pipeline.RightToLeft {
		return textlayout.RightToLeft
	}
	return textlayout.LeftToRight
}

// authors lists the distinct authors, first seen first.
func authors(b *exporters.Briefing, loc *chrome.Locale) string {
	const most = 8
	seen := map[string]bool{}
	var out []string
	for _, d := range b.Documents {
		for _, a := range d.Meta.Authors {
			if a = strings.TrimSpace(a); a != "" && !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	if len(out) > most {
		return loc.T(chrome.AndOthers, loc.Join(out[:most]))
	}
	return loc.Join(out)
}

func subject(b *exporters.Briefing, loc *chrome.Locale) string {
	if b.Single() {
		d := b.Documents[0]
		if d.Meta.Standfirst != "" {
			return d.Meta.Standfirst
		}
		if d.Meta.Outlet != "" {
			return loc.T(chrome.ArticleFrom, d.Meta.Outlet)
		}
		return loc.T(chrome.Article)
	}
	s := loc.T(chrome.Briefing) + ": " + loc.T(chrome.ArticleCount, len(b.Documents))
	if o := chrome.Outlets(b); len(o) > 0 {
		s += " · " + loc.Join(o)
	}
	return s
}

// keywords are the most-mentioned names of the index, then the outlets.
func keywords(b *exporters.Briefing) string {
	var out []string
	if b.Index != nil {
		ents := append([]pipeline.Entity(nil), b.Index.Entities...)
		sort.SliceStable(ents, func(i, j int) bool { return len(ents[i].Mentions) > len(ents[j].Mentions) })
		for _, e := range ents[:min(len(ents), 12)] {
			if e.Canonical != "" {
				out = append(out, e.Canonical)
			}
		}
	}
	out = append(out, chrome.Outlets(b)...)
	return strings.Join(out, ", ")
}

// mainLanguage is the language most articles are in now.
func mainLanguage(b *exporters.Briefing) string {
	count := map[string]int{}
	best := ""
	for _, d := range b.Documents {
		tag, err := language.Parse(d.Meta.Language)
		if err != nil {
			continue
		}
		l := tag.String()
		count[l]++
		if best == "" || count[l] > count[best] {
			best = l
		}
	}
	return best
}

// langDir is the direction of a language's usual script, Auto when it
// cannot be told.
func langDir(tag string) textlayout.Direction {
	switch pipeline.TagDirection(tag) {
	case pipeline.RightToLeft:
		return textlayout.RightToLeft
	case pipeline.LeftToRight:
		return textlayout.LeftToRight
	}
	return textlayout.Auto
}

// docDir is the base direction of an article's text.
func docDir(m pipeline.Meta) textlayout.Direction {
	switch m.Direction {
	case pipeline.RightToLeft:
		return textlayout.RightToLeft
	case pipeline.LeftToRight:
		return textlayout.LeftToRight
	}
	return langDir(m.Language)
}

// textDir refines a declared direction by the text itself: a paragraph
// with strong characters of only the other direction (an English quote in
// a Persian article not tagged as such) reads that way.
func textDir(declared textlayout.Direction, s string) textlayout.Direction {
	var ltr, rtl bool
	for _, r := range s {
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.L:
			ltr = true
		case xbidi.R, xbidi.AL:
			rtl = true
		}
	}
	switch {
	case declared == textlayout.RightToLeft && ltr && !rtl:
		return textlayout.LeftToRight
	case declared == textlayout.LeftToRight && rtl && !ltr:
		return textlayout.RightToLeft
	}
	return declared
}

// indexNumbers maps the file names the names index uses to article
// numbers, by source as given and by its last path element.
func (r *renderer) indexNumbers() {
	r.numberByFile = map[string]int{}
	for i, d := range r.b.Documents {
		src := strings.TrimSpace(d.Meta.Source)
		if src == "" {
			continue
		}
		base := path.Base(strings.TrimRight(src, "/"))
		for _, key := range []string{src, base, strings.TrimSuffix(base, path.Ext(base))} {
			if _, dup := r.numberByFile[key]; !dup {
				r.numberByFile[key] = i + 1
			}
		}
	}
}
