package names

import "testing"

func TestTitleBefore(t *testing.T) {
	for _, tc := range []struct {
		name, text, at string
		want           bool
	}{
		{"president", "said President Trump on Monday.", "Trump", true},
		{"dr with period", "Dr. Martins said", "Martins", true},
		{"no title", "the Wild scored twice", "Wild", false},
		{"title in the sentence before", "He met the president. Trump left.", "Trump", false},
		{"start of text", "Trump left.", "Trump", false},
		{"a title of another language", "the Bay Area", "Area", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := indexOf(tc.text, tc.at)
			if got := TitleBefore("en", tc.text, at); got != tc.want {
				t.Errorf("TitleBefore(%q, %d) = %v, want %v", tc.text, at, got, tc.want)
			}
		})
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestNameWord(t *testing.T) {
	for word, want := range map[string]bool{"Elnur": true, "Rasulov": true, "Petrosyan": true, "Support": false, "Robotics": false} {
		if got := NameWord(word); got != want {
			t.Errorf("NameWord(%q) = %v, want %v", word, got, want)
		}
	}
}
