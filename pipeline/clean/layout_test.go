package clean

import (
	"context"
	"strings"
	"testing"
)

// TestLayouts checks single rules on small pages of their own.
func TestLayouts(t *testing.T) {
	p1 := "The first paragraph of the report describes the flooding in the valley towns after three days of rain."
	p2 := "Rescue teams evacuated more than two hundred residents from low-lying streets overnight, officials said."
	p3 := "Forecasters expect the river to peak on Thursday before the water slowly begins to recede."
	tests := []struct {
		name    string
		page    string
		title   string
		keep    []string
		drop    []string
		section string
	}{
		{
			name:  "no date or byline",
			page:  strings.Join([]string{"Menu", "Search", "Floods force evacuations in the valley", p1, p2, p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Menu"},
		},
		{
			name: "inline read-more link inside the body",
			page: strings.Join([]string{"Floods force evacuations in the valley", "16 May 2023", p1,
				"Read more: Dam repairs delayed again", p2, p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Dam repairs"},
		},
		{
			name: "related box in the middle with the article going on",
			page: strings.Join([]string{"Floods force evacuations in the valley", "16 May 2023", p1,
				"Related", "Dam repairs delayed again", "Rain record broken", p2, p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Dam repairs", "Rain record"},
		},
		{
			name: "next-article teaser without a comments marker",
			page: strings.Join([]string{"Floods force evacuations in the valley", "By Ann Lee", "16 May 2023", p1, p2, p3,
				"World", "Election results delayed in the capital", "17 May 2023", "By Sam Roe", "3 min read"}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Election results", "Sam Roe", "World"},
		},
		{
			name:  "date above the title, byline below",
			page:  strings.Join([]string{"Home", "16 May 2023", "Floods force evacuations in the valley", "By Ann Lee", p1, p2, p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Home"},
		},
		{
			name:  "breadcrumb menu of several sections gives no section",
			page:  strings.Join([]string{"News", "World", "Europe", "Floods force evacuations in the valley", "16 May 2023", p1, p2, p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"Europe"},
		},
		{
			name: "photo captions and credits",
			page: strings.Join([]string{"Floods force evacuations in the valley", "16 May 2023", p1,
				"Residents wade through a flooded street, 15 May 2023", "Photo: Jane Roe/Reuters", p2, "(Getty Images)", p3}, "\n"),
			title: "Floods force evacuations in the valley", keep: []string{p1, p2, p3}, drop: []string{"wade through", "Jane Roe", "Getty"},
		},
		{
			name: "cookie notice and share bar in russian",
			page: strings.Join([]string{"Мы используем cookie, чтобы сайт работал лучше.", "Наводнение в долине: эвакуированы сотни жителей", "16 мая 2023",
				"Спасатели за ночь эвакуировали более двухсот жителей из затопленных кварталов, сообщили в администрации.",
				"Поделиться", "ВКонтакте", "Синоптики ожидают пика паводка в четверг, после чего вода начнёт медленно уходить."}, "\n"),
			title: "Наводнение в долине: эвакуированы сотни жителей", keep: []string{"эвакуировали более двухсот", "пика паводка"},
			drop: []string{"cookie", "Поделиться", "ВКонтакте"},
		},
	}
	c := newCleaner()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := c.Text(context.Background(), tt.page, "page.txt")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Meta.Title, tt.title)
			}
			if doc.Meta.Section != tt.section {
				t.Errorf("section = %q, want %q", doc.Meta.Section, tt.section)
			}
			text := allText(doc)
			for _, k := range tt.keep {
				if strings.Count(text, k) != 1 {
					t.Errorf("%q appears %d times, want once", k, strings.Count(text, k))
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(text, d) {
					t.Errorf("%q left in the article", d)
				}
			}
		})
	}
}
