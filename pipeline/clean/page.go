package clean

import (
	"encoding/json"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/dossier-news/dossier/pipeline"
)

// zoneFacts is what the lines around an HTML page's title say: the
// header trafilatura does not keep.
type zoneFacts struct {
	date, updated *pipeline.Date
	authors       []string
	minutes       int
	standfirst    string
	// leadUnderTitle: only metadata stands between the title and the
	// standfirst, so it is the article's lead, not a caption or a promo.
	leadUnderTitle bool
}

// Bounds of the header zone, in blocks: a dateline or byline above the
// title, and the lines between the title and the first paragraph.
const (
	zoneAboveTitle = 4
	zoneSearch     = 12
)

// readHeaderZone reads the page's blocks around the title, up to the
// first paragraph trafilatura kept, as a text header is read: dates,
// bylines and reading times, and a lead under the title.
func readHeaderZone(page, kept []bodyItem, title string) zoneFacts {
	var z zoneFacts
	first := -1
	for _, it := range kept {
		if it.kind == itemParagraph && isProse(it.text) {
			key := dupKey(it.text)
			for i, p := range page {
				if dupKey(p.text) == key {
					first = i
					break
				}
			}
			break
		}
	}
	if first < 0 {
		return z
	}
	titleKey, titleAt := dupKey(title), -1
	for i := first - 1; i >= 0 && i >= first-zoneSearch; i-- {
		if page[i].kind == itemHeading && page[i].level == 1 || titleKey != "" && dupKey(page[i].text) == titleKey {
			titleAt = i
			break
		}
	}
	from := first - zoneSearch/2
	if titleAt >= 0 {
		from = titleAt - zoneAboveTitle
	}
	between := false // a line other than metadata between the title and the lead
	for i := max(from, 0); i < first; i++ {
		it := page[i]
		if i == titleAt || it.kind == itemList || it.kind == itemHeading {
			continue
		}
		if m, ok := readMeta(it.text); ok && m.any() {
			switch {
			case m.date == nil:
			case !m.updated && z.date == nil:
				z.date = m.date
			case m.updated && z.updated == nil:
				z.updated = m.date
			}
			if z.authors == nil {
				z.authors = m.authors
			}
			if z.minutes == 0 {
				z.minutes = m.minutes
			}
			continue
		}
		l := line{text: it.text, key: normalizeKey(it.text)}
		if isFurniture(l) || isRelatedMarker(l) || commentMarkers[l.key] {
			continue
		}
		if titleAt >= 0 && i > titleAt && z.standfirst == "" && isStrongProse(it.text) {
			z.standfirst = it.text
			z.leadUnderTitle = !between
		}
		if titleAt >= 0 && i > titleAt {
			between = true
		}
	}
	return z
}

// completeMeta fills in from the page what trafilatura's metadata lacks
// or states less precisely: the publication time, a byline, a reading
// time, a lead.
func completeMeta(m *pipeline.Meta, f pageFacts, md trafilatura.Metadata) {
	var extracted *pipeline.Date
	if t := md.Date; !t.IsZero() {
		extracted = pipeline.Day(t.Year(), t.Month(), t.Day())
	}
	m.Published = preciseDate(f.published, f.linked, f.header.date, extracted, f.timeTag, f.header.updated)
	z := f.header
	if m.Authors == nil {
		m.Authors = z.authors
	}
	// trafilatura may keep a byline's label with the name ("Текст Анна
	// Кузнецова" from "Текст: Анна Кузнецова").
	for i, a := range m.Authors {
		for _, n := range append(z.authors, f.authors...) {
			if a != n && strings.HasSuffix(a, " "+n) {
				m.Authors[i] = n
			}
		}
	}
	if m.ReadingTime == 0 {
		m.ReadingTime = z.minutes
	}
	if m.Standfirst == "" {
		m.Standfirst = z.standfirst
	}
}

// preciseDate returns the most precise of the dates that fall on the day
// of the first one given; earlier arguments win ties. Sources disagree
// on precision more often than on the day, and a day alone is what the
// weaker ones (trafilatura's guess, a <time> tag) are trusted for.
func preciseDate(dates ...*pipeline.Date) *pipeline.Date {
	var best *pipeline.Date
	for _, d := range dates {
		if d == nil {
			continue
		}
		if best == nil {
			best = d
			continue
		}
		if sameDay(d, best) && d.Precision > best.Precision {
			best = d
		}
	}
	return best
}

func sameDay(a, b *pipeline.Date) bool {
	ay, am, ad := a.Time.Date()
	by, bm, bd := b.Time.Date()
	return ay == by && am == bm && ad == bd
}

// linkedDataDate returns datePublished from a JSON-LD block, searching
// @graph and nested objects; nil if there is none or the block is not
// valid JSON.
func linkedDataDate(text string) *pipeline.Date {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil
	}
	var find func(v any) *pipeline.Date
	find = func(v any) *pipeline.Date {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				if d, ok := ParseDate(s); ok {
					return d
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if d := find(x[k]); d != nil {
					return d
				}
			}
		case []any:
			for _, e := range x {
				if d := find(e); d != nil {
					return d
				}
			}
		}
		return nil
	}
	return find(v)
}

// restoreHeadings puts back the headings trafilatura dropped from the
// text it kept: a page heading standing, maybe after a time stamp, just
// above a kept paragraph, as live blogs head their posts.
func restoreHeadings(kept, page []bodyItem) []bodyItem {
	at := make(map[string]int, len(page))
	for i, it := range page {
		if k := dupKey(it.text); k != "" {
			if _, seen := at[k]; !seen {
				at[k] = i
			}
		}
	}
	have := make(map[string]bool, len(kept))
	for _, it := range kept {
		have[dupKey(it.text)] = true
	}
	out := make([]bodyItem, 0, len(kept))
	for _, it := range kept {
		if i, ok := at[dupKey(it.text)]; ok && it.kind == itemParagraph {
			for j := i - 1; j >= 0 && j >= i-2; j-- {
				h := page[j]
				if h.kind == itemHeading {
					if k := dupKey(h.text); h.level >= 2 && !have[k] {
						out = append(out, h)
						have[k] = true
					}
					break
				}
				if !isClockLine(h.text) {
					break
				}
			}
		}
		out = append(out, it)
	}
	return out
}
