package transliterate

import (
	"regexp"
	"sort"
	"strings"
)

// An orthography is one language's way of writing sounds in Latin letters:
// the rules that read a word written in it, and a test that a word may be
// written in it. A Latin word is read by the base reader (letters that
// conventions read differently stand for all their readings) and, besides,
// by each orthography that claims it, whole: one convention per word,
// never two at once, so that French "ch" is not read as English "ch" in
// the same word, and a name meets a spelling in another script through
// the reading it was written in (Pineau, Пино; Noguchi, Ногути;
// Szenwald, Шенвальд).
type orthography struct {
	name   string
	claims *regexp.Regexp // a word this convention may have written
	cue    *regexp.Regexp // if set, a letter group it must also show
	rules  []orthRule     // longest pattern first
}

// An orthRule reads pat, in its context, as out.
type orthRule struct {
	pat   string
	start bool   // only at the start of the word
	end   bool   // only at the end of the word
	next  string // the next letter must be one of these; "" for any
	prev  string // the previous letter must be one of these
	out   []sym
}

const (
	latinVowelLetters = "aeiouyäöüéèêëáàâíìîïóòôúùûōūāīåæøœ"
	frontVowels       = "eiyéèêëíì"
)

// orthographies are the conventions Latin spellings of names are read
// by. Rules are written "pattern[^$][>NEXT][<PREV] = out", where out is
// space-separated sounds, each one or more phone letters joined by "/"
// (a letter that reads as either), "?" first for a sound spellings drop;
// an empty out is a silent letter. Phone letters: vowels a e i o u;
// b p t d k g q h f v m n l r y s z; x for kh, J for j (dzh), C for ch,
// S for sh, Z for zh.
func newOrthographies() []*orthography {
	def := func(name, claims string, rules ...string) *orthography {
		o := &orthography{name: name, claims: regexp.MustCompile(claims)}
		for _, r := range rules {
			o.rules = append(o.rules, parseOrthRule(r))
		}
		sort.SliceStable(o.rules, func(i, j int) bool {
			return len([]rune(o.rules[i].pat)) > len([]rune(o.rules[j].pat))
		})
		return o
	}
	// English reads a vowel before one consonant and a final silent e
	// long: Dyke, Stiles, Pete, Hope.
	magicE := func() []string {
		long := map[string]string{"a": "e/a y", "e": "i", "i": "a y", "y": "a y", "o": "o", "u": "u/y u"}
		var out []string
		for v, l := range long {
			for _, c := range "bcdfgklmnprstvz" {
				cs := string(c)
				read := map[rune]string{'c': "s", 'g': "J/g", 's': "s/z"}[c]
				if read == "" {
					read = cs
				}
				out = append(out, v+cs+"e$ = "+l+" "+read, v+cs+"es$ = "+l+" "+read+" ?s/z")
			}
		}
		sort.Strings(out)
		return out
	}
	cue := func(o *orthography, expr string) *orthography {
		o.cue = regexp.MustCompile(expr)
		return o
	}
	// The syllable-bound readings come first: they claim few words, and
	// surely (maxReadings).
	return []*orthography{
		cue(def("japanese", `^(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|w|y)?(?:[aiueoōūâîûêô]|ou|ei)|n)+$`,
			"chi = C/t i", "ch>aou = C/t ?y", "ch = C/t", "shi = S/s i", "sh>aou = S/s ?y", "sh = S/s", "ji = ?d J/Z/z i",
			"j>aou = ?d J/Z/z ?y", "j = ?d J/Z/z",
			"tsu = t s u", "ts = t s", "fu = f/h u", "zu = ?d z u", "ō = o", "ū = u", "ou = o", "ei = e/e y",
			"y = y", "e = e", "n>bpm = n/m", "r = r/l", "z = ?d z", "â = a", "î = i", "û = u", "ê = e", "ô = o"),
			`(?:chi|shi|tsu|ji|[ōūâû]|[kgrnhmbp]y[aou]|ou|ei|fu|zu|sh[aou]|ch[ou]|[sz]awa|moto|mura|yama|kawa|shima|uchi|iro$|aki$|ko$|suke$|nori$|hiko$|o$)`),
		cue(def("pinyin", `^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|e|i|o|u|ü))+$`,
			"zh = C/J/Z ?Z", "x = s/S", "q = C/t s", "j = J/t s ?z", "c = t s", "z = t s/z ?z", "ch = C",
			"sh = S", "r = Z/r", "ng$ = n ?g", "ng>bcdfghjklmnpqrstwxyz = n ?g",
			"ian = y a n", "iang = y a n ?g", "ia = y a", "ie = y e", "iao = y a o", "ui = u y", "iu = y u", "ao = a o", "ou = o u", "e = e/a", "yu = y u ?y",
			"ü = y u", "w = u/v", "y = y/i"),
			`(?:x[iu]|q[iu]|zh|ng$|iu|ui|uo|ao|ou|ian|iao|ong|eng|^[cz][aeiou]|ai$|ei$)`),
		withRules(def("english", `(?:th|wh|ee|oo|ck|tch|ough|igh|ph|^w|[^aeiou]e$|[^aeiou]es$|ey$|ay$|[^aeiou]y$|ea|ew$|ow|aw|au[^aeiou]|dg|all|^[^aeiouy]+u[^aeiouy]+$)`,
			"wh = v/u", "w = v/u", "th = t/s/z/d", "ee = i", "ea = i/e", "oo = u", "ou = a/u/o ?u",
			"ey$ = e/i ?y", "ay = e/a ?y", "y$ = i", "y = y/i", "ph = f", "ck = k", "tch = C",
			"ch = C/k", "sh = S", "j = J", "c>"+frontVowels+" = s", "c = k", "g>ei = g/J", "qu = k v",
			"x = k s", "e$<bcdfgklmnprstvz = ?e", "es$<bcdfgklmnprstvz = ?e s/z", "u = u/a", "i = i/a",
			"a = a/e", "igh = a y", "ough = o/a/u ?f", "ow = o/a/u ?v", "aw = o/a ?u", "ew = u/e ?v",
			"ie = i/a ?y", "s$ = s/z", "h = h", "z = z", "au = o/a", "al>lt = o/a l", "al>k = o/a ?l", "dge = J", "dg = J",
			"man$<bcdfghklmnprstvwxz = m a/e n"), magicE()...),
		def("french", `(?:eau|[^aeiou]ou|oi|gn|ier$|et$|es$|ent$|aux$|eux$|ault|aud$|aut$|iez$|[éèêçœ]|qu|ille|ill[aeo]|[^aeioul]s$|[^aeiou][dtx]$|ai|ch)`,
			"eau = o", "aill = a y", "eill = e y", "ouill = u y", "au = o", "ou = u", "oi = u/v a", "ai = e", "ei = e", "eu = e/o", "œu = e/o",
			"gn = n y", "ch = S", "j = Z", "g>"+frontVowels+" = Z", "c>"+frontVowels+" = s", "ç = s",
			"qu = k", "ph = f", "th = t", "ille = i y", "ill = i y", "h = ?h", "y = i/y",
			"ier$ = y e", "iez$ = y e", "ieux$ = y e", "er$ = e", "et$ = e", "ez$ = e", "aud$ = o", "aut$ = o", "ault$ = o", "es$ = ?e", "ent$ = ?a ?n", "e$ = ?e",
			"s$ = ?s", "t$ = ?t", "x$ = ?s", "z$ = ?z", "d$ = ?t", "p$ = ?p", "ts$ = ?t",
			"s<"+latinVowelLetters+">"+latinVowelLetters+" = z", "u = u/y", "é = e", "è = e", "ê = e",
			"c = k", "w = v", "x = k s"),
		def("german", `(?:sch|äu|ß|[äöü]|tz|ck|dt|^w|mann$|berg$|[^s]ch|^j|^z|[^t]z)`,
			"tsch = C", "sch = S", "ch = x/S/k", "tz = t s", "z = t s", "w = v", "v = f/v", "j = y",
			"ei = a y", "ie = i", "eu = o y", "äu = o y", "s^>"+latinVowelLetters+" = z", "st^ = S t",
			"sp^ = S p", "ß = s", "h<"+latinVowelLetters+" = ?h", "ck = k", "dt = t", "ä = e", "ö = e/o",
			"ü = u/i", "qu = k v", "c = k/t s", "x = k s", "y = i/y", "ph = f", "th = t"),
		def("latin", `(?:[^aeiou]us$|[ie]us$|ae)`,
			"ius$ = i ?y", "eus$ = e ?y", "us$ = ?u ?s", "ae = e", "c>"+frontVowels+" = t s/s", "c = k",
			"ph = f", "th = t", "qu = k v", "x = k s", "y = i"),
		def("polish", `(?:sz|cz|rz|[łąęśćńźż]|owski$|wicz$|ck[ia]$|sk[ia]$|dz)`,
			"szcz = S C", "sz = S", "cz = C", "rz = Z/S", "ż = Z", "ź = Z", "ś = S", "ć = C/t ?s", "ń = n",
			"ł = v/l", "w = v/f", "c = t s", "ch = x", "j = y", "ą = o ?n", "ę = e ?n", "dz = d z",
			"dż = J", "dź = J", "ie = y e", "ia = y a", "io = y o", "y = i", "si = S i",
			"zi = Z i", "ni = n y/i", "ci = C/t ?s i"),
		def("czech", `[čřšžěůýňťď]`,
			"c = t s", "ch = x", "j = y", "ř = Z/r", "ě = y e", "w = v", "č = C", "š = S", "ž = Z",
			"ů = u", "ý = i", "ň = n", "ť = t", "ď = d", "y = i"),
		def("hungarian", `(?:sz|cs|zs|gy|ny|ly|[őű]|ics$|ó$)`,
			"sz = s", "s = S", "cs = C", "zs = Z", "gy = d y/J", "ny = n y", "ly = y", "ty = t y/C",
			"c = t s", "j = y", "ő = e/o", "ű = u/i", "a = a/o", "á = a", "é = e", "ó = o", "ö = e/o"),
		def("spanish", `(?:ñ|ll|[aeiou]j|^j|[nlr]j[aeiou]|ez$|gu[ei]|qu|[áéíóú])`,
			"j = x/h", "g>ei = x/h", "ll = y/l", "ñ = n y", "z = s/z", "c>ei = s", "qu = k", "gu>ei = g",
			"h = ?h", "v = b/v", "ch = C", "x = x/k s", "y = y/i", "c = k"),
		def("italian", `(?:zz|cc[ei]|gli|gn|cch|ch[ei]|sc[ei]|[cg]i[aou]|ini$|etti$|ucci$|cci$|[^aeiou][eo]$)`,
			"cci>aou = C", "cc>ei = C", "ci>aou = C", "c>ei = C", "ch = k", "ggi>aou = J", "gi>aou = J",
			"g>ei = J", "gh = g", "gli = l y", "gn = n y", "sci>aou = S", "sc>ei = S", "zz = t s/d z",
			"z = t s/d z", "h = ?h", "c = k", "j = y/J"),
	}
}

