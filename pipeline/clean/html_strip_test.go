package clean

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/net/html"
)

func TestStripPage(t *testing.T) {
	for _, tc := range []struct{ name, page, want string }{
		{"scripts and styles",
			`<head><script>var a = "</p>";</script><style>p{}</style></head><body><p>Text</p><script src=x.js></script>`,
			`<head></head><body><p>Text</p>`},
		{"JSON-LD and settings kept",
			`<script type="application/ld+json">{"a":1}</script><script type=" Application/Settings+JSON ">{}</script><script type=module>x</script>`,
			`<script type="application/ld+json">{"a":1}</script><script type=" Application/Settings+JSON ">{}</script>`},
		{"comments", `<p>a<!-- x -->b</p><!--[if IE]><p>old</p><![endif]-->`, `<p>ab</p>`},
		{"nested menus", `<nav><ul><li><nav>inner</nav></li></ul>still menu</nav><p>Text</p>`, `<p>Text</p>`},
		{"unclosed menu kept, the rest dropped", `<nav><p>Text<script>x</script>`, `<nav><p>Text`},
		{"drawings", `<p>a<svg><path d="M0"/><svg></svg><text>label</text></svg>b<math><mi>x</mi></math><svg/>c</p>`, `<p>abc</p>`},
		{"a tag that leaves a drawing", `<svg><path/><p>Text</p>`, `<p>Text</p>`},
		{"noscript and iframe", `<noscript><img src=x></noscript><iframe><p>no</p></iframe><p>Text</p>`, `<p>Text</p>`},
		{"unclosed script", `<p>Text</p><script>var a = 1;`, `<p>Text</p>`},
		{"a script's end tag in any case", `<SCRIPT>a</sCrIpT><style>b</stylesheet></STYLE ><p>Text</p>`, `<p>Text</p>`},
		{"a script in a script's comment", `<script><!--<script>x</script>y--></script><p>Text</p>`, `<p>Text</p>`},
		{"a cut that would make a tag", `<p>a <<!-- -->p>b</p>`, `<p>a <<!-- -->p>b</p>`},
		{"a cut that would make a reference", `<p>&<script></script>amp;</p>`, `<p>&<script></script>amp;</p>`},
		{"images, media and controls",
			`<p>a<img src=x.jpg srcset="y.jpg 2x">b<picture><source srcset=z.webp><img src=z.jpg></picture>c</p><video><p>no</p></video><form><select><option>One</select><button>Go</button><input name=q><textarea><p>x</textarea></form>`,
			`<p>abc</p><form></form>`},
		{"self-closing script opens one", `<script/>x</script><p>Text</p>`, `<script/>x</script><p>Text</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stripPage(tc.page); got != tc.want {
				t.Errorf("stripPage(%q)\n got %q\nwant %q", tc.page, got, tc.want)
			}
		})
	}
}

func TestStripPageNoCopy(t *testing.T) {
	page := `<html><body><article><h1>Title</h1><p>Text</p></article></body></html>`
	if got := stripPage(page); unsafe.StringData(got) != unsafe.StringData(page) {
		t.Error("a page with nothing to drop was copied")
	}
}

// FuzzStripPage checks that what stripPage keeps is the page's own bytes
// in order, and that a page with nothing it drops parses to the same text.
func FuzzStripPage(f *testing.F) {
	f.Add(`<p>a<script>b</script>c<nav>d</nav>e<!--f-->g<svg><p>h</svg>`)
	f.Add(`<nav><nav></nav>`)
	f.Add(`<p>a <<!-- -->p>b</p>`)
	f.Add(`<svg><math><div>x</div></math></svg><script type="application/ld+json">{}</script>`)
	f.Add(`<script>a</script >b<SCRIPT>c</sCrIpT>d<style>e</styles></style>f<script><!--</script>g`)
	f.Add(`<script>document.write('<!--<script>x</script>-->')</script><p>a`)
	f.Fuzz(func(t *testing.T, page string) {
		for _, dropNav := range []bool{true, false} {
			fast, fastDropped := keptSpans(page, dropNav, true)
			slow, slowDropped := keptSpans(page, dropNav, false)
			if fastDropped != slowDropped || !slices.Equal(fast, slow) {
				t.Fatalf("keptSpans(%q, %v): passing over raw text gives %v (%d dropped), reading it %v (%d)", page, dropNav, fast, fastDropped, slow, slowDropped)
			}
		}
		got := stripPage(page)
		rest := page
		for i := 0; i < len(got); i++ {
			j := strings.IndexByte(rest, got[i])
			if j < 0 {
				t.Fatalf("stripPage(%q) = %q: not a subsequence of the page", page, got)
			}
			rest = rest[j+1:]
		}
		if got == page {
			return
		}
		if strings.ContainsAny(strings.ToLower(page), "!") || hasDropped(page) {
			return
		}
		t.Fatalf("stripPage(%q) = %q, but the page has nothing to drop", page, got)
	})
}

// hasDropped reports whether page's tree has an element stripPage drops.
func hasDropped(page string) bool {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return true
	}
	found := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (dropElement(n.DataAtom, true) || dropVoid(n.DataAtom)) || n.Type == html.CommentNode {
			found = true
		}
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}
