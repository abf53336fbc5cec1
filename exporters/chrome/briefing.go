package chrome

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// For returns the Locale of b's chrome, in the language Language picks.
func For(b *exporters.Briefing) *Locale { return New(Language(b)) }

// Language returns the language b's chrome is written in:
//
//  1. b.Language, when the caller set it (the CLI's --to);
//  2. else the language the articles were translated into: the target of
//     translated articles (Meta.Original set) and of the provenance records
//     (an article the engine could not translate still records its target);
//  3. else, when nothing was translated, the language of the articles.
//
// Where articles disagree (a batch in several languages without --to) the
// most frequent wins, and a tie goes to the language met first in reading
// order. The result may be a language without a catalog; New then falls
// back to English.
func Language(b *exporters.Briefing) string {
	if t := canonical(b.Language); t != "" {
		return t
	}
	var target, own []string
	for _, d := range b.Documents {
		if d == nil {
			continue
		}
		if d.Meta.Original != nil {
			target = append(target, d.Meta.Language)
		} else if to := trailTarget(d); to != "" {
			target = append(target, to)
		}
		own = append(own, d.Meta.Language)
	}
	if l := mostFrequent(target); l != "" {
		return l
	}
	return mostFrequent(own)
}

// trailTarget returns the target language an article's provenance records
// name, "" when none does.
func trailTarget(d *pipeline.Document) string {
	for _, p := range d.Trail {
		if t := canonical(p.To); t != "" {
			return t
		}
	}
	return ""
}

// mostFrequent returns the most frequent well-formed tag of tags, ties to
// the first met.
func mostFrequent(tags []string) string {
	count := map[string]int{}
	best := ""
	for _, t := range tags {
		t = canonical(t)
		if t == "" || t == "und" {
			continue
		}
		count[t]++
		if best == "" || count[t] > count[best] {
			best = t
		}
	}
	return best
}

func canonical(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return t.String()
}

// SourceName returns what a reader may be shown of where an article came
// from: an http(s) URL as it is, or the file name alone — never the
// folders an analyst keeps it in — for a path, a file: URL or anything
// else. Standard input ("-") and blanks give "".
func SourceName(src string) string {
	src = strings.TrimSpace(src)
	if src == "" || src == "-" {
		return ""
	}
	if u, err := url.Parse(src); err == nil && u.Host != "" && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) {
		u.User = nil // never publish credentials someone pasted into a URL
		return u.String()
	}
	if u, err := url.Parse(src); err == nil && strings.EqualFold(u.Scheme, "file") {
		src = u.Path
	}
	// Windows paths use backslashes; both separate folders here.
	src = strings.ReplaceAll(src, `\`, "/")
	base := path.Base(strings.TrimRight(src, "/"))
	if base == "." || base == "/" {
		return ""
	}
	return base
}

// IsURL reports whether SourceName(src) is a web address.
func IsURL(src string) bool {
	s := SourceName(src)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Mentions returns, for the names index, the articles of b that name each
// entity: entity ID → how often each article (by index in b.Documents)
// names it, zero for articles that do not. It counts the articles' own
// mentions, and falls back to the index's mentions, matched to articles
// by source file name, for articles that carry none.
func Mentions(b *exporters.Briefing) map[string][]int {
	out := map[string][]int{}
	add := func(entity string, i int) {
		counts := out[entity]
		if counts == nil {
			counts = make([]int, len(b.Documents))
			out[entity] = counts
		}
		counts[i]++
	}
	hasOwn := make([]bool, len(b.Documents))
	for i, d := range b.Documents {
		for _, m := range d.Mentions {
			if m.Entity != "" {
				add(m.Entity, i)
				hasOwn[i] = true
			}
		}
	}
	if b.Index == nil || !slices.Contains(hasOwn, false) {
		return out
	}
	byFile := map[string]int{}
	for i, d := range b.Documents {
		for _, key := range fileKeys(d.Meta.Source) {
			if _, dup := byFile[key]; !dup {
				byFile[key] = i
			}
		}
	}
	keysOf := map[string][]string{} // an index names each file many times
	for _, e := range b.Index.Entities {
		for _, m := range e.Mentions {
			keys, seen := keysOf[m.File]
			if !seen {
				keys = fileKeys(m.File)
				keysOf[m.File] = keys
			}
			i, ok := -1, false
			for _, key := range keys {
				if i, ok = byFile[key]; ok {
					break
				}
			}
			if !ok && b.Single() && strings.TrimSpace(m.File) == "" {
				i, ok = 0, true
			}
			if ok && !hasOwn[i] {
				add(e.ID, i)
			}
		}
	}
	return out
}

// fileKeys are the names a source is matched by: as given, its file name,
// and that without extension.
func fileKeys(src string) []string {
	src = strings.TrimSpace(src)
	if src == "" {
		return nil
	}
	base := SourceName(src)
	keys := []string{src}
	if base != "" && !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		keys = append(keys, base, strings.TrimSuffix(base, path.Ext(base)))
	}
	return slices.Compact(keys)
}

// Title returns a title for a batch the user gave none, in the chrome's
// language: "Resumen de prensa: 5 artículos, 14 de noviembre de 2022 –
// 22 de noviembre de 2022" — the word for a briefing, the article count,
// and the days the articles were published over. A batch of one article
// gets that article's title.
func Title(b *exporters.Briefing) string {
	if len(b.Documents) == 1 && b.Documents[0] != nil && strings.TrimSpace(b.Documents[0].Meta.Title) != "" {
		return strings.TrimSpace(b.Documents[0].Meta.Title)
	}
	loc := For(b)
	title := loc.Label(loc.T(Briefing), loc.T(ArticleCount, len(b.Documents)))
	var first, last time.Time
	for _, d := range b.Documents {
		if d == nil || d.Meta.Published == nil {
			continue
		}
		t := d.Meta.Published.Time
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	switch {
	case first.IsZero():
		return title
	case first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return title + loc.T(ListSep) + loc.Day(first)
	}
	return title + loc.T(ListSep) + strings.NewReplacer("{0}", loc.Day(first), "{1}", loc.Day(last)).Replace(loc.cldr.interval)
}

// BriefingTitle returns the title of b: its own, else its one article's,
// else the chrome's word for a briefing (or, for an article without a
// title, for untitled: no format may show an empty title). Runs of white
// space become one space.
func BriefingTitle(b *exporters.Briefing) string {
	if t := oneLine(b.Title); t != "" {
		return t
	}
	loc := For(b)
	if !b.Single() {
		return loc.T(Briefing)
	}
	if d := b.Documents[0]; d != nil {
		if t := oneLine(d.Meta.Title); t != "" {
			return t
		}
	}
	return loc.T(Untitled)
}

// HasIndex reports whether b has a names index with any entry.
func HasIndex(b *exporters.Briefing) bool { return b.Index != nil && len(b.Index.Entities) > 0 }

// Outlets returns the distinct outlets of b's documents in reading order,
// falling back to the host of an article's web address.
func Outlets(b *exporters.Briefing) []string {
	var out []string
	for _, d := range b.Documents {
		if d == nil {
			continue
		}
		o := oneLine(d.Meta.Outlet)
		if o == "" && IsURL(d.Meta.Source) {
			if u, err := url.Parse(SourceName(d.Meta.Source)); err == nil {
				o = u.Hostname()
			}
		}
		if o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