// withRules adds rules to o, keeping the longest patterns first.
func withRules(o *orthography, rules ...string) *orthography {
	for _, r := range rules {
		o.rules = append(o.rules, parseOrthRule(r))
	}
	sort.SliceStable(o.rules, func(i, j int) bool {
		return len([]rune(o.rules[i].pat)) > len([]rune(o.rules[j].pat))
	})
	return o
}

// parseOrthRule reads "pattern[^$][>NEXT][<PREV] = out".
func parseOrthRule(s string) orthRule {
	lhs, rhs, ok := strings.Cut(s, " = ")
	if !ok {
		panic("orthography rule without \" = \": " + s)
	}
	var r orthRule
	// Contexts follow the pattern: ">NEXT" and "<PREV", in either order.
	if i := strings.IndexAny(lhs, "<>"); i >= 0 {
		ctx := lhs[i:]
		lhs = lhs[:i]
		for ctx != "" {
			kind := ctx[0]
			rest := ctx[1:]
			j := strings.IndexAny(rest, "<>")
			if j < 0 {
				j = len(rest)
			}
			if kind == '>' {
				r.next = rest[:j]
			} else {
				r.prev = rest[:j]
			}
			ctx = rest[j:]
		}
	}
	if strings.HasSuffix(lhs, "^") {
		lhs, r.start = strings.TrimSuffix(lhs, "^"), true
	}
	if strings.HasSuffix(lhs, "$") {
		lhs, r.end = strings.TrimSuffix(lhs, "$"), true
	}
	r.pat = lhs
	for _, f := range strings.Fields(rhs) {
		opt := strings.HasPrefix(f, "?")
		f = strings.TrimPrefix(f, "?")
		var set phoneSet
		for _, l := range strings.Split(f, "/") {
			p, ok := phoneLetter[l]
			if !ok {
				panic("orthography rule with unknown sound " + l + ": " + s)
			}
			set |= p
		}
		x := mk(set)
		if opt {
			x = optional(set, 0.15)
		}
		r.out = append(r.out, x)
	}
	return r
}

