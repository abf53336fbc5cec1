package pipeline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/pipeline"
)

// text is a Source of one article given as a string; programs use
// ingest.Ingester.Sources instead.
type text struct{ name, body string }

func (t text) Name() string { return t.name }

func (t text) Load(context.Context) []pipeline.Result {
	if strings.TrimSpace(t.body) == "" {
		return []pipeline.Result{{Name: t.name, Err: fmt.Errorf("%s: %w", t.name, pipeline.ErrEmpty)}}
	}
	doc := &pipeline.Document{Meta: pipeline.Meta{Title: t.name}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: t.body}}}
	return []pipeline.Result{{Name: t.name, Doc: doc}}
}

func ExampleRun() {
	shout := pipeline.Each("shout", func(_ context.Context, d *pipeline.Document) error {
		for i := range d.Blocks {
			d.Blocks[i].Text = strings.ToUpper(d.Blocks[i].Text)
		}
		return nil
	})
	batch, err := pipeline.Run(context.Background(), []pipeline.Source{
		text{"a.txt", "talks in Baku"},
		text{"b.txt", "  "},
		text{"c.txt", "talks in Yerevan"},
	}, shout)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range batch {
		if r.Err != nil {
			fmt.Println("failed:", r.Err)
			continue
		}
		fmt.Println(r.Name, r.Doc.Blocks[0].Text)
	}
	// Output:
	// a.txt TALKS IN BAKU
	// failed: b.txt: empty input
	// c.txt TALKS IN YEREVAN
}
