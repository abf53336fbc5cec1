package cache_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
)

// shout "translates" by shouting, and counts the segments it is sent.
type shout struct {
	mu   sync.Mutex
	sent []string
}

func (s *shout) Capabilities() translate.Capabilities {
	return translate.Capabilities{Engine: "shout", MaxSegments: 10, MaxChars: 1000}
}

// shouted is not the source in another case, which the stage would take
// for an echo.
func shouted(text string) string { return strings.ToUpper(strings.Replace(text, "The", "El", 1)) }

func (s *shout) Translate(_ context.Context, _, _ language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]translate.Segment, len(segs))
	for i, seg := range segs {
		s.sent = append(s.sent, seg.Text)
		out[i] = translate.Segment{Text: shouted(seg.Text)}
	}
	return out, nil
}

// TestStageNeverServesAFlippedTranslation: with the translate stage, a
// stored translation changed on disk is sent to the engine again, alone,
// and the article gets the engine's answer, not the changed text.
func TestStageNeverServesAFlippedTranslation(t *testing.T) {
	dir := t.TempDir()
	paragraphs := []string{"The first paragraph is plain.", "The second one will be damaged on disk.", "The third stays as it was."}
	run := func() (*pipeline.Document, *shout, cache.Stats) {
		s, err := cache.Open(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		tr := &shout{}
		st, err := translate.NewStage(tr, translate.Options{To: "es", Cache: s})
		if err != nil {
			t.Fatal(err)
		}
		doc := &pipeline.Document{Meta: pipeline.Meta{Language: "en", Direction: pipeline.LeftToRight}}
		for _, p := range paragraphs {
			doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: p})
		}
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		return doc, tr, s.Stats()
	}
	if _, tr, _ := run(); len(tr.sent) != len(paragraphs) {
		t.Fatalf("first run sent %q, want the %d paragraphs", tr.sent, len(paragraphs))
	}

	path := filepath.Join(dir, cache.FileName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("DAMAGED ON DISK"))
	if i < 0 {
		t.Fatal("stored translation not found in the file")
	}
	copy(b[i:], "DAMAGED IN DISK") // reads as well as the right one
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}

	doc, tr, stats := run()
	if len(tr.sent) != 1 || tr.sent[0] != paragraphs[1] {
		t.Errorf("second run sent %q, want only the damaged paragraph", tr.sent)
	}
	if stats.Corrupt != 1 {
		t.Errorf("Stats.Corrupt = %d, want 1", stats.Corrupt)
	}
	for i, p := range paragraphs {
		if got := doc.Blocks[i].Text; got != shouted(p) {
			t.Errorf("block %d = %q, want %q", i, got, shouted(p))
		}
	}
}
