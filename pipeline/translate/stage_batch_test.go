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
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
)

// clock is a fake clock that Sleep moves forward, so that rate limits can
// be checked without waiting.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newClock() *clock { return &clock{now: time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.waits = append(c.waits, d)
	return ctx.Err()
}

func (c *clock) elapsed(since time.Time) time.Duration { return c.Now().Sub(since) }

// longDoc returns a document of n paragraphs of about 60 characters each.
func longDoc(lang string, n int) *pipeline.Document {
	doc := &pipeline.Document{Meta: pipeline.Meta{Title: "Talks in Baku", Language: lang}}
	for i := range n {
		doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Paragraph,
			Text: fmt.Sprintf("Paragraph %d says the talks went on until late at night.", i)})
	}
	return doc
}

func TestStagePaces(t *testing.T) {
	tests := []struct {
		name           string
		caps           translate.Capabilities
		opt            translate.Options
		wantRequestGap time.Duration // least time between two requests
		wantCharsRate  float64       // most characters per second after the burst; 0: none
		wantMaxChars   int           // most characters in one request; 0: none
	}{
		{"engine request rate", translate.Capabilities{Rate: 4, MaxSegments: 3}, translate.Options{}, 250 * time.Millisecond, 0, 0},
		{"engine chars per minute", translate.Capabilities{CharsPerMinute: 240, MaxSegments: 3}, translate.Options{}, 0, 4, 240},
		{"chars per minute caps a larger MaxChars", translate.Capabilities{CharsPerMinute: 120, MaxChars: 10000}, translate.Options{}, 0, 2, 120},
		{"option overrides the engine", translate.Capabilities{Rate: 100, CharsPerMinute: 60000, MaxSegments: 3}, translate.Options{Rate: 2, CharsPerMinute: 600}, 500 * time.Millisecond, 10, 600},
		{"negative options lift the limits", translate.Capabilities{Rate: 1, CharsPerMinute: 60, MaxSegments: 3}, translate.Options{Rate: -1, CharsPerMinute: -1}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.caps.Rate, f.caps.CharsPerMinute, f.caps.MaxSegments, f.caps.MaxChars = tc.caps.Rate, tc.caps.CharsPerMinute, tc.caps.MaxSegments, tc.caps.MaxChars
			clk := newClock()
			opt := tc.opt
			opt.Concurrency, opt.Now, opt.Sleep = 1, clk.Now, clk.Sleep
			st, _ := stage(t, f, opt)
			start := clk.Now()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 12)}); err != nil {
				t.Fatal(err)
			}
			r := st.Report()
			elapsed := clk.elapsed(start)
			if tc.wantRequestGap == 0 && tc.wantCharsRate == 0 && elapsed != 0 {
				t.Errorf("waited %s with no limit", elapsed)
			}
			if least := time.Duration(r.Requests-1) * tc.wantRequestGap; elapsed < least {
				t.Errorf("%d requests in %s, want at least %s", r.Requests, elapsed, least)
			}
			most := 0
			for _, call := range f.calls {
				n := 0
				for _, seg := range call {
					n += len([]rune(seg.Text))
				}
				most = max(most, n)
			}
			if tc.wantMaxChars > 0 && most > tc.wantMaxChars {
				t.Errorf("a request of %d characters, want at most %d", most, tc.wantMaxChars)
			}
			if tc.wantCharsRate > 0 {
				// The burst is one request's worth; the rest waits its turn.
				least := time.Duration(float64(r.Chars-tc.wantMaxChars) / tc.wantCharsRate * float64(time.Second))
				if elapsed < least {
					t.Errorf("%d characters in %s, want at least %s at %.0f/s", r.Chars, elapsed, least, tc.wantCharsRate)
				}
			}
		})
	}
}

// lister is a fake engine that says which pairs it has, and refuses the
// others as a server would; when it cannot say (err), it has them all.
type lister struct {
	*fake
	pairs []translate.Pair
	err   error
}

func (l lister) Pairs(context.Context) ([]translate.Pair, error) { return l.pairs, l.err }

func (l lister) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	base, _ := from.Base()
	if l.err == nil && !slices.Contains(l.pairs, translate.Pair{From: base.String(), To: to.String()}) {
		return nil, fmt.Errorf("fake: no %s→%s pair: %w", from, to, translate.ErrUnsupportedPair)
	}
	return l.fake.Translate(ctx, from, to, segs)
}

