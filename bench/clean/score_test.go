package main

import "testing"

func TestScoreText(t *testing.T) {
	p := page{Body: "The minister said on Monday that the talks would go on next week.\nShort line.\nOfficials in Baku confirmed the date of the next round of talks on Tuesday."}
	browser := "Home\nSubscribe to our newsletter for the latest news every day\n" + p.Body + "\nRead more stories from our partners around the world today"
	with, without := snippets(p, browser)
	if len(with) != 2 {
		t.Fatalf("with = %q, want the two paragraphs of five or more words", with)
	}
	if len(without) != 2 {
		t.Fatalf("without = %q, want the two boilerplate lines", without)
	}
	got := scoreText(p.Body, with, without)
	if got != (tally{tp: 2, tn: 2}) {
		t.Errorf("perfect extraction scored %+v", got)
	}
	got = scoreText(browser, with, without)
	if got != (tally{tp: 2, fp: 2}) {
		t.Errorf("whole page scored %+v", got)
	}
	if f := got.f1(); f < 0.66 || f > 0.67 {
		t.Errorf("F1 = %.3f, want 2/3", f)
	}
}

func TestTitleRight(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"Clymer workshop manual review", "Clymer workshop manual review | MoreBikes", true},
		{"Breaking News Emails", "New York man pleads guilty to threatening to kill Rep. Ilhan Omar", false},
		{"", "Anything", false},
		{"Taylor Swift is allowed to play her music", "Taylor Swift's AMA row seems to be over", false},
	}
	for _, tt := range tests {
		if got := titleRight(tt.got, tt.want); got != tt.ok {
			t.Errorf("titleRight(%q, %q) = %v", tt.got, tt.want, got)
		}
	}
}

func TestShownDate(t *testing.T) {
	for _, text := range []string{"Posted Nov. 19, 2019, 8:41 AM", "19 listopadu 2019", "2019-11-19T08:00", "11/19/2019"} {
		if !shownDate(text, "2019-11-19") {
			t.Errorf("shownDate(%q) = false", text)
		}
	}
	if shownDate("Updated Nov 19, 9:41 AM", "2019-11-19") {
		t.Error("a date without its year counted as shown")
	}
}
