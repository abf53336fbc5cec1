package clean

import (
	"context"
	"strings"
	"testing"
)

const deepSentence = "The minister said on Tuesday that the talks in Baku would go on next week, according to officials. "

func deepPage(body string) string {
	return "<!doctype html><html><head><meta charset=utf-8><title>Talks in Baku</title></head><body><article><h1>Talks in Baku</h1><p>" +
		deepSentence + deepSentence + "</p>" + body + "</article></body></html>"
}

// TestHTMLDeepNesting: pages nested past golang.org/x/net/html's 512 open
// elements are read as a browser shows them, not refused.
func TestHTMLDeepNesting(t *testing.T) {
	const inner = "Deep inside, the delegations agreed on a joint statement about the border crossings. "
	tests := []struct{ name, body string }{
		{"100k unclosed b", "<p>" + strings.Repeat("<b>", 100000) + inner + inner + "</p>"},
		{"nested lists", strings.Repeat("<ul><li>", 2000) + inner + inner + strings.Repeat("</li></ul>", 2000)},
		{"nested tables", strings.Repeat("<table><tr><td>", 1000) + inner + inner + strings.Repeat("</td></tr></table>", 1000)},
		{"nested blockquotes", strings.Repeat("<blockquote>", 2000) + inner + inner + strings.Repeat("</blockquote>", 2000)},
	}
	c := New(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := c.HTML(context.Background(), deepPage(tc.body), "deep.html")
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, b := range doc.Blocks {
				for _, s := range b.Texts() {
					all.WriteString(*s + "\n")
				}
			}
			if !strings.Contains(all.String(), "talks in Baku would go on") || !strings.Contains(all.String(), "Deep inside") {
				t.Errorf("text is missing:\n%s", all.String())
			}
		})
	}
}

// TestHTMLNoFixedCap: the page's size is the caller's to bound (ingest's
// --max-size); clean has no cap of its own under it.
func TestHTMLNoFixedCap(t *testing.T) {
	page := deepPage("<script>/*" + strings.Repeat("x", 17<<20) + "*/</script><p>" + deepSentence + "</p>")
	if _, err := New(nil).HTML(context.Background(), page, "big.html"); err != nil {
		t.Fatal(err)
	}
}
