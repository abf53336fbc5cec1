// Package langid tells which language a text is written in.
//
// Start with New, which returns a Detector to build once and share: it
// decides by script first (Armenian letters are Armenian, Persian letters
// within Arabic script are Persian), which makes short texts work, and asks
// lingua-go's n-gram models only to tell apart the languages that share a
// script. Direction gives the writing direction of a tag.
package langid

import (
	"strings"
	"unicode"

	lingua "github.com/pemistahl/lingua-go"
)

// minLetters is the fewest letters a text needs before a guess is made;
// below it every script looks alike.
const minLetters = 3

// A Detector guesses the language of a text. It is safe for concurrent use.
// lingua-go loads each language's models on first use and keeps them for
// the life of the program, so the first detection in a script is slower
// (about 0.4 s and 11 MB for all of them). Its low-accuracy mode (trigrams
// only) is used: the full models cost 190 MB and 5 s to load, and the
// script and function-word cues already settle the short texts they help.
type Detector struct {
	latin    lingua.LanguageDetector
	cyrillic lingua.LanguageDetector
	arabic   lingua.LanguageDetector
}

// New builds a Detector for the languages of the European Union and the
// region dossier covers: by their models en, de, fr, es, it, pt, nl, pl,
// cs, sk, sl, hr, ro, hu, sv, da, nb, fi, et, lv, lt, sq, ga, ca, az, tr
// in Latin script, ru, uk, be, bg, sr, mk, kk in Cyrillic, fa, ar, ur in
// Arabic; by script alone hy, ka, he, el, zh, ja, ko.
func New() *Detector {
	build := func(langs ...lingua.Language) lingua.LanguageDetector {
		return lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithLowAccuracyMode().Build()
	}
	return &Detector{
		latin: build(lingua.English, lingua.Azerbaijani, lingua.Turkish, lingua.German,
			lingua.French, lingua.Spanish, lingua.Italian, lingua.Portuguese, lingua.Dutch,
			lingua.Polish, lingua.Czech, lingua.Slovak, lingua.Slovene, lingua.Croatian, lingua.Romanian,
			lingua.Hungarian, lingua.Swedish, lingua.Danish, lingua.Bokmal, lingua.Finnish, lingua.Estonian,
			lingua.Latvian, lingua.Lithuanian, lingua.Albanian, lingua.Irish, lingua.Catalan),
		cyrillic: build(lingua.Russian, lingua.Ukrainian, lingua.Belarusian, lingua.Bulgarian, lingua.Serbian,
			lingua.Macedonian, lingua.Kazakh),
		arabic: build(lingua.Persian, lingua.Arabic, lingua.Urdu),
	}
}

// script is the writing system that most of a text's letters belong to.
type script int

const (
	noScript script = iota
	latinScript
	cyrillicScript
	arabicScript
	armenianScript
	georgianScript
	hebrewScript
	greekScript
	hanScript
	kanaScript
	hangulScript
	otherScript
)

// letterCounts tallies a text's letters by script, and the letters that
// single out one language of a shared script.
type letterCounts struct {
	total     int
	byScript  [otherScript + 1]int
	persian   int // پ چ ژ گ ک ی: letters Arabic does not use
	arabic    int // ي ك ة ى: Arabic forms Persian writes differently
	urdu      int // ٹ ڈ ڑ ں ے
	schwa     int // ə: only Azerbaijani among our Latin languages
	ukrainian int // ї є ґ
	russian   int // ы э ё
	belarus   int // ў
	kazakh    int // ә ғ қ ң ө ұ ү һ
	southSlav int // ђ ћ џ ј љ њ ѓ ќ ѕ: Serbian and Macedonian
}

func countLetters(text string) letterCounts {
	var c letterCounts
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		c.total++
		switch {
		case unicode.Is(unicode.Latin, r):
			c.byScript[latinScript]++
			if r == 'ə' || r == 'Ə' {
				c.schwa++
			}
		case unicode.Is(unicode.Cyrillic, r):
			c.byScript[cyrillicScript]++
			switch unicode.ToLower(r) {
			case 'ї', 'є', 'ґ':
				c.ukrainian++
			case 'ы', 'э', 'ё':
				c.russian++
			case 'ў':
				c.belarus++
			case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ':
				c.kazakh++
			case 'ђ', 'ћ', 'џ', 'ј', 'љ', 'њ', 'ѓ', 'ќ', 'ѕ':
				c.southSlav++
			}
		case unicode.Is(unicode.Arabic, r):
			c.byScript[arabicScript]++
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				c.persian++
			case 'ي', 'ك', 'ة', 'ى':
				c.arabic++
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے':
				c.urdu++
			}
		case unicode.Is(unicode.Armenian, r):
			c.byScript[armenianScript]++
		case unicode.Is(unicode.Georgian, r):
			c.byScript[georgianScript]++
		case unicode.Is(unicode.Hebrew, r):
			c.byScript[hebrewScript]++
		case unicode.Is(unicode.Greek, r):
			c.byScript[greekScript]++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			c.byScript[kanaScript]++
		case unicode.Is(unicode.Han, r):
			c.byScript[hanScript]++
		case unicode.Is(unicode.Hangul, r):
			c.byScript[hangulScript]++
		default:
			c.byScript[otherScript]++
		}
	}
	return c
}

