package clean

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
)

// Lengths, in characters, that separate kinds of line. Furniture is
// short; article paragraphs are long or end a sentence. Characters, not
// bytes: a Cyrillic or Armenian letter takes two bytes, and a teaser
// title in those scripts must not pass for a paragraph.
const (
	maxFurnitureLine = 300 // a cookie notice may run to a few sentences
	maxWeakFurniture = 100
	maxCaption       = 220
	maxHeading       = 120
	maxTitle         = 300
	minBodyLine      = 80 // a line this long is prose even without a full stop
	longProse        = 200
	minContainedDup  = 40 // shorter lines are only dropped as exact repeats…
	minPullQuote     = 12 // …unless they are one sentence, as pull quotes are
)

// A line is one non-empty line of a text scrape.
type line struct {
	text string
	key  string // normalizeKey(text), for word-list look-ups
}

// splitLines cuts text into trimmed, non-empty lines with their inner
// white space collapsed and invisible format characters removed.
func splitLines(ctx context.Context, text string) ([]line, error) {
	var out []line
	n := 0
	for raw := range strings.SplitSeq(text, "\n") {
		if err := checkpoint(ctx, n); err != nil {
			return nil, err
		}
		n++
		t := collapseSpace(raw)
		if t == "" {
			continue
		}
		out = append(out, line{text: t, key: normalizeKey(t)})
	}
	return out, nil
}

// collapseSpace turns each run of white space into one space, trims it
// at both ends and drops control and format characters but the joiners.
// It runs on every text node of every page: ASCII takes a fast path, and
// text with nothing to change is returned as it is.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r == ' ' || r >= '\t' && r <= '\r':
				space = sb.Len() > 0
			case r < ' ' || r == 0x7f:
			default:
				if space {
					sb.WriteByte(' ')
					space = false
				}
				sb.WriteByte(byte(r))
			}
			continue
		}
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

// isCollapsed reports whether s is printable ASCII with single spaces
// between words and none at its ends: what collapseSpace leaves as it is.
func isCollapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf || c < ' ' || c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
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
	sb.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteByte(byte(r))
		case r >= 'A' && r <= 'Z':
			sb.WriteByte(byte(r) + 'a' - 'A')
		case r < utf8.RuneSelf:
		default:
			if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
		}
	}
	return sb.String()
}

// wordCount counts the space-separated words of s, as strings.Fields
// would, without building them: it runs on every line several times.
func wordCount(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// endsSentence reports whether s ends as a sentence does, allowing for
// closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("\"'”’»)]›」", r) || unicode.IsSpace(r)
	})
	r, size := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…։؟。？！", r) || r == ':' && armenianColon(s[:len(s)-size])
}

// armenianColon reports whether a colon after s is an Armenian full stop
// (։) typed as an ASCII colon, as many Armenian sites print it.
func armenianColon(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }))
	return unicode.Is(unicode.Armenian, r)
}

// endsClause reports whether s ends with punctuation that continues
// into more text: a colon, comma or semicolon.
func endsClause(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(",;:،؛", r) && !(r == ':' && armenianColon(s[:len(s)-size]))
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
	if runeLen(s) >= minBodyLine {
		return true
	}
	return endsSentence(s) && (wordCount(s) >= 3 || runeLen(s) >= 20)
}

// isStrongProse reports whether a line is unmistakably article text:
// complete sentences, or too long to be anything else. Trailing lines
// that are not are trimmed as furniture.
func isStrongProse(s string) bool {
	if runeLen(s) >= longProse {
		return true
	}
	// Chinese and Japanese do not space their words: count characters.
	return endsSentence(s) && (wordCount(s) >= 3 || runeLen(s) >= 15 && isCJK(s))
}

// siteNoticeOpenings begin a notice of the site about itself, however
// long it runs.
var siteNoticeOpenings = []string{"this website uses cookies", "this site uses cookies", "we use cookies", "our website uses cookies", "our site uses cookies"}

