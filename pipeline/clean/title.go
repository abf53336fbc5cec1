package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// How far from the article's first line a title is looked for, in kept
// lines: a headline stands above its body, with at most a deck, a
// caption, a byline block or a newsletter box between them.
const (
	titleSearchAbove = 40
	titleSearchBelow = 3
)

// pickTitle returns the index of the line that heads the article, or -1.
// A raw text copy has no <title>, so the headline is recognised as a
// reader does: a line of headline shape near the top of the body whose
// words the body goes on to use, often with a date or byline next to it.
// Menus, teasers of other articles and captions lose on one of these:
// their words are not the article's, or they stand far from it, or they
// are sentences. first is the body's first line, block the first of the
// page's densest run of prose, header the line the header analysis took,
// which wins ties.
func pickTitle(lines []line, furniture []bool, items []bodyItem, first, block, header int) int {
	if first < 0 {
		return header
	}
	body := bodyVocabulary(items)
	if len(body) == 0 {
		return header
	}
	best, bestScore := -1, 0.0
	consider := func(i, distance int) {
		t := lines[i].text
		if !titleShaped(lines[i]) {
			return
		}
		overlap := wordOverlap(t, body)
		if overlap == 0 {
			return
		}
		score := 2*overlap - 0.06*float64(distance)
		if metaNear(lines, furniture, i) {
			score += 0.5
		}
		if n := wordCount(t); n >= 4 && n <= 25 || isCJK(t) {
			score += 0.3
		}
		if endsSentence(t) && !endsQuestion(t) {
			score -= 1 // a deck or a caption
		}
		if twoSentences(t) || strings.ContainsRune("\"“„«'‘", firstRune(t)) {
			score -= 0.5 // two sentences, or a quotation: a deck
		}
		if wordCount(t) > 16 {
			score -= 0.3
		}
		if titleCased(t) {
			score += 0.3
		}
		if i == header {
			score += 0.3
		}
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	// Above the first body line, counting the kept lines that are not
	// metadata: a date or a byline between title and lead is expected.
	// Above the densest block of prose too, when the body was read from
	// higher up: teasers may have passed for its start.
	for _, from := range []int{first, block} {
		distance := 0
		for i := from - 1; i >= 0 && distance < titleSearchAbove && (from == first || i > first); i-- {
			if furniture[i] {
				continue
			}
			if m, ok := readMeta(lines[i].text); ok && m.any() {
				continue
			}
			consider(i, distance)
			distance++
		}
	}
	// The header analysis may have taken a teaser for the start of the
	// body.
	for i, n := first+1, 0; i < len(lines) && n < titleSearchBelow; i++ {
		if furniture[i] {
			continue
		}
		n++
		if !isProse(lines[i].text) {
			consider(i, 4+2*n)
		}
	}
	if best < 0 || bestScore < 0.5 {
		return header
	}
	return best
}

// endsQuestion reports a line that ends with a question or exclamation
// mark, as headlines may where they end no other way.
func endsQuestion(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, "\"'”’»)] "))
	return strings.ContainsRune("?!？！؟", r)
}

// titleShaped reports a line a headline could be: a few words that do
// not run on as a clause, not metadata, a marker, a caption or a name.
func titleShaped(l line) bool {
	t := l.text
	if runeLen(t) > 200 || endsClause(t) || startsLower(t) || isClockLine(t) {
		return false
	}
	if isCJK(t) {
		if runeLen(t) < 6 || runeLen(t) > 80 {
			return false
		}
	} else if n := wordCount(t); n < 2 || n > 30 || endsSentence(t) && !endsQuestion(t) && n > 20 {
		return false
	}
	if isCommentMarker(l) || isRelatedMarker(l) || isInlineTeaser(l) || isCreditLine(t) || isRoleLine(t) {
		return false
	}
	if isBreadcrumb(t) || !isCJK(t) && isNameLike(t, 3) || isCaption(strings.ToLower(t)) || isCreditedCaption(t) {
		return false
	}
	if _, ok := bylineNames(t); ok || startsByline(t) {
		return false
	}
	return true
}