// pairless is a fake engine that cannot tell its pairs, and refuses one
// source language when asked to translate it.
type pairless struct {
	*fake
	lacks string
}

func (p pairless) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if base, _ := from.Base(); base.String() == p.lacks {
		p.mu.Lock()
		p.calls = append(p.calls, segs)
		p.mu.Unlock()
		return nil, fmt.Errorf("fake: no %s pair: %w", p.lacks, translate.ErrUnsupportedPair)
	}
	return p.fake.Translate(ctx, from, to, segs)
}

// mixedDoc is an English document with a Persian quote.
func mixedDoc() *pipeline.Document {
	doc := longDoc("en", 2)
	doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Quote, Items: []string{"این یک نقل قول است."}, Lang: "fa"})
	return doc
}

func TestStageUnpairedDocuments(t *testing.T) {
	enEs := []translate.Pair{{From: "en", To: "es"}, {From: "es", To: "en"}}
	tests := []struct {
		name   string
		engine func(f *fake) translate.Translator
		keep   bool
		// Russian requests, all refused: a listing engine may be sent a
		// probe before its listing answers.
		minProbes, maxProbes int
		wantErrors           int
	}{
		{"listed pairs: at most a probe sent, kept", func(f *fake) translate.Translator { return lister{fake: f, pairs: enEs} }, true, 0, 1, 0},
		{"listed pairs: at most a probe sent, failed", func(f *fake) translate.Translator { return lister{fake: f, pairs: enEs} }, false, 0, 1, 1},
		{"learned from the first refusal", func(f *fake) translate.Translator { return pairless{fake: f, lacks: "ru"} }, true, 1, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.caps.MaxSegments = 1 // many requests per document
			tr := tc.engine(f)
			st, _ := stage(t, tr, translate.Options{Concurrency: 1, KeepUntranslated: tc.keep})
			en, ru := longDoc("en", 3), longDoc("ru", 5)
			ruBefore := ru.Blocks[0].Text
			err := st.ApplyBatch(context.Background(), []*pipeline.Document{en, ru})
			var de pipeline.DocErrors
			switch {
			case tc.wantErrors == 0 && err != nil:
				t.Fatalf("ApplyBatch: %v", err)
			case tc.wantErrors > 0 && (!errors.As(err, &de) || len(de) != tc.wantErrors || !errors.Is(de[1], translate.ErrUnsupportedPair)):
				t.Fatalf("err = %v, want ErrUnsupportedPair for the Russian document", err)
			}
			r := st.Report()
			if r.Failed != 0 {
				t.Errorf("%d segments failed, want 0: a missing pair is not a failure", r.Failed)
			}
			if len(r.Unpaired) != 1 || r.Unpaired[0] != (translate.Unpaired{Doc: 1, From: "ru"}) {
				t.Errorf("Unpaired = %+v, want document 1 from ru", r.Unpaired)
			}
			// 4 units of English (title and 3 paragraphs), one request each;
			// a refused one is a probe, not a request.
			if r.Requests != 4 || r.Probes < tc.minProbes || r.Probes > tc.maxProbes {
				t.Errorf("%d requests and %d probes, want 4 and %d to %d", r.Requests, r.Probes, tc.minProbes, tc.maxProbes)
			}
			if en.Meta.Language != "es" || ru.Meta.Language != "ru" || ru.Blocks[0].Text != ruBefore {
				t.Errorf("languages en→%s, ru→%s; Russian text %q", en.Meta.Language, ru.Meta.Language, ru.Blocks[0].Text)
			}
			flagged := false
			for _, p := range ru.Trail {
				flagged = flagged || slices.ContainsFunc(p.Flags, pipeline.NewFlag(pipeline.FlagNotTranslated, "fake", "ru", "es").Equal)
			}
			if flagged != tc.keep {
				t.Errorf("Russian trail %+v: flagged %v, want %v", ru.Trail, flagged, tc.keep)
			}
		})
	}
}