// isFurniture reports whether a line is site chrome rather than article.
func isFurniture(l line) bool {
	if l.key == "" {
		// Only symbols or digits: separators and counters, unless it is a
		// numeric date ("14.11.2022 | 13:05").
		_, isDate := ParseDate(l.text)
		return !isDate
	}
	if navLines[l.key] || isCounter(l.text) {
		return true
	}
	n := runeLen(l.text)
	lower := strings.ToLower(l.text)
	if n > maxFurnitureLine {
		// A site speaking of itself in its first words: a consent notice
		// that runs on ("This website uses cookies to improve …").
		return hasAnyPrefix(lower, siteNoticeOpenings)
	}
	if n <= 40 && containsAny(lower, reactionPhrases) {
		return true
	}
	if strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "(c) ") || strings.HasPrefix(lower, "copyright") {
		return true
	}
	if furnitureSet.in(lower) {
		return true
	}
	if isCaption(lower) || isCreditedCaption(l.text) {
		return true
	}
	if runeLen(l.text) <= maxWeakFurniture && !endsSentence(l.text) {
		for _, p := range weakFurniturePhrases {
			// As a word: "shares plunge" is a headline, "Share" a button.
			if indexWord(lower, p) >= 0 {
				return true
			}
		}
	}
	// "close button", "visit the accountability section": labels of
	// buttons and links, which are short and begin in lower case.
	// A byline may be set in lower case too: "by Jane Doe / 2016.12.01".
	if startsLower(l.text) && runeLen(l.text) <= 60 && !endsSentence(l.text) && !isMetaLine(l.text) {
		return true
	}
	return false
}

// isCommentMarker reports a line that heads a comments section: a
// marker such as "Comments (12)", or a count of comments on the article,
// "10 thoughts on “Title”".
func isCommentMarker(l line) bool {
	if commentMarkers[l.key] {
		return true
	}
	if l.text == "" || l.text[0] < '0' || l.text[0] > '9' || runeLen(l.text) > maxTitle {
		return false
	}
	digits := strings.TrimLeft(l.text, "0123456789")
	if len(l.text)-len(digits) > 3 {
		return false // a year: "2019 responses to the survey"
	}
	rest := strings.ToLower(strings.TrimLeft(digits, " "))
	for _, p := range commentCountPhrases {
		if strings.HasPrefix(rest, p+" ") {
			return true
		}
	}
	return false
}

// isCounter reports a label with a bare number: "Oxunub: 1234",
// "Просмотры: 2 345", "کد خبر: ۱۲۳۴۵۶" — view counts and article ids.
func isCounter(s string) bool {
	label, num, ok := strings.Cut(s, ":")
	if !ok || wordCount(label) == 0 || wordCount(label) > 3 || hasDigit(label) {
		return false
	}
	num = strings.TrimSpace(num)
	return num != "" && !strings.ContainsFunc(num, func(r rune) bool {
		return !unicode.IsDigit(r) && r != ' ' && r != '.' && r != ','
	})
}

// trailingCounter matches a counter printed after a date on the same line.
var trailingCounter = regexp.MustCompile(`\s+\pL+(?:\s\pL+)?:\s*[\pN][\pN\s.,]*$`)

// isRelativeDate reports "2 hours ago", "Updated 5 min ago", "3 часа
// назад", "vor 2 Stunden", "Вчера, 13:05": a date the reader's clock
// completes, which still marks the header.
func isRelativeDate(s string) bool {
	if runeLen(s) > 50 {
		return false
	}
	numbers, ago, unit, today := 0, false, false, false
	for _, tok := range dateTokens(strings.ToLower(digitsToASCII.Replace(s))) {
		switch {
		case tok[0] >= '0' && tok[0] <= '9':
			numbers++
		case agoWords[tok]:
			ago = true
		case timeUnitWords[tok]:
			unit = true
		case dayWords[tok]:
			today = true
		case !dateWords[tok]:
			return false
		}
	}
	return numbers <= 3 && (ago && unit && numbers > 0 || today && numbers > 0)
}

// isClockLine reports a line that is only a time of day, as live blogs
// stamp their posts: "22:58 GMT", "10:45".
func isClockLine(s string) bool {
	if runeLen(s) > 20 {
		return false
	}
	lower := strings.ToLower(digitsToASCII.Replace(s))
	m := clockTime.FindStringIndex(lower)
	if m == nil {
		return false
	}
	for _, tok := range dateTokens(lower[:m[0]] + " " + lower[m[1]:]) {
		if _, zone := zoneNames[tok]; !zone && !dateWords[tok] {
			return false
		}
	}
	return true
}

