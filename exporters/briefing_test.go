package exporters

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// titles is an exporter that writes the titles of a briefing and its
// articles, and fails for an article titled "fail".
type titles struct {
	format Format
}

func (x titles) Format() Format { return x.format }

func (x titles) Export(_ context.Context, w io.Writer, b *Briefing) error {
	if b.Documents[0].Meta.Title == "fail" {
		return errors.New("cannot lay it out")
	}
	io.WriteString(w, b.Title)
	for _, d := range b.Documents {
		io.WriteString(w, "\n"+d.Meta.Title)
	}
	return nil
}

func (x titles) Assets() []Asset { return []Asset{{Name: "style.css", Data: []byte("p{}")}} }

func doc(title string) *pipeline.Document {
	return &pipeline.Document{Meta: pipeline.Meta{Title: title}}
}

// TestWriteArticleAndBatch: a worker that writes one article, and then
// the batch, writes the files WriteBriefing writes for the same batch.
func TestWriteArticleAndBatch(t *testing.T) {
	ctx := context.Background()
	formats := []Exporter{titles{Format{Name: "one", Ext: ".one"}}, titles{Format{Name: "all", Ext: ".all", Batch: true}}}
	opt := BriefingOptions{Title: "Week"}
	whole, parts := t.TempDir(), t.TempDir()
	b := pipeline.Batch{{Name: "a.txt", Doc: doc("Talks")}, {Name: "b.txt", Doc: doc("Trade")}}
	if _, err := WriteBriefing(ctx, whole, formats, b, opt); err != nil {
		t.Fatal(err)
	}
	for i, slug := range []string{"talks", "trade"} {
		if err := WriteArticle(ctx, parts, formats, slug, b[i].Doc, opt); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteBatch(ctx, parts, formats, b.Docs(), opt); err != nil {
		t.Fatal(err)
	}
	want := []string{"briefing.all", "style.css", "talks.all", "talks.one", "trade.all", "trade.one"}
	if n := BriefingFiles(formats, len(b)); n != len(want)-1 {
		t.Errorf("BriefingFiles = %d, want %d (assets aside)", n, len(want)-1)
	}
	for _, dir := range []string{whole, parts} {
		entries, _ := os.ReadDir(dir)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s holds %q, want %q", dir, got, want)
		}
	}
	for _, name := range want {
		w, _ := os.ReadFile(filepath.Join(whole, name))
		p, _ := os.ReadFile(filepath.Join(parts, name))
		if string(w) != string(p) {
			t.Errorf("%s: WriteBriefing wrote %q, WriteArticle and WriteBatch %q", name, w, p)
		}
	}
	err := WriteArticle(ctx, parts, formats, "fail", doc("fail"), opt)
	if err == nil || err.Error() != "one: cannot lay it out\nall: cannot lay it out" {
		t.Errorf("WriteArticle of an article that fails = %v, want each format named", err)
	}
	if _, err := os.Stat(filepath.Join(parts, "fail.one")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("fail.one written: %v", err)
	}
}

func TestArticleBriefing(t *testing.T) {
	d := doc("Talks")
	indexed := 0
	br := ArticleBriefing(d, BriefingOptions{Language: "es", Index: func(docs []*pipeline.Document) *pipeline.Index {
		indexed = len(docs)
		return &pipeline.Index{}
	}})
	if br.Title != "Talks" || len(br.Documents) != 1 || br.Documents[0] != d || br.Index == nil || indexed != 1 || br.Language != "es" {
		t.Errorf("ArticleBriefing = %+v, want the article alone, titled by it, indexed", br)
	}
	if br := ArticleBriefing(d, BriefingOptions{}); br.Index != nil {
		t.Errorf("without Index: %+v", br.Index)
	}
}
