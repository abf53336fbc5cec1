package textlayout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// currencyCodes names the currency signs DejaVu 2.37 lacks by their ISO
// 4217 codes, which every reader of a briefing can read.
var currencyCodes = map[rune]string{
	'\u058F': "AMD", // Armenian dram
	'\u20B6': "LTT",
	'\u20B8': "KZT",
	'\u20BB': "MARK",
	'\u20BC': "AZN", // Azerbaijani manat
	'\u20BD': "RUB",
	'\u20BE': "GEL", // Georgian lari
	'\u20BF': "BTC",
	'\u20C0': "SOM", // Kyrgyz som
	'\uFDFC': "IRR", // Iranian rial sign
}

// isBidiControl reports whether r only steers the bidi algorithm. Such
// runes take part in resolving levels but are never drawn.
func isBidiControl(r rune) bool {
	switch r {
	case '\u061C', '\u200E', '\u200F':
		return true
	}
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// isLineBreak reports whether r ends a line of its own accord.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// Clean returns s with every rune the chain cannot draw replaced, so that
// no glyph falls back to the font's empty box and no rune outside the
// Basic Multilingual Plane (which fpdf cannot encode) remains:
//
//   - a currency sign becomes its ISO code ("₼" → "AZN");
//   - a rune with a drawable compatibility form takes it ("𝑥" → "x");
//   - tabs and other spaces become a space, CR LF and line separators "\n";
//   - control characters, variation selectors, soft hyphens, invalid
//     UTF-8, emoji and other pictographs are dropped;
//   - any other rune becomes "?".
//
// Bidi controls are kept for the bidi algorithm; the layouter does not
// draw them.
func Clean(s string, c Chain) string {
	if isClean(s, c) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	dropped := false // the last rune was a pictograph we dropped
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			continue
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			sb.WriteByte('\n')
			continue
		case isLineBreak(r):
			sb.WriteByte('\n')
			continue
		}
		if dropped && (r == '\u200D' || unicode.In(r, unicode.Variation_Selector, unicode.Sk, unicode.Mn)) {
			continue // the joiners and modifiers of an emoji sequence
		}
		out := cleanRune(r, c)
		dropped = out == "" && !isBidiControl(r)
		sb.WriteString(out)
	}
	return sb.String()
}

// isClean is the fast path: plain text every face can already draw.
func isClean(s string, c Chain) bool {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError || unicode.IsControl(r) || isLineBreak(r) || !c.Has(r) && !isBidiControl(r) {
			return false
		}
		if r == '\u00AD' || unicode.In(r, unicode.Variation_Selector) {
			return false
		}
	}
	return true
}

func cleanRune(r rune, c Chain) string {
	switch {
	case isBidiControl(r):
		return string(r)
	case r == '\t' || unicode.IsSpace(r) && !c.Has(r):
		return " "
	case unicode.IsControl(r), r == '\u00AD', unicode.In(r, unicode.Variation_Selector),
		unicode.In(r, unicode.Noncharacter_Code_Point):
		return ""
	case c.Has(r):
		return string(r)
	}
	if code, ok := currencyCodes[r]; ok {
		return code
	}
	if compat := norm.NFKC.String(string(r)); compat != string(r) && drawable(compat, c) {
		return compat
	}
	if d := norm.NFD.String(string(r)); d != string(r) {
		// Keep the base letter when only its accents are missing.
		base, _ := utf8.DecodeRuneInString(d)
		if c.Has(base) {
			return string(base)
		}
	}
	switch {
	case unicode.Is(unicode.Sc, r):
		return "¤"
	case unicode.In(r, unicode.So, unicode.Sk, unicode.Mn, unicode.Me, unicode.Cf, unicode.Co, unicode.Cs):
		// Pictographs, their modifiers and joiners, and private-use marks
		// carry no words; a box or a name would only be noise.
		return ""
	}
	return "?"
}

func drawable(s string, c Chain) bool {
	for _, r := range s {
		if !c.Has(r) {
			return false
		}
	}
	return s != ""
}

// PlainBMP returns s fit for PDF metadata and outline titles, which fpdf
// writes as UTF-16 of the Basic Multilingual Plane only: valid UTF-8, no
// control or bidi characters, nothing above U+FFFF, runs of space as one.
func PlainBMP(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		if r > 0xFFFF {
			compat := norm.NFKC.String(string(r))
			if r2, _ := utf8.DecodeRuneInString(compat); utf8.RuneCountInString(compat) == 1 && r2 <= 0xFFFF {
				r = r2
			} else {
				continue
			}
		}
		if unicode.IsSpace(r) {
			space = sb.Len() > 0
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if isBidiControl(r) || r >= 0xFFFE || unicode.In(r, unicode.Variation_Selector) {
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
