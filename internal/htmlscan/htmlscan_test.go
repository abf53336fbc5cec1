package htmlscan

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestFlattenParses: every page nested past the parser's limit parses
// once flattened, and its text is all there.
func TestFlattenParses(t *testing.T) {
	const text = "The text a browser shows."
	tests := []struct{ name, page string }{
		{"unclosed b", strings.Repeat("<b>", 100000) + text},
		{"nested lists", strings.Repeat("<ul><li>", 2000) + text + strings.Repeat("</li></ul>", 2000)},
		{"nested tables", strings.Repeat("<table><tr><td>", 1000) + text + strings.Repeat("</td></tr></table>", 1000)},
		{"nested blockquotes", strings.Repeat("<blockquote>", 2000) + text + strings.Repeat("</blockquote>", 2000)},
		{"divs closed across cells", strings.Repeat("<div><table><tr><td></div>", 600) + text},
		{"formatting reopened", strings.Repeat("<div>"+strings.Repeat("<i>", 3)+"</div>x", 600) + text},
		{"unclosed divs and spans", strings.Repeat("<div><span>", 3000) + text},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><body>" + tc.page + "</body></html>"
			if _, err := html.Parse(strings.NewReader(page)); err == nil {
				t.Log("parses unflattened")
			}
			flat, n := Flatten(page, FlattenDepth)
			root, err := html.Parse(strings.NewReader(flat))
			if err != nil {
				flat, n = Flatten(page, 0)
				if root, err = html.Parse(strings.NewReader(flat)); err != nil {
					t.Fatalf("flattened to depth 0, still: %v", err)
				}
			}
			if n == 0 {
				t.Error("nothing dropped")
			}
			if !strings.Contains(textOf(root), text) {
				t.Errorf("text lost: %.200q", textOf(root))
			}
		})
	}
}

// TestFlattenKeepsShallowPages: a page within the depth is unchanged.
func TestFlattenKeepsShallowPages(t *testing.T) {
	page := "<!doctype html><html><head><title>T</title><script>if (a < b) {}</script></head><body><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>x<td>y</table><br/></body></html>"
	for i := 0; i < 2000; i++ {
		page += "<p>paragraph without an end tag"
	}
	flat, n := Flatten(page, FlattenDepth)
	if flat != page || n != 0 {
		t.Errorf("changed a shallow page: %d tags dropped", n)
	}
	if c := Scan(page, Limits{}); c.Depth > 10 {
		t.Errorf("Scan depth = %d for a shallow page", c.Depth)
	}
}

func TestScan(t *testing.T) {
	page := "<html><body><h1>T</h1><p>a</p><p>b<ul><li><a href=/x>x</a><li><a name=y>y</a></ul></body></html>"
	c := Scan(page, Limits{})
	if c.Blocks != 5 || c.Links != 1 || c.Offset != len(page) {
		t.Errorf("Scan = %+v, want 5 blocks, 1 link, offset %d", c, len(page))
	}
	many := strings.Repeat(`<a href="/a">x</a>`, 1000)
	if c := Scan(many, Limits{Links: 10}); c.Links != 11 || c.Offset != 11*len(`<a href="/a">x</a>`)-len("x</a>") {
		t.Errorf("Scan with a limit = %+v, want it to stop at the 11th link", c)
	}
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

func FuzzFlatten(f *testing.F) {
	f.Add("<b><i><p>x</i></b>", 3)
	f.Add(strings.Repeat("<div><table><tr><td></div>", 10), 4)
	f.Fuzz(func(t *testing.T, page string, depth int) {
		depth = depth%64 + 1
		flat, _ := Flatten(page, depth)
		if len(flat) > len(page) {
			t.Fatalf("Flatten grew the page")
		}
		if again, _ := Flatten(page, 0); len(again) > len(page) {
			t.Fatalf("Flatten grew the page")
		}
		Scan(page, Limits{Blocks: 5, Links: 5})
	})
}

// TestScanStaysLinear: end tags that match nothing under a deep stack,
// and block starts that look for a p to close, search a bounded stack.
func TestScanStaysLinear(t *testing.T) {
	page := strings.Repeat("<b>", 100000) + strings.Repeat("</i><div>", 100000)
	if testing.Short() {
		page = page[:len(page)/10]
	}
	if c := Scan(page, Limits{}); c.Depth <= MaxOpenElements {
		t.Errorf("Depth = %d, want it past %d", c.Depth, MaxOpenElements)
	}
	// The modelled stack stops growing, so every search is bounded;
	// BenchmarkScanHostile shows the time.
	var st stack
	for range 100000 {
		st.open(atom.B, "b")
	}
	if len(st.names) > maxModel {
		t.Errorf("the model holds %d elements, past %d", len(st.names), maxModel)
	}
}

func BenchmarkScanHostile(b *testing.B) {
	page := strings.Repeat("<b>", 100000) + strings.Repeat("</i><div>", 100000)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		Scan(page, Limits{})
	}
}