// isRoleLine reports the job title printed under a byline: "Business
// reporter", "Staff writer".
func isRoleLine(s string) bool {
	if wordCount(s) > 4 || endsSentence(s) || hasDigit(s) {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if roleWords[strings.Trim(w, ",.:")] {
			return true
		}
	}
	return false
}

// authorLine returns the names of a byline printed without "By": a
// name alone ("Haber Merkezi") or with the place it was filed from
// ("Anna Kowalski in Copenhagen").
func authorLine(s string) []string {
	if isRoleLine(s) {
		return nil
	}
	name := s
	if i := strings.Index(s, " in "); i > 0 && isNameLike(s[i+len(" in "):], 3) {
		name = s[:i]
	}
	if !isNameLike(name, 3) || wordCount(name) < 2 {
		return nil
	}
	return splitNames(name)
}

func isCaption(lower string) bool {
	if runeLen(lower) > maxCaption {
		return false
	}
	return captionSet.after(lower, " (")
}

// photoCredit matches the credit a caption ends with: a photographer and
// an agency or outlet joined by a slash ("Doug Mills/The New York
// Times", "J. Scott Applewhite / AP file", "NASA/JPL-Caltech").
var photoCredit = regexp.MustCompile(`(?:^|[\s.(])\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*)*\s?/\s?\p{Lu}[\p{L}.'’-]*(?: \p{L}[\p{L}.'’-]*){0,4}\)?$`)

