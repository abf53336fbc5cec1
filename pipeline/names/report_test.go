package names

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// TestUnresolvedReportedOncePerDocument checks that an article repeating
// an ambiguous surname many times gives one warning with the count, not
// one per mention.
func TestUnresolvedReportedOncePerDocument(t *testing.T) {
	text := "Ilham Aliyev met Heydar Aliyev's advisers in Baku."
	for range 50 {
		text += " Aliyev said so."
	}
	doc := &pipeline.Document{Meta: pipeline.Meta{Source: "aliyev.txt", Language: "en"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}}}
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	if err := New(Options{Log: log}).ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "count=50") || !strings.Contains(lines[0], "source=aliyev.txt") || !strings.Contains(lines[0], "names=Aliyev") {
		t.Fatalf("log = %q, want one line with source=aliyev.txt count=50 names=Aliyev", buf.String())
	}
}
