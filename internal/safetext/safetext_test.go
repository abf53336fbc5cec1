package safetext

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "articles/en-eurasia.txt", "articles/en-eurasia.txt"},
		{"persian with zwnj", "می‌گوید.txt", "می‌گوید.txt"},
		{"escape sequence", "a\x1b[31mred\x1b[0m.txt", `a\x1b[31mred\x1b[0m.txt`},
		{"window title", "\x1b]0;owned\x07.txt", `\x1b]0;owned\x07.txt`},
		{"bell and delete", "a\x07b\x7f", `a\x07b\x7f`},
		{"c1 control", "a\u009bb", `a\u009bb`},
		{"right-to-left override", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"isolates and marks", "\u2066x\u2069\u200f", `\u2066x\u2069\u200f`},
		{"line breaks", "a\nb\rc\u2028", `a\x0ab\x0dc\u2028`},
		{"invalid utf-8", "caf\xe9.txt", "caf\uFFFD.txt"},
		{"truncated sequence", "a\xe2\x82", "a\uFFFD\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in)
			if got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("String(%q) is not valid UTF-8", tt.in)
			}
		})
	}
}

func FuzzString(f *testing.F) {
	f.Add("a\x1b[2J\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if unsafeAt(got) >= 0 {
			t.Fatalf("String(%q) = %q still holds %q", s, got, got[unsafeAt(got):])
		}
		if String(got) != got {
			t.Fatalf("String is not idempotent on %q", s)
		}
	})
}

func BenchmarkStringClean(b *testing.B) {
	s := "testdata/articles/iranwire-2022-11-22-azerbaijan-spy-network.txt"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}
