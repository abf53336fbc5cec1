package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBrief builds a briefing of the sample articles through the library
// alone and checks that every article and the batch were written.
func TestBrief(t *testing.T) {
	articles, err := filepath.Glob("../../testdata/articles/*")
	if err != nil || len(articles) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	dir := t.TempDir()
	rep, err := brief(context.Background(), dir, []string{"../../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 || rep.Articles != len(articles) {
		t.Fatalf("%d of %d articles written; errors %v", rep.Articles, len(articles), rep.Errors)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	if !slices.Contains(names, "briefing.epub") {
		t.Errorf("no briefing.epub among %q", names)
	}
	if n := len(names); n != 2*len(articles)+1 {
		t.Errorf("%d files, want a .txt and an .epub per article and briefing.epub: %q", n, names)
	}
	txt, err := os.ReadFile(rep.Files[0])
	if err != nil || !strings.Contains(string(txt), "\n") {
		t.Errorf("first article %s: %v, %q", rep.Files[0], err, txt)
	}
}
