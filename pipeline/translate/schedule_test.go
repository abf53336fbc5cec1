package translate_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// countingLister is a fake engine that lists its pairs, refuses those it
// does not list as a server would, and counts how often it is asked, and
// which languages it was sent.
type countingLister struct {
	*fake
	pairs []translate.Pair
	// hold, when set, is called in Pairs before it answers.
	hold func()
	// block, when set, is called in Translate before it answers, and its
	// error returned if not nil.
	block func(ctx context.Context, from language.Tag) error

	mu    sync.Mutex
	asked int
	sent  map[string]int // requests by base source language
}

func newCountingLister(pairs ...translate.Pair) *countingLister {
	f := newFake()
	f.caps.MaxSegments = 1 // one request per segment
	return &countingLister{fake: f, pairs: pairs, sent: map[string]int{}}
}

func (l *countingLister) Pairs(context.Context) ([]translate.Pair, error) {
	if l.hold != nil {
		l.hold()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.asked++
	return l.pairs, nil
}

func (l *countingLister) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	base, _ := from.Base()
	l.mu.Lock()
	l.sent[base.String()]++
	l.mu.Unlock()
	if l.block != nil {
		if err := l.block(ctx, from); err != nil {
			return nil, err
		}
	}
	for _, p := range l.pairs {
		if p.From == base.String() && p.To == to.String() {
			return l.fake.Translate(ctx, from, to, segs)
		}
	}
	return nil, fmt.Errorf("fake: no %s→%s pair: %w", from, to, translate.ErrUnsupportedPair)
}

func (l *countingLister) counts() (asked int, sent map[string]int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sent = map[string]int{}
	for k, v := range l.sent {
		sent[k] = v
	}
	asked, l.asked, l.sent = l.asked, 0, map[string]int{}
	return asked, sent
}

// sourced is a countingLister that names its server, so that the stage
// may remember its listing.
type sourced struct {
	*countingLister
	url string
}

func (s sourced) PairSource() string { return s.url }

var enEs = translate.Pair{From: "en", To: "es"}

// paragraphs returns a document in lang whose n paragraphs start with
// prefix, so that documents of different prefixes share no segment.
func paragraphs(lang, prefix string, n int) *pipeline.Document {
	doc := longDoc(lang, n)
	doc.Meta.Title = prefix + " " + doc.Meta.Title
	for i := range doc.Blocks {
		doc.Blocks[i].Text = prefix + " " + doc.Blocks[i].Text
	}
	return doc
}

func TestStageWarmBatchAsksNothing(t *testing.T) {
	tests := []struct {
		name   string
		engine func(*countingLister) translate.Translator
		// russian adds a document in a pair the engine lacks: never
		// cached, it needs the listing, which only a PairSource's is
		// remembered.
		russian bool
	}{
		{"all cached", func(l *countingLister) translate.Translator { return l }, false},
		{"unpaired document, listing remembered", func(l *countingLister) translate.Translator {
			return sourced{l, "http://127.0.0.1:2737"}
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newCountingLister(enEs)
			c := &translatortest.Cache{}
			batch := func() []*pipeline.Document {
				docs := []*pipeline.Document{paragraphs("en", "Today", 3), paragraphs("en", "Yesterday", 1)}
				if tc.russian {
					docs = append(docs, paragraphs("ru", "Сегодня", 2))
				}
				return docs
			}
			st, _ := stage(t, tc.engine(l), translate.Options{Cache: c, Concurrency: 3, KeepUntranslated: true})
			if err := st.ApplyBatch(context.Background(), batch()); err != nil {
				t.Fatal(err)
			}
			// The Russian probe may go out before the listing answers.
			if asked, sent := l.counts(); asked != 1 || sent["en"] != 6 || sent["ru"] > 1 {
				t.Errorf("cold: asked %d times, sent %v; want 1, 6 English and at most one Russian", asked, sent)
			}
			if r := st.Report(); r.Requests != 6 || r.Failed != 0 {
				t.Errorf("cold: report %+v, want 6 requests (a refused probe is not one) and no failure", r)
			}

			st, _ = stage(t, tc.engine(l), translate.Options{Cache: c, Concurrency: 3, KeepUntranslated: true})
			r, err := st.Plan(context.Background(), batch())
			if err != nil {
				t.Fatal(err)
			}
			if asked, _ := l.counts(); asked != 0 || r.Requests != 0 || r.CacheHits != 6 {
				t.Errorf("warm dry run asked %d times: %+v", asked, r)
			}
			docs := batch()
			if err := st.ApplyBatch(context.Background(), docs); err != nil {
				t.Fatal(err)
			}
			r = st.Report()
			if asked, sent := l.counts(); asked != 0 || len(sent) != 0 || r.Requests != 0 {
				t.Errorf("warm: asked %d times, sent %v, report %+v; want nothing at all", asked, sent, r)
			}
			if docs[0].Meta.Language != "es" || docs[1].Meta.Language != "es" {
				t.Errorf("warm run languages %s and %s, want es", docs[0].Meta.Language, docs[1].Meta.Language)
			}
			if tc.russian && (len(r.Unpaired) != 1 || r.Unpaired[0] != (translate.Unpaired{Doc: 2, From: "ru"}) || docs[2].Meta.Language != "ru") {
				t.Errorf("Unpaired = %+v, want document 2 from ru", r.Unpaired)
			}
		})
	}
}

