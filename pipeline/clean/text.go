package clean

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

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
func analyzeLines(ctx context.Context, lines []line) (article, error) {
	var a article
	furniture := make([]bool, len(lines))
	for i, l := range lines {
		if err := checkpoint(ctx, i); err != nil {
			return a, err
		}
		furniture[i] = isFurniture(l) || isCommentMarker(l) || isRelatedMarker(l)
	}
	markContents(lines, furniture)
	blk := densestBlock(lines, furniture)
	h := findHeader(lines, furniture, blk)
	a.meta = h.meta
	if a.meta.Published == nil {
		a.meta.Published = labelledDate(lines, furniture, h.bodyStart)
	}
	start := h.bodyStart
	if blk.start >= 0 && blk.start < start && blk.start > h.titleAt {
		// The header read past the first paragraphs of the block.
		start = blk.start
	}
	items, err := readBody(ctx, lines, furniture, start, blk.end)
	if err != nil {
		return a, err
	}
	items = trimTrailing(items, true)
	first := firstBodyLine(lines, items, start)
	titleAt := pickTitle(lines, furniture, items, first, blk.start, h.titleAt)
	if titleAt >= 0 && titleAt != h.titleAt {
		a.meta.Title = lines[titleAt].text
	}
	if a.meta.Published == nil {
		a.meta.Published = dateNearTitle(lines, furniture, titleAt, first)
	}
	if items, err = dedupe(ctx, items, a.meta.Title); err != nil {
		return a, err
	}
	a.meta.Standfirst, items = takeStandfirst(items, h.standfirst)
	a.blocks = toBlocks(items)
	return a, nil
}

// firstBodyLine returns the line the body's first item was read from,
// or -1.
func firstBodyLine(lines []line, items []bodyItem, from int) int {
	if len(items) == 0 {
		return -1
	}
	for i := from; i < len(lines); i++ {
		if lines[i].text == items[0].text {
			return i
		}
	}
	return -1
}

// markContents marks a table of contents as furniture: a run of three or
// more short lines that each come again further down, as the headings
// they list.
func markContents(lines []line, furniture []bool) {
	last := make(map[string]int, len(lines))
	for i, l := range lines {
		if !furniture[i] && runeLen(l.text) <= maxHeading {
			last[l.text] = i
		}
	}
	listed := func(i int) bool {
		return !furniture[i] && runeLen(lines[i].text) <= maxHeading && wordCount(lines[i].text) <= 14 && last[lines[i].text] > i
	}
	for i := 0; i < len(lines); i++ {
		if !listed(i) {
			continue
		}
		run := []int{i}
		for j := nextKept(furniture, i+1); j >= 0 && listed(j); j = nextKept(furniture, j+1) {
			run = append(run, j)
		}
		if len(run) >= 3 {
			for _, j := range run {
				furniture[j] = true
			}
		}
		i = run[len(run)-1]
	}
}

// header is the top of the page: metadata and where the body begins.
type header struct {
	meta       pipeline.Meta
	updated    *pipeline.Date // an update time, the date when no other is given
	standfirst string         // a deck found between title and byline
	titleAt    int            // the line Meta.Title was taken from, or -1
	bodyStart  int
}

