package clean

import (
	"strings"

	"github.com/dossier-news/dossier/pipeline"
)

// article is what the line analysis recovers from a page.
type article struct {
	meta   pipeline.Meta
	blocks []pipeline.Block
}

// itemKind says what a kept body line became.
type itemKind int

const (
	itemParagraph itemKind = iota
	itemHeading
	itemQuote // a paragraph of an embedded excerpt
	itemList
)

type bodyItem struct {
	kind        itemKind
	text        string
	attribution string // quotes: the outlet quoted
	quoteID     int    // quotes: which excerpt the paragraph belongs to
	level       int    // headings from HTML; 0 means 2
	list        []string
	ordered     bool
}

// analyzeLines turns the lines of a page into metadata and body blocks.
// The page is read as furniture at the top, a header (section, title,
// date, byline, reading time), the body, and furniture, teasers and
// comments at the bottom.
func analyzeLines(lines []line) article {
	var a article
	furniture := make([]bool, len(lines))
	for i, l := range lines {
		furniture[i] = isFurniture(l) || commentMarkers[l.key] || isRelatedMarker(l)
	}
	h := findHeader(lines, furniture)
	a.meta = h.meta
	items := readBody(lines, furniture, h.bodyStart)
	items = trimTrailing(items, true)
	items = dedupe(items, a.meta.Title)
	a.meta.Standfirst, items = takeStandfirst(items, h.standfirst)
	a.blocks = toBlocks(items)
	return a
}

// header is the top of the page: metadata and where the body begins.
type header struct {
	meta       pipeline.Meta
	standfirst string // a deck found between title and byline
	bodyStart  int
}

func findHeader(lines []line, furniture []bool) header {
	var h header
	proseSeen := 0
	cluster := -1
	for i, l := range lines {
		if furniture[i] {
			continue
		}
		if m, ok := readMeta(l.text); ok && m.any() {
			cluster = i
			break
		}
		if isProse(l.text) && len(l.text) >= minBodyLine {
			proseSeen++
			if proseSeen >= 2 {
				break
			}
		}
	}
	if cluster < 0 {
		return headerWithoutMeta(lines, furniture)
	}
	end := h.absorbMeta(lines, furniture, cluster)
	titleAt := previousKept(furniture, cluster)
	// A date or section line may come before the title, with the byline
	// after it: "22 Nov 2022 / Title / By …".
	if next := nextKept(furniture, end); next >= 0 && next+1 < len(lines) && isTitleLike(lines[next].text) {
		if after := nextKept(furniture, next+1); after >= 0 {
			if m, ok := readMeta(lines[after].text); ok && m.any() {
				titleAt = next
				end = h.absorbMeta(lines, furniture, after)
			}
		}
	}
	// A deck may sit between the title and the byline.
	if titleAt >= 0 && endsSentence(lines[titleAt].text) && len(lines[titleAt].text) > 60 {
		if before := previousKept(furniture, titleAt); before >= 0 && isTitleLike(lines[before].text) {
			h.standfirst = lines[titleAt].text
			titleAt = before
		}
	}
	if titleAt >= 0 && len(lines[titleAt].text) <= maxTitle {
		h.meta.Title = lines[titleAt].text
		if h.meta.Section == "" {
			h.meta.Section = findSection(lines, furniture, titleAt)
		}
	}
	h.bodyStart = end
	return h
}

// absorbMeta reads the run of metadata lines starting at i into h and
// returns the index after it. A bare name next to the date is taken as
// the author, as outlets that print no "By" do.
func (h *header) absorbMeta(lines []line, furniture []bool, i int) int {
	authorSeen := len(h.meta.Authors) > 0
	for ; i < len(lines); i++ {
		if furniture[i] {
			continue
		}
		t := lines[i].text
		if m, ok := readMeta(t); ok && m.any() {
			if h.meta.Published == nil {
				h.meta.Published = m.date
			}
			if m.authors != nil && !authorSeen {
				h.meta.Authors, authorSeen = m.authors, true
			}
			if m.minutes > 0 && h.meta.ReadingTime == 0 {
				h.meta.ReadingTime = m.minutes
			}
			if m.section != "" && h.meta.Section == "" {
				h.meta.Section = m.section
			}
			continue
		}
		if !authorSeen && isNameLike(t, 5) && wordCount(t) >= 2 {
			if next := nextKept(furniture, i+1); next >= 0 {
				if _, ok := readMeta(lines[next].text); ok || isProse(lines[next].text) {
					h.meta.Authors, authorSeen = splitNames(t), true
					continue
				}
			}
		}
		break
	}
	return i
}

