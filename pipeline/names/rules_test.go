package names

import (
	"testing"

	"github.com/dossier-news/dossier/transliterate"
)

func TestApostropheSuffix(t *testing.T) {
	tests := []struct {
		name, word, base string
		ok               bool
	}{
		{name: "turkish locative", word: "Astana'da", base: "Astana", ok: true},
		{name: "turkish accusative", word: "Mirziyoyev'i", base: "Mirziyoyev", ok: true},
		{name: "typographic apostrophe", word: "Bakü’ye", base: "Bakü", ok: true},
		{name: "capital after apostrophe", word: "O'Brien"},
		{name: "english possessive", word: "Tokayev's"},
		{name: "elided article", word: "d'Ispahan"},
		{name: "no apostrophe", word: "Aktau"},
		{name: "long tail is a name", word: "Ma'rufiyyeh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := apostropheSuffix(tt.word)
			if ok != tt.ok || ok && r.base != tt.base {
				t.Errorf("apostropheSuffix(%q) = %q, %v; want %q, %v", tt.word, r.base, ok, tt.base, tt.ok)
			}
		})
	}
}

func TestReduceByLanguage(t *testing.T) {
	f := &finder{lx: mustLexicon(t), known: keyIndex{}, m: transliterate.New()}
	f.add(f.known, "Tokajew")
	tests := []struct {
		name, lang, word, base string
	}{
		{name: "german genitive of a known name", lang: "de", word: "Tokajews", base: "Tokajew"},
		{name: "german name ending in s", lang: "de", word: "Dallas", base: "Dallas"},
		{name: "turkish suffix after apostrophe", lang: "tr", word: "Taşkent'ten", base: "Taşkent"},
		{name: "english keeps an inner apostrophe", lang: "en", word: "Ma'ruf", base: "Ma'ruf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.reduce(tt.lang, tt.word).base; got != tt.base {
				t.Errorf("reduce(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.base)
			}
		})
	}
}

func TestAgreeCase(t *testing.T) {
	f := &finder{lx: mustLexicon(t), known: keyIndex{}, m: transliterate.New()}
	tests := []struct {
		name, text, base string
	}{
		{name: "masculine genitive", text: "Шавката Мирзиёева", base: "Шавкат Мирзиёев"},
		{name: "feminine nominative", text: "Саида Мирзиёева", base: "Саида Мирзиёева"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &unit{lang: "ru", words: tokenize(tt.text)}
			if got := f.newCandidate(u, 0, len(u.words)).base(); got != tt.base {
				t.Errorf("base of %q = %q, want %q", tt.text, got, tt.base)
			}
		})
	}
}
