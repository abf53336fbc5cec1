package xhtml_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/pipeline"
)

// FuzzExport feeds arbitrary text, languages and mention spans to the
// exporter: it must never panic, and whatever it writes must parse as
// strict XML.
func FuzzExport(f *testing.F) {
	f.Add("<script>alert(1)</script> &nbsp; ]]>", "en", "Zahir", 0, 5, "h\x00\uFFFE")
	f.Add("ظاهر عسگراف در شهر قم", "fa", "ظاهر", 0, 8, "")
	f.Add("Elnur Rəsulov", "az_Latn", "x", 7, 9, "\xff")
	f.Add("", "", "", -1, 100, "\r\n")
	f.Fuzz(func(t *testing.T, text, lang, title string, start, end int, heading string) {
		doc := &pipeline.Document{
			Meta: pipeline.Meta{Title: title, Language: lang, Source: text, Outlet: heading},
			Blocks: []pipeline.Block{
				{Kind: pipeline.Heading, Level: start, Text: heading, Lang: lang},
				{Kind: pipeline.Paragraph, Text: text},
				{Kind: pipeline.Quote, Items: []string{text}, Attribution: title},
			},
			Mentions: []pipeline.Mention{
				{Ref: pipeline.Ref{Block: 1}, Start: start, End: end, Entity: title, Canonical: heading},
				{Ref: pipeline.Ref{Block: 2, Item: start}, Start: 0, End: end, Entity: text},
			},
			Trail: []pipeline.Provenance{{Ref: pipeline.Ref{Block: 1}, Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, heading)}}},
		}
		idx := &pipeline.Index{Entities: []pipeline.Entity{{ID: title, Canonical: text, Variants: []pipeline.Variant{{Text: heading}}}}}
		var buf bytes.Buffer
		b := &exporters.Briefing{Title: title, Documents: []*pipeline.Document{doc, doc}, Index: idx}
		if err := xhtml.New().Export(context.Background(), &buf, b); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&buf)
		dec.Strict = true
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
		}
	})
}
