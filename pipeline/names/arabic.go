package names

import "strings"

// Persian and Arabic write no capitals, so names are found by their cues:
// a title or role before them ("آقای", "رئیس‌جمهور", "به نام"), a place cue
// ("شهر قم"), a surname ending (-اف, -زاده), a known given name opening a
// short line (a byline), a gazetteer entry, and, in a second pass, the
// names the other articles of the batch have confirmed.

// arabicCandidates finds the cued candidates of a unit in Arabic script.
func (f *finder) arabicCandidates(u *unit) []*candidate {
	words := u.words
	var out []*candidate
	taken := make([]bool, len(words))
	take := func(c *candidate, a, b int) {
		for j := a; j < b; j++ {
			taken[j] = true
		}
		out = append(out, c)
	}
	free := func(a, b int) bool {
		for j := a; j < b; j++ {
			if j >= len(words) || taken[j] {
				return false
			}
		}
		return true
	}
	// Titles are not names, whatever follows them: "وزیر امور خارجه".
	// Nor are the field nouns of a role ("وزیر انرژی", "سازمان برنامه و
	// بودجه"); a name after a person's role is cued by it.
	afterRole := make([]bool, len(words)+1)
	for i := 0; i < len(words); i++ {
		n := phraseAt(f.lx.titles, words, i)
		if r := f.roleAt(words, i); r > n {
			n = r
			afterRole[i+n] = f.lx.titles[words[i].folded()]
		}
		if n > 1 {
			for j := i; j < i+n; j++ {
				taken[j] = true
			}
			i += n - 1
		}
	}
	// Gazetteer phrases first, longest first, so "جمهوری آذربایجان" is
	// one country and "دریای خزر" one sea.
	for i := range words {
		for n := maxPhrase; n >= 1; n-- {
			if i+n > len(words) || !free(i, i+n) {
				continue
			}
			if !phraseJoined(words[i:i+n]) || !f.lx.places[joinFolded(words[i:i+n])].isSet() && (n > 1 || runes(words[i].text) < 3) {
				continue // only single words may carry an ending: "باکوی"
			}
			c := f.newCandidate(u, i, i+n)
			p := f.gazetteer(c)
			if p.kind == "" {
				continue
			}
			if p.kind == kindCountry || p.kind == kindWater {
				for j := i; j < i+n; j++ {
					taken[j] = true
				}
				break
			}
			c.kind, c.ev = KindPlace, cued
			take(c, i, i+n)
			break
		}
	}
	for i := 0; i < len(words); i++ {
		if taken[i] || f.plainWord(words[i]) {
			continue
		}
		joined := joinedBySpace(words[i].gap)
		switch {
		case i > 0 && joined && phraseBefore(f.lx.placeBefore, words, i) > 0:
			c := f.newCandidate(u, i, i+1)
			c.kind, c.ev = KindPlace, cued
			take(c, i, i+1)
		case i > 0 && joined && (phraseBefore(f.lx.titles, words, i) > 0 || afterRole[i]):
			n := f.arabicNameLength(u, i, true)
			if n == 1 && i+1 < len(words) && isLightVerb(words[i+1].text) {
				continue // "از وزیر انتقاد کرد": a noun of a compound verb, not a name
			}
			c := f.newCandidate(u, i, i+n)
			c.kind, c.ev, c.titled = KindPerson, cued, phraseBefore(f.lx.titles, words, i) > 0 && hasSurnameEnding(words[i+n-1].text)
			take(c, i, i+n)
			i += n - 1
		case f.lx.given[words[i].folded()]:
			n := f.arabicNameLength(u, i, false)
			if n < 2 {
				continue
			}
			c := f.newCandidate(u, i, i+n)
			c.kind, c.ev = KindPerson, cued
			take(c, i, i+n)
			i += n - 1
		case hasSurnameEnding(words[i].text) && runes(words[i].folded()) >= 5 && !f.demonym(words[i].text):
			if i+1 < len(words) && joinedBySpace(words[i+1].gap) && isLightVerb(words[i+1].text) {
				continue // "پایان می‌دهد": -یان ends a noun of a compound verb here
			}
			a := i
			if i > 0 && !taken[i-1] && joinedBySpace(words[i].gap) && !f.plainWord(words[i-1]) && phraseBefore(f.lx.titles, words, i) == 0 {
				a = i - 1
			}
			c := f.newCandidate(u, a, i+1)
			c.kind, c.ev = KindPerson, cued
			take(c, a, i+1)
		}
	}
	return out
}

// arabicNameLength says how many words from i make a name: the first
// always; a second when it is not a plain word and either carries a
// surname ending or follows a given name or a title; a third only when it
// carries a surname ending.
func (f *finder) arabicNameLength(u *unit, i int, afterTitle bool) int {
	words := u.words
	next := func(j int) bool {
		return j < len(words) && joinedBySpace(words[j].gap) && (!f.plainWord(words[j]) || f.givenNotWord(words[j].text)) && phraseAt(f.lx.titles, words, j) == 0 && !isLightVerb(words[j].text)
	}
	// A given name may take two words: "عبد الكريم", "عبد الله" (the
	// servant of one of God's names), or two given names in a row, "حميد
	// رضا"; a surname may then follow without an ending that marks it.
	given := f.lx.given[words[i].folded()]
	g := 1
	switch {
	case isAbd(words[i].text) && next(i+1) && strings.HasPrefix(words[i+1].text, "ال"):
		g, given = 2, true
	case given && next(i+1) && f.lx.given[words[i+1].folded()]:
		g = 2
	}
	if g == 2 {
		if next(i+2) && !f.lx.given[words[i+2].folded()] && (afterTitle || given) {
			return 3
		}
		return 2
	}
	n := 1
	if !next(i + 1) {
		return n
	}
	second := words[i+1].text
	shortLine := len(words) <= 4
	switch {
	case hasSurnameEnding(second), f.lx.given[fold(second)]:
		n = 2
	case afterTitle && given:
		n = 2
	case shortLine:
		n = 2 // a byline: "ابراهیم رمضانی"
	default:
		return n
	}
	if next(i+2) && hasSurnameEnding(words[i+2].text) {
		n = 3
	}
	return n
}

