package clip

import (
	"testing"
	"unicode/utf8"
)

func TestStringKeepsRunesWhole(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"short", "ошибка", 300, "ошибка"},
		{"exact", "abc", 3, "abc"},
		{"ascii cut", "abcdef", 4, "abcd…"},
		{"cut inside a Cyrillic letter", "ошибка", 5, "ош…"},
		{"cut inside an emoji", "ok 🙂🙂", 5, "ok …"},
		{"cut inside Persian", "خطای سرور", 3, "خ…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := String(tc.in, tc.limit)
			if got != tc.want {
				t.Errorf("String(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("String(%q, %d) = %q: not valid UTF-8", tc.in, tc.limit, got)
			}
		})
	}
}
