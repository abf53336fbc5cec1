package transliterate

import "math/bits"

// A phoneSet is the set of sounds one written letter may stand for. Scripts
// that leave a choice open (Russian г for g, h or q; Persian و for v, u or
// o; Latin j for English j, German j or French j) give a set, so a letter
// matches any spelling of the sounds it can mean at no cost.
type phoneSet uint32

const (
	pA phoneSet = 1 << iota
	pE
	pI
	pO
	pU
	pB
	pP
	pT
	pD
	pK
	pG
	pQ // q, gh, ğ, غ, ق
	pX // kh, x, х, خ
	pH
	pJ // English j, Azerbaijani c, дж, ج
	pC // ch, ç, ч, چ
	pS
	pZ
	pSh
	pZh
	pF
	pV // v and w
	pM
	pN
	pL
	pR
	pY        // consonantal y
	pGlottal  // ع, ء, apostrophes
	numPhones = iota
)

const vowels = pA | pE | pI | pO | pU

// skeletonClass folds phones that scripts and press conventions confuse
// into one blocking class; 0 means the phone is left out of skeletons
// (vowels, semivowels and glottals, which scripts write or drop at will).
var skeletonClass = [numPhones]byte{
	0, 0, 0, 0, 0, // vowels
	'b', 'b', 't', 't', // b p t d
	'k', 'k', 'k', 'k', 'k', // k g q x h: Russian writes h as г or х
	'j', 'j', // j c
	's', 's', 's', 'j', // s z sh zh: ASCII Turkish writes ş as s
	'f', 0, 'm', 'n', 'l', 'r', 0, 0,
}

// phoneGap is the cost of a phone that one spelling writes and the other
// leaves out. Vowels and semivowels come and go between conventions
// (Aliev/Aliyev, Teheran/Tehran); consonants rarely do.
var phoneGap = [numPhones]float32{
	0.35, 0.35, 0.35, 0.35, 0.35,
	1, 1, 1, 1, 1, 1, 1, 0.8, 0.5, 1, 1,
	1, 1, 1, 1, 1, 0.6, 1, 1, 1, 1, 0.3, 0.1,
}

// substitution costs between phones not in the same set; missing pairs
// cost 1.
var phonePairCosts = []struct {
	a, b phoneSet
	cost float32
}{
	{pA, pE, 0.25}, {pE, pI, 0.25}, {pO, pU, 0.15}, {pA, pO, 0.5}, {pI, pU, 0.5},
	{pA, pI, 0.6}, {pA, pU, 0.6}, {pE, pO, 0.5}, {pE, pU, 0.6}, {pI, pO, 0.6},
	{pI, pY, 0.15}, {pE, pY, 0.4}, {pU, pV, 0.3}, {pO, pV, 0.4},
	{pG, pQ, 0.15}, {pK, pQ, 0.3}, {pG, pK, 0.4}, {pX, pH, 0.3}, {pG, pH, 0.5},
	{pQ, pX, 0.4}, {pK, pX, 0.5}, {pQ, pH, 0.5}, {pH, pGlottal, 0.3},
	{pJ, pZh, 0.4}, {pJ, pC, 0.5}, {pC, pSh, 0.5}, {pSh, pS, 0.6}, {pZh, pZ, 0.5},
	{pZh, pSh, 0.5}, {pJ, pG, 0.6}, {pG, pZh, 0.5}, {pJ, pY, 0.5},
	{pS, pZ, 0.4}, {pT, pD, 0.4}, {pP, pB, 0.4}, {pF, pP, 0.5}, {pF, pV, 0.5},
	{pV, pB, 0.5}, {pN, pM, 0.7}, {pL, pR, 0.7},
}

const unrelatedConsonants = 1.4

// phoneTable holds phone-to-phone substitution costs.
type phoneTable [numPhones][numPhones]float32

// costTable holds the phone-to-phone costs, built once per Matcher so no
// package state changes after start. firm is used when one letter's
// sound is not in doubt between h and kh (Arabic-script ح ه خ): there h
// against kh is a different consonant, not a spelling habit.
type costTable struct {
	loose, firm phoneTable
}

func newCostTable() *costTable {
	var t costTable
	t.loose = newPhoneTable()
	t.firm = t.loose
	x, h := bits.TrailingZeros32(uint32(pX)), bits.TrailingZeros32(uint32(pH))
	t.firm[x][h], t.firm[h][x] = firmHKh, firmHKh
	return &t
}