// TestStageSendsKnownLanguagesWhileListing holds the listing until the
// English requests, which the cache vouches for, have all come back: a
// stage that waited for the listing first would never let it go. The
// Russian probe is refused meanwhile, and settles Russian alone.
func TestStageSendsKnownLanguagesWhileListing(t *testing.T) {
	l := newCountingLister(enEs)
	c := &translatortest.Cache{}
	st, _ := stage(t, l, translate.Options{Cache: c})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{paragraphs("en", "Today", 1)}); err != nil {
		t.Fatal(err)
	}
	l.counts()

	// Title and paragraph 0 are cached; paragraphs 1 to 3 are new.
	const newEnglish = 3
	heard := make(chan struct{})
	var once sync.Once
	wrapped := &heldLister{countingLister: l, after: newEnglish, heard: func() { once.Do(func() { close(heard) }) }}
	l.hold = func() {
		select {
		case <-heard:
			wrapped.overlapped = true
		case <-time.After(10 * time.Second):
			// Let a stage that waits for the listing finish, and fail.
		}
	}
	st, _ = stage(t, wrapped, translate.Options{Cache: c, Concurrency: 3, KeepUntranslated: true})
	en, ru := paragraphs("en", "Today", 4), paragraphs("ru", "Сегодня", 2)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru}); err != nil {
		t.Fatal(err)
	}
	asked, sent := l.counts()
	if !wrapped.overlapped {
		t.Error("the English requests waited for the listing")
	}
	if asked != 1 || sent["en"] != newEnglish || sent["ru"] != 1 {
		t.Errorf("asked %d times, sent %v; want 1, %d English and one Russian probe", asked, sent, newEnglish)
	}
	r := st.Report()
	if en.Meta.Language != "es" || ru.Meta.Language != "ru" || len(r.Unpaired) != 1 || r.Failed != 0 {
		t.Errorf("languages %s and %s, report %+v", en.Meta.Language, ru.Meta.Language, r)
	}
	if r.Segments != newEnglish || r.Requests != newEnglish || r.Probes != 1 {
		t.Errorf("report %+v: %d segments in %d requests and %d probes, want %d of each and one refused probe", r, r.Segments, r.Requests, r.Probes, newEnglish)
	}
}

// heldLister calls heard once after English requests have come back.
type heldLister struct {
	*countingLister
	after      int
	heard      func()
	overlapped bool

	mu   sync.Mutex
	done int
}

func (h *heldLister) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	out, err := h.countingLister.Translate(ctx, from, to, segs)
	h.mu.Lock()
	h.done++
	if h.done == h.after {
		h.heard()
	}
	h.mu.Unlock()
	return out, err
}