// isAbd reports whether w is "عبد", the first half of a two-word given name.
func isAbd(w string) bool { return w == "عبد" }

// isLightVerb reports whether w is a form of a Persian light verb, the
// verb of a compound ("انتقاد کرد", "پایان می‌دهد", "تصمیم نمی‌گیرند");
// the word right before one is its noun, not a name. A form is an
// optional prefix (می‌, نمی‌, ب, ن), a past or present stem and a person
// ending; a present stem needs a prefix or an ending, so the bare stems
// "ده" (ten) and "دار" (gallows) do not count.
func isLightVerb(w string) bool {
	k := fold(w) // drops the joiner: "می‌دهد" is "میدهد"
	for _, p := range [...]string{"نمی", "می", "ن", "ب"} {
		if rest, ok := strings.CutPrefix(k, p); ok && lightVerbForm(rest, true) {
			return true
		}
	}
	return lightVerbForm(k, false)
}

// lightVerbForm reports whether k is a light-verb stem with a person
// ending, or a past participle ("کرده", "کرده‌اند").
func lightVerbForm(k string, prefixed bool) bool {
	for _, stem := range pastLightStems {
		rest, ok := strings.CutPrefix(k, stem)
		if !ok {
			continue
		}
		switch rest {
		case "", "م", "یم", "ید", "ند", "ه", "هاست", "هاند", "هام":
			return true
		case "ی":
			return prefixed // "کردی" alone is also "Kurdish"
		}
	}
	for _, stem := range presentLightStems {
		rest, ok := strings.CutPrefix(k, stem)
		if !ok {
			continue
		}
		switch rest {
		case "م", "د", "یم", "ید", "ند":
			return true
		case "ی", "":
			return prefixed
		}
	}
	return false
}

// pastLightStems and presentLightStems are the stems of the common
// Persian light verbs: کردن, شدن, دادن, زدن, گرفتن, داشتن, نمودن, ساختن,
// آوردن, خوردن, یافتن, گشتن, دیدن, کشیدن.
var (
	pastLightStems    = [...]string{"کرد", "شد", "داد", "زد", "گرفت", "داشت", "نمود", "ساخت", "آورد", "خورد", "یافت", "گشت", "دید", "کشید"}
	presentLightStems = [...]string{"کن", "شو", "ده", "زن", "گیر", "دار", "نما", "ساز", "آور", "خور", "یاب", "گرد", "بین", "کش"}
)

// roleAt returns how many words of a Persian role start at word i: a
// head and one or more field nouns, joined by "و" or a comma ("وزارت
// صنعت، معدن و تجارت"); 0 when no role starts there.
func (f *finder) roleAt(words []word, i int) int {
	if !f.roleWord(f.lx.roleHeads, words[i].text) {
		return 0
	}
	end := 0
	for j := i + 1; j < len(words); {
		if gap := strings.TrimSpace(words[j].gap); gap != "" && gap != "،" && gap != "," {
			break
		}
		switch {
		case f.roleWord(f.lx.roleFields, words[j].text):
			j++
		case words[j].folded() == "و" && j+1 < len(words) && joinedBySpace(words[j+1].gap) && f.roleWord(f.lx.roleFields, words[j+1].text):
			j += 2
		default:
			j = len(words)
			continue
		}
		end = j
	}
	if end == 0 {
		return 0
	}
	return end - i
}

// roleWord reports whether w, or w without the ezafe it may carry
// ("نیروی", "اداره‌ی"), is in set.
func (f *finder) roleWord(set map[string]bool, w string) bool {
	k := fold(w)
	if set[k] {
		return true
	}
	for _, ezafe := range [...]string{"ی", "\u0654"} {
		if base, ok := strings.CutSuffix(k, ezafe); ok && set[base] {
			return true
		}
	}
	return false
}

// plainWord reports whether a word cannot be part of a name: a stopword,
// an organization word, a title, or a number.
func (f *finder) plainWord(w word) bool {
	k := w.folded()
	if f.lx.stopwords[k] || f.lx.orgwords[k] || f.lx.titles[k] || f.lx.placeBefore[k] {
		return true
	}
	for _, r := range w.text {
		if r >= '0' && r <= '9' || r >= '۰' && r <= '۹' || r >= '٠' && r <= '٩' {
			return true
		}
	}
	return false
}

func phraseJoined(ws []word) bool {
	for _, w := range ws[1:] {
		if !joinedBySpace(w.gap) {
			return false
		}
	}
	return true
}

// givenNotWord reports whether w is a given name that folding confuses
// with a function word: "علي" (Ali) folds like "على" (on), but is written
// with a dotted or Persian yeh, never with alef maksura.
func (f *finder) givenNotWord(w string) bool {
	return f.lx.given[fold(w)] && (strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "ی"))
}
