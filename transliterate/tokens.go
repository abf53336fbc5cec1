package transliterate

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A suffix is a surname ending that conventions spell differently but
// mean the same by: -ov/-ev/-of/-ow/-jew, -zadeh/-zade/-zadə,
// -yan/-ian/-jan, -li/-lı/-lu. -ova keeps its own kind: it marks a woman.
type suffix uint8

const (
	noSuffix suffix = iota
	suffixOv
	suffixOva
	suffixZade
	suffixYan
	suffixLi
)

var suffixNames = [...]string{"", "ov", "ova", "zade", "yan", "li"}

// suffixRule finds an ending in a lower-case token of one script; the
// first group is the stem.
type suffixRule struct {
	kind suffix
	re   *regexp.Regexp
}

// suffixRules per script. Stems keep two or three letters so that short
// given names (Aref, Ali, Yan) are not read as endings.
type suffixRules map[script][]suffixRule

func newSuffixRules() suffixRules {
	r := func(kind suffix, expr string) suffixRule { return suffixRule{kind, regexp.MustCompile(expr)} }
	return suffixRules{
		scriptLatin: {
			r(suffixOva, `^(.{3,}?)[yj]?[oeəö][vw]a$`),
			r(suffixOv, `^(.{3,}?)[yj]?[oeəö](?:v|w|ff|f)$`),
			r(suffixZade, `^(.{2,}?)-?[zs]ad(?:eh|e|ə|a|ah|h)$`),
			r(suffixYan, `^(.{3,}?)[yij]an$`),
			r(suffixLi, `^(.{2,}[^aeiouəıöüy])l[iıuüy]$`),
		},
		scriptCyrillic: {
			r(suffixOva, `^(.{3,}?)(?:ова|ева|ёва|ьева|ьёва)$`),
			r(suffixOv, `^(.{3,}?)(?:ов|ев|ёв|оф|ьев)$`),
			r(suffixZade, `^(.{2,}?)-?заде$`),
			r(suffixYan, `^(.{3,}?)(?:ян|иан|ьян|йан)$`),
			r(suffixLi, `^(.{2,}[^аеёиоуыэюяә])л[иыуү]$`),
		},
		scriptArabic: {
			r(suffixOva, `^(.{2,}?)(?:یوا|اوا|ووا)$`),
			r(suffixOv, `^(?:(.{2,}?)(?:اوف|یاف|ایف|ییف|اف)|(.{3,}?)وف)$`),
			r(suffixZade, `^(.{2,}?)زاده$`),
			r(suffixYan, `^(.{2,}?)یان$`),
			r(suffixLi, `^(.{2,}[^اوی])لو$`),
		},
		scriptArmenian: {
			r(suffixOva, `^(.{2,}?)(?:ովա|եվա)$`),
			r(suffixOv, `^(.{2,}?)(?:և|եւ|ով|եվ)$`),
			r(suffixZade, `^(.{2,}?)զադե$`),
			r(suffixYan, `^(.{2,}?)(?:յան|եան)$`),
		},
	}
}

// A token is one part of a name read as sounds.
type token struct {
	text    string // lower case, normalized
	full    []sym
	stem    []sym // full without the suffix
	suffix  suffix
	abjad   bool   // written in Arabic script: short vowels left out
	initial bool   // a single letter standing for a name
	alt     *token // another reading: without the Arabic article
	// conv are the readings of a Latin word by each orthography that
	// claims it (see orthography), whole words without a surname ending.
	conv   []token
	weight float64 // symWeight(full), kept for scoring many pairs
}

// honorifics are titles and religious or social ranks that do not name
// the person; they are set aside when other tokens remain. Lower case,
// normalized (ZWNJ removed).
var honorifics = setOf(
	"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "gen", "general", "president",
	"seyyed", "seyed", "sayyed", "sayyid", "seyid", "sayed", "syed", "sayyad",
	"haji", "hajji", "hadji", "hacı", "haci", "hajj", "ayatollah", "ayatullah",
	"hojatoleslam", "hojjatoleslam", "sheikh", "shaikh", "sheykh", "şeyx", "şeyh",
	"mullah", "imam", "cənab", "bəy", "bey", "xanım", "hanım", "paşa", "pasha",
	"сейид", "сеид", "сейед", "сейит", "гаджи", "хаджи", "шейх", "аятолла", "господин", "г-н",
	"سید", "حاج", "حاجی", "آیتالله", "حجتالاسلام", "شیخ", "آقای", "خانم", "دکتر", "سردار",
	"مهندس", "سيد", "پارون", "պարոն", "տիկին",
)