func TestStageRemembersPairListing(t *testing.T) {
	const url = "http://127.0.0.1:2737"
	tests := []struct {
		name      string
		source    string        // the second batch's engine URL
		later     time.Duration // between the batches
		refresh   bool
		wantAsked int
	}{
		{"same server, an hour later", url, time.Hour, false, 0},
		{"same server, two days later", url, 48 * time.Hour, false, 1},
		{"another server", "http://127.0.0.1:2738", time.Hour, false, 1},
		{"refresh", url, time.Hour, true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newCountingLister(enEs)
			c := &translatortest.Cache{}
			clk := newClock()
			st, _ := stage(t, sourced{l, url}, translate.Options{Cache: c, Now: clk.Now, Sleep: clk.Sleep, KeepUntranslated: true})
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{paragraphs("en", "Monday", 2)}); err != nil {
				t.Fatal(err)
			}
			if asked, _ := l.counts(); asked != 1 {
				t.Fatalf("first batch asked %d times, want 1", asked)
			}
			clk.Sleep(context.Background(), tc.later)

			opt := translate.Options{Cache: c, Now: clk.Now, Sleep: clk.Sleep, KeepUntranslated: true, Refresh: tc.refresh, Concurrency: 2}
			st, _ = stage(t, sourced{l, tc.source}, opt)
			en, ru := paragraphs("en", "Tuesday", 2), paragraphs("ru", "Вторник", 2)
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru}); err != nil {
				t.Fatal(err)
			}
			asked, sent := l.counts()
			if asked != tc.wantAsked {
				t.Errorf("asked %d times, want %d", asked, tc.wantAsked)
			}
			// Only a batch that asks for the listing may probe Russian.
			if sent["ru"] > tc.wantAsked || sent["en"] != 3 {
				t.Errorf("sent %v, want 3 English and at most %d Russian", sent, tc.wantAsked)
			}
			if r := st.Report(); len(r.Unpaired) != 1 || en.Meta.Language != "es" || ru.Meta.Language != "ru" {
				t.Errorf("report %+v; languages %s and %s", r, en.Meta.Language, ru.Meta.Language)
			}
		})
	}
}

func TestStagePlanReadsButKeepsNoListing(t *testing.T) {
	l := newCountingLister(enEs)
	c := &translatortest.Cache{}
	st, _ := stage(t, sourced{l, "http://127.0.0.1:2737"}, translate.Options{Cache: c, KeepUntranslated: true})
	docs := []*pipeline.Document{paragraphs("en", "Today", 2), paragraphs("ru", "Сегодня", 3)}
	r, err := st.Plan(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	asked, sent := l.counts()
	if asked != 1 || len(sent) != 0 || c.Len() != 0 {
		t.Errorf("dry run asked %d times, sent %v, cached %d entries; want 1, nothing, nothing", asked, sent, c.Len())
	}
	if r.Requests != 3 || r.Segments != 3 || len(r.Unpaired) != 1 || r.Documents != 1 {
		t.Errorf("plan %+v, want 3 English segments in 3 requests and the Russian document unpaired", r)
	}
}

// TestStageKeepsRefusedBlock checks that an engine that cannot list its
// pairs, refusing the language of one quote, costs the document nothing
// but that quote, kept and flagged.
func TestStageKeepsRefusedBlock(t *testing.T) {
	f := newFake()
	tr := pairless{fake: f, lacks: "fa"}
	st, _ := stage(t, tr, translate.Options{})
	doc := mixedDoc()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if quote := doc.Blocks[2]; quote.Items[0] != "این یک نقل قول است." || quote.Lang != "fa" {
		t.Errorf("Persian quote %q (lang %q), want it unchanged", quote.Items[0], quote.Lang)
	}
	if doc.Meta.Language != "es" || !strings.HasSuffix(doc.Blocks[0].Text, "-es.") {
		t.Errorf("document in %s, first paragraph %q: want it translated", doc.Meta.Language, doc.Blocks[0].Text)
	}
	r := st.Report()
	if len(r.Unpaired) != 0 || r.Failed != 0 {
		t.Errorf("report %+v: the document itself was translated", r)
	}
}

// TestStageTriesEverythingWhenListingFails: an engine that cannot list
// its pairs now is trusted, as one that never could.
func TestStageTriesEverythingWhenListingFails(t *testing.T) {
	f := newFake()
	tr := lister{fake: f, err: errors.New("connection refused")}
	st, _ := stage(t, tr, translate.Options{Concurrency: 2, KeepUntranslated: true})
	en, ru := paragraphs("en", "Today", 2), paragraphs("ru", "Сегодня", 2)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); en.Meta.Language != "es" || ru.Meta.Language != "es" || len(r.Unpaired) != 0 || r.Requests != 2 {
		t.Errorf("languages %s and %s, report %+v: want both sent and translated", en.Meta.Language, ru.Meta.Language, r)
	}
}

