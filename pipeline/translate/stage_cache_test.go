package translate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// TestStageCachesOnlyTranslations checks that a segment kept in its source
// text, flagged, is never cached: the next run sends it again, and only it.
// A segment the engine gave back unchanged is remembered as such: the next
// run sends nothing.
func TestStageCachesOnlyTranslations(t *testing.T) {
	const victim = "photos" // a word of one sentence of testDoc's block 0
	cases := []struct {
		name      string
		misbehave func(n int, segs, out []translate.Segment) ([]translate.Segment, error)
		// remembered: the engine's answer is cached as it is.
		remembered bool
	}{
		{"token limit cuts every answer", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			for _, s := range segs {
				if strings.Contains(s.Text, victim) {
					return nil, fmt.Errorf("fake: finish_reason=length: %w", translate.ErrTruncated)
				}
			}
			return out, nil
		}, false},
		{"answer always empty", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			for i, s := range segs {
				if strings.Contains(s.Text, victim) {
					out[i].Text = ""
				}
			}
			return out, nil
		}, false},
		{"source echoed", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			for i, s := range segs {
				if strings.Contains(s.Text, victim) {
					out[i].Text = s.Text
				}
			}
			return out, nil
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cache := &translatortest.Cache{}
			bad := newFake()
			bad.misbehave = c.misbehave
			st, _ := stage(t, bad, translate.Options{Cache: cache})
			doc := testDoc()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			if r := st.Report(); r.Flagged == 0 {
				t.Fatalf("first run flagged nothing: %+v", r)
			}
			if !strings.Contains(doc.Blocks[0].Text, victim) {
				t.Fatalf("block 0 = %q, want the source sentence kept", doc.Blocks[0].Text)
			}
			segments := st.Report().Segments

			good := newFake()
			if c.remembered {
				st, _ = stage(t, good, translate.Options{Cache: cache})
				doc = testDoc()
				if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
					t.Fatal(err)
				}
				if r := st.Report(); r.Requests != 0 || r.CacheHits != segments || good.callCount() != 0 {
					t.Errorf("second run: %+v, want no request and %d cache hits", r, segments)
				}
				if f := fmt.Sprint(doc.Trail); !strings.Contains(f, "untranslated") {
					t.Errorf("second run: trail %s, want the echo flagged again", f)
				}
				if !strings.Contains(doc.Blocks[0].Text, victim+".") {
					t.Errorf("second run: block 0 = %q, want the engine's answer, remembered", doc.Blocks[0].Text)
				}
				return
			}
			st, _ = stage(t, good, translate.Options{Cache: cache})
			doc = testDoc()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			r := st.Report()
			if r.Segments != 1 || r.CacheHits != segments-1 || r.Flagged != 0 {
				t.Errorf("second run: %d segments sent, %d cache hits, %d flagged; want 1, %d, 0", r.Segments, r.CacheHits, r.Flagged, segments-1)
			}
			if strings.Contains(doc.Blocks[0].Text, victim+" ") || !strings.Contains(doc.Blocks[0].Text, victim+"-es") {
				t.Errorf("second run: block 0 = %q, want it translated", doc.Blocks[0].Text)
			}
		})
	}
}

// TestStageBadSegmentFailsAlone checks that a segment an engine cannot
// send (its markup refused) is kept in its source text and flagged, while
// the rest of its request and batch is translated.
func TestStageBadSegmentFailsAlone(t *testing.T) {
	const victim = "photos"
	cases := []struct {
		name        string
		concurrency int
	}{
		{"one request at a time", 1},
		{"requests in parallel", 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			f.misbehave = func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
				for i, s := range segs {
					if strings.Contains(s.Text, victim) {
						return nil, &translate.SegmentError{Index: i, Err: fmt.Errorf("fake: segment %d: keep span overlaps: %w", i, translate.ErrBadSegment)}
					}
				}
				return out, nil
			}
			cache := &translatortest.Cache{}
			st, _ := stage(t, f, translate.Options{Cache: cache, Concurrency: c.concurrency})
			bad, good := testDoc(), testDoc()
			good.Blocks[0].Text = "The agency said nothing more."
			good.Mentions = nil
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{bad, good}); err != nil {
				t.Fatalf("ApplyBatch: %v, want one segment flagged, not an error", err)
			}
			if want := "The-es agency-es said-es Elnur Rasulov sent-es photos-es."; strings.Contains(bad.Blocks[0].Text, want) || !strings.Contains(bad.Blocks[0].Text, "Elnur Rasulov sent photos.") {
				t.Errorf("bad block 0 = %q, want the sentence with %q kept as it was", bad.Blocks[0].Text, victim)
			}
			if !strings.Contains(bad.Blocks[0].Text, "He-es was-es arrested-es") || bad.Blocks[3].Text != "Later-es, Arif Rasulov was-es named-es too-es." {
				t.Errorf("the other segments of the bad document were not translated: %q / %q", bad.Blocks[0].Text, bad.Blocks[3].Text)
			}
			if good.Blocks[0].Text != "The-es agency-es said-es nothing-es more-es." {
				t.Errorf("good block 0 = %q", good.Blocks[0].Text)
			}
			flag := ""
			for _, p := range bad.Trail {
				if p.Ref == (pipeline.Ref{Block: 0}) {
					flag = fmt.Sprint(p.Flags)
				}
			}
			if !strings.Contains(flag, "untranslated: fake: segment") || !strings.Contains(flag, "segment cannot be sent") {
				t.Errorf("block 0 flags %q, want an untranslated flag with the reason", flag)
			}
			r := st.Report()
			if r.Failed != 0 || r.Flagged != 1 {
				t.Errorf("report: %d failed, %d flagged; want 0, 1", r.Failed, r.Flagged)
			}
			if cache.Len() != r.Segments-1 {
				t.Errorf("cache holds %d entries, want every segment but the bad one (%d)", cache.Len(), r.Segments-1)
			}
		})
	}
}