// isCreditedCaption reports a caption that ends with a photo credit.
func isCreditedCaption(s string) bool {
	return runeLen(s) <= maxCaption && strings.Contains(s, "/") && photoCredit.MatchString(s)
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
	for _, p := range lowerBylinePrefixes {
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

// lowerBylinePrefixes are bylinePrefixes in lower case, made once: every
// short line of every page is tested against all of them.
var lowerBylinePrefixes = func() []string {
	out := make([]string, len(bylinePrefixes))
	for i, p := range bylinePrefixes {
		out[i] = strings.ToLower(p)
	}
	return out
}()

// splitNames splits a list of people's names; nil if s does not look
// like one.
func splitNames(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || runeLen(s) > 80 || hasDigit(s) || endsSentence(s) && !strings.HasSuffix(s, ".") {
		return nil
	}
	// A place after the names is where they filed from, not a name:
	// "Von Anna Beispiel und Lukas Muster, Hamburg".
	if i := strings.LastIndex(s, ", "); i > 0 && wordCount(s[i+2:]) == 1 && wordCount(s[:i]) >= 2 {
		s = s[:i]
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
		if i := strings.Index(p, " in "); i > 0 && isNameLike(p[i+len(" in "):], 3) {
			p = p[:i] // "Jane Doe in Baku"
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
	if n == 0 || n > maxWords || runeLen(s) > 60 || hasDigit(s) || endsSentence(s) || endsClause(s) {
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
	date     *pipeline.Date
	updated  bool // date is when the article was last changed
	relative bool // a date such as "2 hours ago", which gives no day
	dateline bool // a wire story's place and date (see dateline)
	authors  []string
	minutes  int
	section  string
}

func (m lineMeta) any() bool {
	return m.date != nil || m.relative || m.dateline || m.authors != nil || m.minutes > 0
}

// signals counts the kinds of metadata a line carries.
func (m lineMeta) signals() int {
	n := 0
	if m.date != nil || m.relative || m.dateline {
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
var metaSeparators = strings.NewReplacer(" | ", "\x00", "|", "\x00", " • ", "\x00", " · ", "\x00", " — ", "\x00", " – ", "\x00", " - ", "\x00", " / ", "\x00", "／", "\x00")

// readMeta reads a header line made only of a date, a byline and a
// reading time, in any order; ok is false if any part is something else.
func readMeta(s string) (lineMeta, bool) {
	var m lineMeta
	if runeLen(s) > 160 {
		return m, false
	}
	// Dates and reading times need a number; most lines have none.
	if hasDigit(s) {
		if loc := trailingCounter.FindStringIndex(s); loc != nil && loc[0] > 0 {
			s = s[:loc[0]] // "14 noyabr 2022 13:05 Oxunub: 1234"
		}
		if d, updated, ok := parseDateLine(s); ok {
			m.date, m.updated = d, updated
			return m, true
		}
		if isRelativeDate(s) {
			m.relative = true
			return m, true
		}
		if n, ok := readingMinutes(s); ok && !strings.Contains(s, "|") {
			m.minutes = n
			return m, true
		}
	}
	if d, ok := dateline(s); ok {
		m.date, m.dateline = d, true
		return m, true
	}
	if names, ok := bylineNames(s); ok {
		m.authors = names
		return m, true
	}
	if hasDigit(s) {
		if mm, ok := nameAndDate(s); ok {
			return mm, true
		}
	}
	parts := joinDateParts(strings.Split(metaSeparators.Replace(s), "\x00"))
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

// nameAndDate reads a byline and a date printed without a separator:
// "By Joseph Tsidulko November 19, 2019, 07:47 PM EST", "Reuters
// November 18, 2019 11:03 PM", "5:45 AM PST 11/19/2019 by Patrick
// Shanley". The name side is a byline or at most four capitalised words.
func nameAndDate(s string) (lineMeta, bool) {
	var m lineMeta
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 16 {
		return m, false
	}
	for k := 1; k < len(ws); k++ {
		head, tail := strings.Join(ws[:k], " "), strings.Join(ws[k:], " ")
		for _, side := range [2][2]string{{head, tail}, {tail, head}} {
			name, date := side[0], strings.Trim(side[1], " ,;|-–—·•")
			if !hasDigit(date) || hasDigit(name) {
				continue
			}
			d, ok := ParseDate(date)
			if !ok {
				continue
			}
			if names, ok := bylineNames(name); ok {
				m.date, m.authors = d, names
				return m, true
			}
			if isNameLike(strings.TrimRight(name, " ,"), 4) {
				m.date = d
				if wordCount(name) >= 2 {
					m.authors = splitNames(name)
				}
				return m, true
			}
		}
	}
	return m, false
}

// joinDateParts joins the parts of a header line that together make one
// date, as in "Valencia - 14 nov 2022 - 13:05 CET".
func joinDateParts(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); i++ {
		j := len(parts)
		for ; j > i+1; j-- {
			if _, ok := ParseDate(strings.Join(parts[i:j], " ")); ok {
				break
			}
		}
		out = append(out, strings.Join(parts[i:j], " "))
		i = j - 1
	}
	return out
}

// parseDateLine reads a header line with a publication date, or with a
// publication and an update time ("Publié le 14 novembre 2022 à 13h05,
// mis à jour à 15h20"; "Giriş: 14.11.2022 13:05 Güncelleme: …"), and
// reports whether the date it returns is an update time.
func parseDateLine(s string) (*pipeline.Date, bool, bool) {
	lower := strings.ToLower(s)
	at, word := -1, ""
	for _, w := range updateWords {
		if i := indexWord(lower, w); i >= 0 && (at < 0 || i < at) {
			at, word = i, w
		}
	}
	switch {
	case at < 0:
		d, ok := ParseDate(s)
		return d, false, ok
	case strings.TrimSpace(lower[:at]) == "":
		if d, ok := ParseDate(s); ok {
			return d, true, true
		}
		d, ok := ParseDate(lower[at+len(word):]) // "Yenilənib: …", "Actualizado: …"
		return d, true, ok
	}
	d, ok := ParseDate(strings.TrimRight(lower[:at], " ,;|-–—·•("))
	if tail := lower[at+len(word):]; ok && hasDigit(tail) && runeLen(tail) <= 60 {
		return d, false, true
	}
	d, ok = ParseDate(s)
	return d, false, ok
}

// indexWord returns where w starts in s as a whole word, or -1.
func indexWord(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !unicode.IsLetter(before)) && (i+len(w) == len(s) || !unicode.IsLetter(after)) {
			return i
		}
		off = i + len(w)
	}
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
