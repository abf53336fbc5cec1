package transliterate

import "strings"

// Western Armenian swapped voiced and voiceless stops and affricates
// (Krikorian for Grigoryan, Hagopian for Hakobyan), so each of those
// letters stands for both readings.
var armenianPhones = map[rune][]phoneSet{
	'ա': {pA}, 'բ': {pB | pP}, 'գ': {pG | pK}, 'դ': {pD | pT}, 'զ': {pZ}, 'է': {pE},
	'ը': {pE | pA | pI}, 'թ': {pT}, 'ժ': {pZh}, 'ի': {pI}, 'լ': {pL}, 'խ': {pX},
	'ծ': {pT | pD, pS | pZ}, 'կ': {pK | pG}, 'հ': {pH}, 'ձ': {pD | pT, pZ | pS},
	'ղ': {pQ | pG}, 'ճ': {pC | pJ}, 'մ': {pM}, 'յ': {pY}, 'ն': {pN}, 'շ': {pSh},
	'չ': {pC}, 'պ': {pP | pB}, 'ջ': {pJ | pC}, 'ռ': {pR}, 'ս': {pS}, 'վ': {pV},
	'տ': {pT | pD}, 'ր': {pR}, 'ց': {pT, pS}, 'ւ': {pV}, 'փ': {pP}, 'ք': {pK},
	'օ': {pO}, 'ֆ': {pF},
}

// parseArmenian reads a lower-case Armenian token as sounds.
func parseArmenian(w []rune) []sym {
	var out []sym
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'ո' && i+1 < len(w) && w[i+1] == 'ւ':
			out = append(out, mk(pU))
			i++
		case r == 'ո':
			if i == 0 {
				out = append(out, sym{set: pV, gap: 0.3})
			}
			out = append(out, mk(pO))
		case r == 'ե':
			if i == 0 {
				out = append(out, sym{set: pY, gap: 0.2})
			}
			out = append(out, mk(pE))
		case r == 'և':
			if i == 0 {
				out = append(out, sym{set: pY, gap: 0.2})
			}
			out = append(out, mk(pE), mk(pV))
		case r == 'յ':
			out = append(out, sym{set: pY | pI, gap: 0.3})
		case r == 'ը':
			out = append(out, sym{set: pE | pA | pI, gap: 0.2})
		default:
			if ss, ok := armenianPhones[r]; ok {
				for _, s := range ss {
					out = append(out, mk(s))
				}
				continue
			}
			out = append(out, unknownLetter(r))
		}
	}
	return out
}

// armenianLatin follows the Eastern Armenian readings the English press
// uses (Pashinyan, Kocharyan).
var armenianLatin = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'զ': "z", 'է': "e", 'ը': "e",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k",
	'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n",
	'շ': "sh", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v",
	'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f",
}

func romanizeArmenian(w []rune) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'ո' && i+1 < len(w) && w[i+1] == 'ւ':
			b.WriteString("u")
			i++
		case r == 'ո' && i == 0:
			b.WriteString("vo")
		case r == 'ո':
			b.WriteString("o")
		case r == 'ե' && i == 0:
			b.WriteString("ye")
		case r == 'ե':
			b.WriteString("e")
		case r == 'և' && i == 0:
			b.WriteString("yev")
		case r == 'և':
			b.WriteString("ev")
		default:
			b.WriteString(armenianLatin[r])
		}
	}
	return b.String()
}
