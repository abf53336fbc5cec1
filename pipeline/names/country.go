package names

import "strings"

// CountryTest returns a function that reports whether a phrase in
// language lang names a country or a sea as the stage's gazetteer knows
// them, case endings included ("России", "Azərbaycanda"): the names the
// stage recognises only to leave out of the index. Evaluations use it to
// leave such spans neutral.
func CountryTest() (func(lang, phrase string) bool, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return func(lang, phrase string) bool {
		words := tokenize(phrase)
		if len(words) == 0 {
			return false
		}
		if p, ok := lx.places[joinFolded(words)]; ok {
			return p.kind == kindCountry || p.kind == kindWater
		}
		// Only the last word of a phrase inflects in most languages here;
		// Russian inflects each, so try both.
		parts := make([]string, len(words))
		for i, w := range words {
			parts[i] = w.folded()
		}
		last := len(words) - 1
		for _, r := range reductionsOf(lang, words[last].text) {
			parts[last] = fold(r.base)
			if p, ok := lx.places[strings.Join(parts, " ")]; ok {
				return p.kind == kindCountry || p.kind == kindWater
			}
		}
		for i, w := range words {
			if rs := reductionsOf(lang, w.text); len(rs) > 0 {
				parts[i] = fold(rs[0].base)
			}
		}
		p := lx.places[strings.Join(parts, " ")]
		return p.kind == kindCountry || p.kind == kindWater
	}, nil
}

// reductionsOf lists the base forms a word may have in lang, the word
// itself among them.
func reductionsOf(lang, w string) []reduction {
	g := grammarFor(lang, scriptOf(w))
	if g == nil {
		return []reduction{{base: w}}
	}
	return append(g.reductions(w), reduction{base: w})
}
