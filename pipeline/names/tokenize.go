package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// script is the writing system of a word, as far as finding names cares:
// whether it has capitals, and which inflection rules apply.
type script uint8

const (
	scriptOther script = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptArmenian
)

func (s script) hasCase() bool { return s == scriptLatin || s == scriptCyrillic || s == scriptArmenian }

// A word is one token of a text unit.
type word struct {
	start, end int // byte offsets in the unit
	text       string
	gap        string // the text between the previous word and this one
	script     script
	upper      bool // starts with a capital letter
	acronym    bool // two or more letters, all capitals: DTX, СГБ
	sentStart  bool // first word of a sentence or of the unit
	// uncertain is set where a capital says nothing: at the start of a
	// sentence, and in headings, which capitalize by style.
	uncertain bool
	key       string // text folded, as lexicon keys are
}

// folded returns the word's text folded (see fold).
func (w word) folded() string {
	if w.key == "" && w.text != "" {
		return fold(w.text)
	}
	return w.key
}

const zwnj = '\u200c'

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.IsDigit(r) || r == zwnj
}

// isJoiner reports whether r joins two word parts into one word when it
// stands between letters: hyphens, apostrophes and ZWNJ.
func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\'', '\u2019', '\u02bc', zwnj:
		return true
	}
	return false
}

// tokenize splits a text unit into words with their offsets.
func tokenize(text string) []word { return tokenizeStop(text, nil) }

// tokenizeStop is tokenize that gives up, returning the words so far, when
// stop says so.
func tokenizeStop(text string, stop *stopper) []word {
	var words []word
	prevEnd := 0
	i := 0
	for i < len(text) {
		if stop.done() {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) || r == zwnj {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) && r != zwnj {
				i += size
				continue
			}
			if isJoiner(r) && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) && next != zwnj {
					i += size
					continue
				}
			}
			break
		}
		w := word{start: start, end: i, text: text[start:i], gap: text[prevEnd:start]}
		classify(&w)
		words = append(words, w)
		prevEnd = i
	}
	markSentences(words)
	return words
}

func classify(w *word) {
	first, _ := utf8.DecodeRuneInString(w.text)
	w.script = scriptOf(w.text)
	w.upper = unicode.IsUpper(first)
	letters, uppers := 0, 0
	for _, r := range w.text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	w.acronym = letters >= 2 && uppers == letters
	w.key = fold(w.text)
}

func scriptOf(s string) script {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			return scriptLatin
		case unicode.Is(unicode.Cyrillic, r):
			return scriptCyrillic
		case unicode.Is(unicode.Arabic, r):
			return scriptArabic
		case unicode.Is(unicode.Armenian, r):
			return scriptArmenian
		}
	}
	return scriptOther
}

func markSentences(words []word) {
	for i := range words {
		if i == 0 {
			words[i].sentStart, words[i].uncertain = true, true
			continue
		}
		words[i].sentStart = endsSentence(words[i].gap) && !isAbbreviation(words[i-1].text)
		words[i].uncertain = words[i].sentStart
	}
}

// endsSentence reports whether the text between two words closes a
// sentence: a full stop, question or exclamation mark, colon, or line break.
func endsSentence(gap string) bool {
	return strings.ContainsAny(gap, ".!?…:\n؟։") || strings.Contains(gap, "«") && strings.ContainsAny(gap, ".:")
}

func isAbbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return true // an initial: "J. Smith"
	}
	switch strings.ToLower(w) {
	case "dr", "mr", "mrs", "ms", "prof", "gen", "st", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "mme", "mlle", "hr", "fr", "г", "гг", "им", "ул":
		return true
	}
	return false
}