// patronymicMarkers follow the father's name in Azerbaijani and Turkic
// full names (İlham Heydər oğlu Əliyev): marker and father's name go.
var patronymicMarkers = setOf(
	"oğlu", "oglu", "ogly", "oghlu", "ogli", "oğli", "uulu", "qızı", "qizi", "gizi", "kyzy", "kizi", "qyzy",
	"оглы", "оглу", "огли", "гызы", "кызы", "кизи", "қызы", "uly", "улы",
	"اوغلو", "اوغلی", "قیزی", "قزی",
)

// connectors join parts of Arabic names without naming anyone: bin, ibn,
// and a detached article al-, el-.
var connectors = setOf("bin", "ibn", "ben", "bint", "бин", "ибн", "бен", "بن", "ابن", "بنت",
	"al", "el", "ul", "ad", "ar", "as", "ash", "at", "an", "az", "ال", "аль", "ас", "эль", "ад")

// abdPrefixes begin compound Arabic given names, "servant of" one of the
// names of God (Abdel Fattah, Abd al-Fattah, عبد الفتاح, Абдель Фаттах),
// which some spellings write apart and others as one word.
var abdPrefixes = setOf("abd", "abdel", "abdul", "abdol", "abdal", "abdu", "abdoul", "əbd", "əbdül",
	"абд", "абдель", "абдул", "абдал", "عبد")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// russianPatronymic matches -ovich, -evna and the like, in Cyrillic and
// Latin; such tokens go only from names of three or more parts, since
// Balkan surnames end the same way.
var russianPatronymic = regexp.MustCompile(`^(?:.{2,}(?:ович|евич|овна|евна|ична|ьич|івна|ївна|йович|івич|авіч|евіч|эвіч|аўна|еўна|аўнa)|.{2,}(?:ovich|evich|ovna|evna|ovič|evič|ichna|ivna|ovych|yovych|avich|avič|aŭna|eŭna))$`)

// givenTitles come before a given name and are titles only in a name of
// three or more words (Mirzə Ələkbər Sabir is Ələkbər Sabir), since alone
// with a surname they are the given name (Mirza Ibrahimov).
var givenTitles = setOf("mirza", "mirzə", "mirzä", "мирза", "میرزا")

// lowerTitles follow a given name as a title when written in lower case
// (Hüseyn xan Naxçıvanski, Cəlil bəy); capitalized they are a surname
// (Imran Khan).
var lowerTitles = setOf("xan", "khan", "хан", "bəy", "bey", "бек", "бей", "ağa", "aga", "agha", "ага", "xanım", "khanum", "ханум")

// splitName cuts a normalized name into raw tokens, dropping bracketed
// asides, digits and punctuation. A hyphen or space separates tokens.
func splitName(s string) []string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '{':
			depth++
			b.WriteRune(' ')
		case r == ')' || r == ']' || r == '}':
			if depth > 0 {
				depth--
			}
			b.WriteRune(' ')
		case depth > 0:
		case r == 0x200C:
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		case r == '\'' || r == 'ʼ' || r == 'ʻ' || r == '’' || r == 'ʿ' || r == 'ʾ' || r == '`':
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	var out []string
	for _, f := range strings.Fields(b.String()) {
		// ZWNJ separates a word's parts; a patronymic ending after it is
		// part of a surname (چاووش‌اوغلو, Çavuşoğlu), not a patronymic,
		// and so is -yan (پطروس‌یان).
		parts := strings.Split(f, "\u200c")
		for i, p := range parts {
			p = strings.Trim(p, "'ʼʻ’`")
			switch {
			case p == "":
			case i > 0 && len(out) > 0 && (patronymicMarkers[p] || p == "یان" || p == "يان"):
				out[len(out)-1] += p
			default:
				out = append(out, p)
			}
		}
	}
	return out
}

// MaxWordLen and MaxNameWords bound what is read as a name. A word of
// more than MaxWordLen letters is not part of a name (the longest place
// names run to 58), and a text of more than MaxNameWords words, as
// written, honorifics and patronymics included, is not one name: it has
// no Keys or Tokens, matches nothing and joins no cluster. The bounds
// keep Keys, Match and a Clusterer's work per name constant, whatever
// text a detector or a user passes them.
const (
	MaxWordLen   = 64
	MaxNameWords = 16
)

