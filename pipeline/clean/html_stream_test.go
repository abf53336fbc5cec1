package clean

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestHTMLBoundedKeepsArticle reads a generated all-article page above
// the threshold: the bounded path keeps its paragraphs, title and date.
func TestHTMLBoundedKeepsArticle(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`<!doctype html><html><head><title>Site | Floods in the valley</title>
<meta property="og:title" content="Floods force evacuations in the valley">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Floods force evacuations","datePublished":"2022-11-22T08:00:00Z"}</script>
<script>var menu = "<p>not text</p>";</script></head><body><article>`)
	for i := 0; sb.Len() < 300<<10; i++ {
		fmt.Fprintf(&sb, "<p>Paragraph %d: the river rose overnight and officials said <b>on Tuesday</b> that roads<br>would stay closed for days.</p>\n", i)
	}
	sb.WriteString("<ul><li>Last item of a list that closes the article text here.</li></ul></article></body></html>")
	page := sb.String()
	var logged bytes.Buffer
	c := New(nil).WithBoundedAbove(100 << 10).WithLogger(slog.New(slog.NewTextHandler(&logged, nil)))
	doc, err := c.HTML(context.Background(), page, "https://example.com/floods")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(logged.String(), BoundedNote); n != 1 {
		t.Errorf("bounded path logged %d times, want once: %s", n, logged.String())
	}
	if got, want := doc.Meta.Title, "Floods force evacuations in the valley"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if doc.Meta.Published == nil || !strings.HasPrefix(doc.Meta.Published.String(), "2022-11-22") {
		t.Errorf("published %v, want 2022-11-22", doc.Meta.Published)
	}
	var text strings.Builder
	for _, b := range doc.Blocks {
		text.WriteString(b.Text)
		text.WriteByte('\n')
	}
	body := text.String()
	for _, want := range []string{"Paragraph 0: the river rose", "Paragraph 1000: the river", "Last item of a list"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	if strings.Contains(body, "not text") || strings.Contains(body, "datePublished") {
		t.Error("script text read as article text")
	}
	// Below the threshold the same page goes through go-trafilatura.
	logged.Reset()
	if _, err := c.WithBoundedAbove(1<<20).HTML(context.Background(), page[:20<<10]+"</p></article></body></html>", "x.html"); err != nil {
		t.Fatal(err)
	}
	if logged.Len() != 0 {
		t.Errorf("a small page logged %q", logged.String())
	}
}

// FuzzHTMLBounded feeds arbitrary pages to the bounded path: it may find
// no article but never panics or fails otherwise, and what it returns has
// blocks.
func FuzzHTMLBounded(f *testing.F) {
	f.Add(`<html><head><title>T</title><script type="application/ld+json">{"headline":`)
	f.Add("<p>" + deepSentence + "<br><table><tr><td>" + deepSentence + "<td>cell</table><h2>Heading</h2><p>" + deepSentence)
	f.Add(deepPage(strings.Repeat("<div><table><tr><td></div>", 200)))
	f.Add("<script>" + deepSentence + "<p>" + deepSentence)
	c := New(nil).WithBoundedAbove(1)
	f.Fuzz(func(t *testing.T, page string) {
		checkFuzzedHTML(t, c, page)
	})
}

// TestStreamLines checks the lines the bounded path hands the text
// cleaner: a line per block, inline tags and <br> inside it, scripts and
// styles out, the head's title first.
func TestStreamLines(t *testing.T) {
	page := `<html><head><title>Site | T</title><meta property="og:title" content="The  title"><style>p{}</style></head>
<body><h2>A <i>heading</i></h2><p>One <b>two</b><br>three</p><ul><li>item one<li>item two</ul>
<table><tr><td>cell a<td>cell b</table><script>x()</script><noscript>no</noscript><p>last &amp; done</p></body></html>`
	got, f, err := streamLines(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	want := "The title\n\nA heading\n\nOne two three\n\nitem one\n\nitem two\n\ncell a\n\ncell b\n\nlast & done\n\n"
	if got != want {
		t.Errorf("lines\n%q\nwant\n%q", got, want)
	}
	if f.title != "Site | T" {
		t.Errorf("title %q", f.title)
	}
}
