package names

import (
	"strings"
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
	f := &finder{lx: mustLexicon(t), known: newKeyIndex(), m: transliterate.New()}
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
	f := &finder{lx: mustLexicon(t), known: newKeyIndex(), m: transliterate.New()}
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

func TestIsLightVerb(t *testing.T) {
	tests := []struct {
		name, word string
		want       bool
	}{
		{name: "present with mi and joiner", word: "می‌دهد", want: true},
		{name: "present with mi no joiner", word: "میدهد", want: true},
		{name: "negated present", word: "نمی‌گیرند", want: true},
		{name: "past plural", word: "زدند", want: true},
		{name: "past participle perfect", word: "کرده‌اند", want: true},
		{name: "bare subjunctive", word: "شود", want: true},
		{name: "present of have", word: "دارد", want: true},
		{name: "subjunctive with be", word: "بکنند", want: true},
		{name: "bare present stem is a noun", word: "ده"},
		{name: "kurdish is not a verb alone", word: "کردی"},
		{name: "a name", word: "شهبازوف"},
		{name: "between", word: "بین"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isLightVerb(tt.word); got != tt.want {
				t.Errorf("isLightVerb(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestPersianRolesAndCompoundVerbs(t *testing.T) {
	f := &finder{lx: mustLexicon(t), known: newKeyIndex(), m: transliterate.New()}
	tests := []struct {
		name, text string
		want       []string // the candidates' texts, in order
	}{
		{name: "minister of a field", text: "او وزیر انرژی ترکیه است", want: nil},
		{name: "ministry with ezafe", text: "وزارت نیروی ایران اعلام کرد", want: nil},
		{name: "role of two fields", text: "رئیس سازمان برنامه و بودجه گفت", want: nil},
		{name: "fields joined by comma", text: "وزیر صنعت، معدن و تجارت گفت", want: nil},
		{name: "name after a role", text: "وزیر دفاع امیر حاتمی گفت", want: []string{"امیر حاتمی"}},
		{name: "name after a bare title", text: "وزیر شهبازوف گفت", want: []string{"شهبازوف"}},
		{name: "noun of compound verb after surname-like word", text: "این جنگ را پایان می‌دهد", want: nil},
		{name: "noun after title before light verb", text: "از وزیر انتقاد نمی‌کنند", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &unit{lang: "fa", text: tt.text, words: tokenize(tt.text)}
			var got []string
			for _, c := range f.arabicCandidates(u) {
				got = append(got, tt.text[c.start():c.end()])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("candidates of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTurkicPlaceAfterKnownName(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{name: "known surname then ablative place", text: "Dünən Bayraktar Qarsdan danışıb", want: []string{"Bayraktar", "Qarsdan"}},
		{name: "known surname then locative place", text: "Sonra Tokayev Türküstanda çıxış edib", want: []string{"Tokayev", "Türküstanda"}},
		{name: "given name keeps the surname", text: "Dünən Pərviz Qasımovdan məktub gəlib", want: []string{"Pərviz Qasımovdan"}},
		{name: "unknown first word stays whole", text: "Dünən Zorbek Qarsdan gəlib", want: []string{"Zorbek Qarsdan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &finder{lx: mustLexicon(t), known: newKeyIndex(), m: transliterate.New()}
			f.add(f.known, "Bayraktar")
			u := &unit{lang: "az", text: tt.text, words: tokenize(tt.text)}
			var got []string
			for _, c := range f.casedCandidates(u) {
				got = append(got, tt.text[c.start():c.words[len(c.words)-1].end])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("candidates of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
