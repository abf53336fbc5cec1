package deepl_test

import (
	"context"
	"strings"
	"testing"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/deepl"
	"github.com/dossier-news/dossier/pipeline/translate/deepl/deepltest"
)

// TestGlossary checks that a user glossary reaches DeepL as one of its
// glossaries: created once for its content, reused by the next run,
// named in every translate request as glossary_id with source_lang, and
// applied by DeepL rather than protected by the stage.
func TestGlossary(t *testing.T) {
	srv := deepltest.NewServer(t)
	g, err := translate.ParseGlossary(strings.NewReader("State Security Service\tSGB\ten\tes\n"), "g.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var reports []translate.Report
	run := func(g *translate.Glossary) *pipeline.Document {
		t.Helper()
		cfg, err := deepl.Backend().Configure(map[string]string{"url": srv.URL, "key": srv.Key()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := deepl.Backend().New(cfg, resty.New())
		if err != nil {
			t.Fatal(err)
		}
		st, err := translate.NewStage(tr, translate.Options{To: "es", Glossary: g})
		if err != nil {
			t.Fatal(err)
		}
		doc := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "The State Security Service said so."}}}
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, st.Report())
		return doc
	}
	doc := run(g)
	if !strings.Contains(doc.Blocks[0].Text, "SGB") {
		t.Errorf("text %q lacks the glossary's term", doc.Blocks[0].Text)
	}
	run(g)
	// The first run lists the account's glossaries and creates one; the
	// second finds it.
	if len(reports) != 2 || reports[0].GlossaryRequests != 2 || reports[1].GlossaryRequests != 1 {
		t.Errorf("glossary requests reported: %+v, want 2 then 1", reports)
	}
	names := srv.Glossaries()
	if len(names) != 1 || !strings.HasPrefix(names[0], "dossier-en-es-") {
		t.Errorf("glossaries on the account: %q, want one dossier-en-es-…", names)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(strings.Join(r.Texts, " "), "<keep>SGB</keep>") {
			t.Errorf("the stage protected the term instead of leaving it to DeepL: %q", r.Texts)
		}
	}
	other, _ := translate.ParseGlossary(strings.NewReader("State Security Service\tDTX\ten\tes\n"), "other.tsv")
	if doc := run(other); !strings.Contains(doc.Blocks[0].Text, "DTX") {
		t.Errorf("another glossary: %q", doc.Blocks[0].Text)
	}
	if n := len(srv.Glossaries()); n != 2 {
		t.Errorf("%d glossaries after a second content, want 2", n)
	}
}
