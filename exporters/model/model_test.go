package model

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/pipeline"
)

// text reads the stream back as documents and lays each out as a reader
// would meet it — title and byline, document-level flags, then the body
// with each block's flags after it — so the shared suite can check
// content, escaping and where flags stand.
func text(t *testing.T, out []byte) string {
	t.Helper()
	var sb strings.Builder
	line := func(s string) {
		if s != "" {
			sb.WriteString(s)
			sb.WriteByte('\n')
		}
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var d pipeline.Document
		err := dec.Decode(&d)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("output is not a stream of documents: %v", err)
		}
		line(d.Meta.Title)
		line(d.Meta.Standfirst)
		line(strings.Join(d.Meta.Authors, ", "))
		if d.Meta.Published != nil {
			line(d.Meta.Published.String())
		}
		line(d.Meta.Outlet)
		flags := map[int][]pipeline.Flag{}
		for _, p := range d.Trail {
			flags[max(p.Block, -1)] = append(flags[max(p.Block, -1)], p.Flags...)
		}
		// A flag is data here: its code and arguments.
		flag := func(f pipeline.Flag) { line(strings.Join(append([]string{string(f.Code)}, f.Args...), " ")) }
		for _, f := range flags[-1] {
			flag(f)
		}
		for i, b := range d.Blocks {
			line(b.Text)
			for _, it := range b.Items {
				line(it)
			}
			line(b.Attribution)
			for _, f := range flags[i] {
				flag(f)
			}
			delete(flags, i)
		}
		delete(flags, -1)
		for _, fs := range flags { // flags on blocks the document lacks
			for _, f := range fs {
				flag(f)
			}
		}
	}
	return sb.String()
}

func TestConformance(t *testing.T) {
	exportertest.Run(t, New(), exportertest.Options{Text: text})
}

// TestRoundTrip: what the exporter writes reads back as the same documents.
func TestRoundTrip(t *testing.T) {
	docs := []*pipeline.Document{exportertest.English(), exportertest.Persian()}
	var buf bytes.Buffer
	if err := New().Export(context.Background(), &buf, exportertest.Briefing("b", docs...)); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&buf)
	for i, want := range docs {
		var got pipeline.Document
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(&got)
		if !bytes.Equal(w, g) {
			t.Errorf("document %d changed in the round trip:\n got %s\nwant %s", i, g, w)
		}
	}
	if dec.More() {
		t.Error("more values than documents")
	}
}
