package names

import (
	"strings"
	"unicode/utf8"
)

// A reduction splits an inflected word into its base and the grammatical
// ending the text added: "Rəsulovla" → "Rəsulov" + "la", "Арифом" → "Ариф"
// + "ом". Add, when set, is what the base ends with in place of the
// ending (Армении → Армения: "ии" off, "ия" on).
type reduction struct {
	base, suffix string
	add          string // letters the base has in place of the ending
	oblique      bool   // the ending can only be a case ending, never part of a name
}

// grammar tells how a language inflects names; nil for languages that do
// not (English, Persian), where a word is its own base.
type grammar interface {
	// reductions lists the candidate bases of w, best guess first; the
	// word itself is always among them.
	reductions(w string) []reduction
}

func grammarFor(lang string, sc script) grammar {
	switch {
	case sc == scriptCyrillic:
		return russian{}
	case sc == scriptArmenian:
		return armenian{}
	case sc == scriptLatin && (lang == "az" || lang == "tr"):
		return turkic{}
	case sc == scriptLatin && lang == "de":
		return german{}
	case sc == scriptLatin:
		return possessive{}
	case sc == scriptArabic:
		return arabicScript{lang: lang}
	}
	return nil
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// cut returns w without its last n bytes of ending plus add.
func cut(w, ending, add string, oblique bool) reduction {
	return reduction{base: w[:len(w)-len(ending)] + add, suffix: ending, add: add, oblique: oblique}
}

// russian inverts the declension of names (petrovich rules): male surnames
// in -ов/-ев/-ин take -а, -у, -ым, -е; -ян and consonant-final given names
// take -а, -у, -ом, -е; feminine -ова takes -ой, -у; -заде, -о, -и, -у
// names do not decline.
type russian struct{}

func (russian) reductions(w string) []reduction {
	l := strings.ToLower(w)
	self := reduction{base: w}
	if runes(l) < 3 || hasAnySuffix(l, "заде", "зада", "дзе", "швили", "енко", "ко", "их", "ых", "ли", "си", "ни", "ди", "ти", "ри", "ви", "ми", "у", "ю", "о", "э") && !hasAnySuffix(l, "ову", "еву", "ину", "яну", "ану") {
		if strings.HasSuffix(l, "у") && runes(l) > 3 && endsConsonantBefore(l, 1) {
			// Indeclinable as it stands (Шойгу), or the accusative of a
			// name in -а (в Шушу): the lexicon or the batch decides.
			return []reduction{self, cut(w, w[len(w)-len("у"):], "а", false)}
		}
		return []reduction{self}
	}
	var out []reduction
	add := func(r reduction) {
		if runes(r.base) >= 2 {
			out = append(out, r)
		}
	}
	switch {
	case hasAnySuffix(l, "овым", "евым", "ёвым", "иным", "ыным"):
		add(cut(w, w[len(w)-len("ым"):], "", true))
	case hasAnySuffix(l, "ского", "скому", "ским", "ском"):
		for _, e := range []string{"ого", "ому", "им", "ом"} {
			if strings.HasSuffix(l, e) {
				add(cut(w, w[len(w)-len(e):], "ий", true))
				break
			}
		}
	case hasAnySuffix(l, "овой", "евой", "иной"):
		add(cut(w, w[len(w)-len("ой"):], "а", true))
	case hasAnySuffix(l, "ием", "ии", "ию", "ией"):
		for _, e := range []string{"ием", "ией", "ии", "ию"} {
			if strings.HasSuffix(l, e) {
				add(cut(w, w[len(w)-len(e):], "ий", e == "ием"))
				add(cut(w, w[len(w)-len(e):], "ия", e == "ией"))
				break
			}
		}
	case hasAnySuffix(l, "еем", "ею", "ея") && runes(l) > 4:
		e := l[len(l)-len("ем"):]
		if strings.HasSuffix(l, "ею") || strings.HasSuffix(l, "ея") {
			e = l[len(l)-len("ю"):]
		}
		add(cut(w, w[len(w)-len(e):], "й", strings.HasSuffix(l, "ем")))
	case hasAnySuffix(l, "ом", "ем") && endsConsonantBefore(l, 2):
		add(cut(w, w[len(w)-len("ом"):], "", true))
	case hasAnySuffix(l, "ой") && endsConsonantBefore(l, 2):
		add(cut(w, w[len(w)-len("ой"):], "а", false))
	case hasAnySuffix(l, "а", "у", "е") && endsConsonantBefore(l, 1):
		add(cut(w, w[len(w)-len("а"):], "", false))
		if strings.HasSuffix(l, "е") || strings.HasSuffix(l, "у") {
			add(cut(w, w[len(w)-len("е"):], "а", false)) // Шуше → Шуша
		}
	case hasAnySuffix(l, "ы") && endsConsonantBefore(l, 1):
		add(cut(w, w[len(w)-len("ы"):], "а", false))
	case hasAnySuffix(l, "и") && endsConsonantBefore(l, 1):
		add(cut(w, w[len(w)-len("и"):], "ь", false))
		add(cut(w, w[len(w)-len("и"):], "я", false))
	case hasAnySuffix(l, "я", "ю", "е") && strings.HasSuffix(l[:len(l)-2], "ь"):
		add(cut(w, w[len(w)-len("я"):], "", false))
	}
	// Stripping is the default only where the ending is unambiguous;
	// "Расулова" may be a woman's name as it stands.
	if len(out) > 0 && out[0].oblique {
		return append(out, self)
	}
	return append([]reduction{self}, out...)
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// endsConsonantBefore reports whether the rune before the last n runes of
// s is a Cyrillic consonant.
func endsConsonantBefore(s string, n int) bool {
	r := []rune(s)
	if len(r) <= n+1 {
		return false
	}
	return !strings.ContainsRune("аеёиоуыэюяйьъ", r[len(r)-n-1])
}

// turkic strips Azerbaijani and Turkish case endings, which follow vowel
// harmony: comitative -la/-lə (-yla after vowels), locative -da/-də,
// ablative -dan/-dən, genitive -(n)ın, dative -(y)a/-ə, accusative -(n)ı.
// Turkish writes an apostrophe before them on names: Aliyev'in.
type turkic struct{}

// turkicEndings go from long to short so the longest ending is tried first.
var turkicEndings = [...]struct {
	ending  string
	oblique bool
}{
	{"ylə", true}, {"yla", true}, {"dan", true}, {"dən", true}, {"tan", true}, {"tən", true},
	{"nın", true}, {"nin", true}, {"nun", true}, {"nün", true},
	{"la", true}, {"lə", true}, {"da", true}, {"də", true}, {"ta", true}, {"tə", true},
	{"ya", false}, {"yə", false}, {"nı", false}, {"ni", false}, {"nu", false}, {"nü", false},
	{"ın", false}, {"in", false}, {"un", false}, {"ün", false},
	{"a", false}, {"ə", false}, {"ı", false}, {"i", false}, {"u", false}, {"ü", false},
}

func (turkic) reductions(w string) []reduction {
	if i := strings.IndexAny(w, "'’"); i > 0 {
		return []reduction{{base: w[:i], suffix: w[i:], oblique: true}}
	}
	self := reduction{base: w}
	var out []reduction
	l := strings.ToLower(w)
	for _, e := range turkicEndings {
		if strings.HasSuffix(l, e.ending) && runes(l)-runes(e.ending) >= 3 {
			out = append(out, cut(w, w[len(w)-len(e.ending):], "", e.oblique))
		}
	}
	if len(out) > 0 && out[0].oblique {
		return append(out, self)
	}
	return append([]reduction{self}, out...)
}

// possessive strips the English possessive and leaves the rest.
type possessive struct{}

func (possessive) reductions(w string) []reduction {
	for _, e := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, e) && len(w) > len(e)+1 {
			return []reduction{cut(w, e, "", true)}
		}
	}
	return []reduction{{base: w}}
}

