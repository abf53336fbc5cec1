package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// langID numbers the languages whose features are also conjoined with
// the language; 0 is any other language, which gets only the shared
// features. Azerbaijani has no training data and borrows Turkish's.
func langID(lang string) byte {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch strings.ToLower(lang) {
	case "en":
		return 1
	case "ru":
		return 2
	case "uk":
		return 3
	case "tr", "az":
		return 4
	case "fa":
		return 5
	case "ar":
		return 6
	case "hy":
		return 7
	}
	return 0
}

// numLangs is the number of langID values.
const numLangs = 8

// fold is the form a word's lexical features read: NFC, lower case, ё as
// е, without ZWNJ, tatweel or Arabic vowel marks, with the Arabic and
// Persian spellings of alef, yeh, kaf and heh made one, and digits as
// ASCII digits. It makes the features blind to the differences between
// the corpora's spelling and the names stage's input.
func fold(w string) string {
	if !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r == '\u200c' || r == '\u200d' || r == '\u0640' || r >= '\u064b' && r <= '\u0652' || r == '\u0670':
			continue
		case r == 'İ':
			r = 'i'
		case r == 'ё' || r == 'Ё':
			r = 'е'
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ی' || r == 'ئ':
			r = 'ي'
		case r == 'ک':
			r = 'ك'
		case r == 'ۀ' || r == 'ە':
			r = 'ه'
		case r == '’' || r == 'ʼ':
			r = '\''
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// capClass sorts a word by its capitals: 0 no cased letter, 1 lower, 2
// capitalized, 3 all capitals (two letters or more), 4 mixed ("McCain",
// "iPhone"), 5 digits.
func capClass(w string) byte {
	first, _ := utf8.DecodeRuneInString(w)
	letters, uppers, lowers, digits := 0, 0, 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
			uppers++
		case unicode.IsLower(r):
			letters++
			lowers++
		case unicode.IsDigit(r):
			digits++
		}
	}
	switch {
	case letters == 0 && digits > 0:
		return 5
	case letters == 0:
		return 0
	case uppers == 0:
		return 1
	case uppers == letters && letters >= 2:
		return 3
	case unicode.IsUpper(first) && uppers == 1:
		return 2
	case unicode.IsUpper(first):
		return 4
	}
	return 4
}

// shape writes a word's letters as X, x (cased), a (uncased letter) and
// d, runs collapsed: "McCain" → "XxXx", "Bakı-2" → "Xx-d".
func shape(w string) string {
	var b []byte
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsLetter(r):
			c = 'a'
		case unicode.IsDigit(r):
			c = 'd'
		case r == '\u200c' || unicode.Is(unicode.Mn, r):
			continue
		default:
			c = '-'
		}
		if c != last {
			b = append(b, c)
			last = c
		}
		if len(b) >= 6 {
			break
		}
	}
	return string(b)
}

// scriptOf numbers a word's writing system.
func scriptOf(w string) byte {
	for _, r := range w {
		switch {
		case r < 0x80 && unicode.IsLetter(r), unicode.Is(unicode.Latin, r):
			return 1
		case unicode.Is(unicode.Cyrillic, r):
			return 2
		case unicode.Is(unicode.Arabic, r):
			return 3
		case unicode.Is(unicode.Armenian, r):
			return 4
		case unicode.IsLetter(r):
			return 5
		}
	}
	return 0
}

// stem strips what the names stage's inflection reduction would and what
// tokenization may leave attached: an apostrophe suffix ("Bakı'da",
// "Clinton's"), an Arabic or Persian clitic prefix (و، ب، ل، ف، ك, with or
// without ال), the Persian plural/ezafe tails after a ZWNJ. It returns ""
// when nothing was stripped.
func stem(f string) string {
	if i := strings.IndexByte(f, '\''); i > 0 {
		return f[:i]
	}
	if scriptOf(f) == 3 {
		s := f
		for _, p := range []string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"} {
			if strings.HasPrefix(s, p) && utf8.RuneCountInString(s)-utf8.RuneCountInString(p) >= 3 {
				s = s[len(p):]
				break
			}
		}
		if s != f {
			return s
		}
	}
	return ""
}

// A token is one word with the forms the features read.
type token struct {
	fold   string
	stem   string
	shape  string
	cap    byte
	scr    byte
	lex    lexClass
	approx byte // 1: lex matched a shortened form only
}

func runePrefix(s string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(s) {
			return s, false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i], i < len(s)
}

func runeSuffix(s string, n int) (string, bool) {
	i := len(s)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return s, false
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:], i > 0
}

// runeTrim returns s without its last n letters, if at least three
// remain.
func runeTrim(s string, n int) (string, bool) {
	p, ok := runeSuffix(s, n)
	if !ok || utf8.RuneCountInString(s)-utf8.RuneCountInString(p) < 3 {
		return "", false
	}
	return s[:len(s)-len(p)], true
}

// trigrams returns the letter trigrams of s that start after its first
// letter and end before its last (the edges have their own features), at
// most eight.
func trigrams(s string) []string {
	var at [16]int
	n := 0
	for i := range s {
		if n == len(at) {
			break
		}
		at[n] = i
		n++
	}
	var out []string
	for k := 1; k+3 < n && len(out) < 8; k++ {
		out = append(out, s[at[k]:at[k+3]])
	}
	return out
}

// hasher builds one feature's hash: FNV-1a over a template number, the
// language and the feature's strings.
type hasher uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHash(template, lang byte) hasher {
	h := hasher(fnvOffset)
	h = (h ^ hasher(template)) * fnvPrime
	h = (h ^ hasher(lang)) * fnvPrime
	return h
}

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

