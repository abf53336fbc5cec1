package clean

import (
	"context"
	"strings"
	"testing"
)

func TestDateline(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
		date     string // "" when the dateline gives no year
	}{
		{"capitals, ISO date", "LONDON 1996-12-06", true, "1996-12-06"},
		{"two words in capitals", "NEW YORK 2001-03-15", true, "2001-03-15"},
		{"capitals, comma, no year, agency", "MOSCOW, Dec 6 (Reuters)", true, ""},
		{"capitals and agency only", "WASHINGTON (AP) —", true, ""},
		{"dotted place", "ST. PETERSBURG, Nov 14, 2022", true, "2022-11-14"},
		{"capitalized place with comma and full date", "Baku, 14 November 2022", true, "2022-11-14"},
		{"Cyrillic capitals", "МОСКВА, 14 ноября 2022", true, "2022-11-14"},
		{"a headline", "Japan beat Syria in Asian Cup opener", false, ""},
		{"a headline in capitals", "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", false, ""},
		{"capitals and a year only", "EURO 2024", false, ""},
		{"a sentence with a date", "Talks resumed on 14 November 2022 in Baku.", false, ""},
		{"capitalized place without comma", "Baku 14 November 2022", false, ""},
		{"capitalized words and agency", "Mayor Resigns (Reuters)", false, ""},
		{"a score line", "CHINA 2 UZBEKISTAN 0", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := dateline(tt.in)
			got := ""
			if d != nil {
				got = d.String()
			}
			if ok != tt.ok || got != tt.date {
				t.Errorf("dateline(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.date, tt.ok)
			}
		})
	}
}

// TestHeadlineAboveDateline checks that a headline over a wire dateline
// stays the title, with the dateline's date, and that neither line is
// left in the body.
func TestHeadlineAboveDateline(t *testing.T) {
	tests := []struct {
		name, page, title, date string
	}{
		{"capitals headline and ISO dateline", `SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .
LONDON 1996-12-06
Nadim Ladki told reporters in Al-Ain that Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria on Friday .
But China saw their luck desert them in the second match of the group , crashing to a surprise 2-0 defeat to newcomers Uzbekistan .`,
			"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", "1996-12-06"},
		{"headline and dateline without a year", `Mayor promises new bridge for river town
MOSCOW, Dec 6 (Reuters)
The mayor of the small river town said on Friday that a new bridge would be built by next summer, ending years of delays.
Residents have complained for a decade about the ferry, which stops running whenever the river freezes.`,
			"Mayor promises new bridge for river town", ""},
		{"Russian wire copy", `Паромная переправа через Волгу закрыта до весны
САМАРА, 14 ноября 2022
Паромная переправа через Волгу закрыта до весны из-за раннего ледостава, сообщили в администрации области в понедельник.
Жителям прибрежных сёл предложили пользоваться автобусами, которые будут ходить через мост дважды в день.`,
			"Паромная переправа через Волгу закрыта до весны", "2022-11-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := newCleaner().Text(context.Background(), tt.page, "wire.txt")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
			}
			got := ""
			if doc.Meta.Published != nil {
				got = doc.Meta.Published.String()
			}
			if got != tt.date {
				t.Errorf("published = %q, want %q", got, tt.date)
			}
			if len(doc.Blocks) != 2 {
				t.Fatalf("%d blocks, want the 2 paragraphs: %+v", len(doc.Blocks), doc.Blocks)
			}
			for _, b := range doc.Blocks {
				if strings.Contains(b.Text, "1996") || strings.Contains(b.Text, "(Reuters)") || strings.HasPrefix(b.Text, "САМАРА") {
					t.Errorf("dateline left in the body: %q", b.Text)
				}
			}
		})
	}
}
