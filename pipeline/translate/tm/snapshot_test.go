package tm

import (
	"context"
	"errors"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// TestSnapshot: the copies keep the text the stage after the snapshot
// changed, and only the documents that came through are returned.
func TestSnapshot(t *testing.T) {
	a := &pipeline.Document{Blocks: []pipeline.Block{{Text: "Talks ended."}}}
	b := &pipeline.Document{Blocks: []pipeline.Block{{Text: "Trade grew."}}}
	var s Snapshot
	if err := s.ApplyBatch(context.Background(), []*pipeline.Document{a, b}); err != nil {
		t.Fatal(err)
	}
	a.Blocks[0].Text, b.Blocks[0].Text = "Terminaron las conversaciones.", "Creció el comercio."
	got := s.Sources([]*pipeline.Document{b}) // a failed in translation
	if len(got) != 1 || got[0].Blocks[0].Text != "Trade grew." {
		t.Fatalf("Sources = %+v, want the source of b alone", got)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"tmx", `<?xml version="1.0"?><tmx version="1.4"><header/></tmx>`, "tmx"},
		{"xliff", `<?xml version="1.0"?><!-- from dossier --><xliff version="1.2"></xliff>`, "xliff"},
		{"html", `<html><body>hi</body></html>`, ""},
		{"not xml", `hello`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Detect([]byte(tc.file))
			if got != tc.want || (tc.want == "") != errors.Is(err, ErrFormat) {
				t.Errorf("Detect = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