var phoneLetter = map[string]phoneSet{
	"a": pA, "e": pE, "i": pI, "o": pO, "u": pU, "b": pB, "p": pP, "t": pT, "d": pD, "k": pK,
	"g": pG, "q": pQ, "x": pX, "h": pH, "J": pJ, "C": pC, "s": pS, "z": pZ, "S": pSh, "Z": pZh,
	"f": pF, "v": pV, "m": pM, "n": pN, "l": pL, "r": pR, "y": pY,
}

// read reads a lower-case word by the orthography's rules, the letters no
// rule covers by the base reader's plain letters.
func (o *orthography) read(w []rune) []sym {
	var out []sym
	for i := 0; i < len(w); {
		matched := false
		for _, r := range o.rules {
			n, ok := r.match(w, i)
			if !ok {
				continue
			}
			out = append(out, r.out...)
			i += n
			matched = true
			break
		}
		if matched {
			continue
		}
		if s, ok := latinLetters[w[i]]; ok {
			out = append(out, mk(s))
		} else if w[i] == 'h' {
			out = append(out, mk(pH))
		} else if w[i] == 'j' {
			out = append(out, mk(pJ))
		} else if w[i] == 'y' {
			out = append(out, sym{set: pY | pI, gap: 0.3})
		} else if w[i] == 'c' {
			out = append(out, mk(pK))
		} else if strings.ContainsRune("'ʼʻʿʾ’`", w[i]) {
			out = append(out, optional(pGlottal, 0.05))
		} else {
			out = append(out, unknownLetter(w[i]))
		}
		i++
	}
	return collapse(out)
}

func (r *orthRule) match(w []rune, i int) (int, bool) {
	n := 0
	for _, c := range r.pat {
		if i+n >= len(w) || w[i+n] != c {
			return 0, false
		}
		n++
	}
	if r.start && i != 0 || r.end && i+n != len(w) {
		return 0, false
	}
	if r.next != "" && (i+n >= len(w) || !strings.ContainsRune(r.next, w[i+n])) {
		return 0, false
	}
	if r.prev != "" && (i == 0 || !strings.ContainsRune(r.prev, w[i-1])) {
		return 0, false
	}
	return n, true
}

// maxReadings bounds the orthographies that read one word, for speed:
// the first that claim it, in the order of newOrthographies.
const maxReadings = 4

// readings returns the word's readings by each orthography that claims
// it, at most maxReadings.
func (rd *reader) readings(w string) [][]sym {
	var out [][]sym
	rs := []rune(w)
	for _, o := range rd.orths {
		if len(out) == maxReadings {
			break
		}
		if o.claims.MatchString(w) && (o.cue == nil || o.cue.MatchString(w)) {
			out = append(out, o.read(rs))
		}
	}
	return out
}
