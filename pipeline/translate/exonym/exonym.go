// Package exonym knows the usual names of well-known places in other
// languages: Teherán, Bakú, Ereván and Moscú for Spanish readers, where
// a translation that keeps the English name reads as foreign.
//
// The table, places.tsv, is generated from the Unicode CLDR's names of
// countries, regions and time-zone cities by internal/gen; see there for
// the source and its licence. Start with Name.
package exonym

import (
	_ "embed"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed places.tsv
var placesTSV string

// table maps a language and an English place name to its usual name. It
// is built once, on first use, and never changed after.
var table = sync.OnceValue(func() map[string]map[string]string {
	t := map[string]map[string]string{}
	ambiguous := map[string]bool{}
	for _, line := range strings.Split(placesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		lang, en, local := f[0], f[1], f[2]
		if t[lang] == nil {
			t[lang] = map[string]string{}
		}
		key := lang + "\t" + en
		if old, ok := t[lang][en]; ok && old != local {
			// Two places of one English name with different names
			// here: no way to tell which is meant.
			ambiguous[key] = true
		}
		t[lang][en] = local
	}
	for key := range ambiguous {
		lang, en, _ := strings.Cut(key, "\t")
		delete(t[lang], en)
	}
	return t
})

// Name returns the usual name in language to (a BCP 47 tag; its base
// language counts) of the place whose English name is name, if the table
// has one that differs from it.
func Name(name, to string) (string, bool) {
	tag, err := language.Parse(to)
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	local, ok := table()[base.String()][name]
	return local, ok
}

// Languages lists the target languages the table covers.
func Languages() []string {
	var langs []string
	for lang := range table() {
		langs = append(langs, lang)
	}
	return langs
}
