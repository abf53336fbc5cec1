// Package safetext makes untrusted text — file names, URLs, error text
// that quotes input — safe to print on a terminal or to write into a
// text output: nothing in it can move the cursor, set a window title,
// ring the bell, reverse the line's direction or make the output invalid
// UTF-8.
//
// Start with String. It is for text shown whole on one line; article
// text, which has its own rules, goes through ingest's decoding instead.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with every control character (C0, DEL, C1, line and
// paragraph separators, line breaks included), every bidi control (LRE…
// RLO, LRI…PDI, LRM, RLM, ALM) and every other invisible format character
// written as a Go escape (\x1b, \u202e), and each invalid byte replaced by
// U+FFFD. A backslash stays as it is: escapes are for a reader, not a
// parser. Text that needs nothing is returned unchanged, without copying.
func String(s string) string {
	i := unsafeAt(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeAt returns the offset of the first byte String must change, or -1.
func unsafeAt(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r == '\u2028', r == '\u2029':
		return true
	case r == '\u200c', r == '\u200d':
		return false // ZWNJ and ZWJ shape Persian and other scripts
	}
	// Cf holds the bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9),
	// zero-width spaces, BOMs and tag characters.
	return unicode.Is(unicode.Cf, r)
}