// headerWithoutMeta takes the first title-like line followed by prose as
// the title of a page that prints no date or byline.
func headerWithoutMeta(lines []line, furniture []bool) header {
	var h header
	for i, l := range lines {
		if furniture[i] {
			continue
		}
		if isProse(l.text) && len(l.text) >= minBodyLine {
			h.bodyStart = i
			return h
		}
		if !isTitleLike(l.text) || wordCount(l.text) < 3 {
			continue
		}
		if next := nextKept(furniture, i+1); next >= 0 && isProse(lines[next].text) {
			h.meta.Title = l.text
			h.meta.Section = findSection(lines, furniture, i)
			h.bodyStart = i + 1
			return h
		}
	}
	return h
}

func isTitleLike(s string) bool {
	return len(s) <= maxTitle && wordCount(s) >= 2 && !endsClause(s) &&
		(!endsSentence(s) || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || wordCount(s) <= 20)
}

// findSection returns the one short label left above the title once menus
// are dropped ("Home / News / Politics" → "Politics"); several such
// labels are a menu, not a section.
func findSection(lines []line, furniture []bool, titleAt int) string {
	var labels []string
	for i := titleAt - 1; i >= 0; i-- {
		if furniture[i] {
			continue
		}
		t := lines[i].text
		if isProse(t) {
			break
		}
		labels = append(labels, t)
	}
	if len(labels) != 1 {
		return ""
	}
	if l := labels[0]; isNameLike(l, 3) && len(l) <= 40 {
		return l
	}
	return ""
}

func previousKept(furniture []bool, i int) int {
	for i--; i >= 0; i-- {
		if !furniture[i] {
			return i
		}
	}
	return -1
}

func nextKept(furniture []bool, i int) int {
	for ; i < len(furniture); i++ {
		if !furniture[i] {
			return i
		}
	}
	return -1
}

func isRelatedMarker(l line) bool { return relatedMarkers[l.key] }

// isInlineTeaser reports "Read more: Other headline" and the like: a
// related marker followed by a colon and another article's title.
func isInlineTeaser(l line) bool {
	head, _, ok := strings.Cut(l.text, ":")
	if !ok {
		return false
	}
	return relatedMarkers[normalizeKey(head)]
}

// readBody walks the lines after the header and keeps the article text.
func readBody(lines []line, furniture []bool, start int) []bodyItem {
	var items []bodyItem
	proseChars := 0
	quote, quotes := "", 0
	for i := start; i < len(lines); i++ {
		l := lines[i]
		switch {
		case commentMarkers[l.key]:
			if proseChars > 0 {
				return items // the comments, and whatever follows them
			}
			continue
		case isRelatedMarker(l):
			if proseChars > 0 && proseAfter(lines, furniture, i+1) < proseChars/2 {
				return items
			}
			// A teaser box inside the article: skip its short lines.
			for i+1 < len(lines) && !isProse(lines[i+1].text) {
				i++
			}
			continue
		case furniture[i] || isInlineTeaser(l):
			continue
		}
		if m, ok := readMeta(l.text); ok && m.any() {
			if proseChars > 0 && isNextArticle(lines, furniture, i, m) {
				return items
			}
			continue // "Updated …" lines and repeated bylines
		}
		if proseChars > 0 && isNameLike(l.text, 4) {
			// An excerpt from another outlet: its name, its date, its text.
			if next := nextKept(furniture, i+1); next >= 0 && next+1 < len(lines) {
				if _, ok := parseDateParts(lines[next].text); ok {
					if body := nextKept(furniture, next+1); body >= 0 && isProse(lines[body].text) {
						quote, quotes = l.text, quotes+1
						i = next
						continue
					}
				}
			}
		}
		if isProse(l.text) && !(proseChars == 0 && isHeadingLike(l.text) && len(l.text) < minBodyLine && !endsSentence(l.text)) {
			item := bodyItem{kind: itemParagraph, text: l.text}
			if quote != "" {
				item.kind, item.attribution, item.quoteID = itemQuote, quote, quotes
			}
			items = append(items, item)
			proseChars += len(l.text)
			continue
		}
		// A caption is often followed by its credit line, which is
		// furniture; a heading never is.
		if isHeadingLike(l.text) && !strings.Contains(l.text, ", ") && !(i+1 < len(lines) && isCaption(strings.ToLower(lines[i+1].text))) {
			if next := nextKept(furniture, i+1); next >= 0 && isProse(lines[next].text) {
				if _, isMeta := readMeta(lines[next].text); !isMeta {
					items = append(items, bodyItem{kind: itemHeading, text: l.text})
					quote = "" // a heading ends an excerpt
					continue
				}
			}
		}
		// Anything else is a short, unpunctuated line inside the body: a
		// caption, a button, a label. Drop it.
	}
	return items
}