// nameWords turns a name into its lower-case words with honorifics,
// patronymics and connectors set aside; nil if it is too long to be a
// name (MaxWordLen, MaxNameWords).
func nameWords(name string) []string {
	raw := splitName(normalize(name))
	if len(raw) > MaxNameWords {
		return nil
	}
	for _, w := range raw {
		if utf8.RuneCountInString(w) > MaxWordLen {
			return nil
		}
	}
	words := make([]string, 0, len(raw))
	lowerAsWritten := make([]bool, 0, len(raw))
	for _, w := range raw {
		l := lowerToken(w)
		// A surname ending written apart (علی اف, Jafar zadeh) belongs to
		// the word before it, before titles are looked for: حاجی‌اف is
		// Hajiyev, not the title حاجی.
		if bareSuffixes[l] && len(words) > 0 {
			words[len(words)-1] += l
			continue
		}
		words = append(words, l)
		lowerAsWritten = append(lowerAsWritten, l == w && hasCase(w))
	}
	if len(lowerAsWritten) == len(words) {
		// Before joinAbd changes the word count.
		for i, w := range words {
			if i > 0 && lowerAsWritten[i] && lowerTitles[w] {
				words[i] = "" // dropped below
			}
		}
	}
	words = slices.DeleteFunc(words, func(w string) bool { return w == "" })
	words = joinAbd(words)
	keep := make([]bool, len(words))
	for i := range keep {
		keep[i] = true
	}
	for i, w := range words {
		if patronymicMarkers[w] && i > 0 {
			keep[i], keep[i-1] = false, false
		}
	}
	count := func() int {
		n := 0
		for _, k := range keep {
			if k {
				n++
			}
		}
		return n
	}
	if count() >= 3 {
		for i, w := range words {
			if keep[i] && russianPatronymic.MatchString(w) && count() >= 3 {
				keep[i] = false
			}
		}
	}
	for i, w := range words {
		if keep[i] && (honorifics[w] || connectors[w]) && count() > 1 {
			keep[i] = false
		}
	}
	for i, w := range words {
		if keep[i] && givenTitles[w] && count() >= 3 {
			keep[i] = false
			break
		}
	}
	var out []string
	for i, w := range words {
		if keep[i] {
			out = append(out, w)
		}
	}
	return out
}

// hasCase reports a letter with an upper- and lower-case form, so that
// being written in lower case means something.
func hasCase(w string) bool {
	for _, r := range w {
		if unicode.ToUpper(r) != unicode.ToLower(r) {
			return true
		}
	}
	return false
}

// bareSuffixes are surname endings that Persian writes detached, after a
// space or ZWNJ, and that some Latin spellings detach too. Not یان: alone
// it is a name (Jan, Yan, Ian), and -yan is written joined or after a ZWNJ.
var bareSuffixes = setOf("اف", "اوف", "وف", "یف", "ایف", "زاده", "اوا", "یوا", "zadeh", "zade", "zadə", "заде")

// joinAbd writes compound Arabic given names as one word, together with
// a detached article: Abd al-Fattah → abdalfattah.
func joinAbd(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if abdPrefixes[w] && i+1 < len(words) {
			if connectors[words[i+1]] && i+2 < len(words) {
				w += words[i+1] + words[i+2]
				i += 2
			} else {
				w += words[i+1]
				i++
			}
		}
		out = append(out, w)
	}
	return out
}

// reader turns words into tokens. It holds the compiled suffix rules, so
// build one per Matcher and share it.
type reader struct {
	suffixes suffixRules
	orths    []*orthography
}

func newReader() *reader { return &reader{suffixes: newSuffixRules(), orths: newOrthographies()} }

// token reads one word; turkic says the name it is part of is written in
// Azerbaijani or Turkish Latin (Baxtiyar in Baxtiyar Ağazadə).
func (rd *reader) token(w string, turkic bool) token {
	t := token{text: w}
	rs := runs(w)
	for _, r := range rs {
		t.full = append(t.full, parseRun(r, turkic)...)
		if r.script == scriptArabic {
			t.abjad = true
		}
	}
	if t.abjad {
		t.full = softenRepeats(t.full)
	} else {
		t.full = collapse(t.full)
	}
	t.stem = t.full
	if len(rs) == 1 {
		for _, rule := range rd.suffixes[rs[0].script] {
			m := rule.re.FindStringSubmatch(w)
			if m == nil {
				continue
			}
			stem := m[1]
			if stem == "" && len(m) > 2 {
				stem = m[2]
			}
			t.suffix = rule.kind
			t.stem = parseRun(scriptRun{rs[0].script, []rune(stem)}, turkic)
			if t.abjad {
				t.stem = softenRepeats(t.stem)
			} else {
				t.stem = collapse(t.stem)
			}
			break
		}
	}
	t.weight = float64(symWeight(t.full))
	t.initial = len([]rune(w)) == 1 && len(rs) == 1 && rs[0].script != scriptArabic
	if len(rs) == 1 && rs[0].script == scriptLatin && !t.initial && !turkic && !isTurkic(w) {
		for _, full := range rd.readings(w) {
			t.conv = append(t.conv, token{text: w, full: full, stem: full, weight: float64(symWeight(full))})
		}
	}
	// The Arabic article is written joined (الأسد, al-Assad, Асад), but
	// so are names that merely start with the same letters (الهام Elham):
	// keep both readings.
	if r := []rune(w); len(rs) == 1 && rs[0].script == scriptArabic && len(r) >= 4 && r[0] == 'ا' && r[1] == 'ل' {
		alt := rd.token(string(r[2:]), false)
		t.alt = &alt
	}
	return t
}

