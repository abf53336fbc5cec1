package clean

import (
	"context"
	"strings"
	"testing"
)

func TestNameAndDate(t *testing.T) {
	tests := []struct {
		name, line string
		day        string
		authors    []string
	}{
		{"byline then date", "By Joseph Tsidulko November 19, 2019, 07:47 PM EST", "2019-11-19", []string{"Joseph Tsidulko"}},
		{"agency then date", "Reuters November 18, 2019 11:03 PM", "2019-11-18", nil},
		{"date then byline", "5:45 AM PST 11/19/2019 by Patrick Shanley", "2019-11-19", []string{"Patrick Shanley"}},
		{"byline, dash, short us date", "By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19", []string{"Tess Bonn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := readMeta(tt.line)
			if !ok || m.date == nil {
				t.Fatalf("readMeta(%q) = %+v, %v; want a date", tt.line, m, ok)
			}
			if got := m.date.Time.Format("2006-01-02"); got != tt.day {
				t.Errorf("day = %s, want %s", got, tt.day)
			}
			if strings.Join(m.authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", m.authors, tt.authors)
			}
		})
	}
	for _, line := range []string{"The talks resumed on November 18, 2019 in Baku.", "Door to door service from 2019"} {
		if m, ok := readMeta(line); ok && m.any() {
			t.Errorf("readMeta(%q) = %+v, want no metadata", line, m)
		}
	}
}

func TestCreditedCaption(t *testing.T) {
	for _, s := range []string{
		"President Trump at the White House. Doug Mills/The New York Times",
		"The first global geologic map of Titan. (NASA/JPL-Caltech)",
		"Rep. Ilhan Omar speaks at the Capitol on July 25, 2019. J. Scott Applewhite / AP file",
	} {
		if !isCreditedCaption(s) {
			t.Errorf("isCreditedCaption(%q) = false", s)
		}
	}
	for _, s := range []string{"He said he would work 24/7 for the people.", "Prices rose and/or fell.", "The 2019/2020 season begins."} {
		if isCreditedCaption(s) {
			t.Errorf("isCreditedCaption(%q) = true", s)
		}
	}
}

// TestBylineUnderDeck: a dated byline under a deck and a newsletter box
// heads this article, not the next one; the article is read from the
// headline to its end.
func TestBylineUnderDeck(t *testing.T) {
	page := strings.Join([]string{
		"U.S. news",
		"Man pleads guilty to threatening a lawmaker",
		"He faces up to ten years in prison when he is sentenced next year, prosecutors said on Monday.",
		"Breaking News Emails",
		"Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
		"SUBSCRIBE",
		"Nov. 19, 2019, 8:41 AM UTC",
		"By Phil Helsel",
		"A man pleaded guilty on Monday to threatening to kill a member of Congress in a telephone call in March, prosecutors said.",
		"He was arrested in April for the call to the lawmaker's office, in which he used the word terrorist several times.",
		"His attorney said in an email that he never intended to harm anyone and regretted the language he had used.",
		"Sentencing is scheduled for February, and the maximum penalty is ten years in prison and a fine.",
	}, "\n")
	doc, err := newCleaner().Text(context.Background(), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Meta.Published; got == nil || got.Time.Format("2006-01-02") != "2019-11-19" {
		t.Errorf("published = %v, want 2019-11-19", got)
	}
	text := allText(doc)
	for _, want := range []string{"pleaded guilty on Monday", "Sentencing is scheduled"} {
		if !strings.Contains(text, want) {
			t.Errorf("body lacks %q:\n%s", want, text)
		}
	}
}
