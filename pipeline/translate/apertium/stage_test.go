package apertium_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
)

// seedDoc builds a document from the body of the seed article, as the
// clean stage would: title, then one paragraph per line.
func seedDoc(t *testing.T) *pipeline.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "articles", "iranwire-2022-11-22-azerbaijan-spy-network.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "Azerbaijan’s State Security Service (DTX) announced last week it had busted an Iranian spy network and arrested five Azerbaijani citizen on charges of treason. The")
	end := strings.Index(text, "visit the accountability section")
	if start < 0 || end < 0 {
		t.Fatal("seed article changed: body not found")
	}
	doc := &pipeline.Document{Meta: pipeline.Meta{Title: "Azerbaijan Exposes Alleged Iranian Spy Network", Language: "en", Direction: pipeline.LeftToRight}}
	for _, line := range strings.Split(text[start:end], "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		kind := pipeline.Paragraph
		if !strings.ContainsAny(line[len(line)-1:], ".”\"") && len(line) < 60 {
			kind = pipeline.Heading
		}
		doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: kind, Text: line})
	}
	// The names stage's answer for the people of the article.
	for _, name := range []string{"Zahir Askarov", "Bakhtiyar Aghazadh", "Elnur Rasulov", "Aref Rasulov", "Jafarzadeh Mirhafiz", "Ilham Aliyev", "Hassan Rouhani", "Nikol Pashinyan", "Ebrahim Raisi"} {
		doc.Units(func(r pipeline.Ref, text *string) {
			for off := 0; ; {
				i := strings.Index((*text)[off:], name)
				if i < 0 {
					return
				}
				doc.Mentions = append(doc.Mentions, pipeline.Mention{Ref: r, Start: off + i, End: off + i + len(name), Text: name, Canonical: name, Kind: "person"})
				off += i + len(name)
			}
		})
	}
	return doc
}

func TestSeedToSpanishViaAPy(t *testing.T) {
	url := apertiumtest.StartAPy(t)
	store, err := cache.Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	run := func() (*pipeline.Document, translate.Report) {
		tr, err := apertium.New(translate.Config{URL: url}, resty.New())
		if err != nil {
			t.Fatal(err)
		}
		st, err := translate.NewStage(tr, translate.Options{To: "es", Cache: store, Concurrency: 4})
		if err != nil {
			t.Fatal(err)
		}
		doc := seedDoc(t)
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		return doc, st.Report()
	}
	doc, first := run()
	orig := seedDoc(t)
	if first.Requests == 0 || first.CacheHits != 0 {
		t.Fatalf("first run: %+v", first)
	}
	for _, m := range orig.Mentions {
		if !strings.Contains(doc.Text(m.Ref), m.Canonical) {
			t.Errorf("%s lost from block %d: %q", m.Canonical, m.Block, doc.Text(m.Ref))
		}
	}
	if len(doc.Mentions) != len(orig.Mentions) {
		t.Errorf("%d mentions after translation, want %d", len(doc.Mentions), len(orig.Mentions))
	}
	for _, m := range doc.Mentions {
		if got := doc.Text(m.Ref)[m.Start:m.End]; got != m.Text {
			t.Errorf("mention %q points at %q", m.Text, got)
		}
	}
	doc.Units(func(r pipeline.Ref, text *string) {
		for _, w := range strings.Fields(*text) {
			if strings.ContainsAny(w[:1], "*#@") {
				t.Errorf("block %d: unknown-word mark in %q", r.Block, w)
			}
		}
	})
	last := len(doc.Blocks) - 1
	if doc.Blocks[last].Text == orig.Blocks[last].Text {
		t.Errorf("last paragraph untranslated: %q", doc.Blocks[last].Text)
	}
	if doc.Meta.Language != "es" || doc.Meta.Original.Language != "en" || doc.Meta.Original.Title != orig.Meta.Title || doc.Meta.Original.Engine != "apertium" {
		t.Errorf("meta: %+v original %+v", doc.Meta, doc.Meta.Original)
	}
	if len(doc.Trail) != len(orig.Blocks)+1 {
		t.Errorf("trail has %d entries, want one per block and the title (%d)", len(doc.Trail), len(orig.Blocks)+1)
	}
	for _, p := range doc.Trail {
		if len(p.Flags) > 0 {
			t.Errorf("%+v flagged: %v", p.Ref, p.Flags)
		}
	}
	t.Logf("title: %s\nfirst: %s\nlast: %s\nreport: %+v", doc.Meta.Title, doc.Blocks[0].Text, doc.Blocks[last].Text, first)

	again, second := run()
	if second.Requests != 0 || second.Segments != 0 || second.CacheHits != first.Segments {
		t.Errorf("second run sent %d requests for %d segments (%d cache hits), want none sent and %d hits", second.Requests, second.Segments, second.CacheHits, first.Segments)
	}
	if again.Blocks[last].Text != doc.Blocks[last].Text {
		t.Errorf("cached run differs: %q vs %q", again.Blocks[last].Text, doc.Blocks[last].Text)
	}
	for _, p := range again.Trail {
		if !p.Cached {
			t.Errorf("%+v not marked cached on the second run", p.Ref)
		}
	}
}