func findHeader(lines []line, furniture []bool, blk block) header {
	h := header{titleAt: -1}
	cluster := findMetaCluster(lines, furniture, blk)
	if cluster < 0 {
		return headerWithoutMeta(lines, furniture)
	}
	end := h.absorbMeta(lines, furniture, cluster)
	titleAt := previousKept(furniture, cluster)
	fromAbove := true
	// A byline without "By" may stand between the title and the date:
	// "Title / Anna Kowalski in Copenhagen / 14 November 2022".
	// Several lines may: "David Ehrlich / Senior Critic", "REUTERS",
	// "@handle", "Posted by Vortex".
	for steps := 0; titleAt >= 0 && steps < 3; steps++ {
		t := lines[titleAt].text
		names := authorLine(t)
		if names == nil {
			names, _ = bylineNames(t)
		}
		credit := names != nil || isRoleLine(t) || strings.HasPrefix(t, "@") || isCreditLine(t)
		if !credit {
			break
		}
		before := previousKept(furniture, titleAt)
		if before < 0 || !isTitleLike(lines[before].text) || wordCount(lines[before].text) <= wordCount(t) && names != nil {
			break
		}
		if h.meta.Authors == nil && names != nil {
			h.meta.Authors = names
		}
		titleAt = before
	}
	// A date, and maybe a section, may come before the title: "22 Nov
	// 2022 / Title / By …", or "Date / Section / Title / Lead" when what
	// stands above the date is no title.
	section := ""
	if next := nextKept(furniture, end); next >= 0 {
		label := ""
		if t := lines[next].text; isLabel(t) {
			if after := nextKept(furniture, next+1); !isTitleLike(t) || after >= 0 && isHeadline(lines[after].text) && wordCount(lines[after].text) > wordCount(t) {
				label, next = t, after
			}
		}
		if next >= 0 && isTitleLike(lines[next].text) {
			after := nextKept(furniture, next+1)
			var afterMeta bool
			if after >= 0 {
				m, ok := readMeta(lines[after].text)
				afterMeta = ok && m.any() || authorLine(lines[after].text) != nil && wordCount(lines[after].text) < wordCount(lines[next].text)
			}
			switch {
			case afterMeta:
				titleAt, section, fromAbove = next, label, false
				end = h.absorbMeta(lines, furniture, after)
			case after >= 0 && isWeakTitle(lines, titleAt) && isProse(lines[after].text):
				titleAt, section, fromAbove = next, label, false
				end = next + 1
			}
		}
	}
	if fromAbove && titleAt >= 0 {
		titleAt = h.takeDeck(lines, furniture, titleAt)
	}
	if titleAt >= 0 && runeLen(lines[titleAt].text) <= maxTitle {
		h.meta.Title, h.titleAt = lines[titleAt].text, titleAt
		if section == "" {
			section = findSection(lines, furniture, titleAt)
		}
		if section != "" {
			h.meta.Section = section
		}
	}
	if h.meta.Published == nil {
		h.meta.Published = h.updated
	}
	h.bodyStart = end
	return h
}

// findMetaCluster returns the first header line (a date, byline or
// reading time) above the second paragraph of prose, or failing that the
// first one that more of the page's prose follows than precedes (a deck and a
// newsletter box may stand between a headline and its byline), or -1.
func findMetaCluster(lines []line, furniture []bool, blk block) int {
	if at := clusterAboveBlock(lines, furniture, blk.start); at >= 0 {
		return at
	}
	proseSeen, proseChars := 0, 0
	var after []int
	for i, l := range lines {
		if furniture[i] {
			continue
		}
		if m, ok := readMeta(l.text); ok && m.any() {
			if proseSeen < 2 {
				return i
			}
			if after == nil {
				after = proseSuffixes(lines, furniture)
			}
			if after[i] >= proseChars {
				return i
			}
			continue
		}
		if isProse(l.text) && runeLen(l.text) >= minBodyLine {
			proseSeen++
			proseChars += runeLen(l.text)
		}
	}
	return -1
}

// Weights of the search for the article's block of prose: a line of
// prose counts its characters, any other kept line costs as much as a
// short paragraph, furniture a little, and a comments marker ends a
// block, since a long discussion may outweigh the article.
const (
	blockLineCost      = 40
	blockFurnitureCost = 5
	blockMetaCost      = 300 // a dated byline inside a run heads a teaser
	blockMarkerCost    = 5000
	// The header stands at most this many kept lines above the block:
	// a title, a deck, a caption and a newsletter box.
	clusterSearch = 8
)

// A block is a run of lines, first and last included; -1 when there is
// none.
type block struct{ start, end int }

// densestBlock returns the page's densest run of prose, the article's
// body: the run of lines whose prose characters, less the cost of the
// other lines in it, are the most. Teasers of other articles (a
// headline, a dated byline, a blurb) cost more than their blurb brings.
func densestBlock(lines []line, furniture []bool) block {
	best, sum, start := 0, 0, 0
	blk := block{-1, -1}
	for i, l := range lines {
		var w int
		switch {
		case isCommentMarker(l):
			w = -blockMarkerCost
		case furniture[i]:
			w = -blockFurnitureCost
		case hasDigit(l.text) && isMetaLine(l.text) || !hasDigit(l.text) && runeLen(l.text) < minBodyLine && isMetaLine(l.text):
			w = -blockMetaCost
		case isProse(l.text) && runeLen(l.text) >= minBodyLine || isStrongProse(l.text):
			w = runeLen(l.text)
		default:
			w = -blockLineCost
		}
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += w
		if sum > best {
			best, blk = sum, block{start, i}
		}
	}
	return blk
}

