package transliterate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalizer returns a Transformer that puts text in the form names are
// compared in: NFKC (which folds Arabic presentation forms, ligatures and
// full-width letters), Arabic letter forms folded to Persian ones (ي→ی,
// ك→ک, أ→ا, ة→ه), and tatweel, harakat, ZWJ, soft hyphens and bidi
// controls removed. ZWNJ stays: Tokens splits words at it, as Lucene's
// Persian char filter does, so the part before it keeps its word-final
// shape (خامنه‌ای) and Match treats split and joined parts alike
// (علی‌اکبر, Ali Akbar). Case is left alone: lower-casing needs the token's
// language (Turkish and Azerbaijani I), see Tokens.
func Normalizer() transform.Transformer {
	return transform.Chain(
		norm.NFKC,
		runes.Remove(runes.Predicate(isIgnorable)),
		runes.Map(arabicFold),
		norm.NFC,
	)
}

// changedByNormalizer reports a rune that Normalizer removes or folds
// even in NFKC text.
func changedByNormalizer(r rune) bool { return isIgnorable(r) || arabicFold(r) != r }

func isIgnorable(r rune) bool {
	switch {
	case r == 'ـ': // tatweel
		return true
	case r >= 0x064B && r <= 0x065F, r == 0x0670: // harakat, superscript alef
		return true
	case r >= 0x06D6 && r <= 0x06ED: // Quranic marks
		return true
	case r == 0x200D, r == 0x00AD, r == 0x200B, r == 0xFEFF:
		return true
	case r >= 0x200E && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// normalize applies Normalizer to s. Text the Normalizer would leave as
// it is (valid, NFKC already, nothing to remove or fold: most names) is
// returned without building the chain.
func normalize(s string) string {
	if utf8.ValidString(s) && norm.NFKC.IsNormalString(s) && !strings.ContainsFunc(s, changedByNormalizer) {
		return s
	}
	out, _, err := transform.String(Normalizer(), s)
	if err != nil {
		// Only invalid UTF-8 can fail here; keep what is readable.
		return strings.ToValidUTF8(s, "")
	}
	return out
}

// lowerToken lower-cases one token. In a token written with Turkish or
// Azerbaijani letters, I is dotless ı and İ is i; elsewhere I is i.
func lowerToken(w string) string {
	turkic := isTurkic(w)
	var b strings.Builder
	for _, r := range w {
		switch {
		case r == 'İ':
			b.WriteRune('i')
		case r == 'I' && turkic:
			b.WriteRune('ı')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// scriptOf names the script a letter is written in, for choosing a reader.
type script int

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptArmenian
	scriptGreek
	scriptGeorgian
	scriptOther
)

func scriptOf(r rune) script {
	switch {
	case r == '\'' || r == 'ʼ' || r == 'ʻ' || r == '’' || r == '`' || r == 'ʿ' || r == 'ʾ':
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case isArabicLetter(r):
		return scriptArabic
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	case unicode.IsLetter(r):
		return scriptOther
	}
	return scriptNone
}

// runs splits a lower-case token into runs of one script, so a word that
// mixes scripts (a Cyrillic а typed into a Latin name) is still read.
// Apostrophes belong to the run they are in.
func runs(w string) []scriptRun {
	var out []scriptRun
	for _, r := range w {
		s := scriptOf(r)
		if s == scriptNone && len(out) > 0 {
			s = out[len(out)-1].script
		}
		if s == scriptNone {
			s = scriptLatin
		}
		if len(out) > 0 && out[len(out)-1].script == s {
			out[len(out)-1].text = append(out[len(out)-1].text, r)
			continue
		}
		out = append(out, scriptRun{s, []rune{r}})
	}
	return out
}

type scriptRun struct {
	script script
	text   []rune
}
