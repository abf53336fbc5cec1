package transliterate

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// isTurkic reports letters that mark a Latin token as Azerbaijani or
// Turkish: there c is English j, ç is ch and dotless ı is its own vowel.
func isTurkic(w string) bool {
	return strings.ContainsAny(w, "əğışƏĞİŞ") || strings.ContainsRune(w, 'ı')
}

// latinDigraphs lists multi-letter spellings of one sound in the press
// conventions that write the region's names in Latin: English (kh, sh, ch,
// zh, gh), German (sch, tsch, dsch, w, j), French (ou, ch, dj, tch).
var latinDigraphs = []struct {
	spell string
	set   phoneSet
}{
	{"tsch", pC}, {"dsch", pJ}, {"sch", pSh}, {"dzh", pJ}, {"tch", pC},
	{"kh", pX}, {"sh", pSh}, {"zh", pZh}, {"gh", pQ | pG}, {"ch", pC | pX | pSh},
	{"dj", pJ}, {"dž", pJ}, {"th", pT | pS}, {"ph", pF}, {"dh", pD | pZ}, {"ck", pK},
	{"ou", pU}, {"oo", pU | pO}, {"ee", pI | pE}, // Dutch and Estonian oo, ee are long o, e
}

// parseLatin reads a lower-case Latin token as sounds.
func parseLatin(w []rune, turkic bool) []sym {
	var out []sym
	for i := 0; i < len(w); {
		if n, s, ok := latinDigraph(w, i); ok {
			out = append(out, mk(s))
			i += n
			continue
		}
		r := w[i]
		i++
		switch r {
		case 'h':
			// A final h after a vowel is often not pronounced: Aghazadeh,
			// Aghazade.
			if i == len(w) && i > 1 && isLatinVowel(w[i-2]) {
				out = append(out, optional(pH|pE|pA, 0.1))
				continue
			}
			out = append(out, mk(pH))
		case 'c':
			switch {
			case turkic:
				out = append(out, mk(pJ))
			case notTurkish(w):
				// c is j (dzh) only in Turkish and Azerbaijani, whose
				// alphabets have no w, q or x: Wilco is not Viljo.
				out = append(out, mk(pK|pS|pC))
			default:
				out = append(out, mk(pK|pS|pJ|pC))
			}
		case 'ç':
			if turkic {
				out = append(out, mk(pC))
			} else {
				out = append(out, mk(pC|pS))
			}
		case 'j':
			out = append(out, mk(pJ|pY|pZh))
		case 'y':
			if i == 1 && i < len(w) && isLatinVowel(w[i]) {
				// Before a vowel at the start of a word y is a consonant
				// that every spelling writes: Yerevan, Yusuf.
				out = append(out, sym{set: pY, gap: 0.6, glide: true})
				continue
			}
			out = append(out, sym{set: pY | pI, gap: 0.3})
		case 'x':
			// Azerbaijani x is kh; elsewhere x may be ks (Alexander).
			out = append(out, mk(pX|pK))
			if !turkic {
				s := optional(pS, 0.3)
				s.both = true
				out = append(out, s)
			}
		case 'ğ':
			out = append(out, sym{set: pQ | pG, gap: 0.35}) // often silent, but a consonant in keys
		case '\'', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '’', '`':
			out = append(out, optional(pGlottal, 0.05))
		default:
			if s, ok := latinLetters[r]; ok {
				out = append(out, mk(s))
				continue
			}
			out = append(out, unknownLetter(r))
		}
	}
	return out
}

// notTurkish reports a word with a letter the Turkish alphabet lacks
// (w, q, x; Azerbaijani has q and x but then is read as turkic).
func notTurkish(w []rune) bool {
	for _, r := range w {
		if r == 'w' || r == 'q' || r == 'x' {
			return true
		}
	}
	return false
}

func latinDigraph(w []rune, i int) (int, phoneSet, bool) {
	for _, d := range latinDigraphs {
		if hasPrefixAt(w, i, d.spell) {
			return len(d.spell), d.set, true
		}
	}
	return 0, 0, false
}

func hasPrefixAt(w []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(w) || w[i] != r {
			return false
		}
		i++
	}
	return true
}

func isLatinVowel(r rune) bool {
	return strings.ContainsRune("aeiouəıöüäéèêëáàâíìîïóòôúùûy", r)
}

