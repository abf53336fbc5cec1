package clean

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// FuzzHTML feeds arbitrary pages to the HTML reader: it may find no
// article but never panics and never refuses a page the parser cannot
// nest (those are flattened), and what it returns has blocks.
func FuzzHTML(f *testing.F) {
	var pages []string
	for _, dir := range []string{"pages", "unseen", "heldout"} {
		found, _ := filepath.Glob(filepath.Join("testdata", dir, "*.html"))
		pages = append(pages, found...)
	}
	for _, p := range pages[:min(len(pages), 6)] {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add(deepPage(strings.Repeat("<b>", 600) + "x"))
	f.Add(deepPage(strings.Repeat("<div><table><tr><td></div>", 200)))
	f.Add(deepPage(strings.Repeat("<ul><li>", 300) + deepSentence))
	f.Add("<p>" + deepSentence + "<p>" + deepSentence)
	c := New(nil) // see FuzzText: the detector is not what is fuzzed
	f.Fuzz(func(t *testing.T, page string) {
		checkFuzzedHTML(t, c, page)
	})
}

// checkFuzzedHTML reads page with c: it may find no article, but any
// other error is a failure, and a document has blocks.
func checkFuzzedHTML(t *testing.T, c *Cleaner, page string) {
	t.Helper()
	doc, err := c.HTML(context.Background(), page, "fuzz.html")
	if err != nil {
		if !errors.Is(err, pipeline.ErrEmpty) && !errors.Is(err, pipeline.ErrNoBody) {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if len(doc.Blocks) == 0 {
		t.Fatal("document without blocks")
	}
}