func isMetaLine(s string) bool {
	m, ok := readMeta(s)
	return ok && m.any()
}

// clusterAboveBlock returns the first line of the run of header lines
// (dates, bylines, reading times) nearest above the block starting at
// start, within clusterSearch kept lines, or -1.
func clusterAboveBlock(lines []line, furniture []bool, start int) int {
	if start < 0 {
		return -1
	}
	isMeta := func(i int) bool {
		m, ok := readMeta(lines[i].text)
		return ok && m.any()
	}
	// The block may begin with its own header lines.
	for start < len(lines) && (furniture[start] || isMeta(start)) {
		start++
	}
	at := -1
	for i, n := previousKept(furniture, start), 0; i >= 0 && n < clusterSearch; i, n = previousKept(furniture, i), n+1 {
		switch t := lines[i].text; {
		case isMeta(i):
			at = i
		case at >= 0 && (authorLine(t) != nil || isRoleLine(t)):
			// a bare name inside the run: "Date / Name / 5 min read"
		case at >= 0:
			return at
		}
	}
	return at
}

// isCreditLine reports a wire or agency credit standing alone in capitals
// ("REUTERS", "AP", "VICTOR TANGERMANN, FUTURISM"): names, no sentence.
func isCreditLine(s string) bool {
	return wordCount(s) <= 5 && !hasDigit(s) && !endsSentence(s) && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// isWeakTitle reports whether the line at i makes a poor title: missing,
// a one-word label, or a menu entry.
func isWeakTitle(lines []line, i int) bool {
	return i < 0 || !isTitleLike(lines[i].text) || wordCount(lines[i].text) < 3
}

// takeDeck looks for a deck between the title and the byline and returns
// where the title is. A deck is a sentence under the title, or a second
// headline-like line at least as long as the one above it.
func (h *header) takeDeck(lines []line, furniture []bool, at int) int {
	before := previousKept(furniture, at)
	if before < 0 {
		return at
	}
	deck, title := lines[at].text, lines[before].text
	if !isTitleLike(title) {
		return at
	}
	punctuated := endsSentence(deck) && runeLen(deck) > 60
	unpunctuated := !endsSentence(deck) && !endsSentence(title) && wordCount(deck) >= 6 && wordCount(title) >= 4 &&
		runeLen(deck) >= runeLen(title) && !isNameLike(title, 4)
	if !punctuated && !unpunctuated {
		return at
	}
	h.standfirst = deck
	return before
}

// absorbMeta reads the run of metadata lines starting at i into h and
// returns the index after it. A bare name next to the date is taken as
// the author, as outlets that print no "By" do; a job title under it
// ("Business reporter") is part of the byline.
func (h *header) absorbMeta(lines []line, furniture []bool, i int) int {
	authorSeen := len(h.meta.Authors) > 0
	for ; i < len(lines); i++ {
		if furniture[i] {
			continue
		}
		t := lines[i].text
		if m, ok := readMeta(t); ok && m.any() {
			switch {
			case m.date == nil:
			case !m.updated && h.meta.Published == nil:
				h.meta.Published = m.date
			case m.updated && h.updated == nil:
				h.updated = m.date
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
		if authorSeen && isRoleLine(t) {
			continue
		}
		if names := authorLine(t); !authorSeen && names != nil {
			if next := nextKept(furniture, i+1); next >= 0 {
				_, isMeta := readMeta(lines[next].text)
				if isMeta || isProse(lines[next].text) || isRoleLine(lines[next].text) {
					h.meta.Authors, authorSeen = names, true
					continue
				}
			}
		}
		break
	}
	return i
}

// labelledDate finds a publication date printed below the article
// ("Published: 14 November 2022, 09:30") when the header gave none or
// only a relative one. Only a line that says it is the publication date
// counts, so the dates of teasers are not taken.
func labelledDate(lines []line, furniture []bool, from int) *pipeline.Date {
	for i := from; i < len(lines); i++ {
		if furniture[i] || !containsAny(strings.ToLower(lines[i].text), publishWords) {
			continue
		}
		if m, ok := readMeta(lines[i].text); ok && m.date != nil && !m.updated {
			return m.date
		}
	}
	return nil
}

// Bounds of the search for a date printed inside another line near the
// title, in kept lines.
const (
	dateSearchAbove = 3
	dateSearchBelow = 6
	maxDateLine     = 160
)

// dateNearTitle finds a date printed among other words in a short line
// next to the title or above the body's first lines: "Carlos Nadalim
// 27/09/2018 2 comentários", "By Jane Doe - Staff Writer
// 2019-11-18T23:30:00Z Health", which no header rule reads whole. Lines
// above the body come first; sentences of the body are not looked in,
// so a date the story mentions is not taken.
func dateNearTitle(lines []line, furniture []bool, titleAt, first int) *pipeline.Date {
	at := titleAt
	if at < 0 {
		at = first
	}
	if at < 0 {
		return nil
	}
	from := at
	for n := 0; n < dateSearchAbove; n++ {
		if p := previousKept(furniture, from); p >= 0 {
			from = p
		}
	}
	for i, n := from, 0; i < len(lines) && n < dateSearchAbove+dateSearchBelow; i++ {
		if furniture[i] {
			continue
		}
		n++
		t := lines[i].text
		if !hasDigit(t) || runeLen(t) > maxDateLine || i >= first && first >= 0 && isStrongProse(t) {
			continue
		}
		if d, ok := dateInLine(t); ok {
			return d
		}
	}
	return nil
}

// maxDateWords is the longest run of words a date takes: "Wednesday,
// November 20, 2019, 5:27 am CST".
const maxDateWords = 8

// dateInLine returns the first date in s, read from the longest run of
// words that makes one.
func dateInLine(s string) (*pipeline.Date, bool) {
	ws := strings.Fields(s)
	for i := range ws {
		if !hasDigit(strings.Join(ws[i:min(len(ws), i+maxDateWords)], " ")) {
			continue
		}
		for k := min(len(ws), i+maxDateWords); k > i; k-- {
			run := strings.Trim(strings.Join(ws[i:k], " "), " ,;|/·•-–—()[]")
			if !hasDigit(run) {
				break
			}
			if d, ok := ParseDate(run); ok {
				return d, true
			}
		}
	}
	return nil, false
}

// headerWithoutMeta takes the first title-like line followed by prose as
// the title of a page that prints no date or byline.
func headerWithoutMeta(lines []line, furniture []bool) header {
	h := header{titleAt: -1}
	for i, l := range lines {
		if furniture[i] {
			continue
		}
		if isProse(l.text) && runeLen(l.text) >= minBodyLine {
			h.bodyStart = i
			return h
		}
		if !isTitleLike(l.text) || wordCount(l.text) < 3 {
			continue
		}
		if next := nextKept(furniture, i+1); next >= 0 && isProse(lines[next].text) {
			h.meta.Title, h.titleAt = l.text, i
			h.meta.Section = findSection(lines, furniture, i)
			h.bodyStart = i + 1
			return h
		}
	}
	return h
}

// isLabel reports a section label: a few words, no digits, no sentence.
func isLabel(s string) bool {
	n := wordCount(s)
	return n >= 1 && n <= 4 && runeLen(s) <= 40 && !hasDigit(s) && !endsSentence(s) && !endsClause(s) && !startsLower(s)
}

// isHeadline reports a title-like line that does not end as a sentence
// of prose does, unless with a question or exclamation mark.
func isHeadline(s string) bool {
	return isTitleLike(s) && (!endsSentence(s) || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!"))
}

func isTitleLike(s string) bool {
	return runeLen(s) <= maxTitle && wordCount(s) >= 2 && !endsClause(s) &&
		(!endsSentence(s) || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || wordCount(s) <= 20)
}

// findSection returns the label that marks the article's section above
// the title once menus are dropped. One label alone is the section
// ("Home / Politics" → "Politics"); of a menu, only the entry printed
// again next to the title is ("News / World / Business / … / World").
// A breadcrumb of several different labels names none, and the site's
// name on the page's first line is not a label.
func findSection(lines []line, furniture []bool, titleAt int) string {
	var labels []string
	top := nextKept(furniture, 0)
	for i := titleAt - 1; i >= 0; i-- {
		if furniture[i] {
			continue
		}
		t := lines[i].text
		if m, ok := readMeta(t); ok && m.any() {
			continue // a date above the title
		}
		if isProse(t) {
			break
		}
		if i == top && len(labels) == 1 && wordCount(t) >= 2 && isNameLike(t, 4) {
			break // the masthead
		}
		labels = append(labels, t)
	}
	if len(labels) == 0 {
		return ""
	}
	l := labels[0]
	if !isLabel(l) {
		return ""
	}
	if len(labels) == 1 {
		return l
	}
	for _, other := range labels[1:] {
		if other == l {
			return l
		}
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

// isRelatedMarker reports a line heading other articles: "Read more",
// "Mehr zum Thema", or a short label that begins with one ("Read more
// explainers", "More from Features").
func isRelatedMarker(l line) bool {
	if relatedMarkers[l.key] {
		return true
	}
	if len(l.text) > 120 || wordCount(l.text) > 5 || endsSentence(l.text) {
		return false
	}
	return hasMarkerPrefix(l.key, " ")
}

// hasMarkerPrefix reports whether key begins with a related marker of at
// least two words followed by sep.
func hasMarkerPrefix(key, sep string) bool {
	for m := range relatedMarkers {
		if strings.HasPrefix(key, m) && strings.Contains(m, " ") && strings.HasPrefix(key[len(m):], sep) {
			return true
		}
	}
	return false
}

// isInlineTeaser reports "Read more: Other headline" and the like: a
// related marker followed by a colon, or run into the teaser's title
// where markup held them apart ("Կարդալ նաևՎանաձորում…").
func isInlineTeaser(l line) bool {
	if head, _, ok := strings.Cut(l.text, ":"); ok && relatedMarkers[normalizeKey(head)] {
		return true
	}
	return runeLen(l.text) < 200 && !endsSentence(l.text) && hasMarkerPrefix(l.key, "")
}

// readBody walks the lines after the header and keeps the article text.
//
// blockEnd is where the page's densest run of prose ends: past it, the
// article may end at the first sign of another one even if more prose
// follows, as under a list of teasers with blurbs.
func readBody(ctx context.Context, lines []line, furniture []bool, start, blockEnd int) ([]bodyItem, error) {
	var items []bodyItem
	proseChars := 0
	quote, quotes := "", 0
	// The words of items[:vocabularyOf], for telling the article's list
	// items from other stories' headlines.
	vocabulary, vocabularyOf := map[string]bool{}, 0
	var after []int // the prose from each line on, counted once when first asked
	proseAfter := func(i int) int {
		if after == nil {
			after = proseSuffixes(lines, furniture)
		}
		return after[i]
	}
	for i := start; i < len(lines); i++ {
		if err := checkpoint(ctx, i-start); err != nil {
			return nil, err
		}
		l := lines[i]
		lower := ""
		if proseChars > 0 {
			lower = strings.ToLower(l.text) // for the phrases that end an article
		}
		switch {
		case isCommentMarker(l):
			if proseChars > 0 && (proseAfter(i) <= proseChars || blockEnd >= 0 && i > blockEnd) {
				return items, nil // the comments, and whatever follows them
			}
			continue // a link to the comments, above the story
		case proseChars > 0 && (hasAnyPrefix(lower, creditPrefixes) || containsAny(lower, creditPhrases)):
			return items, nil // the credits a wire story ends with
		case proseChars > 0 && furniture[i] && paywallSet.in(lower):
			if proseAfter(i+1) < proseChars/2 {
				return items, nil // the paywall's offer, not the story
			}
			continue // a label: "Article réservé aux abonnés"
		case isRelatedMarker(l):
			// Skip the teasers' short lines; the article goes on only if
			// prose follows them.
			j := i + 1
			for j < len(lines) && !isProse(lines[j].text) {
				j++
			}
			if proseChars > 0 && (proseAfter(j) < proseChars/2 || blockEnd >= 0 && j > blockEnd) && !articleResumes(lines, furniture, j) {
				return items, nil
			}
			i = j - 1
			continue
		case furniture[i] || isInlineTeaser(l) || isClockLine(l.text):
			continue
		}
		if m, ok := readMeta(l.text); ok && m.any() {
			// A dated byline heads the next article only once most of
			// this one's text is read; above that it is this one's.
			if proseChars > 0 && (proseAfter(i) <= proseChars || blockEnd >= 0 && i > blockEnd) && isNextArticle(lines, furniture, i, m) {
				return items, nil
			}
			continue // "Updated …" lines and repeated bylines
		}
		if proseChars > 0 && isNameLike(l.text, 4) {
			// An excerpt from another outlet: its name, its date, its text.
			if next := nextKept(furniture, i+1); next >= 0 && next+1 < len(lines) {
				if _, ok := parseDateParts(lines[next].text); ok {
					if blockEnd >= 0 && i > blockEnd {
						return items, nil // past the article's prose: the next article's teaser
					}
					if body := nextKept(furniture, next+1); body >= 0 && isProse(lines[body].text) {
						quote, quotes = l.text, quotes+1
						i = next
						continue
					}
				}
			}
		}
		if proseChars > 0 && isQuestionHeading(l.text) {
			// "What do critics say?" over the answer: an explainer's heading.
			if next := nextKept(furniture, i+1); next >= 0 && isStrongProse(lines[next].text) && !isQuestionHeading(lines[next].text) {
				items = append(items, bodyItem{kind: itemHeading, text: l.text})
				quote = ""
				continue
			}
		}
		if isProse(l.text) && !(proseChars == 0 && isHeadingLike(l.text) && runeLen(l.text) < minBodyLine && !endsSentence(l.text)) {
			item := bodyItem{kind: itemParagraph, text: l.text}
			if quote != "" {
				item.kind, item.attribution, item.quoteID = itemQuote, quote, quotes
			}
			items = append(items, item)
			proseChars += runeLen(l.text)
			continue
		}
		// A caption is often followed by its credit line, which is
		// furniture; a heading never is.
		if isHeadingLike(l.text) && !isDatedCaption(l.text) && !(i+1 < len(lines) && isCaption(strings.ToLower(lines[i+1].text))) {
			if next := nextKept(furniture, i+1); next >= 0 && isProse(lines[next].text) {
				if _, isMeta := readMeta(lines[next].text); !isMeta {
					items = append(items, bodyItem{kind: itemHeading, text: l.text})
					quote = "" // a heading ends an excerpt
					continue
				}
			}
		}
		// Short lines between paragraphs of the article are its list
		// items and lead-ins ("You will need:"), which prose follows.
		if proseChars > 0 {
			for _, it := range items[vocabularyOf:min(len(items), vocabularyItems)] {
				for _, tok := range contentTokens(it.text) {
					vocabulary[tok] = true
				}
			}
			vocabularyOf = max(vocabularyOf, min(len(items), vocabularyItems))
			if end := listRun(lines, furniture, i, vocabulary); end > i {
				var list []string
				for j := i; j < end; j++ {
					if !furniture[j] {
						list = append(list, lines[j].text)
					}
				}
				items = append(items, bodyItem{kind: itemList, list: list, text: strings.Join(list, "\n")})
				i = end - 1
				continue
			}
		}
		// Anything else is a short, unpunctuated line inside the body: a
		// caption, a button, a label. Drop it.
	}
	return items, nil
}

// Bounds of a list read from short lines: how many items it has and how
// long one may be, in words.
const (
	minListItems = 2
	maxListItems = 30
	minItemWords = 2
	maxItemWords = 25
)

// listRun returns the end of the run of list items that starts at line
// i, or i when there is none. A list is a run of short lines of a few
// words each, none of them furniture, metadata, a caption or a marker,
// that the article's prose goes on after; a lead-in ending in a colon
// may stand alone. Menus and teaser lists are not followed by prose.
func listRun(lines []line, furniture []bool, i int, vocabulary map[string]bool) int {
	item := func(j int) bool {
		l := lines[j]
		n := wordCount(l.text)
		if furniture[j] || n < minItemWords || n > maxItemWords || isProse(l.text) && !strings.HasSuffix(l.text, ":") {
			return false
		}
		if isCommentMarker(l) || isRelatedMarker(l) || isInlineTeaser(l) || isClockLine(l.text) || isDatedCaption(l.text) || isMetaLine(l.text) {
			return false
		}
		return !isCaption(strings.ToLower(l.text)) && !isCreditedCaption(l.text)
	}
	end := i
	for end < len(lines) && end-i < maxListItems && item(end) {
		end++
	}
	if end == i {
		return i
	}
	next := nextKept(furniture, end)
	if next < 0 || !isStrongProse(lines[next].text) {
		return i
	}
	if end-i < minListItems && !endsClause(lines[i].text) {
		return i
	}
	// Headlines of other stories speak of other things; the article's
	// list items use its words.
	related := 0
	for j := i; j < end; j++ {
		if wordOverlap(lines[j].text, vocabulary) > 0.3 {
			related++
		}
	}
	if 2*related < end-i {
		return i
	}
	return end
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isQuestionHeading reports a short question standing alone, as
// explainers head their sections.
func isQuestionHeading(s string) bool {
	if !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "؟") || wordCount(s) > 12 || runeLen(s) > 100 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return !strings.Contains(s, ". ") && !strings.ContainsRune("\"'“‘«„-—–", r)
}

// isDatedCaption reports a caption that ends with where and when the
// picture was taken: "Residents wade through a flooded street, 15 May
// 2023". A heading may have a comma, but seldom a date after it.
func isDatedCaption(s string) bool {
	i := strings.LastIndex(s, ", ")
	if i < 0 {
		return false
	}
	tail := s[i+2:]
	if _, ok := ParseDate(tail); ok {
		return true
	}
	return yearPattern.MatchString(tail)
}

var yearPattern = regexp.MustCompile(`\b(19|20)\d\d\b`)

// articleResumes reports whether the prose at line i, after a teaser box,
// is the article going on rather than the teasers' blurbs: a full
// sentence, with no dates and no headline-and-blurb pairs before the next
// marker.
func articleResumes(lines []line, furniture []bool, i int) bool {
	if i >= len(lines) || !isStrongProse(lines[i].text) || runeLen(lines[i].text) < minBodyLine {
		return false
	}
	for j := i; j < len(lines); j++ {
		l := lines[j]
		if isCommentMarker(l) || isRelatedMarker(l) {
			break
		}
		if furniture[j] {
			continue
		}
		if m, ok := readMeta(l.text); ok && m.any() {
			return false
		}
		if !isProse(l.text) {
			if next := nextKept(furniture, j+1); next >= 0 && isProse(lines[next].text) {
				return false // a headline with its blurb
			}
		}
	}
	return true
}

// proseSuffixes counts, for each line i, the characters of prose from
// line i to the end; a page of many teaser boxes asks for each of them.
func proseSuffixes(lines []line, furniture []bool) []int {
	after := make([]int, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		after[i] = after[i+1]
		if n := runeLen(lines[i].text); !furniture[i] && n >= minBodyLine && isProse(lines[i].text) {
			after[i] += n
		}
	}
	return after
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
	if p := previousKept(furniture, i); p >= 0 && m.date != nil && signals < 2 {
		if _, isMeta := readMeta(lines[p].text); !isMeta && isNameLike(lines[p].text, 4) {
			signals++ // or above it
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

// isPullQuote reports a paragraph that may be a sentence of the text
// printed again large: one sentence, often in quotation marks.
func isPullQuote(it bodyItem) bool {
	return it.kind == itemParagraph && endsSentence(it.text) && strings.Count(it.text, ". ") == 0 && runeLen(it.text) < longProse
}

// takeStandfirst returns the article's deck and the body that starts
// with it: the lead is article text, so it stays the first paragraph, and
// the deck is only named in Meta when the body would lack it. A deck
// found in the header that the body does not repeat becomes the body's
// first paragraph; otherwise a first paragraph that is one short
// sentence, clearly shorter than the paragraphs under it, is the deck.
func takeStandfirst(items []bodyItem, fromHeader string) (string, []bodyItem) {
	if fromHeader != "" {
		key := dupKey(fromHeader)
		for _, it := range items {
			if strings.Contains(dupKey(it.text), key) {
				return "", items // the body repeats it
			}
		}
		return "", append([]bodyItem{{kind: itemParagraph, text: fromHeader}}, items...)
	}
	return "", items
}

func median(xs []int) int {
	s := slices.Clone(xs)
	slices.Sort(s)
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
