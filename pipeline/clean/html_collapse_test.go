package clean

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// joinerSpace is white space a joiner swallows: collapseSpace writes a
// joiner at once and forgets the space pending before it.
var joinerSpace = regexp.MustCompile(` +([\x{200c}\x{200d}])`)

// FuzzCollapseSpace checks collapseSpace's fast paths against the rule
// it implements, stated another way: format and control characters go
// (but the joiners), white space becomes spaces, and runs of spaces one.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "a\tb\r\n", "\u00a0x\u2003y\u200bz", "\ufeff a", "ok", "a\x7fb\x01", "\xffx", "a \u200c b", " \u200b\u200d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Map(func(r rune) rune {
			switch {
			case r == '\u200c' || r == '\u200d':
				return r
			case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
				return ' '
			case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
				return -1
			}
			return r
		}, s)
		want = joinerSpace.ReplaceAllString(want, "$1")
		want = strings.Join(strings.FieldsFunc(want, func(r rune) bool { return r == ' ' }), " ")
		if got := collapseSpace(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzDupKey checks dupKey's ASCII path against the rule it implements:
// the lower-cased text's letters and digits.
func FuzzDupKey(f *testing.F) {
	for _, s := range []string{"", "Hello, World 2022!", "İstanbul ΣΟΦΙΑ Straße", "\xff\xfeA", "١٢٣ أخبار"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var sb strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
		}
		if got, want := dupKey(s), sb.String(); got != want {
			t.Fatalf("dupKey(%q) = %q, want %q", s, got, want)
		}
	})
}
