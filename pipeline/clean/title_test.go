package clean

import (
	"context"
	"strings"
	"testing"
)

// TestTitleFromBodyWords: the headline is the line near the body whose
// words the body uses; teasers of other stories above it, a caption and
// a byline between it and the text are not.
func TestTitleFromBodyWords(t *testing.T) {
	lead := "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found corrosion in its steel frame."
	more := "Cyclists and pedestrians will still be able to cross the bridge while the council looks for money to repair the frame, the mayor said."
	tests := []struct {
		name  string
		lines []string
		title string
	}{
		{
			name: "teasers above, caption under the headline",
			lines: []string{"Menu", "Most read", "Storm leaves thousands without power",
				"School meals to be free for all pupils", "Council closes harbour bridge to cars",
				"The bridge seen from the harbour wall in May.", "By Ann Lee", "16 May 2023", lead, more},
			title: "Council closes harbour bridge to cars",
		},
		{
			name: "byline block with an outlet name above the text",
			lines: []string{"Local news", "Harbour bridge to close to cars after corrosion found",
				"By Ann Lee | Harbour Gazette", "Published 16 May 2023", lead, more},
			title: "Harbour bridge to close to cars after corrosion found",
		},
	}
	c := newCleaner()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Text(context.Background(), strings.Join(tt.lines, "\n"), "page.txt")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
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

// TestArticleBlock: the article is the page's densest run of prose. The
// masthead's date above the menus is not its date, and the teasers under
// it (headline, author, date, blurb), however long together, are not its
// text.
func TestArticleBlock(t *testing.T) {
	lead := "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found corrosion in its steel frame."
	more := "Cyclists and pedestrians will still be able to cross the bridge while the council looks for money to repair the frame, the mayor said."
	last := "Repairs are expected to take two years and to cost more than the council spends on all its other roads in that time, officials said."
	blurb := "A long blurb that sums up another story in a sentence or two, as the lists of teasers under an article print them for every headline they show."
	page := []string{"Wednesday, November 20, 2019", "Politics", "Business", "Opinion", "Sport",
		"Council closes harbour bridge to cars", "By Ann Lee", "November 18, 2019", lead, more, last, "More from the Gazette"}
	for _, teaser := range []string{"School meals to be free for all pupils", "Storm leaves thousands without power", "Museum reopens after repairs", "New tram line approved"} {
		page = append(page, teaser, "Sam Roe", "November 19, 2019", blurb)
	}
	doc, err := newCleaner().Text(context.Background(), strings.Join(page, "\n"), "page.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Meta.Published; got == nil || got.Time.Format("2006-01-02") != "2019-11-18" {
		t.Errorf("published = %v, want 2019-11-18", got)
	}
	text := allText(doc)
	for _, want := range []string{lead, more, last} {
		if !strings.Contains(text, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	for _, leak := range []string{"A long blurb", "School meals", "Sam Roe"} {
		if strings.Contains(text, leak) {
			t.Errorf("body has %q:\n%s", leak, text)
		}
	}
}

func TestCommentMarker(t *testing.T) {
	for _, s := range []string{"Comments (12)", "10 thoughts on “Business Focus: Why Some Triumph”", "3 Kommentare zu „Der Hafen“", "1 Response to The harbour bridge"} {
		if !isCommentMarker(line{text: s, key: normalizeKey(s)}) {
			t.Errorf("isCommentMarker(%q) = false", s)
		}
	}
	for _, s := range []string{"Thoughts on the bridge", "2019 responses to the survey", "10 thoughtful readers wrote in"} {
		if isCommentMarker(line{text: s, key: normalizeKey(s)}) {
			t.Errorf("isCommentMarker(%q) = true", s)
		}
	}
}

// TestJapanesePage: unspaced scripts count characters, not words, so
// their sentences are prose and their headline is no name.
func TestJapanesePage(t *testing.T) {
	page := strings.Join([]string{
		"ブログ >",
		"港の古い橋が車両通行止めに？",
		"by 港湾新聞編集部 ／ 2023.05.16",
		"市議会は火曜日、港の古い橋を来春から車両通行止めにすることを決めました。",
		"技術者が鉄骨の腐食を見つけたためで、歩行者と自転車は引き続き通行できます。",
		"修理には二年かかる見込みだと市は説明しています。",
		"関連記事",
	}, "\n")
	doc, err := newCleaner().Text(context.Background(), page, "page.txt")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "港の古い橋が車両通行止めに？" {
		t.Errorf("title = %q", doc.Meta.Title)
	}
	if got := doc.Meta.Published; got == nil || got.Time.Format("2006-01-02") != "2023-05-16" {
		t.Errorf("published = %v, want 2023-05-16", got)
	}
	if text := allText(doc); !strings.Contains(text, "修理には二年") || !strings.Contains(text, "市議会は火曜日") {
		t.Errorf("body lacks the article:\n%s", text)
	}
}

// TestShortLinesBetweenProse: short lines between paragraphs are the
// article's list when they use its words and prose follows them; a list
// of other stories' headlines is not (its last line, over prose, may
// pass for a subhead).
func TestShortLinesBetweenProse(t *testing.T) {
	page := strings.Join([]string{
		"Council closes harbour bridge to cars",
		"16 May 2023",
		"The city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found corrosion in its steel frame.",
		"Engineers listed three faults:",
		"Corrosion in the steel frame",
		"Cracks in the bridge deck",
		"Loose bolts on the harbour bridge",
		"Cyclists and pedestrians will still be able to cross the bridge while the council looks for money to repair the frame.",
		"Election results delayed in capital",
		"Museum reopens after long closure",
		"Tram line approved",
		"Repairs are expected to take two years and to cost more than the council spends on all its other roads in that time.",
	}, "\n")
	doc, err := newCleaner().Text(context.Background(), page, "page.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := allText(doc)
	for _, want := range []string{"Engineers listed three faults:", "Corrosion in the steel frame", "Loose bolts on the harbour bridge"} {
		if !strings.Contains(text, want) {
			t.Errorf("body lacks %q:\n%s", want, text)
		}
	}
	for _, leak := range []string{"Election results", "Museum reopens"} {
		if strings.Contains(text, leak) {
			t.Errorf("body has %q:\n%s", leak, text)
		}
	}
}

func TestTwoSentences(t *testing.T) {
	for s, want := range map[string]bool{
		"The crisis deepens. It is up to them to act":                       true,
		"New York man pleads guilty to threatening to kill Rep. Ilhan Omar": false,
		"U.S. forces leave the base":                                        false,
	} {
		if got := twoSentences(s); got != want {
			t.Errorf("twoSentences(%q) = %v, want %v", s, got, want)
		}
	}
}
