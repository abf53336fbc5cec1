package transliterate

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Canonical returns the spelling to show for one entity's variants;
// counts[i] is how often variants[i] was seen (missing counts are 1).
//
// The most common Latin spelling wins, spellings that differ only in case
// or spacing counted together. Ties go to English press style: plain
// ASCII over letters with diacritics (Aghazadeh over Ağazadə), kh/sh/zadeh
// over x/ş/zade, none of the German habits (sch, -ow, -jan), then to the
// spelling closest to the others (so a typo loses), then alphabetically.
// With no Latin spelling, the most common variant is romanized and
// capitalized (Ильхам Алиев → Ilkham Aliyev).
func Canonical(variants []string, counts []int) string {
	return New().Canonical(variants, counts)
}

// Canonical is the package function Canonical with m's tables.
func (m *Matcher) Canonical(variants []string, counts []int) string {
	m = m.ready()
	type cand struct {
		text    string
		count   int
		latin   bool
		press   float64
		central float64
	}
	byKey := map[string]*cand{}
	var order []*cand
	for i, v := range variants {
		c := 1
		if i < len(counts) {
			c = counts[i]
		}
		text := tidy(v)
		if text == "" {
			continue
		}
		k := aliasKey(text)
		if k == "" {
			continue
		}
		if old, ok := byKey[k]; ok {
			old.count += c
			if betterCase(text, old.text) {
				old.text = text
			}
			continue
		}
		cd := &cand{text: text, count: c, latin: isLatinText(text)}
		byKey[k] = cd
		order = append(order, cd)
	}
	if len(order) == 0 {
		return ""
	}
	var latin []*cand
	for _, c := range order {
		if c.latin {
			latin = append(latin, c)
		}
	}
	if len(latin) == 0 {
		sort.SliceStable(order, func(i, j int) bool {
			if order[i].count != order[j].count {
				return order[i].count > order[j].count
			}
			return scriptRank(order[i].text) < scriptRank(order[j].text)
		})
		return pressRomanize(order[0].text)
	}
	// Centrality: how close the spelling is to the others' romanizations,
	// weighted by their counts, so the consensus spelling wins a tie and a
	// typo or a French "ou" loses.
	roman := make([]string, len(order))
	firsts := make([][]token, len(order))
	for i, c := range order {
		roman[i] = Romanize(c.text)
		if ts := m.parse(c.text); len(ts) > 1 {
			firsts[i] = ts[:1]
		}
	}
	for ci, c := range order {
		if !c.latin {
			continue
		}
		c.press = pressStyle(c.text)
		for j, o := range order {
			if j == ci {
				continue
			}
			s := stringSimilarity(roman[ci], roman[j])
			// Agreeing on which part comes first also counts: most
			// sources put the given name first.
			if firsts[ci] != nil && firsts[j] != nil {
				if fs, _ := m.tokenSim(firsts[ci][0], firsts[j][0]); fs >= TokenThreshold {
					s += 0.5
				}
			}
			c.central += s * float64(o.count)
		}
	}
	sort.SliceStable(latin, func(i, j int) bool {
		a, b := latin[i], latin[j]
		switch {
		case a.count != b.count:
			return a.count > b.count
		case a.press != b.press:
			return a.press > b.press
		case a.central != b.central:
			return a.central > b.central
		}
		return a.text < b.text
	})
	return capitalizeIfFlat(latin[0].text)
}

// tidy trims a spelling and collapses its spaces.
func tidy(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

func isLatinText(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// betterCase prefers "Ilham Aliyev" to "ILHAM ALIYEV" or "ilham aliyev".
func betterCase(a, b string) bool { return caseRank(a) > caseRank(b) }

func caseRank(s string) int {
	words := strings.Fields(s)
	rank := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && strings.ToUpper(w) != w {
			rank++
		}
	}
	return rank
}

// pressStyle scores how close a Latin spelling is to English press
// habits for the region's names.
func pressStyle(s string) float64 {
	score := 0.0
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		score += 2
	}
	l := strings.ToLower(s)
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '-' }) {
		switch {
		case strings.Contains(w, "sch"), strings.HasSuffix(w, "ow"), strings.HasSuffix(w, "ew"),
			strings.HasSuffix(w, "jan"), strings.Contains(w, "dj"), strings.HasSuffix(w, "owa"),
			strings.HasSuffix(w, "ewa"):
			score--
		}
		if strings.HasSuffix(w, "zadeh") {
			score += 0.5
		}
		if strings.Contains(w, "x") && ascii {
			score -= 0.5 // Azerbaijani x read as English x
		}
		if strings.HasSuffix(w, "ff") {
			score--
		}
	}
	return score
}

// scriptRank orders scripts by how well their romanization reads when no
// Latin spelling exists: Cyrillic and Armenian write vowels, Arabic
// script does not.
func scriptRank(s string) int {
	for _, r := range s {
		switch scriptOf(r) {
		case scriptCyrillic:
			return 0
		case scriptArmenian, scriptGreek, scriptGeorgian:
			return 1
		case scriptArabic:
			return 2
		}
	}
	return 3
}

// pressRomanize romanizes a name and capitalizes each part.
func pressRomanize(s string) string {
	return capitalizeWords(Romanize(s))
}

func capitalizeWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			r, n := utf8.DecodeRuneInString(p)
			if n > 0 {
				parts[j] = string(unicode.ToUpper(r)) + p[n:]
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// capitalizeIfFlat capitalizes a spelling written all in lower or all in
// upper case, and leaves deliberate casing (McDonald, al-Assad) alone.
func capitalizeIfFlat(s string) string {
	if s != strings.ToLower(s) && s != strings.ToUpper(s) {
		return s
	}
	var words []string
	for _, w := range strings.Fields(s) {
		words = append(words, lowerToken(w))
	}
	return capitalizeWords(strings.Join(words, " "))
}

// stringSimilarity is 1 minus the Levenshtein distance over the longer
// length, on runes.
func stringSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}