var latinLetters = map[rune]phoneSet{
	'a': pA, 'b': pB, 'd': pD, 'e': pE, 'f': pF, 'g': pG, 'i': pI, 'k': pK,
	'l': pL, 'm': pM, 'n': pN, 'o': pO, 'p': pP, 'q': pQ, 'r': pR, 's': pS,
	't': pT, 'u': pU, 'v': pV, 'w': pV, 'x': pX, 'z': pZ,
	'ə': pA | pE, 'ä': pA | pE, 'ı': pI | pU, 'ö': pO | pE, 'ü': pU | pI,
	'ş': pSh, 'ș': pSh, 'š': pSh, 'ž': pZh, 'č': pC, 'ć': pC, 'đ': pJ,
	'ł': pL, 'ß': pS, 'ñ': pN, 'ň': pN, 'ř': pR, 'ț': pT | pS, 'ţ': pT | pS,
	'é': pE, 'è': pE, 'ê': pE, 'ë': pE, 'ē': pE, 'ě': pE,
	'á': pA, 'à': pA, 'â': pA, 'ā': pA, 'ã': pA, 'å': pA,
	'í': pI, 'ì': pI, 'î': pI, 'ï': pI, 'ī': pI,
	'ó': pO, 'ò': pO, 'ô': pO, 'ō': pO, 'õ': pO, 'ø': pO | pE,
	'ú': pU, 'ù': pU, 'û': pU, 'ū': pU, 'ů': pU,
	'ḥ': pH, 'ḫ': pX, 'ḵ': pX, 'ṣ': pS, 'ẓ': pZ, 'ṭ': pT, 'ḍ': pD | pZ, 'ż': pZ, 'ź': pZ,
	'ġ': pQ | pG, 'ǧ': pQ | pG, 'ǰ': pJ,
	// Romanian, Slovak, Maltese, Polish, Lithuanian, Latvian, Esperanto
	// and Korean (McCune–Reischauer) letters.
	'ă': pA | pE, 'ľ': pL, 'ĺ': pL, 'ŕ': pR, 'ċ': pC, 'ħ': pH, 'ő': pO | pE, 'ű': pU | pI,
	'ś': pSh | pS, 'ń': pN, 'ą': pO | pA, 'ę': pE, 'ý': pI, 'ÿ': pI, 'ė': pE, 'į': pI,
	'ų': pU, 'ņ': pN, 'ļ': pL, 'ķ': pK, 'ģ': pG, 'ĝ': pJ, 'ĉ': pC, 'ŝ': pSh, 'ĵ': pZh,
	'ŭ': pU | pV, 'ŏ': pO,
}

// latinASCII spells Latin letters with diacritics the way the English
// press writes the region's names: Azerbaijani ə as a, x as kh, ş as sh.
var latinASCII = map[rune]string{
	'ə': "a", 'ä': "a", 'ı': "i", 'ö': "o", 'ü': "u", 'ş': "sh", 'ș': "sh",
	'š': "sh", 'ž': "zh", 'č': "ch", 'ć': "ch", 'ç': "ch", 'ğ': "gh", 'đ': "dj",
	'ł': "l", 'ß': "ss", 'ḫ': "kh", 'ḵ': "kh", 'ǧ': "gh", 'ġ': "gh", 'ǰ': "j",
	'ʼ': "", 'ʻ': "", 'ʿ': "", 'ʾ': "", '’': "", '\'': "", '`': "",
}

// romanizeLatin writes a lower-case Latin token in plain ASCII. In an
// Azerbaijani or Turkish token c is written j and x kh.
func romanizeLatin(w []rune, turkic bool) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case turkic && r == 'c':
			b.WriteString("j")
		case turkic && r == 'x':
			b.WriteString("kh")
		case turkic && r == 'ç':
			b.WriteString("ch")
		default:
			if s, ok := latinASCII[r]; ok {
				b.WriteString(s)
				continue
			}
			if r < 0x80 {
				b.WriteRune(r)
				continue
			}
			b.WriteString(stripMarks(r))
		}
	}
	return b.String()
}

// stripMarks drops the combining marks of a decomposed letter; é → e.
func stripMarks(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) && d < 0x80 {
			b.WriteRune(d)
		}
	}
	return b.String()
}