// firmHKh is h against kh when one letter is firm: enough that the part
// alone misses (حاتمی, Khatami), short of the unrelated consonants that
// mark a different person outright, since Latin spellings taken from
// Russian write h as kh (Mekhtiev for مهدی‌اف, Mehdiyev).
const firmHKh = 1.0

func newPhoneTable() phoneTable {
	var t phoneTable
	// Two unrelated consonants cost more than a dropped letter: a
	// different consonant means a different name (Karimov, Kazimov)
	// more surely than a missing one (Mahammad, Mammad).
	for i := range t {
		for j := range t[i] {
			switch {
			case i == j:
			case phoneSet(1<<i)&vowels == 0 && phoneSet(1<<j)&vowels == 0:
				t[i][j] = unrelatedConsonants
			default:
				t[i][j] = 1
			}
		}
	}
	for _, pc := range phonePairCosts {
		i, j := bits.TrailingZeros32(uint32(pc.a)), bits.TrailingZeros32(uint32(pc.b))
		t[i][j], t[j][i] = pc.cost, pc.cost
	}
	return t
}

// sub is the cost of reading a as b: zero when the sets share a sound.
func (t *phoneTable) sub(a, b phoneSet) float32 {
	if a&b != 0 {
		return 0
	}
	best := float32(unrelatedConsonants)
	for x := uint32(a); x != 0; x &= x - 1 {
		i := bits.TrailingZeros32(x)
		for y := uint32(b); y != 0; y &= y - 1 {
			if c := t[i][bits.TrailingZeros32(y)]; c < best {
				best = c
			}
		}
	}
	return best
}

// defaultGap is the cheapest way to drop one of the set's phones.
func defaultGap(s phoneSet) float32 {
	best := float32(1)
	for x := uint32(s); x != 0; x &= x - 1 {
		if c := phoneGap[bits.TrailingZeros32(x)]; c < best {
			best = c
		}
	}
	return best
}

// A sym is one written unit of a name: the sounds it may stand for and
// what it costs to leave it out.
type sym struct {
	set phoneSet
	gap float32
	lit rune // a letter of a script no table knows; set is then empty
	opt bool // often not written at all: left out of blocking keys
	// both makes an optional letter give keys with and without it: the s
	// of Latin x read as ks (Alexander: Aleksandr, but Baxtiyar: Bakhtiyar).
	both bool
	// onset marks a letter that only carries a word's first vowel, Arabic
	// script's initial alef: it never stands for a consonant, so ایران
	// (Iran) is not Yerevan.
	onset bool
	// glide marks a consonant y that every spelling writes (Latin y
	// before a vowel at the start of a word: Yerevan, Yusuf): it meets
	// only a letter that may be y, never a vowel.
	glide bool
	// firm marks a letter whose h or kh is not in doubt (Arabic-script ح
	// and ه are h, خ is kh): against it h and kh are different
	// consonants, so حاتمی is Hatami and not Khatami.
	firm bool
}

func mk(s phoneSet) sym { return sym{set: s, gap: defaultGap(s)} }

// optional marks letters that spellings often drop: final heh, ğ, hamza.
func optional(s phoneSet, gap float32) sym { return sym{set: s, gap: gap, opt: true} }

// unknownLetter stands for a letter no table knows: it matches only
// itself.
func unknownLetter(r rune) sym { return sym{gap: 1, lit: r} }

// symCost is the cost of reading a as b.
func (t *costTable) symCost(a, b sym) float32 {
	if a.onset && b.set&vowels == 0 || b.onset && a.set&vowels == 0 ||
		a.glide && b.set&pY == 0 || b.glide && a.set&pY == 0 {
		return 1
	}
	if a.set == 0 || b.set == 0 {
		if a.lit == b.lit {
			return 0
		}
		return 1
	}
	if a.firm || b.firm {
		return t.firm.sub(a.set, b.set)
	}
	return t.loose.sub(a.set, b.set)
}

func (s sym) isVowel() bool { return s.set&^vowels == 0 }

// weight is the symbol's share of a token's length when scoring: vowels
// and easily dropped letters weigh less than consonants.
func (s sym) weight() float32 {
	switch {
	case s.isVowel():
		return 0.5
	case s.gap < 0.5:
		return 0.5
	}
	return 1
}

// firm marks a letter whose h or kh is not in doubt (see sym.firm).
func firm(s phoneSet) sym {
	x := mk(s)
	x.firm = true
	return x
}
