package exporters

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSlugs(t *testing.T) {
	var s Slugs
	tests := []struct {
		name, title, fallback, want string
	}{
		{"english title", "Azerbaijan Exposes Alleged Iranian Spy Network", "", "azerbaijan-exposes-alleged-iranian-spy-network"},
		{"azerbaijani letters", "DTX İran xüsusi xidmət orqanları üçün", "", "dtx-iran-xususi-xidmat-orqanlari-ucun"},
		{"collision", "Azerbaijan exposes alleged Iranian spy network!", "", "azerbaijan-exposes-alleged-iranian-spy-network-2"},
		{"path escape", "../../etc/passwd", "", "etc-passwd"},
		{"windows device", "CON", "", "con-article"},
		{"batch name reserved", "Briefing", "", "briefing-article"},
		{"script without romanizer falls back", "جمهوری آذربایجان", "fa-iranwire-2022-11-15.txt", "fa-iranwire-2022-11-15-txt"},
		{"nothing usable", "???", "", "article"},
		{"hidden file", ".bashrc", "", "bashrc"},
		{"very long", strings.Repeat("word ", 40), "", strings.TrimSuffix(strings.Repeat("word-", 14), "-")},
	}
	valid := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := s.Next(tc.title, tc.fallback)
			if got != tc.want {
				t.Errorf("Next(%q) = %q, want %q", tc.title, got, tc.want)
			}
			if !valid.MatchString(got) || filepath.Base(got) != got {
				t.Errorf("slug %q is not a safe file name", got)
			}
		})
	}
}

func TestSlugsCaseInsensitiveUnique(t *testing.T) {
	var s Slugs
	a, b := s.Next("Baku", ""), s.Next("BAKU", "")
	if a == b {
		t.Errorf("two articles share the slug %q", a)
	}
}
