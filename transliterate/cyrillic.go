package transliterate

import "strings"

// cyrillicLang is the language a Cyrillic token is most likely written
// in; the letters it uses tell.
type cyrillicLang int

const (
	cyrRussian cyrillicLang = iota
	cyrUkrainian
	cyrBelarusian
	cyrAzerbaijani // 1958–91 alphabet
	cyrCentralAsian
)

func detectCyrillic(w []rune) cyrillicLang {
	s := string(w)
	switch {
	case strings.ContainsAny(s, "әҹҝғһјөү") && !strings.ContainsAny(s, "қңұ"):
		return cyrAzerbaijani
	case strings.ContainsAny(s, "қңұҳӣӯҷ"):
		return cyrCentralAsian
	case strings.ContainsAny(s, "ў") && !strings.ContainsAny(s, "и"):
		return cyrBelarusian
	case strings.ContainsAny(s, "іїєґ"):
		return cyrUkrainian
	}
	return cyrRussian
}

func isCyrillicVowel(r rune) bool {
	return strings.ContainsRune("аеёиоуыэюяіїєәөүұ", r)
}

// cyrillicPhones maps letters whose reading does not depend on context.
// Russian г stands for g, for h (Гасанов = Hasanov, Гейдар = Heydar) and
// for Azerbaijani q (Гасым = Qasım); х for kh and for h (Рухани).
var cyrillicPhones = map[rune]phoneSet{
	'а': pA, 'б': pB, 'в': pV, 'г': pG | pH | pQ, 'д': pD, 'ж': pZh | pJ, 'з': pZ,
	'и': pI, 'й': pY, 'к': pK | pQ, 'л': pL, 'м': pM, 'н': pN, 'о': pO, 'п': pP,
	'р': pR, 'с': pS, 'т': pT, 'у': pU, 'ф': pF, 'х': pX | pH, 'ч': pC,
	'ш': pSh, 'щ': pSh, 'ы': pI | pU, 'э': pE, 'і': pI, 'ґ': pG, 'ў': pV | pU,
	'ә': pA | pE, 'ҹ': pJ, 'ҝ': pG, 'ғ': pQ | pG, 'һ': pH, 'ј': pY, 'ө': pO | pE,
	'ү': pU | pI, 'қ': pQ | pK, 'ң': pN, 'ұ': pU, 'ҳ': pH, 'ӣ': pI, 'ӯ': pU, 'ҷ': pJ,
}

// parseCyrillic reads a lower-case Cyrillic token as sounds.
func parseCyrillic(w []rune) []sym {
	lang := detectCyrillic(w)
	var out []sym
	afterVowel := func(i int) bool {
		return i == 0 || isCyrillicVowel(w[i-1]) || w[i-1] == 'ь' || w[i-1] == 'ъ'
	}
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'д' && i+1 < len(w) && w[i+1] == 'ж':
			out = append(out, mk(pJ))
			i++
		case r == 'ь' || r == 'ъ':
		case r == '\'' || r == '’' || r == 'ʼ':
			// Ukrainian writes the hard sign as an apostrophe, Russian
			// keeps a foreign one (Д'Адда): a break, as in Latin.
			out = append(out, optional(pGlottal, 0.05))
		case r == 'ц':
			out = append(out, mk(pT), mk(pS))
		case r == 'е':
			if lang == cyrRussian && afterVowel(i) {
				out = append(out, sym{set: pY, gap: 0.2})
			}
			out = append(out, mk(pE))
		case r == 'є':
			out = append(out, sym{set: pY, gap: 0.2}, mk(pE))
		case r == 'ё':
			out = append(out, sym{set: pY, gap: 0.2}, mk(pO))
		case r == 'ю':
			out = append(out, sym{set: pY, gap: 0.2}, mk(pU))
		case r == 'я':
			out = append(out, sym{set: pY, gap: 0.2}, mk(pA))
		case r == 'ї':
			out = append(out, sym{set: pY, gap: 0.2}, mk(pI))
		case r == 'и' && lang == cyrUkrainian:
			out = append(out, mk(pI|pY))
		case r == 'г' && (lang == cyrUkrainian || lang == cyrBelarusian):
			out = append(out, mk(pH|pG))
		case r == 'г' && lang == cyrAzerbaijani:
			out = append(out, mk(pQ|pG))
		default:
			if s, ok := cyrillicPhones[r]; ok {
				out = append(out, mk(s))
				continue
			}
			out = append(out, unknownLetter(r))
		}
	}
	return out
}

// cyrillicLatin follows BGN/PCGN as the English press does: х kh, ж zh,
// ы y, е after a vowel ye (Алиев → Aliyev).
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e", 'ь': "",
	'ъ': "", 'ю': "yu", 'я': "ya", 'ё': "yo", 'і': "i", 'ї': "yi", 'є': "ye",
	'ґ': "g", 'ў': "w", 'ә': "a", 'ҹ': "j", 'ҝ': "g", 'ғ': "gh", 'һ': "h",
	'ј': "y", 'ө': "o", 'ү': "u", 'қ': "q", 'ң': "ng", 'ұ': "u", 'ҳ': "h",
	'ӣ': "i", 'ӯ': "u", 'ҷ': "j",
}

// romanizeCyrillic writes a lower-case Cyrillic token in ASCII: Russian
// after BGN/PCGN, Ukrainian after the 2010 national system (г h, и y).
func romanizeCyrillic(w []rune) string {
	lang := detectCyrillic(w)
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'д' && i+1 < len(w) && w[i+1] == 'ж':
			b.WriteString("dzh")
			i++
		case r == 'е' && lang == cyrRussian && (i == 0 || isCyrillicVowel(w[i-1]) || w[i-1] == 'ь' || w[i-1] == 'ъ'):
			b.WriteString("ye")
		case r == 'е':
			b.WriteString("e")
		case r == 'г' && (lang == cyrUkrainian || lang == cyrBelarusian):
			b.WriteString("h")
		case r == 'г' && lang == cyrAzerbaijani:
			b.WriteString("q")
		case r == 'и' && lang == cyrUkrainian:
			b.WriteString("y")
		case r == 'х' && (lang == cyrAzerbaijani || lang == cyrCentralAsian):
			b.WriteString("kh")
		default:
			if s, ok := cyrillicLatin[r]; ok {
				b.WriteString(s)
			}
		}
	}
	return b.String()
}