func (c letterCounts) dominant() (script, float64) {
	best := noScript
	for s := latinScript; s <= otherScript; s++ {
		if c.byScript[s] > c.byScript[best] {
			best = s
		}
	}
	if c.total == 0 {
		return noScript, 0
	}
	return best, float64(c.byScript[best]) / float64(c.total)
}

// Detect returns the BCP 47 tag of text's language and a confidence from 0
// to 1, or "" and 0 when it cannot tell (too few letters, a script it does
// not know, or models that disagree).
func (d *Detector) Detect(text string) (string, float64) {
	c := countLetters(text)
	if c.total < minLetters {
		return "", 0
	}
	s, share := c.dominant()
	switch s {
	case armenianScript:
		return "hy", share
	case georgianScript:
		return "ka", share
	case hebrewScript:
		return "he", share
	case greekScript:
		return "el", share
	case hanScript, kanaScript:
		// Japanese writes most of its words in Han characters too; any
		// share of kana names it.
		if c.byScript[kanaScript]*10 >= c.byScript[hanScript] {
			return "ja", float64(c.byScript[hanScript]+c.byScript[kanaScript]) / float64(c.total)
		}
		return "zh", share
	case hangulScript:
		return "ko", share
	case arabicScript:
		return d.detectArabic(text, c, share)
	case cyrillicScript:
		return d.detectCyrillic(text, c, share)
	case latinScript:
		return d.detectLatin(text, c, share)
	}
	return "", 0
}

func (d *Detector) detectArabic(text string, c letterCounts, share float64) (string, float64) {
	switch {
	case c.urdu > 0 && c.urdu >= c.arabic:
		return "ur", share
	case c.persian > 0 && c.arabic == 0:
		return "fa", share
	case c.arabic > 0 && c.persian == 0:
		return "ar", share
	}
	return ask(d.arabic, text, share)
}

func (d *Detector) detectCyrillic(text string, c letterCounts, share float64) (string, float64) {
	switch {
	case c.kazakh > 0 && c.kazakh*50 >= c.byScript[cyrillicScript]:
		return "kk", share
	case c.belarus > 0:
		return "be", share
	case c.southSlav > 0:
		return ask(d.cyrillic, text, share)
	case c.ukrainian > 0 && c.russian == 0:
		return "uk", share
	case c.russian > 0 && c.ukrainian == 0 && c.byScript[cyrillicScript] < 40:
		// A short text with Russian letters: the models of the other
		// languages, which lack them, would only add noise.
		return "ru", share
	}
	return ask(d.cyrillic, text, share)
}

func (d *Detector) detectLatin(text string, c letterCounts, share float64) (string, float64) {
	// ə is Azerbaijani's most frequent vowel and no other language here
	// uses it, so one is enough in a short text and a few in a long one.
	if c.schwa > 0 && c.schwa*100 >= c.byScript[latinScript] {
		return "az", share
	}
	if tag, ok := byFunctionWords(text); ok {
		return tag, functionWordConfidence * share
	}
	return ask(d.latin, text, share)
}

// functionWordConfidence is reported when a text's function words alone
// name its language: they do so reliably on sentences, and the n-gram
// models cost a hundred times more.
const functionWordConfidence = 0.95

// functionWords are the commonest short words of the Latin-script
// languages, which other languages of the set seldom write.
var functionWords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "was", "that", "with", "for", "have", "has", "said", "which", "from", "were", "this", "will", "their"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "dem", "den", "ein", "eine", "wird", "auch", "nach", "sind"},
	"fr": {"le", "les", "et", "des", "est", "une", "dans", "pour", "qui", "sur", "au", "aux", "du", "ont", "être", "été", "avec", "pas"},
	"es": {"el", "los", "las", "y", "del", "una", "por", "con", "para", "es", "como", "más", "pero", "sus", "fue", "está", "ha", "han"},
	"it": {"il", "gli", "della", "che", "è", "per", "con", "non", "una", "sono", "nel", "alla", "delle", "dei", "degli", "anche", "ha", "stato"},
	"pt": {"os", "as", "que", "não", "uma", "com", "para", "por", "mais", "foi", "são", "ao", "dos", "das", "está", "também", "pelo", "pela"},
	"nl": {"het", "een", "van", "en", "niet", "zijn", "met", "voor", "ook", "aan", "werd", "naar", "wordt", "bij", "maar", "deze", "heeft", "dat"},
	"pl": {"się", "nie", "że", "jest", "przez", "oraz", "który", "która", "które", "jak", "dla", "był", "była", "są", "tym", "już", "jego", "lub"},
	"cs": {"se", "je", "že", "ve", "jako", "pro", "jsou", "byl", "byla", "také", "který", "která", "které", "jeho", "podle", "při", "již", "nebo"},
	"tr": {"ve", "bir", "bu", "için", "ile", "olarak", "daha", "çok", "gibi", "olan", "kadar", "sonra", "değil", "ancak", "göre", "ise", "yeni", "şu"},
}

