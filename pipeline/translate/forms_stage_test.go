package translate_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// swapper translates like fake but answers "A met B" as "B met A": the
// engine moved the names.
type swapper struct{ *fake }

func (s swapper) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	out, err := s.fake.Translate(ctx, from, to, segs)
	for i := range out {
		if a, b, ok := strings.Cut(out[i].Text, " met-es "); ok {
			out[i].Text = strings.TrimSuffix(b, ".") + " met-es " + a + "."
		}
	}
	return out, err
}

// TestStageMentionsByOffset checks that mentions follow their own span
// when a name repeats and the engine reorders the sentence: the first
// mention, the minister's full name, must not land on the other.
func TestStageMentionsByOffset(t *testing.T) {
	text := "Elnur Rasulov met Aref Rasulov."
	doc := &pipeline.Document{
		Meta:   pipeline.Meta{Language: "en"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}},
		Mentions: []pipeline.Mention{
			{Start: 0, End: 13, Text: "Elnur Rasulov", Canonical: "Elnur Rasulov", Entity: "elnur", Kind: "person"},
			{Start: 18, End: 30, Text: "Aref Rasulov", Canonical: "Arif Rasulov", Entity: "arif", Kind: "person"},
		},
	}
	st, _ := stage(t, swapper{newFake()}, translate.Options{})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if want := "Arif Rasulov met-es Elnur Rasulov."; doc.Blocks[0].Text != want {
		t.Fatalf("text %q, want %q", doc.Blocks[0].Text, want)
	}
	got := map[string]int{}
	for _, m := range doc.Mentions {
		if doc.Blocks[0].Text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v points at %q", m, doc.Blocks[0].Text[m.Start:m.End])
		}
		got[m.Entity] = m.Start
	}
	if got["arif"] != 0 || got["elnur"] != 20 {
		t.Errorf("mentions at %v, want arif at 0 and elnur at 20", got)
	}
}

// TestStageCacheKeyIsTheSegments checks that a segment's cache key does
// not depend on how the batch spelled its names: translating one article
// alone, where the names stage linked a name to another canonical form,
// sends nothing after a batch translated it.
func TestStageCacheKeyIsTheSegments(t *testing.T) {
	cache := &translatortest.Cache{}
	st, _ := stage(t, newFake(), translate.Options{Cache: cache})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc(), testDoc()}); err != nil {
		t.Fatal(err)
	}
	alone := testDoc()
	alone.Mentions[1].Canonical = "Aref Rasulov" // alone, no other spelling to link to
	f := newFake()
	st, _ = stage(t, f, translate.Options{Cache: cache})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{alone}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); r.Requests != 0 || f.callCount() != 0 {
		t.Errorf("alone after the batch: %d requests, %d calls; want 0", r.Requests, f.callCount())
	}
	if !strings.Contains(alone.Blocks[3].Text, "Aref Rasulov") {
		t.Errorf("block 3 %q lacks the name as this article's linking spells it", alone.Blocks[3].Text)
	}
}

// TestStagePlacesByTheirUsualName checks that a place reads as the target
// language usually names it, with the mention moved onto it and the
// source's spelling kept for the index; a person keeps the spelling the
// source used when the canonical one is not a safe respelling.
func TestStagePlacesByTheirUsualName(t *testing.T) {
	text := "Nick Nurse flew to Tehran."
	doc := &pipeline.Document{
		Meta:   pipeline.Meta{Language: "en"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}},
		Mentions: []pipeline.Mention{
			{Start: 0, End: 10, Text: "Nick Nurse", Canonical: "Nurse", Entity: "nurse", Kind: "person"},
			{Start: 19, End: 25, Text: "Tehran", Canonical: "Tehran", Entity: "tehran", Kind: "place"},
		},
	}
	st, _ := stage(t, newFake(), translate.Options{})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if want := "Nick Nurse flew-es to-es Teherán."; doc.Blocks[0].Text != want {
		t.Fatalf("text %q, want %q", doc.Blocks[0].Text, want)
	}
	m := doc.Mentions[1]
	if m.Text != "Teherán" || doc.Blocks[0].Text[m.Start:m.End] != "Teherán" || m.Found != "Tehran" {
		t.Errorf("place mention %+v", m)
	}
}
