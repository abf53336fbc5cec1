package clean

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzCollapseSpace checks collapseSpace's fast paths against the rule
// it implements, rune by rune.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "a\tb\r\n", "\u00a0x\u2003y\u200bz", "\ufeff a", "ok", "a\x7fb\x01", "\xffx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var sb strings.Builder
		space := false
		for _, r := range s {
			switch {
			case r == '\u200c' || r == '\u200d':
				sb.WriteRune(r)
				space = false
				continue
			case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
				space = sb.Len() > 0
				continue
			case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
				continue
			}
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.WriteRune(r)
		}
		if got, want := collapseSpace(s), sb.String(); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