// metaNear reports a date, byline or reading time within two kept lines
// of line i, on either side.
func metaNear(lines []line, furniture []bool, i int) bool {
	for j, n := i+1, 0; j < len(lines) && n < 3; j++ {
		if furniture[j] {
			continue
		}
		n++
		if m, ok := readMeta(lines[j].text); ok && m.any() {
			return true
		}
	}
	for j, n := i-1, 0; j >= 0 && n < 2; j-- {
		if furniture[j] {
			continue
		}
		n++
		if m, ok := readMeta(lines[j].text); ok && m.any() {
			return true
		}
	}
	return false
}

// vocabularyItems is how many of the body's first items give its
// vocabulary: a headline's words are in the lead, and a huge input must
// not cost more than an article.
const vocabularyItems = 64

// bodyVocabulary returns the set of the content tokens of the body's
// first items.
func bodyVocabulary(items []bodyItem) map[string]bool {
	set := map[string]bool{}
	for _, it := range items[:min(len(items), vocabularyItems)] {
		for _, tok := range contentTokens(it.text) {
			set[tok] = true
		}
	}
	return set
}

// wordOverlap returns the share of t's content tokens that the body uses.
func wordOverlap(t string, body map[string]bool) float64 {
	toks := contentTokens(t)
	if len(toks) == 0 {
		return 0
	}
	n := 0
	for _, tok := range toks {
		if body[tok] {
			n++
		}
	}
	// One word in common proves little: "Help" is in many bodies.
	return float64(n) / (float64(len(toks)) + 0.5)
}

// startsByline reports a line that begins as a byline does, whatever
// follows the names: "By Jane Doe | Outlet", "Текст: Анна Петрова·24
// сентября 2018".
func startsByline(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range lowerBylinePrefixes {
		if strings.HasPrefix(lower, p) && len(lower) > len(p) {
			if r := lower[len(p)]; r == ' ' || r == ':' || strings.HasSuffix(p, ":") {
				return true
			}
		}
	}
	return false
}

// contentTokens returns the words of s that carry meaning, lower-cased:
// words of four letters or more where words are spaced, pairs of
// characters in Chinese and Japanese, which are not.
func contentTokens(s string) []string {
	var out []string
	var run []rune
	flush := func() {
		if len(run) == 0 {
			return
		}
		if unicode.In(run[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
			for i := 0; i+1 < len(run); i++ {
				out = append(out, string(run[i:i+2]))
			}
		} else if len(run) >= 4 {
			out = append(out, string(run))
		}
		run = run[:0]
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			if len(run) > 0 && !unicode.In(run[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
				flush()
			}
			run = append(run, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if len(run) > 0 && unicode.In(run[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
				flush()
			}
			run = append(run, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// isCJK reports a line written mostly in Chinese or Japanese characters,
// whose words are not spaced.
func isCJK(s string) bool {
	cjk, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				cjk++
			}
		}
	}
	return letters > 0 && 2*cjk > letters
}

// titleCased reports a line whose longer words mostly begin with a
// capital, as English headlines are set.
func titleCased(s string) bool {
	long, capital := 0, 0
	for _, w := range strings.Fields(s) {
		if runeLen(w) < 4 {
			continue
		}
		long++
		if r := firstLetter(w); r != 0 && unicode.IsUpper(r) {
			capital++
		}
	}
	return long >= 2 && 4*capital >= 3*long
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// twoSentences reports a line with a full stop inside it after a word,
// not an abbreviation: "The crisis deepens. Others should act".
func twoSentences(s string) bool {
	for i := strings.Index(s, ". "); i >= 0; {
		word := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
		if runeLen(word) >= 4 && strings.ToLower(word) == word {
			return true
		}
		next := strings.Index(s[i+2:], ". ")
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return false
}

// isBreadcrumb reports a trail of links: "News > 2015 > Headline",
// "Blog » Weight Loss » Tips".
func isBreadcrumb(s string) bool {
	return strings.Count(s, " > ")+strings.Count(s, " » ")+strings.Count(s, " › ") >= 2
}
