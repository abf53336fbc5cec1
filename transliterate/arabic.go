package transliterate

import "strings"

// Arabic script writes long vowels (ا و ی) and leaves short ones out, so a
// token read from it is marked abjad and the matcher lets the other
// spelling supply the missing vowels almost for free. و and ی are vowel
// or consonant by position; initial ا only carries a vowel; final ه is
// the -e/-eh of Aghazadeh.

// arabicPhones maps letters whose reading does not depend on position.
// Letters are first folded to their Persian forms (see arabicFold).
// Arabic, which lacks p, g, v and ch, writes foreign names with ب for p
// (بوبر, Popper), ج for g (جراي, Grey), ف for v (فان, Van) and تش for
// ch; Persian has پ, گ and و for the first three, but both orthographies
// fold to one, so ب, ج and ف read as either.
var arabicPhones = map[rune]phoneSet{
	'ب': pB | pP, 'پ': pP, 'ت': pT, 'ث': pS | pT, 'ج': pJ | pG | pZh, 'چ': pC, 'ح': pH, 'خ': pX,
	'د': pD, 'ذ': pZ | pD, 'ر': pR, 'ز': pZ, 'ژ': pZh, 'س': pS, 'ش': pSh, 'ص': pS,
	'ض': pZ | pD, 'ط': pT, 'ظ': pZ, 'غ': pQ | pG, 'ف': pF | pV, 'ق': pQ | pG, 'ک': pK,
	'گ': pG, 'ل': pL, 'م': pM, 'ن': pN, 'ڤ': pV, 'ڭ': pN, 'ۆ': pO | pU, 'ێ': pE,
}

func isArabicLetter(r rune) bool {
	return r >= 0x0620 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF
}

// arabicFold maps Arabic letter forms to the Persian ones, as Lucene's
// Persian and Arabic normalizers do: ي ى→ی, ك→ک, أ إ ٱ→ا, ة ۀ→ه, ؤ→و.
func arabicFold(r rune) rune {
	switch r {
	case 'ي', 'ى', 'ې', 'ۍ', 'ے':
		return 'ی'
	case 'ك', 'ڪ':
		return 'ک'
	case 'أ', 'إ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ة', 'ۀ', 'ە', 'ھ', 'ہ', 'ۂ':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ئ', 'ء', 'ٔ':
		return 'ئ'
	case 'ﻻ':
		return 'ل'
	}
	return r
}

// parseArabic reads a folded Arabic-script token as sounds.
func parseArabic(w []rune) []sym {
	var out []sym
	for i := 0; i < len(w); i++ {
		r := w[i]
		first, last := i == 0, i == len(w)-1
		switch r {
		case 'ت':
			// Arabic spells ch, which it lacks, as تش (ريتشه, Reiche).
			if i+1 < len(w) && w[i+1] == 'ش' {
				out = append(out, mk(pC))
				i++
				continue
			}
			out = append(out, mk(pT))
		case 'ا':
			if first {
				out = append(out, sym{set: vowels, gap: 0.3, onset: true})
			} else {
				out = append(out, sym{set: pA, gap: 0.6})
			}
		case 'آ':
			out = append(out, sym{set: pA, gap: 0.6, onset: first})
		case 'و':
			switch {
			case first:
				out = append(out, mk(pV))
			default:
				out = append(out, sym{set: pV | pU | pO, gap: 0.6})
			}
		case 'ی':
			switch {
			case first:
				out = append(out, sym{set: pY | pI, gap: 0.6})
			case i == 1 && w[0] == 'ا':
				// Initial alef and yeh write a vowel, i or ey (ایران
				// Iran, ایمان Iman), never the consonant of Ye-.
				out = append(out, sym{set: pI | pE, gap: 0.6})
			default:
				out = append(out, sym{set: pI | pE | pY, gap: 0.6})
			}
		case 'ه':
			if last && !first {
				out = append(out, optional(pE|pA|pH, 0.1))
			} else {
				out = append(out, firm(pH))
			}
		case 'ع':
			out = append(out, optional(vowels|pGlottal, 0.1))
		case 'ئ':
			out = append(out, optional(pGlottal|pE|pI|pY, 0.1))
		case 'ح', 'خ':
			out = append(out, firm(arabicPhones[r]))
		default:
			if s, ok := arabicPhones[r]; ok {
				out = append(out, mk(s))
				continue
			}
			out = append(out, unknownLetter(r))
		}
	}
	return out
}

var arabicLatin = map[rune]string{
	'ب': "b", 'پ': "p", 'ت': "t", 'ث': "s", 'ج': "j", 'چ': "ch", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "z", 'ر': "r", 'ز': "z", 'ژ': "zh", 'س': "s", 'ش': "sh", 'ص': "s",
	'ض': "z", 'ط': "t", 'ظ': "z", 'غ': "gh", 'ف': "f", 'ق': "gh", 'ک': "k",
	'گ': "g", 'ل': "l", 'م': "m", 'ن': "n", 'ڤ': "v", 'ڭ': "ng", 'ۆ': "o", 'ێ': "e",
}