func parseRun(r scriptRun, turkic bool) []sym {
	switch r.script {
	case scriptLatin:
		return parseLatin(r.text, turkic || isTurkic(string(r.text)))
	case scriptCyrillic:
		return parseCyrillic(r.text)
	case scriptArabic:
		return parseArabic(r.text)
	case scriptArmenian:
		return parseArmenian(r.text)
	case scriptGreek:
		return parseGreek(r.text)
	case scriptGeorgian:
		return parseGeorgian(r.text)
	}
	out := make([]sym, 0, len(r.text))
	for _, c := range r.text {
		out = append(out, unknownLetter(c))
	}
	return out
}

// softenRepeats keeps both of two equal consonants in Arabic script,
// which writes a doubled consonant once (its shadda dropped), so that two
// equal letters are mostly two sounds with an unwritten vowel between
// them (بیشکک, Bishkek); but the second may go cheaply, for the article
// joined to a word that starts with its letter (عبدالله, Abdollah).
func softenRepeats(s []sym) []sym {
	out := make([]sym, 0, len(s))
	for i, x := range s {
		if i > 0 && s[i-1] == x && !x.isVowel() && !x.opt {
			x.gap = 0.3
		}
		out = append(out, x)
	}
	return out
}

// collapse merges a letter written twice into one (Hassan, Məmməd).
func collapse(s []sym) []sym {
	if len(s) < 2 {
		return s
	}
	out := s[:1:1]
	out = append([]sym(nil), out...)
	for _, x := range s[1:] {
		if last := out[len(out)-1]; last == x && !x.isVowel() {
			continue
		}
		out = append(out, x)
	}
	return out
}

// romanizeWord writes one lower-case word in comparable ASCII Latin;
// turkic says the name is written in Azerbaijani or Turkish Latin.
func romanizeWord(w string, turkic bool) string {
	var b strings.Builder
	for _, r := range runs(w) {
		switch r.script {
		case scriptLatin:
			b.WriteString(romanizeLatin(r.text, turkic || isTurkic(string(r.text))))
		case scriptCyrillic:
			b.WriteString(romanizeCyrillic(r.text))
		case scriptArabic:
			b.WriteString(romanizeArabicWord(r.text))
		case scriptArmenian:
			b.WriteString(romanizeArmenian(r.text))
		case scriptGreek:
			b.WriteString(romanizeGreek(r.text))
		case scriptGeorgian:
			b.WriteString(romanizeGeorgian(r.text))
		}
	}
	return b.String()
}

func anyTurkic(words []string) bool {
	for _, w := range words {
		if isTurkic(w) {
			return true
		}
	}
	return false
}

// Tokens splits a name into comparable tokens, honorifics and patronymics
// set aside: each token romanized, lower case ASCII, in the name's order.
func Tokens(name string) []string {
	words := nameWords(name)
	turkic := anyTurkic(words)
	out := make([]string, 0, len(words))
	for _, w := range words {
		if r := romanizeWord(w, turkic); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// Romanize returns the name's comparable Latin form (lower case, ASCII):
// its words romanized by script and joined by single spaces, a detached
// Persian surname ending joined to its word (رسول‌اف → rasulov).
// Honorifics and patronymics stay; only Tokens sets them aside.
func Romanize(s string) string {
	var raw []string
	for _, w := range splitName(normalize(s)) {
		w = lowerToken(w)
		if bareSuffixes[w] && len(raw) > 0 {
			raw[len(raw)-1] += w
			continue
		}
		raw = append(raw, w)
	}
	turkic := anyTurkic(raw)
	out := make([]string, 0, len(raw))
	for _, w := range raw {
		if r := romanizeWord(w, turkic); r != "" {
			out = append(out, r)
		}
	}
	return strings.Join(out, " ")
}