// proseAfter counts the bytes of prose from line i to the end.
func proseAfter(lines []line, furniture []bool, i int) int {
	n := 0
	for ; i < len(lines); i++ {
		if !furniture[i] && len(lines[i].text) >= minBodyLine && isProse(lines[i].text) {
			n += len(lines[i].text)
		}
	}
	return n
}

// isNextArticle reports whether the metadata line at i heads another
// article's teaser: a date with a byline or reading time near it.
func isNextArticle(lines []line, furniture []bool, i int, m lineMeta) bool {
	if m.signals() >= 2 {
		return true
	}
	signals := m.signals()
	for j, seen := i+1, 0; j < len(lines) && seen < 2; j++ {
		if furniture[j] {
			continue
		}
		seen++
		if mm, ok := readMeta(lines[j].text); ok {
			signals += mm.signals()
		} else if isNameLike(lines[j].text, 4) && m.date != nil {
			signals++ // a bare author name under a date
		}
	}
	return signals >= 2
}

func isHeadingLike(s string) bool {
	if len(s) > maxHeading || wordCount(s) > 14 || endsClause(s) || strings.HasSuffix(s, ".") {
		return false
	}
	r := firstLetter(s)
	return r == 0 || !startsLower(s)
}

// trimTrailing drops what ends the body without being prose: teaser
// titles, labels, headings with nothing under them. strict also drops
// unfinished sentences, which in a text scrape are link blurbs; what an
// HTML extractor kept gets the benefit of the doubt.
func trimTrailing(items []bodyItem, strict bool) []bodyItem {
	for len(items) > 0 {
		last := items[len(items)-1]
		if last.kind == itemList || last.kind != itemHeading && isStrongProse(last.text) {
			break
		}
		if !strict && last.kind != itemHeading && isProse(last.text) {
			break
		}
		items = items[:len(items)-1]
	}
	return items
}

// dedupe keeps one copy of repeated text. A line whose text is contained
// in a longer one (a lead split over two lines, then printed whole) goes;
// of exact repeats the first stays. Copies of the title go too.
func dedupe(items []bodyItem, title string) []bodyItem {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = dupKey(it.text)
	}
	titleKey := dupKey(title)
	var out []bodyItem
	for i, it := range items {
		k := keys[i]
		if k == "" || k == titleKey && it.kind != itemQuote {
			continue
		}
		drop := false
		for j, other := range keys {
			if j == i || it.kind == itemHeading && items[j].kind != itemHeading {
				continue
			}
			if other == k && j < i || len(k) >= minContainedDup && len(other) > len(k) && strings.Contains(other, k) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, it)
		}
	}
	return out
}

// takeStandfirst returns the article's deck and the body without it. A
// deck found in the header wins; otherwise a first paragraph that is one
// short sentence, clearly shorter than the paragraphs under it, is one.
func takeStandfirst(items []bodyItem, fromHeader string) (string, []bodyItem) {
	if fromHeader != "" {
		key := dupKey(fromHeader)
		for _, it := range items {
			if strings.Contains(dupKey(it.text), key) {
				return "", items // the body repeats it
			}
		}
		return fromHeader, items
	}
	if len(items) < 4 || items[0].kind != itemParagraph {
		return "", items
	}
	first := items[0].text
	if len(first) > 200 || strings.Count(first, ". ") > 0 {
		return "", items
	}
	var lengths []int
	for _, it := range items[1:] {
		if it.kind == itemParagraph {
			lengths = append(lengths, len(it.text))
		}
	}
	if len(lengths) < 3 || float64(len(first)) > 0.6*float64(median(lengths)) {
		return "", items
	}
	return first, items[1:]
}

func median(xs []int) int {
	s := append([]int(nil), xs...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// toBlocks groups body items into the model's blocks: consecutive
// paragraphs of one excerpt become one quote.
func toBlocks(items []bodyItem) []pipeline.Block {
	var blocks []pipeline.Block
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.kind {
		case itemHeading:
			level := it.level
			if level == 0 {
				level = 2
			}
			blocks = append(blocks, pipeline.Block{Kind: pipeline.Heading, Level: level, Text: it.text})
		case itemList:
			blocks = append(blocks, pipeline.Block{Kind: pipeline.List, Items: it.list, Ordered: it.ordered})
		case itemParagraph:
			blocks = append(blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: it.text})
		case itemQuote:
			q := pipeline.Block{Kind: pipeline.Quote, Attribution: it.attribution}
			for ; i < len(items) && items[i].kind == itemQuote && items[i].quoteID == it.quoteID; i++ {
				q.Items = append(q.Items, items[i].text)
			}
			i--
			blocks = append(blocks, q)
		}
	}
	return blocks
}