func TestStageKeepsBlockInUnpairedLanguage(t *testing.T) {
	f := newFake()
	tr := lister{fake: f, pairs: []translate.Pair{{From: "en", To: "es"}}}
	st, _ := stage(t, tr, translate.Options{})
	doc := mixedDoc()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	quote := doc.Blocks[2]
	if quote.Items[0] != "این یک نقل قول است." || quote.Lang != "fa" {
		t.Errorf("Persian quote %q (lang %q), want it unchanged", quote.Items[0], quote.Lang)
	}
	if !strings.HasSuffix(doc.Blocks[0].Text, "-es.") {
		t.Errorf("English paragraph not translated: %q", doc.Blocks[0].Text)
	}
	for _, p := range doc.Trail {
		if p.Ref == (pipeline.Ref{Block: 2}) && (len(p.Flags) != 1 || !p.Flags[0].Equal(pipeline.NewFlag(pipeline.FlagNotTranslated, "fake", "fa", "es"))) {
			t.Errorf("quote trail %+v", p)
		}
	}
	if r := st.Report(); len(r.Unpaired) != 0 || r.Failed != 0 {
		t.Errorf("report %+v: the document itself was translated", r)
	}
}

// strict is a fake engine that refuses keeps an engine cannot honour, as
// the markup of the cloud engines does.
type strict struct{ *fake }

func (s strict) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	for i, seg := range segs {
		if _, err := markup.Keeps(seg); err != nil {
			return nil, fmt.Errorf("strict: segment %d: %w: %w", i, err, translate.ErrFatal)
		}
	}
	return s.fake.Translate(ctx, from, to, segs)
}

func TestStageCleansKeepsBeforeSending(t *testing.T) {
	doc := testDoc()
	text := doc.Blocks[0].Text
	at := func(s string) int { return strings.Index(text, s) }
	doc.Mentions = append(doc.Mentions,
		pipeline.Mention{Ref: pipeline.Ref{Block: 0}, Start: at("Rasulov sent"), End: at("Rasulov sent") + len("Rasulov sent"), Text: "Rasulov sent", Kind: translate.KindPerson}, // overlaps Elnur Rasulov
		pipeline.Mention{Ref: pipeline.Ref{Block: 0}, Start: at("Rasulov"), End: at("Rasulov") + len("Rasulov"), Text: "Rasulov", Kind: translate.KindPerson},                     // inside it
		pipeline.Mention{Ref: pipeline.Ref{Block: 0}, Start: 40, End: 400, Text: "out of range"},
	)
	second := testDoc()
	second.Blocks[0].Text = "A second article about Elnur Rasulov."
	second.Mentions = nil
	st, _ := stage(t, strict{newFake()}, translate.Options{})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc, second}); err != nil {
		t.Fatalf("overlapping and invalid mentions stopped the batch: %v", err)
	}
	if !strings.Contains(doc.Blocks[0].Text, "Elnur Rasulov sent photos-es") {
		t.Errorf("merged span not kept verbatim: %q", doc.Blocks[0].Text)
	}
	if second.Meta.Language != "es" {
		t.Errorf("the second document was not translated")
	}
}

func TestStageMentionsKeepFoundAndTitles(t *testing.T) {
	doc := testDoc()
	// The names stage found Baku in the title and spelled it canonically
	// as Bakú, the same but for an accent; a mention whose Found is
	// already set keeps it.
	doc.Mentions = append(doc.Mentions, pipeline.Mention{
		Ref: translate.TitleRef(), Start: strings.Index(doc.Meta.Title, "Baku"), End: len(doc.Meta.Title),
		Text: "Baku", Canonical: "Bakú", Kind: "place",
	})
	doc.Mentions[0].Found = "Elnur Rasulov"
	st, _ := stage(t, newFake(), translate.Options{})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if want := "Spy-es network-es exposed-es in-es Bakú"; doc.Meta.Title != want {
		t.Errorf("title %q, want %q: the title's own mention protected as its canonical form", doc.Meta.Title, want)
	}
	want := map[string]string{"Bakú": "Baku", "Arif Rasulov": "Aref Rasulov", "Elnur Rasulov": "Elnur Rasulov"}
	if len(doc.Mentions) != len(want) {
		t.Fatalf("mentions %+v", doc.Mentions)
	}
	for _, m := range doc.Mentions {
		if got := doc.Text(m.Ref)[m.Start:m.End]; got != m.Text {
			t.Errorf("mention %+v points at %q", m, got)
		}
		if m.Found != want[m.Text] {
			t.Errorf("mention %q: Found %q, want %q", m.Text, m.Found, want[m.Text])
		}
	}
	if doc.Mentions[0].Ref != translate.TitleRef() || translate.TitleRef() != (pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.TitleItem}) {
		t.Errorf("title mention at %+v", doc.Mentions[0].Ref)
	}
}