// functionWordLanguage maps each function word to its languages.
var functionWordLanguage = func() map[string][]string {
	out := map[string][]string{}
	for lang, words := range functionWords {
		for _, w := range words {
			out[w] = append(out[w], lang)
		}
	}
	return out
}()

// byFunctionWords names a Latin-script text's language when its function
// words point clearly at one: at least four hits, three times the
// runner-up's.
func byFunctionWords(text string) (string, bool) {
	hits := map[string]int{}
	start := -1
	flush := func(end int) {
		if start >= 0 {
			for _, lang := range functionWordLanguage[strings.ToLower(text[start:end])] {
				hits[lang]++
			}
		}
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	best, second := "", 0
	for lang, n := range hits {
		if best == "" || n > hits[best] || n == hits[best] && lang < best {
			best = lang
		}
	}
	for lang, n := range hits {
		if lang != best && n > second {
			second = n
		}
	}
	if best == "" || hits[best] < 4 || hits[best] < 3*second {
		return "", false
	}
	return best, true
}

// ask consults the models; share scales the answer down when much of the
// text is in another script.
func ask(det lingua.LanguageDetector, text string, share float64) (string, float64) {
	values := det.ComputeLanguageConfidenceValues(text)
	if len(values) == 0 || values[0].Value() == 0 {
		return "", 0
	}
	if len(values) > 1 && values[0].Value() == values[1].Value() {
		return "", 0
	}
	tag := values[0].Language().IsoCode639_1().String()
	return lowerASCII(tag), values[0].Value() * share
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Bounds for naming a block's language against its article's: a block
// in another language must say so in enough words of its own.
const (
	minOwnWords       = 6
	minOwnLetters     = 30
	ownWordConfidence = 0.9
)

// DetectIn returns the language of a block of an article written in
// context, or "" when the block gives no clear sign of being in another
// language. Short English headings and names are what fool a detector
// in a foreign article ("Champions League", "Breaking news", "Boris
// Johnson"), so names (capitalised words inside a sentence) and digits
// are left out first, and a block in the article's own script must then
// still have six words and 30 letters, be named with confidence 0.9, and
// have its function words agree when they speak. A block in another
// script is told by its script, as Detect does.
func (d *Detector) DetectIn(text, context string) (string, float64) {
	all := countLetters(text)
	s, _ := all.dominant()
	if s != scriptOf(context) {
		return d.Detect(text)
	}
	own, n := withoutNames(text)
	if n < minOwnWords || countLetters(own).total < minOwnLetters {
		return "", 0
	}
	tag, conf := d.Detect(own)
	if tag == "" || tag == context || conf < ownWordConfidence {
		return "", 0
	}
	if fw, ok := byFunctionWords(own); ok && fw != tag {
		return "", 0
	}
	return tag, conf
}

// scriptOf returns the script a language is written in, as far as
// Detect tells scripts apart.
func scriptOf(tag string) script {
	switch tag {
	case "":
		return noScript
	case "ru", "uk", "be", "bg", "sr", "mk", "kk":
		return cyrillicScript
	case "fa", "ar", "ur":
		return arabicScript
	case "hy":
		return armenianScript
	case "ka":
		return georgianScript
	case "he":
		return hebrewScript
	case "el":
		return greekScript
	case "zh":
		return hanScript
	case "ja":
		return kanaScript
	case "ko":
		return hangulScript
	}
	return latinScript
}

// withoutNames returns text without the words that begin with a capital
// letter inside a sentence (names, titles of works, acronyms) or hold a
// digit, and how many words are left.
func withoutNames(text string) (string, int) {
	var sb strings.Builder
	n := 0
	sentenceStart := true
	for _, w := range strings.Fields(text) {
		r := firstRune(w)
		start := sentenceStart
		last := lastRune(w)
		sentenceStart = strings.ContainsRune(".!?:…", last)
		if strings.ContainsFunc(w, unicode.IsDigit) || !start && unicode.IsUpper(r) {
			continue
		}
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		sb.WriteString(w)
		sb.WriteByte(' ')
		n++
	}
	return sb.String(), n
}

func firstRune(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
	}
	return 0
}

func lastRune(s string) rune {
	rs := []rune(s)
	for i := len(rs) - 1; i >= 0; i-- {
		if !strings.ContainsRune("\"'”’»)]", rs[i]) {
			return rs[i]
		}
	}
	return 0
}
