package translate_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/azure"
	"github.com/dossier-news/dossier/pipeline/translate/azure/azuretest"
	"github.com/dossier-news/dossier/pipeline/translate/deepl"
	"github.com/dossier-news/dossier/pipeline/translate/deepl/deepltest"
	"github.com/dossier-news/dossier/pipeline/translate/google"
	"github.com/dossier-news/dossier/pipeline/translate/google/googletest"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate/libretranslatetest"
	"github.com/dossier-news/dossier/pipeline/translate/openai"
	"github.com/dossier-news/dossier/pipeline/translate/openai/openaitest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// TestGlossaryEveryEngine checks that every engine applies a user
// glossary, against its fake server (and Apertium's local command when
// installed): the term comes out as the glossary says, the names around
// it as they stand, and the glossary's hash is part of the cache key.
func TestGlossaryEveryEngine(t *testing.T) {
	g, err := translate.ParseGlossary(strings.NewReader("State Security Service\tSGB\ten\tes\nspy network\tred de espionaje\ten\tes\n"), "g.tsv")
	if err != nil {
		t.Fatal(err)
	}
	build := func(b translate.Backend, set map[string]string) func(t *testing.T) translate.Translator {
		return func(t *testing.T) translate.Translator {
			cfg, err := b.Configure(set, nil)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := b.New(cfg, resty.New())
			if err != nil {
				t.Fatal(err)
			}
			return tr
		}
	}
	engines := []struct {
		name string
		new  func(t *testing.T) translate.Translator
	}{
		{"deepl", func(t *testing.T) translate.Translator {
			srv := deepltest.NewServer(t)
			return build(deepl.Backend(), map[string]string{"url": srv.URL, "key": srv.Key()})(t)
		}},
		{"azure dictionary", func(t *testing.T) translate.Translator {
			srv := azuretest.NewServer(t)
			return build(azure.Backend(), map[string]string{"url": srv.URL, "key": srv.Key(), "protect": "dictionary"})(t)
		}},
		{"azure html", func(t *testing.T) translate.Translator {
			srv := azuretest.NewServer(t)
			return build(azure.Backend(), map[string]string{"url": srv.URL, "key": srv.Key(), "protect": "html"})(t)
		}},
		{"google", func(t *testing.T) translate.Translator {
			srv := googletest.NewServer(t)
			return build(google.Backend(), map[string]string{"url": srv.URL, "key": srv.Key()})(t)
		}},
		{"libretranslate", func(t *testing.T) translate.Translator {
			srv := libretranslatetest.NewServer(t)
			return build(libretranslate.Backend(), map[string]string{"url": srv.URL})(t)
		}},
		{"openai", func(t *testing.T) translate.Translator {
			srv := openaitest.NewServer(t, openaitest.WithKey("sk-test"))
			return build(openai.Backend(), map[string]string{"url": srv.BaseURL(), "key": "sk-test", "model": "qwen3-8b"})(t)
		}},
		{"apertium local", func(t *testing.T) translate.Translator {
			if _, err := exec.LookPath("apertium"); err != nil {
				t.Skip("apertium not installed")
			}
			return build(apertium.Backend(), map[string]string{})(t)
		}},
	}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			tr := e.new(t)
			text := "The State Security Service said Elnur Rasulov ran a spy network."
			doc := &pipeline.Document{
				Meta:     pipeline.Meta{Language: "en"},
				Blocks:   []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}},
				Mentions: []pipeline.Mention{{Start: 32, End: 45, Text: "Elnur Rasulov", Kind: "person"}},
			}
			cache := &translatortest.Cache{}
			st, err := translate.NewStage(tr, translate.Options{To: "es", Glossary: g, Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			out := doc.Blocks[0].Text
			for _, want := range []string{"SGB", "red de espionaje", "Elnur Rasulov"} {
				if !strings.Contains(out, want) {
					t.Errorf("%q lacks %q", out, want)
				}
			}
			if strings.Contains(out, "State Security Service") || strings.Contains(out, "spy network") {
				t.Errorf("%q keeps a source term", out)
			}
			// Another glossary for the pair: nothing comes from the cache.
			other, _ := translate.ParseGlossary(strings.NewReader("State Security Service\tDTX\ten\tes\n"), "other.tsv")
			st, _ = translate.NewStage(tr, translate.Options{To: "es", Glossary: other, Cache: cache})
			doc.Blocks[0].Text, doc.Meta.Language, doc.Meta.Original = text, "en", nil
			doc.Mentions = []pipeline.Mention{{Start: 32, End: 45, Text: "Elnur Rasulov", Kind: "person"}}
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			if r := st.Report(); r.CacheHits != 0 || !strings.Contains(doc.Blocks[0].Text, "DTX") {
				t.Errorf("another glossary: %d cache hits, text %q", r.CacheHits, doc.Blocks[0].Text)
			}
		})
	}
}
