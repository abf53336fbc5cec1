package clean

import (
	"slices"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" means no date
		updated        bool
	}{
		{"published and updated, french", "Publié le 14 novembre 2022 à 13h05, mis à jour à 15h20", "2022-11-14T13:05", false},
		{"two labelled dates, turkish", "Giriş: 14.11.2022 13:05 Güncelleme: 14.11.2022 15:20", "2022-11-14T13:05", false},
		{"update only, azerbaijani", "Yenilənib: 14 noyabr 2022, 15:20", "2022-11-14T15:20", true},
		{"update only, english", "Updated 3 May 2023, 6:45 pm BST", "2023-05-03T18:45:00+01:00", true},
		{"plain date", "14 ноября 2022 13:05", "2022-11-14T13:05", false},
		{"sentence with update word", "The site was updated to show the new timetable.", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, updated, ok := parseDateLine(tt.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tt.want || ok && updated != tt.updated {
				t.Errorf("parseDateLine(%q) = %q, updated %v; want %q, %v", tt.in, got, updated, tt.want, tt.updated)
			}
		})
	}
}

func TestReadMetaLines(t *testing.T) {
	tests := []struct {
		name, in string
		date     string // "" when none
		relative bool
		authors  []string
	}{
		{"dateline place and zone", "Valencia - 14 nov 2022 - 13:05 CET", "2022-11-14T13:05:00+01:00", false, nil},
		{"date with a view counter", "14 noyabr 2022 13:05 Oxunub: 1234", "2022-11-14T13:05", false, nil},
		{"dotted clock, guardian style", "Sat 12 Nov 2022 07.00 GMT", "2022-11-12T07:00:00Z", false, nil},
		{"relative english", "Updated 2 hours ago", "", true, nil},
		{"relative russian", "3 часа назад", "", true, nil},
		{"relative german", "vor 5 Minuten", "", true, nil},
		{"yesterday with time", "Вчера, 13:05", "", true, nil},
		{"byline with place", "Von Anna Beispiel und Lukas Muster, Hamburg", "", false, []string{"Anna Beispiel", "Lukas Muster"}},
		{"wire reporters with places", "By Jane Doe in Baku and John Roe", "", false, []string{"Jane Doe", "John Roe"}},
		{"magazine byline", "Ein Artikel von Max Muster", "", false, []string{"Max Muster"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := readMeta(tt.in)
			if !ok {
				t.Fatalf("readMeta(%q) not a header line", tt.in)
			}
			got := ""
			if m.date != nil {
				got = m.date.String()
			}
			if got != tt.date || m.relative != tt.relative || !slices.Equal(m.authors, tt.authors) {
				t.Errorf("readMeta(%q) = date %q relative %v authors %q; want %q %v %q", tt.in, got, m.relative, m.authors, tt.date, tt.relative, tt.authors)
			}
		})
	}
}

func TestLineClasses(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) bool
		in   string
		want bool
	}{
		{"counter, azerbaijani views", isCounter, "Oxunub: 1234", true},
		{"counter, persian news id", isCounter, "کد خبر: ۱۲۳۴۵۶", true},
		{"counter, not a reading time", isCounter, "Lesezeit: 4 Min.", false},
		{"counter, not a sentence", isCounter, "He said: 2024 will be better", false},
		{"clock line", isClockLine, "22:58 GMT", true},
		{"clock line, bare", isClockLine, "10:45", true},
		{"clock line, not a heading", isClockLine, "Polls close at 22:00", false},
		{"role line", isRoleLine, "Business reporter", true},
		{"role line, russian", isRoleLine, "Специальный корреспондент", true},
		{"role line, not a name", isRoleLine, "Mark Ellis", false},
		{"question heading", isQuestionHeading, "What do critics say?", true},
		{"question in quotes", isQuestionHeading, "\"Why now?\"", false},
		{"dated caption", isDatedCaption, "Residents wade through a flooded street, 15 May 2023", true},
		{"heading with a comma", isDatedCaption, "Turnout reached 64%, the highest in two decades", false},
		{"armenian colon ends a sentence", endsSentence, "Շինարարությունը կավարտվի 2025 թվականին:", true},
		{"latin colon does not", endsSentence, "He said:", false},
		{"section label", isLabel, "Наука и техника", true},
		{"not a label", isLabel, "Ministers met on Monday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.in); got != tt.want {
				t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAuthorLine(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"name with place", "Anna Kowalski in Copenhagen", []string{"Anna Kowalski"}},
		{"desk name", "Haber Merkezi", []string{"Haber Merkezi"}},
		{"job title", "Business reporter", nil},
		{"headline", "Floods force evacuations in the valley", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := authorLine(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("authorLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLinkedDataDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"news article", `{"@type":"NewsArticle","datePublished":"2022-11-14T10:15:00+00:00"}`, "2022-11-14T10:15:00Z"},
		{"graph", `{"@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2022-11-14"}]}`, "2022-11-14"},
		{"array", `[{"@type":"Organization"},{"datePublished":"2022-11-14T13:05:00+03:00"}]`, "2022-11-14T13:05:00+03:00"},
		{"no date", `{"@type":"Organization","name":"X"}`, ""},
		{"broken json", `{"datePublished": `, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if d := linkedDataDate(tt.in); d != nil {
				got = d.String()
			}
			if got != tt.want {
				t.Errorf("linkedDataDate(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPreciseDate(t *testing.T) {
	tests := []struct {
		name  string
		dates []string // "" for nil
		want  string
	}{
		{"first given wins on its own", []string{"2022-11-14", ""}, "2022-11-14"},
		{"more precise on the same day", []string{"", "2022-11-14", "2022-11-14T13:05:00+04:00"}, "2022-11-14T13:05:00+04:00"},
		{"other day ignored", []string{"2022-11-14", "2022-11-12T09:00"}, "2022-11-14"},
		{"none", []string{"", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []*pipeline.Date
			for _, s := range tt.dates {
				if s == "" {
					in = append(in, nil)
					continue
				}
				d, ok := ParseDate(s)
				if !ok {
					t.Fatalf("bad test date %q", s)
				}
				in = append(in, d)
			}
			got := ""
			if d := preciseDate(in...); d != nil {
				got = d.String()
			}
			if got != tt.want {
				t.Errorf("preciseDate(%q) = %q, want %q", tt.dates, got, tt.want)
			}
		})
	}
}

// TestPhraseSet checks that a phraseSet finds what testing each phrase
// with strings.Contains finds.
func TestPhraseSet(t *testing.T) {
	ps := newPhraseSet(furniturePhrases, paywallPhrases)
	tests := []string{
		"we use cookies to improve your experience.",
		"© 2022 xəbər portalı. bütün hüquqlar qorunur.",
		"il vous reste 60 % de cet article à lire.",
		"کلیه حقوق این سایت محفوظ است.",
		"the council said the bridge would reopen in the spring.",
		"",
		"w",
	}
	for _, s := range tests {
		if got, want := ps.in(s), containsAny(s, furniturePhrases) || containsAny(s, paywallPhrases); got != want {
			t.Errorf("in(%q) = %v, strings.Contains says %v", s, got, want)
		}
	}
	caption := newPhraseSet(captionMarks)
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"photo: jane roe/reuters", true},
		{"residents wade through a street (getty images)", true},
		{"the telephoto: lens", false},
	} {
		if got := caption.after(tt.in, " ("); got != tt.want {
			t.Errorf("after(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
