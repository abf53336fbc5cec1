package names

import (
	"strings"
	"sync"
)

// TitleBefore reports whether one of the titles or roles the stage reads
// as marking a person in language lang ("President", "Dr.", "Президент")
// stands right before byte offset at of text, in the same sentence: the
// evidence that a single word there ("President Trump") is a person's
// name. Translation reads it to decide what to protect.
func TitleBefore(lang, text string, at int) bool {
	titles := titlesOf()[baseLang(lang)]
	if len(titles) == 0 || at <= 0 || at > len(text) {
		return false
	}
	// The words before at, and a stand-in for the one at it: the stand-in
	// opens a sentence when the title is in the one before.
	from := max(0, at-120)
	for from > 0 && !isBoundary(text[from]) {
		from--
	}
	words := tokenize(text[from:at] + "X")
	last := len(words) - 1
	return last > 0 && !words[last].sentStart && phraseBefore(titles, words, last) > 0
}

// titlesOf reads the lexicon's titles by language, on first use.
var titlesOf = sync.OnceValue(func() map[string]map[string]bool {
	byLang := map[string]map[string]bool{}
	_ = eachLine("lexicon/titles.txt", func(line string) error { // checked by loadLexicon's tests
		lang, phrase, ok := strings.Cut(line, " ")
		if ok {
			if byLang[lang] == nil {
				byLang[lang] = map[string]bool{}
			}
			byLang[lang][foldPhrase(phrase)] = true
		}
		return nil
	})
	return byLang
})

func baseLang(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base
}

func isBoundary(b byte) bool { return b == ' ' || b == '\n' || b == '\t' }

// NameWord reports whether word is, by itself, evidence of a person's name
// to the stage: a given name of its lexicon ("Elnur", "Ариф") or a word
// with a surname ending ("Rasulov", "Petrosyan", "Alizadeh").
func NameWord(word string) bool {
	lx, err := loadLexicon()
	if err != nil {
		return false
	}
	return lx.given[fold(word)] || hasSurnameEnding(word)
}