// german adds to the English possessive the genitive -s that German
// writes without an apostrophe: "Tokajews Regierung". The word as it stands
// comes first; the batch decides whether the -s is an ending (Tokajew is
// known) or part of the name (Dallas).
type german struct{}

func (german) reductions(w string) []reduction {
	if r := (possessive{}).reductions(w); r[0].base != w {
		return r
	}
	self := reduction{base: w}
	if strings.HasSuffix(w, "s") && !hasAnySuffix(w, "ss", "ß", "x", "z") && runes(w) >= 5 {
		return []reduction{self, cut(w, "s", "", false)}
	}
	return []reduction{self}
}

// armenian strips the article -ը/-ն and the case endings -ի, -ից, -ում,
// -ով, -ին that Armenian adds to names: Երևանում → Երևան.
type armenian struct{}

func (armenian) reductions(w string) []reduction {
	self := reduction{base: w}
	var out []reduction
	for _, e := range []struct {
		ending  string
		oblique bool
	}{{"ում", true}, {"ից", true}, {"ին", false}, {"ով", false}, {"ի", false}, {"ը", true}, {"ն", false}} {
		if strings.HasSuffix(w, e.ending) && runes(w)-runes(e.ending) >= 3 {
			out = append(out, cut(w, e.ending, "", e.oblique))
		}
	}
	if len(out) > 0 && out[0].oblique {
		return append(out, self)
	}
	return append([]reduction{self}, out...)
}

// arabicScript handles Persian and Arabic: the ezafe is mostly unwritten,
// but after a long vowel it shows as ی (باکوی).
type arabicScript struct{ lang string }

func (a arabicScript) reductions(w string) []reduction {
	out := []reduction{{base: w}}
	if strings.HasSuffix(w, "وی") || strings.HasSuffix(w, "ای") {
		out = append(out, cut(w, "ی", "", false))
	}
	if strings.HasSuffix(w, "\u200cی") {
		out = append(out, cut(w, "\u200cی", "", true))
	}
	return out
}
