package translate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// TestReviewedOutlivesMachineRuns: the stage stores each answer with the
// segment it translates; a reviewed translation written under
// ReviewedKey answers the next run, --refresh or not, with no request,
// and no run writes over it.
func TestReviewedOutlivesMachineRuns(t *testing.T) {
	cache := &translatortest.Cache{}
	st, _ := stage(t, newFake(), translate.Options{Cache: cache})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc()}); err != nil {
		t.Fatal(err)
	}
	planned := st.Segments([]*pipeline.Document{testDoc()})
	if len(planned) == 0 {
		t.Fatal("Segments listed nothing")
	}
	title := planned[0]
	e, ok, err := st.Lookup(title)
	if err != nil || !ok {
		t.Fatalf("Lookup(title) = %v, %v", ok, err)
	}
	if e.Source != title.Segment.Text || e.From != "en" || e.To != "es" || e.Engine != "fake" || e.Model != "m1" || e.Reviewed || e.Key() != title.Key {
		t.Fatalf("stored entry = %+v, want the title segment, en→es, fake/m1, not reviewed, under its key", e)
	}

	const human = "Red de espías desmantelada en Bakú"
	e.Text, e.Flags, e.Reviewed = human, nil, true
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if e.Key() != translate.ReviewedKey("EN", "ES", title.Segment) {
		t.Errorf("ReviewedKey depends on the spelling of the language tags")
	}
	cache.Put(e.Key(), b)

	for _, refresh := range []bool{false, true} {
		eng := newFake()
		st, _ := stage(t, eng, translate.Options{Cache: cache, Refresh: refresh})
		doc := testDoc()
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		if doc.Meta.Title != human {
			t.Errorf("refresh %v: title = %q, want the reviewed %q", refresh, doc.Meta.Title, human)
		}
		for _, call := range eng.calls {
			for _, seg := range call {
				if seg.Text == title.Segment.Text {
					t.Errorf("refresh %v: the reviewed segment was sent", refresh)
				}
			}
		}
		if !refresh && eng.callCount() != 0 {
			t.Errorf("second run sent %d requests, want 0", eng.callCount())
		}
		got, _ := cache.Get(e.Key())
		if again, _ := translate.DecodeEntry(got); again.Text != human || !again.Reviewed {
			t.Errorf("refresh %v: reviewed entry now %+v", refresh, again)
		}
	}
	if !strings.Contains(title.Segment.Text, "Baku") {
		t.Fatalf("first planned segment %q is not the title", title.Segment.Text)
	}
}