func (h hasher) b(c byte) hasher { return (h ^ hasher(c)) * fnvPrime }

func (h hasher) index(mask uint32) uint32 {
	x := uint64(h)
	x ^= x >> 29
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 32
	return uint32(x) & mask
}

var boundary = token{fold: "<s>", shape: "<s>", cap: 6}

// prepare computes the per-word forms of a sentence.
func prepare(words []string, lex Lexicon) []token {
	toks := make([]token, len(words))
	for i, w := range words {
		f := fold(w)
		t := token{fold: f, stem: stem(f), shape: shape(w), cap: capClass(w), scr: scriptOf(w)}
		if lex != nil {
			c, approx := lex.lookup(t.fold, t.stem)
			t.lex = c
			if approx {
				t.approx = 1
			}
		}
		toks[i] = t
	}
	return toks
}

// headline reports whether a sentence is set in capitals or title case,
// where capitals say nothing: most of its cased words (at least three)
// begin with a capital.
func headline(toks []token) bool {
	cased, upper := 0, 0
	for _, t := range toks {
		switch t.cap {
		case 1:
			cased++
		case 2, 3, 4:
			cased++
			upper++
		}
	}
	return cased >= 3 && upper*10 >= cased*8
}

// features appends the hashed features of word i to dst.
func features(dst []uint32, toks []token, i int, lang byte, head bool, mask uint32) []uint32 {
	at := func(j int) *token {
		if j < 0 || j >= len(toks) {
			return &boundary
		}
		return &toks[j]
	}
	t, p, n, p2, n2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
	var hb byte
	if head {
		hb = 1
	}
	pos := byte(0)
	switch {
	case i == 0:
		pos = 1
	case i == len(toks)-1:
		pos = 2
	}
	add := func(h hasher) { dst = append(dst, h.index(mask)) }
	// Both shared and conjoined with the language.
	for _, l := range []byte{0, lang} {
		add(newHash(1, l))
		add(newHash(2, l).str(t.shape))
		add(newHash(3, l).b(t.cap).b(pos).b(hb))
		add(newHash(4, l).str(p.shape).str(t.shape).str(n.shape))
		add(newHash(5, l).b(p.cap).b(t.cap).b(n.cap).b(hb))
		s3, _ := runeSuffix(t.fold, 3)
		add(newHash(6, l).str(s3).b(t.cap))
		ps, _ := runeSuffix(p.fold, 3)
		add(newHash(7, l).str(ps).b(t.cap))
		ns, _ := runeSuffix(n.fold, 3)
		add(newHash(8, l).str(ns).b(t.cap))
		add(newHash(40, l).b(byte(t.lex)).b(t.approx).b(t.cap))
		add(newHash(41, l).b(byte(p.lex)).b(t.cap))
		add(newHash(42, l).b(byte(n.lex)).b(t.cap))
		add(newHash(43, l).b(byte(p.lex)).b(byte(t.lex)).b(byte(n.lex)))
		if lang == 0 {
			break
		}
	}
	// Lexical features, shared (words rarely mean different things across
	// the languages, and Azerbaijani shares many with Turkish) and again
	// conjoined with the language.
	for _, l := range []byte{0, lang} {
		add(newHash(10, l).str(t.fold))
		add(newHash(11, l).str(t.fold).b(t.cap).b(pos))
		add(newHash(12, l).str(p.fold))
		add(newHash(13, l).str(n.fold))
		add(newHash(14, l).str(p2.fold))
		add(newHash(15, l).str(n2.fold))
		add(newHash(16, l).str(p.fold).str(t.fold))
		add(newHash(17, l).str(t.fold).str(n.fold))
		add(newHash(18, l).str(p.fold).b(t.cap))
		add(newHash(19, l).str(n.fold).b(t.cap))
		add(newHash(34, l).str(p2.fold).str(p.fold))
		add(newHash(35, l).str(n.fold).str(n2.fold))
		for k := 1; k <= 4; k++ {
			if s, ok := runePrefix(t.fold, k); ok || k == 1 {
				add(newHash(20+byte(k), l).str(s))
			}
			if s, ok := runeSuffix(t.fold, k); ok || k == 1 {
				add(newHash(25+byte(k), l).str(s))
			}
		}
		// The word without its last one to three letters, when three or
		// more remain: the stem of an inflected or suffixed form
		// ("Erdoğan'ın", "آمریکاست", "Москвы") whatever its length.
		for k := 1; k <= 3; k++ {
			if s, ok := runeTrim(t.fold, k); ok {
				add(newHash(36+byte(k), l).str(s))
			}
		}
		// Inside an Arabic-script word, whose clitics and affixes the
		// prefix and suffix features see only at the edges, its letter
		// trigrams.
		if t.scr == 3 {
			for _, g := range trigrams(t.fold) {
				add(newHash(44, l).str(g))
			}
		}
		if t.stem != "" {
			add(newHash(30, l).str(t.stem))
			s, _ := runeSuffix(t.stem, 3)
			add(newHash(31, l).str(s))
		}
		if p.stem != "" {
			add(newHash(32, l).str(p.stem))
		}
		if n.stem != "" {
			add(newHash(36, l).str(n.stem))
		}
		if lang == 0 {
			break
		}
	}
	add(newHash(33, lang).b(t.scr).b(t.cap).b(byte(min(utf8.RuneCountInString(t.fold), 12))))
	return dst
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.IsDigit(r)
}
