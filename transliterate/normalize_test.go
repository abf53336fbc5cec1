package transliterate

import (
	"testing"

	"golang.org/x/text/transform"
)

// normalize skips the Normalizer chain for text it would not change; the
// result must be the chain's on every kind of input.
func TestNormalizeShortcut(t *testing.T) {
	inputs := []string{
		"Ilham Aliyev", "İlham Əliyev", "Ильхам Алиев", "الهام علیاف", "إلهام علييف",
		"خامنه‌ای", "مُحَمَّد", "ﻣﺤﻤﺪ", "Ｉｌｈａｍ", "ﬁnn", "Ali\u200dAkbar", "soft\u00adhyphen",
		"\u202bعلی\u202c", "Mu\u0308ller", "Müller", "Ստեփանակերտ", "Σωκράτης", "ـعلیـ", "", "a\xffb",
	}
	for _, s := range inputs {
		want, _, err := transform.String(Normalizer(), s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := normalize(s); got != want {
			t.Errorf("normalize(%q) = %q, the Normalizer gives %q", s, got, want)
		}
	}
}