// TestStageProbesWhileListing is a first run, nothing cached: the listing
// is held until every request has come back, so the English requests go
// out only if the English probe's answer released them, and Russian is
// settled by its refused probe alone.
func TestStageProbesWhileListing(t *testing.T) {
	l := newCountingLister(enEs)
	c := &translatortest.Cache{}
	const english = 5 // title and four paragraphs, a request each
	heard := make(chan struct{})
	var once sync.Once
	wrapped := &heldLister{countingLister: l, after: english + 1, heard: func() { once.Do(func() { close(heard) }) }}
	l.hold = func() {
		select {
		case <-heard:
			wrapped.overlapped = true
		case <-time.After(10 * time.Second):
			// Let a stage that waits for the listing finish, and fail.
		}
	}
	st, _ := stage(t, wrapped, translate.Options{Cache: c, Concurrency: 2, KeepUntranslated: true})
	en, ru := paragraphs("en", "Today", english-1), paragraphs("ru", "Сегодня", 3)
	ruTitle := ru.Meta.Title
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru}); err != nil {
		t.Fatal(err)
	}
	asked, sent := l.counts()
	if !wrapped.overlapped {
		t.Error("the requests waited for the listing")
	}
	if asked != 1 || sent["en"] != english || sent["ru"] != 1 {
		t.Errorf("asked %d times, sent %v; want 1, %d English and one Russian probe", asked, sent, english)
	}
	r := st.Report()
	if r.Requests != english || r.Probes != 1 || r.Failed != 0 || r.Segments != english || r.Chars == 0 {
		t.Errorf("report %+v: want %d requests and segments, one probe, no failure", r, english)
	}
	if len(r.Unpaired) != 1 || r.Unpaired[0] != (translate.Unpaired{Doc: 1, From: "ru"}) {
		t.Errorf("Unpaired = %+v, want document 1 from ru", r.Unpaired)
	}
	if en.Meta.Language != "es" || ru.Meta.Language != "ru" || ru.Meta.Title != ruTitle || !flaggedUnpaired(ru, "ru") {
		t.Errorf("languages %s and %s, Russian title %q, trail %+v: want English translated, Russian kept and flagged",
			en.Meta.Language, ru.Meta.Language, ru.Meta.Title, ru.Trail)
	}
	if c.Len() != english {
		t.Errorf("cache holds %d entries, want the %d English translations alone", c.Len(), english)
	}
}

// TestStageRecallsProbe holds the Russian probe until it is called back:
// the listing, which lacks Russian, must cancel it, and the probe must
// then cost nothing but itself.
func TestStageRecallsProbe(t *testing.T) {
	l := newCountingLister(enEs)
	c := &translatortest.Cache{}
	probing := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	recalled := false
	l.block = func(ctx context.Context, from language.Tag) error {
		if base, _ := from.Base(); base.String() != "ru" {
			return nil
		}
		once.Do(func() { close(probing) })
		select {
		case <-ctx.Done():
			mu.Lock()
			recalled = true
			mu.Unlock()
			return fmt.Errorf("fake: %w", ctx.Err())
		case <-time.After(10 * time.Second):
			return fmt.Errorf("fake: probe never called back: %w", translate.ErrRetry)
		}
	}
	l.hold = func() {
		select {
		case <-probing:
		case <-time.After(10 * time.Second):
		}
	}
	st, _ := stage(t, l, translate.Options{Cache: c, Concurrency: 2, KeepUntranslated: true})
	en, ru := paragraphs("en", "Today", 2), paragraphs("ru", "Сегодня", 3)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !recalled {
		t.Error("the Russian probe was not called back when the listing lacked Russian")
	}
	if _, sent := l.counts(); sent["ru"] != 1 || sent["en"] != 3 {
		t.Errorf("sent %v, want 3 English and one Russian probe", sent)
	}
	r := st.Report()
	if r.Requests != 3 || r.Probes != 1 || r.Failed != 0 || len(r.Unpaired) != 1 {
		t.Errorf("report %+v: want 3 requests, one probe, no failure, one unpaired document", r)
	}
	if ru.Meta.Language != "ru" || !flaggedUnpaired(ru, "ru") || c.Len() != 3 {
		t.Errorf("Russian in %s, trail %+v, %d cache entries: want it kept, flagged and not cached", ru.Meta.Language, ru.Trail, c.Len())
	}
}

// flaggedUnpaired reports whether doc's trail says it was kept because the
// fake engine lacks the pair from from.
func flaggedUnpaired(doc *pipeline.Document, from string) bool {
	for _, p := range doc.Trail {
		if slices.ContainsFunc(p.Flags, pipeline.NewFlag(pipeline.FlagNotTranslated, "fake", from, "es").Equal) {
			return true
		}
	}
	return false
}
