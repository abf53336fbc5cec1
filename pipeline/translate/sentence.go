package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Span is a range [Start, End) of bytes in a text.
type Span struct {
	Start, End int
}

// abbreviations lists, per base language, words that end with a period
// without ending the sentence, in lower case and without the final
// period. Single letters (initials) never end a sentence in any language.
var abbreviations = map[string]map[string]bool{
	"en": set("mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cmdr",
		"gov", "sen", "rep", "rev", "hon", "pres", "jr", "sr", "inc", "ltd", "co", "corp", "bros",
		"vs", "etc", "e.g", "i.e", "cf", "al", "approx", "dept", "est", "fig", "no", "nos", "vol",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"u.s", "u.k", "u.n", "a.m", "p.m", "ave", "blvd", "ft"),
	"ru": set("г", "гг", "т", "т.е", "т.д", "т.п", "т.н", "др", "пр", "им", "ул", "д", "см", "стр",
		"тыс", "млн", "млрд", "руб", "коп", "ген", "проф", "акад", "доц", "чел", "р", "обл", "св",
		"напр", "англ", "рус", "ок", "гл", "ред", "с", "н.э", "до н.э"),
	"az": set("prof", "dos", "akad", "dr", "gen", "b", "e.ə", "i.e", "m", "s", "və s", "mln", "mlrd",
		"min", "küç", "r", "ş", "ç"),
	"fa": set(),
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isTerminal reports whether r ends a sentence: Latin and Cyrillic
// punctuation, the Arabic question mark ؟, the Urdu full stop ۔, the
// ellipsis, and the CJK full stops.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '؟', '۔', '。', '！', '？', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// isCloser reports whether r may follow a sentence's final punctuation and
// still belong to it: closing quotes and brackets.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』':
		return true
	}
	return unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// startsSentence reports whether r may begin a sentence: an upper-case
// letter, a letter of a script without case (Persian, Arabic, Hebrew,
// Georgian, CJK), a digit, an opening quote or bracket, or a dash.
func startsSentence(r rune) bool {
	switch {
	case unicode.IsUpper(r), unicode.IsTitle(r), unicode.IsDigit(r):
		return true
	case unicode.IsLetter(r) && !unicode.IsLower(r):
		return true // no case in this script
	case r == '"', r == '\'', r == '«', r == '“', r == '‘', r == '„', r == '(', r == '[', r == '¿', r == '¡',
		r == '—', r == '–', r == '-':
		return true
	}
	return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}

// Sentences splits text into sentences for language lang (a BCP 47 tag;
// only its base matters) and returns their spans in order. Spans exclude
// the whitespace between sentences, so joining the spans with the gaps
// between them gives text back. A line break always ends a sentence.
func Sentences(text, lang string) []Span {
	abbr := abbreviations[baseOf(lang)]
	var spans []Span
	start := skipSpace(text, 0)
	i := start
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			end := trimRightSpace(text, start, i)
			if end > start {
				spans = append(spans, Span{start, end})
			}
			start = skipSpace(text, i)
			i = start
			continue
		}
		if !isTerminal(r) {
			i += size
			continue
		}
		// Take the whole run of punctuation and closers: "?!", "...", ".»".
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isTerminal(r2) && !isCloser(r2) {
				break
			}
			j += s2
		}
		if j >= len(text) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r2) {
			i = j // "3.5", "e.g.x", "U.S.-led"
			continue
		}
		next := skipSpace(text, j)
		if next >= len(text) {
			break
		}
		nr, _ := utf8.DecodeRuneInString(text[next:])
		if strings.ContainsRune(text[j:next], '\n') {
			// a line break ends the sentence whatever follows
		} else if !startsSentence(nr) {
			i = j
			continue
		} else if r == '.' && j == i+size && isAbbreviation(text[start:i], abbr) {
			i = j
			continue
		}
		spans = append(spans, Span{start, j})
		start = next
		i = next
	}
	if end := trimRightSpace(text, start, len(text)); end > start {
		spans = append(spans, Span{start, end})
	}
	return spans
}

// isAbbreviation reports whether before (the sentence so far, up to a
// period) ends with a known abbreviation or an initial.
func isAbbreviation(before string, abbr map[string]bool) bool {
	k := len(before)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= size
	}
	word := before[k:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r) // "J. Smith", "Э. Расулов"
	}
	lower := strings.ToLower(word)
	if abbr[lower] {
		return true
	}
	// "və s." and "до н.э.": two-word abbreviations.
	if k > 1 && before[k-1] == ' ' {
		prev := strings.LastIndexByte(before[:k-1], ' ')
		if abbr[strings.ToLower(before[prev+1:])] {
			return true
		}
	}
	// Dotted initialisms the list lacks: "U.S", "Н.А".
	return strings.Contains(word, ".") && !strings.HasSuffix(word, ".") && allShortParts(word)
}

func allShortParts(word string) bool {
	for _, p := range strings.Split(word, ".") {
		if utf8.RuneCountInString(p) > 2 {
			return false
		}
	}
	return true
}

func skipSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func trimRightSpace(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// baseOf returns the base language of a BCP 47 tag in lower case: "en"
// for "en-GB".
func baseOf(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