// romanizeArabicWord romanizes a word, writing the surname endings the
// way the English press does: -اف as -ov or -yev, -زاده as -zadeh,
// -یان as -yan.
func romanizeArabicWord(w []rune) string {
	s := string(w)
	for _, e := range []struct{ fa, lat string }{{"زاده", "zadeh"}, {"یان", "yan"}, {"اوف", "ov"}, {"اف", "ov"}} {
		stem := []rune(strings.TrimSuffix(s, e.fa))
		if len(stem) == len(w) || len(stem) < 2 {
			continue
		}
		if e.lat == "ov" && stem[len(stem)-1] == 'ی' {
			return romanizeArabic(stem[:len(stem)-1]) + "iyev"
		}
		if e.lat == "yan" && stem[len(stem)-1] == 'ی' {
			stem = stem[:len(stem)-1]
		}
		return romanizeArabic(stem) + e.lat
	}
	return romanizeArabic(w)
}

// codas are consonant pairs Persian allows at the end of a word; other
// final pairs get a vowel between them (حسن → hasan, not hasn).
var codas = map[string]bool{
	"st": true, "sht": true, "kht": true, "rd": true, "nd": true, "rt": true, "ft": true,
	"rz": true, "rg": true, "rs": true, "rk": true, "ng": true, "rm": true,
	"rn": true, "sk": true, "zd": true, "khsh": true, "rsh": true, "ms": true,
}

// romanizeArabic writes a folded Arabic-script token the way the English
// press writes Persian names. Short vowels are unwritten, so it guesses
// them by generic syllable rules, not by name lists: a word cannot start
// with two consonants, and a final pair that Persian does not allow as a
// coda takes a vowel; و and ی are u/i between consonants and v/y next to
// vowels; initial ا and ع are vowels; final ه after a consonant is -eh.
func romanizeArabic(w []rune) string {
	type unit struct {
		s     string
		vowel bool
	}
	var us []unit
	isVowelLetter := func(r rune) bool { return r == 'ا' || r == 'آ' || r == 'و' || r == 'ی' }
	for i, r := range w {
		first, last := i == 0, i == len(w)-1
		prevVowel := i > 0 && len(us) > 0 && us[len(us)-1].vowel
		nextVowel := !last && isVowelLetter(w[i+1])
		if i == 1 && w[0] == 'ا' && r == 'ی' && !last {
			continue // initial ای is one vowel, i: ایران Iran, ایمان Iman
		}
		switch r {
		case 'ا', 'آ':
			if first && r == 'ا' && !last && w[i+1] == 'ی' && i+2 < len(w) {
				us = append(us, unit{"i", true})
				continue
			}
			if first && r == 'ا' && !last && !isVowelLetter(w[i+1]) {
				us = append(us, unit{"e", true})
			} else {
				us = append(us, unit{"a", true})
			}
		case 'و':
			switch {
			case first:
				us = append(us, unit{"v", false})
			case i > 0 && w[i-1] == 'ی' && !nextVowel:
				us = append(us, unit{"u", true})
			case prevVowel || nextVowel:
				us = append(us, unit{"v", false})
			default:
				us = append(us, unit{"u", true})
			}
		case 'ی':
			switch {
			case first:
				us = append(us, unit{"y", false})
			case prevVowel:
				us = append(us, unit{"y", false})
			case nextVowel:
				us = append(us, unit{"iy", true})
			default:
				us = append(us, unit{"i", true})
			}
		case 'ه':
			switch {
			case last && !first && !prevVowel:
				us = append(us, unit{"eh", true})
			default:
				us = append(us, unit{"h", false})
			}
		case 'ع':
			if first && nextVowel {
				us = append(us, unit{"", true})
			} else if first {
				us = append(us, unit{"a", true})
			} else {
				us = append(us, unit{"", false})
			}
		case 'ئ':
			us = append(us, unit{"e", true})
		default:
			if s, ok := arabicLatin[r]; ok {
				us = append(us, unit{s, false})
			}
		}
	}
	// Insert the short vowels the script leaves out.
	insertAfter := map[int]bool{}
	if len(us) >= 2 && !us[0].vowel && !us[1].vowel {
		insertAfter[0] = true
	}
	if n := len(us); n >= 2 && !us[n-1].vowel && !us[n-2].vowel && !insertAfter[n-2] {
		if !codas[us[n-2].s+us[n-1].s] {
			insertAfter[n-2] = true
		}
	}
	var b strings.Builder
	for i, u := range us {
		b.WriteString(u.s)
		if insertAfter[i] {
			b.WriteString("a")
		}
	}
	return b.String()
}
