package transliterate

import "strings"

// Greek and Georgian are read letter by letter; their names reach the
// region's press rarely, but a mention in them should still be comparable.

var greekLetters = map[rune]struct {
	set   phoneSet
	latin string
}{
	'α': {pA, "a"}, 'ά': {pA, "a"}, 'β': {pV | pB, "v"}, 'γ': {pG | pY, "g"}, 'δ': {pD, "d"},
	'ε': {pE, "e"}, 'έ': {pE, "e"}, 'ζ': {pZ, "z"}, 'η': {pI, "i"}, 'ή': {pI, "i"},
	'θ': {pT | pS, "th"}, 'ι': {pI, "i"}, 'ί': {pI, "i"}, 'ϊ': {pI, "i"}, 'κ': {pK, "k"},
	'λ': {pL, "l"}, 'μ': {pM, "m"}, 'ν': {pN, "n"}, 'ο': {pO, "o"}, 'ό': {pO, "o"},
	'π': {pP, "p"}, 'ρ': {pR, "r"}, 'σ': {pS, "s"}, 'ς': {pS, "s"}, 'τ': {pT, "t"},
	'υ': {pI | pU, "y"}, 'ύ': {pI | pU, "y"}, 'φ': {pF, "f"}, 'χ': {pX | pH, "ch"},
	'ω': {pO, "o"}, 'ώ': {pO, "o"},
}

func parseGreek(w []rune) []sym {
	var out []sym
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'ο' && i+1 < len(w) && (w[i+1] == 'υ' || w[i+1] == 'ύ'):
			out = append(out, mk(pU))
			i++
		case r == 'μ' && i+1 < len(w) && w[i+1] == 'π':
			out = append(out, mk(pB|pP))
			i++
		case r == 'ν' && i+1 < len(w) && w[i+1] == 'τ':
			out = append(out, mk(pD|pT))
			i++
		case r == 'ξ':
			out = append(out, mk(pK), mk(pS))
		case r == 'ψ':
			out = append(out, mk(pP), mk(pS))
		default:
			if l, ok := greekLetters[r]; ok {
				out = append(out, mk(l.set))
				continue
			}
			out = append(out, unknownLetter(r))
		}
	}
	return out
}

func romanizeGreek(w []rune) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		r := w[i]
		switch {
		case r == 'ο' && i+1 < len(w) && (w[i+1] == 'υ' || w[i+1] == 'ύ'):
			b.WriteString("ou")
			i++
		case r == 'ξ':
			b.WriteString("x")
		case r == 'ψ':
			b.WriteString("ps")
		default:
			b.WriteString(greekLetters[r].latin)
		}
	}
	return b.String()
}

var georgianLetters = map[rune]struct {
	set   []phoneSet
	latin string
}{
	'ა': {[]phoneSet{pA}, "a"}, 'ბ': {[]phoneSet{pB}, "b"}, 'გ': {[]phoneSet{pG}, "g"},
	'დ': {[]phoneSet{pD}, "d"}, 'ე': {[]phoneSet{pE}, "e"}, 'ვ': {[]phoneSet{pV}, "v"},
	'ზ': {[]phoneSet{pZ}, "z"}, 'თ': {[]phoneSet{pT}, "t"}, 'ი': {[]phoneSet{pI}, "i"},
	'კ': {[]phoneSet{pK}, "k"}, 'ლ': {[]phoneSet{pL}, "l"}, 'მ': {[]phoneSet{pM}, "m"},
	'ნ': {[]phoneSet{pN}, "n"}, 'ო': {[]phoneSet{pO}, "o"}, 'პ': {[]phoneSet{pP}, "p"},
	'ჟ': {[]phoneSet{pZh}, "zh"}, 'რ': {[]phoneSet{pR}, "r"}, 'ს': {[]phoneSet{pS}, "s"},
	'ტ': {[]phoneSet{pT}, "t"}, 'უ': {[]phoneSet{pU}, "u"}, 'ფ': {[]phoneSet{pP}, "p"},
	'ქ': {[]phoneSet{pK}, "k"}, 'ღ': {[]phoneSet{pQ | pG}, "gh"}, 'ყ': {[]phoneSet{pQ | pK}, "q"},
	'შ': {[]phoneSet{pSh}, "sh"}, 'ჩ': {[]phoneSet{pC}, "ch"}, 'ც': {[]phoneSet{pT, pS}, "ts"},
	'ძ': {[]phoneSet{pD, pZ}, "dz"}, 'წ': {[]phoneSet{pT, pS}, "ts"}, 'ჭ': {[]phoneSet{pC}, "ch"},
	'ხ': {[]phoneSet{pX}, "kh"}, 'ჯ': {[]phoneSet{pJ}, "j"}, 'ჰ': {[]phoneSet{pH}, "h"},
}

func parseGeorgian(w []rune) []sym {
	var out []sym
	for _, r := range w {
		l, ok := georgianLetters[r]
		if !ok {
			out = append(out, unknownLetter(r))
			continue
		}
		for _, s := range l.set {
			out = append(out, mk(s))
		}
	}
	return out
}

func romanizeGeorgian(w []rune) string {
	var b strings.Builder
	for _, r := range w {
		b.WriteString(georgianLetters[r].latin)
	}
	return b.String()
}
