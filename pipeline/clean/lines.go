package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
)

// Lengths, in bytes, that separate kinds of line. Furniture is short;
// article paragraphs are long or end a sentence.
const (
	maxFurnitureLine = 300 // a cookie notice may run to a few sentences
	maxWeakFurniture = 100
	maxCaption       = 220
	maxHeading       = 120
	maxTitle         = 300
	minBodyLine      = 80 // a line this long is prose even without a full stop
	longProse        = 200
	minContainedDup  = 40 // shorter lines are only dropped as exact repeats
)

// A line is one non-empty line of a text scrape.
type line struct {
	text string
	key  string // normalizeKey(text), for word-list look-ups
}

// splitLines cuts text into trimmed, non-empty lines with their inner
// white space collapsed and invisible format characters removed.
func splitLines(text string) []line {
	var out []line
	for raw := range strings.SplitSeq(text, "\n") {
		t := collapseSpace(raw)
		if t == "" {
			continue
		}
		out = append(out, line{text: t, key: normalizeKey(t)})
	}
	return out
}

func collapseSpace(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200c' || r == '\u200d': // joiners shape Persian and Indic words
			sb.WriteRune(r)
			space = false
			continue
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			space = sb.Len() > 0
			continue
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// normalizeKey lower-cases s and trims what surrounds its words (counts,
// arrows, colons), so "Comments (12)" and "Read more »" meet their list
// entries.
func normalizeKey(s string) string {
	s = strings.ToLower(collapseSpace(s))
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
	})
}

// dupKey keeps only letters and digits, so copies of a paragraph that
// differ in punctuation, spacing or line breaks compare equal.
func dupKey(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// endsSentence reports whether s ends as a sentence does, allowing for
// closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("\"'”’»)]›」", r) || unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…։؟。", r)
}

// endsClause reports whether s ends with punctuation that continues
// into more text: a colon, comma or semicolon.
func endsClause(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(",;:،؛", r)
}

// firstLetter returns the first letter of s, or 0.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
		if unicode.IsDigit(r) {
			return 0
		}
	}
	return 0
}

// startsLower reports whether s begins with a lower-case letter, as UI
// labels such as "close button" do and article text does not.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit)
}

// isProse reports whether a line reads as article text: long, or a
// complete sentence of a few words.
func isProse(s string) bool {
	if len(s) >= minBodyLine {
		return true
	}
	return endsSentence(s) && (wordCount(s) >= 3 || len(s) >= 20)
}

// isStrongProse reports whether a line is unmistakably article text:
// complete sentences, or too long to be anything else. Trailing lines
// that are not are trimmed as furniture.
func isStrongProse(s string) bool {
	if len(s) >= longProse {
		return true
	}
	return endsSentence(s) && wordCount(s) >= 3
}

// isFurniture reports whether a line is site chrome rather than article.
func isFurniture(l line) bool {
	if l.key == "" {
		return true // only symbols or digits: separators, counters
	}
	if navLines[l.key] {
		return true
	}
	if len(l.text) > maxFurnitureLine {
		return false
	}
	lower := strings.ToLower(l.text)
	if strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "(c) ") || strings.HasPrefix(lower, "copyright") {
		return true
	}
	for _, p := range furniturePhrases {
		if strings.Contains(lower, p) {
			return true
		}
	}
	if isCaption(lower) {
		return true
	}
	if len(l.text) <= maxWeakFurniture && !endsSentence(l.text) {
		for _, p := range weakFurniturePhrases {
			if strings.Contains(lower, p) {
				return true
			}
		}
	}
	// "close button", "visit the accountability section": labels of
	// buttons and links, which are short and begin in lower case.
	if startsLower(l.text) && len(l.text) <= 60 && !endsSentence(l.text) {
		return true
	}
	return false
}

func isCaption(lower string) bool {
	if len(lower) > maxCaption {
		return false
	}
	for _, m := range captionMarks {
		if strings.HasPrefix(lower, m) || strings.Contains(lower, " "+m) || strings.Contains(lower, "("+m) {
			return true
		}
	}
	return false
}

