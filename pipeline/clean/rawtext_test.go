package clean

import (
	"context"
	"strings"
	"testing"
)

// TestRawPages checks the raw-text rules on small pages of their own:
// the article is the page's densest run of prose, its title the
// headline-shaped line near it whose words the body uses, its date the
// one printed by that title.
func TestRawPages(t *testing.T) {
	lead := "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found corrosion in its steel frame."
	more := "Cyclists and pedestrians will still be able to cross the bridge while the council looks for money to repair the frame, the mayor said."
	last := "Repairs are expected to take two years and to cost more than the council spends on all its other roads in that time, officials said."
	blurb := "A long blurb that sums up another story in a sentence or two, as the lists of teasers under an article print them for every headline they show."
	var teasers []string
	for _, teaser := range []string{"School meals to be free for all pupils", "Storm leaves thousands without power", "Museum reopens after repairs", "New tram line approved"} {
		teasers = append(teasers, teaser, "Sam Roe", "November 19, 2019", blurb)
	}
	tests := []struct {
		name       string
		lines      []string
		title, day string // "" when not checked
		keep, drop []string
	}{
		{
			name: "teasers above, caption under the headline",
			lines: []string{"Menu", "Most read", "Storm leaves thousands without power", "School meals to be free for all pupils",
				"Council closes harbour bridge to cars", "The bridge seen from the harbour wall in May.", "By Ann Lee", "16 May 2023", lead, more},
			title: "Council closes harbour bridge to cars", keep: []string{lead, more}, drop: []string{"School meals"},
		},
		{
			name:  "byline block with an outlet name above the text",
			lines: []string{"Local news", "Harbour bridge to close to cars after corrosion found", "By Ann Lee | Harbour Gazette", "Published 16 May 2023", lead, more},
			title: "Harbour bridge to close to cars after corrosion found", day: "2023-05-16",
		},
		{
			// The masthead's date above the menus is not the article's, and
			// the teasers under it (headline, author, date, blurb), however
			// long together, are not its text.
			name: "masthead date and teasers with blurbs",
			lines: append([]string{"Wednesday, November 20, 2019", "Politics", "Business", "Opinion", "Sport",
				"Council closes harbour bridge to cars", "By Ann Lee", "November 18, 2019", lead, more, last, "More from the Gazette"}, teasers...),
			day: "2019-11-18", keep: []string{lead, more, last}, drop: []string{"A long blurb", "School meals", "Sam Roe"},
		},
		{
			// Unspaced scripts count characters, not words: their sentences
			// are prose and their headline is no name.
			name: "japanese",
			lines: []string{"ブログ >", "港の古い橋が車両通行止めに？", "by 港湾新聞編集部 ／ 2023.05.16",
				"市議会は火曜日、港の古い橋を来春から車両通行止めにすることを決めました。",
				"技術者が鉄骨の腐食を見つけたためで、歩行者と自転車は引き続き通行できます。",
				"修理には二年かかる見込みだと市は説明しています。", "関連記事"},
			title: "港の古い橋が車両通行止めに？", day: "2023-05-16", keep: []string{"市議会は火曜日", "修理には二年"},
		},
		{
			// Short lines between paragraphs are the article's list when
			// they use its words and prose follows them; a list of other
			// stories' headlines is not (its last line, over prose, may pass
			// for a subhead).
			name: "short lines between prose",
			lines: []string{"Council closes harbour bridge to cars", "16 May 2023", lead, "Engineers listed three faults:",
				"Corrosion in the steel frame", "Cracks in the bridge deck", "Loose bolts on the harbour bridge", more,
				"Election results delayed in capital", "Museum reopens after long closure", "Tram line approved", last},
			keep: []string{"Engineers listed three faults:", "Corrosion in the steel frame", "Loose bolts on the harbour bridge", last},
			drop: []string{"Election results", "Museum reopens"},
		},
	}
	c := newCleaner()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Text(context.Background(), strings.Join(tt.lines, "\n"), "page.txt")
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
			}
			if got := doc.Meta.Published; tt.day != "" && (got == nil || got.Time.Format("2006-01-02") != tt.day) {
				t.Errorf("published = %v, want %s", got, tt.day)
			}
			text := allText(doc)
			for _, k := range tt.keep {
				if !strings.Contains(text, k) {
					t.Errorf("body lacks %q:\n%s", k, text)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(text, d) {
					t.Errorf("body has %q:\n%s", d, text)
				}
			}
		})
	}
}

// TestLineForms checks the line predicates the raw-text rules add.
func TestLineForms(t *testing.T) {
	comment := func(s string) bool { return isCommentMarker(line{text: s, key: normalizeKey(s)}) }
	tests := []struct {
		name string
		is   func(string) bool
		in   string
		want bool
	}{
		{"comments marker", comment, "Comments (12)", true},
		{"count of thoughts on the article", comment, "10 thoughts on “Business Focus: Why Some Triumph”", true},
		{"german count of comments", comment, "3 Kommentare zu „Der Hafen“", true},
		{"count of responses", comment, "1 Response to The harbour bridge", true},
		{"no count", comment, "Thoughts on the bridge", false},
		{"a year, not a count", comment, "2019 responses to the survey", false},
		{"count of readers", comment, "10 thoughtful readers wrote in", false},
		{"two sentences", twoSentences, "The crisis deepens. It is up to them to act", true},
		{"abbreviated title", twoSentences, "New York man pleads guilty to threatening to kill Rep. Ilhan Omar", false},
		{"initials", twoSentences, "U.S. forces leave the base", false},
		{"breadcrumb with >", isBreadcrumb, "Mac & i > News > 2015 > KW 15 > Headline", true},
		{"breadcrumb with »", isBreadcrumb, "Blog » Weight Loss » Tips", true},
		{"one > in a sentence", isBreadcrumb, "Prices > costs, says the mayor", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.is(tt.in); got != tt.want {
				t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestContentTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"short words left out", "Council closes the bridge", []string{"council", "closes", "bridge"}},
		{"chinese in pairs", "人工智能", []string{"人工", "工智", "智能"}},
		{"mixed scripts", "DeepMind新电脑", []string{"deepmind", "新电", "电脑"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := contentTokens(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("contentTokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateInLine(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" means no date
	}{
		{"name, date, comment count", "Carlos Nadalim 27/09/2018 Comente! Alfabetização, Música", "2018-09-27"},
		{"byline, role, timestamp, section", "By Yasemin Saplakoglu - Staff Writer 2019-11-18T23:30:00Z Health", "2019-11-18T23:30"},
		{"updated and original", "By Al Root Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET", "2019-11-19"},
		{"no date", "Sign up for our newsletter 24/7", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := dateInLine(tt.in)
			got := ""
			if ok {
				got = d.String()
			}
			if !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
				t.Errorf("dateInLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
