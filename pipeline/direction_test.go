package pipeline

import "testing"

func TestTagDirection(t *testing.T) {
	tests := []struct {
		name, tag string
		want      Direction
	}{
		{"persian", "fa", RightToLeft},
		{"arabic with region", "ar-EG", RightToLeft},
		{"hebrew", "he", RightToLeft},
		{"urdu upper case", "UR", RightToLeft},
		{"pashto", "ps", RightToLeft},
		{"central kurdish", "ckb", RightToLeft},
		{"uyghur", "ug", RightToLeft},
		{"dhivehi (thaana)", "dv", RightToLeft},
		{"yiddish (hebrew script)", "yi", RightToLeft},
		{"azerbaijani in arabic script", "az-Arab", RightToLeft},
		{"azerbaijani", "az", LeftToRight},
		{"serbian in latin script", "sr-Latn", LeftToRight},
		{"kurdish in latin script", "ku-Latn", LeftToRight},
		{"underscore form", "fa_IR", RightToLeft},
		{"english", "en", LeftToRight},
		{"armenian", "hy", LeftToRight},
		{"russian", "ru", LeftToRight},
		{"undetermined", "und", ""},
		{"undetermined in arabic script", "und-Arab", RightToLeft},
		{"empty", "", ""},
		{"malformed", "not a tag!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TagDirection(tt.tag); got != tt.want {
				t.Errorf("TagDirection(%q) = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}