// readingMinutes reads "5 min read", "Время чтения: 3 мин",
// "زمان مطالعه: ۴ دقیقه" and the like.
func readingMinutes(s string) (int, bool) {
	if len(s) > 80 {
		return 0, false
	}
	lower := strings.ToLower(digitsToASCII.Replace(s))
	if !containsAny(lower, minuteWords) || !containsAny(lower, readWords) {
		return 0, false
	}
	start := strings.IndexFunc(lower, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return 0, false
	}
	end := start
	for end < len(lower) && lower[end] >= '0' && lower[end] <= '9' {
		end++
	}
	n := atoi(lower[start:end])
	if n < 1 || n > 300 {
		return 0, false
	}
	return n, true
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// bylineNames reads "By Jane Doe and John Roe", "Автор: Лейла Мамедова".
func bylineNames(s string) ([]string, bool) {
	lower := strings.ToLower(s)
	for _, p := range bylinePrefixes {
		p = strings.ToLower(p)
		if !strings.HasPrefix(lower, p) {
			continue
		}
		rest := s[len(p):]
		if rest != "" && !strings.HasSuffix(p, ":") && !strings.HasSuffix(p, "՝") {
			r, _ := utf8.DecodeRuneInString(rest)
			if r != ' ' && r != ':' {
				continue // "Bypass", "Porto"
			}
		}
		rest = strings.TrimLeft(rest, " :—–-՝")
		if names := splitNames(rest); names != nil {
			return names, true
		}
	}
	return nil, false
}

// splitNames splits a list of people's names; nil if s does not look
// like one.
func splitNames(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 || hasDigit(s) || endsSentence(s) && !strings.HasSuffix(s, ".") {
		return nil
	}
	parts := []string{s}
	for _, sep := range authorSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	var names []string
	for _, p := range parts {
		p = strings.Trim(p, " .,;")
		if p == "" {
			continue
		}
		if wordCount(p) > 5 {
			return nil
		}
		names = append(names, p)
	}
	return names
}

// isNameLike reports whether s could be a person's or an outlet's name
// standing alone: a few words, capitalised where the script has case, no
// digits or sentence punctuation.
func isNameLike(s string, maxWords int) bool {
	n := wordCount(s)
	if n == 0 || n > maxWords || len(s) > 60 || hasDigit(s) || endsSentence(s) || endsClause(s) {
		return false
	}
	for _, w := range strings.Fields(s) {
		r := firstLetter(w)
		if r == 0 || unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// lineMeta is what a header line says about the article.
type lineMeta struct {
	date    *pipeline.Date
	authors []string
	minutes int
	section string
}

func (m lineMeta) any() bool { return m.date != nil || m.authors != nil || m.minutes > 0 }

// signals counts the kinds of metadata a line carries.
func (m lineMeta) signals() int {
	n := 0
	if m.date != nil {
		n++
	}
	if m.authors != nil {
		n++
	}
	if m.minutes > 0 {
		n++
	}
	return n
}

// metaSeparators split a header line such as "By Staff Reporter | 16 Nov 2022".
var metaSeparators = strings.NewReplacer(" | ", "\x00", "|", "\x00", " • ", "\x00", " · ", "\x00", " — ", "\x00", " – ", "\x00", " - ", "\x00")

// readMeta reads a header line made only of a date, a byline and a
// reading time, in any order; ok is false if any part is something else.
func readMeta(s string) (lineMeta, bool) {
	var m lineMeta
	if len(s) > 160 {
		return m, false
	}
	if d, ok := ParseDate(s); ok {
		m.date = d
		return m, true
	}
	if n, ok := readingMinutes(s); ok && !strings.Contains(s, "|") {
		m.minutes = n
		return m, true
	}
	if names, ok := bylineNames(s); ok {
		m.authors = names
		return m, true
	}
	parts := strings.Split(metaSeparators.Replace(s), "\x00")
	if len(parts) < 2 {
		return m, false
	}
	var unknown []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		switch d, isDate := ParseDate(p); {
		case p == "":
		case isDate && m.date == nil:
			m.date = d
		case readingMinutesOK(p, &m):
		case bylineOK(p, &m):
		default:
			unknown = append(unknown, p)
		}
	}
	if !m.any() || len(unknown) > 1 {
		return lineMeta{}, false
	}
	if len(unknown) == 1 {
		u := unknown[0]
		switch {
		case m.authors == nil && isNameLike(u, 4) && wordCount(u) >= 2:
			m.authors = splitNames(u)
		case isNameLike(u, 3):
			m.section = u
		default:
			return lineMeta{}, false
		}
	}
	return m, true
}

func readingMinutesOK(p string, m *lineMeta) bool {
	n, ok := readingMinutes(p)
	if ok && m.minutes == 0 {
		m.minutes = n
	}
	return ok
}

func bylineOK(p string, m *lineMeta) bool {
	names, ok := bylineNames(p)
	if ok && m.authors == nil {
		m.authors = names
	}
	return ok
}
