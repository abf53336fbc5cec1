package translate_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// fake is an engine that "translates" by suffixing every word outside the
// protected spans with "-es", and can be told to misbehave.
type fake struct {
	caps translate.Capabilities
	// misbehave, when set, may replace the answer or return an error for
	// call number n (from 1).
	misbehave func(n int, segs []translate.Segment, out []translate.Segment) ([]translate.Segment, error)
	// ignoreKeeps translates names too, as an engine without protection.
	ignoreKeeps bool

	mu             sync.Mutex
	calls          [][]translate.Segment
	inFlight, peak int
}

func newFake() *fake {
	return &fake{caps: translate.Capabilities{Engine: "fake", Model: "m1", Protect: translate.ProtectIgnoreTags}}
}

func (f *fake) Capabilities() translate.Capabilities { return f.caps }

func suffixWords(s string) string {
	var sb strings.Builder
	inWord := false
	for _, r := range s {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if inWord && !isWord {
			sb.WriteString("-es")
		}
		sb.WriteRune(r)
		inWord = isWord
	}
	if inWord {
		sb.WriteString("-es")
	}
	return sb.String()
}

func (f *fake) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	f.mu.Lock()
	f.calls = append(f.calls, segs)
	n := len(f.calls)
	f.inFlight++
	f.peak = max(f.peak, f.inFlight)
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()
	time.Sleep(time.Millisecond) // let concurrent calls overlap
	out := make([]translate.Segment, len(segs))
	for i, s := range segs {
		var sb strings.Builder
		last := 0
		if !f.ignoreKeeps {
			for _, k := range s.Keep {
				sb.WriteString(suffixWords(s.Text[last:k.Start]))
				if k.As != "" {
					sb.WriteString(k.As)
				} else {
					sb.WriteString(s.Text[k.Start:k.End])
				}
				last = k.End
			}
		}
		sb.WriteString(suffixWords(s.Text[last:]))
		out[i] = translate.Segment{Text: sb.String()}
	}
	if f.misbehave != nil {
		return f.misbehave(n, segs, out)
	}
	return out, nil
}

func (f *fake) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func stage(t *testing.T, tr translate.Translator, opt translate.Options) (*translate.Stage, *sleeps) {
	t.Helper()
	sl := &sleeps{}
	if opt.To == "" {
		opt.To = "es"
	}
	if opt.Sleep == nil {
		opt.Sleep = sl.sleep
	}
	opt.Jitter = func() float64 { return 0.5 }
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	return st, sl
}

func testDoc() *pipeline.Document {
	doc := &pipeline.Document{
		Meta: pipeline.Meta{Title: "Spy network exposed in Baku", Standfirst: "Five were held. Two trained in Qom.", Authors: []string{"Ebrahim Ramezani"}, Language: "en", Direction: pipeline.LeftToRight},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "The agency said Elnur Rasulov sent photos. He was arrested in 2018."},
			{Kind: pipeline.List, Items: []string{"Drones and tanks.", "Military sites."}},
			{Kind: pipeline.Quote, Items: []string{"Es una traición."}, Lang: "es"},
			{Kind: pipeline.Paragraph, Text: "Later, Aref Rasulov was named too."},
		},
	}
	add := func(block int, name, canonical string) {
		text := doc.Blocks[block].Text
		i := strings.Index(text, name)
		doc.Mentions = append(doc.Mentions, pipeline.Mention{Ref: pipeline.Ref{Block: block}, Start: i, End: i + len(name), Text: name, Canonical: canonical, Kind: "person"})
	}
	add(0, "Elnur Rasulov", "Elnur Rasulov")
	add(3, "Aref Rasulov", "Arif Rasulov") // canonical differs from the surface form
	return doc
}

func TestStageTranslatesDocument(t *testing.T) {
	f := newFake()
	st, _ := stage(t, f, translate.Options{})
	doc := testDoc()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"title":      "Spy-es network-es exposed-es in-es Baku-es",
		"standfirst": "Five-es were-es held-es. Two-es trained-es in-es Qom-es.",
		"block 0":    "The-es agency-es said-es Elnur Rasulov sent-es photos-es. He-es was-es arrested-es in-es 2018-es.",
		"item 0":     "Drones-es and-es tanks-es.",
		"quote":      "Es una traición.",
		"block 3":    "Later-es, Arif Rasulov was-es named-es too-es.",
	}
	got := map[string]string{
		"title": doc.Meta.Title, "standfirst": doc.Meta.Standfirst, "block 0": doc.Blocks[0].Text,
		"item 0": doc.Blocks[1].Items[0], "quote": doc.Blocks[2].Items[0], "block 3": doc.Blocks[3].Text,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if doc.Meta.Authors[0] != "Ebrahim Ramezani" {
		t.Errorf("authors translated: %q", doc.Meta.Authors)
	}
	o := doc.Meta.Original
	if o == nil || o.Language != "en" || o.Title != "Spy network exposed in Baku" || o.Engine != "fake" || o.Model != "m1" {
		t.Errorf("Original = %+v", o)
	}
	if doc.Meta.Language != "es" || doc.Meta.Direction != pipeline.LeftToRight {
		t.Errorf("meta language %q direction %q", doc.Meta.Language, doc.Meta.Direction)
	}
	// Title, standfirst, block 0, two list items and block 3; not the quote.
	if len(doc.Trail) != 6 {
		t.Errorf("trail has %d entries, want 6: %+v", len(doc.Trail), doc.Trail)
	}
	for _, p := range doc.Trail {
		if p.Engine != "fake" || p.From != "en" || p.To != "es" || p.Cached || len(p.Flags) > 0 {
			t.Errorf("provenance %+v", p)
		}
		if p.Ref == (pipeline.Ref{Block: 2}) {
			t.Errorf("the Spanish quote was translated")
		}
	}
	if len(doc.Mentions) != 2 {
		t.Fatalf("mentions = %+v", doc.Mentions)
	}
	for _, m := range doc.Mentions {
		if got := doc.Text(m.Ref)[m.Start:m.End]; got != m.Text || m.Text != m.Canonical {
			t.Errorf("mention %+v points at %q", m, got)
		}
	}
}

func TestStageRTLTarget(t *testing.T) {
	st, _ := stage(t, newFake(), translate.Options{To: "fa"})
	doc := testDoc()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Direction != pipeline.RightToLeft || doc.Blocks[2].Lang != "" {
		t.Errorf("direction %q, quote lang %q", doc.Meta.Direction, doc.Blocks[2].Lang)
	}
}

func TestStageCache(t *testing.T) {
	c := &translatortest.Cache{}
	f := newFake()
	st, _ := stage(t, f, translate.Options{Cache: c})
	docs := []*pipeline.Document{testDoc(), testDoc()} // the same text twice
	if err := st.ApplyBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	first := st.Report()
	if docs[0].Blocks[0].Text != docs[1].Blocks[0].Text {
		t.Errorf("the same text translated two ways")
	}
	// Every distinct segment was sent once.
	sent := map[string]int{}
	for _, call := range f.calls {
		for _, s := range call {
			sent[s.Text]++
		}
	}
	for text, n := range sent {
		if n > 1 {
			t.Errorf("%q sent %d times", text, n)
		}
	}
	if first.Segments != len(sent) || first.CacheHits != 0 {
		t.Errorf("first report %+v, %d distinct segments sent", first, len(sent))
	}

	calls := f.callCount()
	st, _ = stage(t, f, translate.Options{Cache: c})
	doc := testDoc()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if f.callCount() != calls {
		t.Errorf("a warm run sent %d requests", f.callCount()-calls)
	}
	r := st.Report()
	if r.Requests != 0 || r.Chars != 0 || r.CacheHits != first.Segments {
		t.Errorf("warm report %+v", r)
	}
	if doc.Blocks[0].Text != docs[0].Blocks[0].Text {
		t.Errorf("cached text differs: %q", doc.Blocks[0].Text)
	}
	for _, p := range doc.Trail {
		if !p.Cached {
			t.Errorf("%+v not marked cached", p.Ref)
		}
	}

	st, _ = stage(t, f, translate.Options{Cache: c, Refresh: true})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc()}); err != nil {
		t.Fatal(err)
	}
	if f.callCount() == calls {
		t.Errorf("--refresh sent nothing")
	}

	// A different model is a different cache entry.
	f2 := newFake()
	f2.caps.Model = "m2"
	st, _ = stage(t, f2, translate.Options{Cache: c})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc()}); err != nil {
		t.Fatal(err)
	}
	if f2.callCount() == 0 {
		t.Errorf("model m2 was served model m1's translations")
	}
}

func TestStagePlanSendsNothing(t *testing.T) {
	f := newFake()
	f.caps.MaxSegments = 3
	c := &translatortest.Cache{}
	st, _ := stage(t, f, translate.Options{Cache: c})
	r, err := st.Plan(context.Background(), []*pipeline.Document{testDoc()})
	if err != nil {
		t.Fatal(err)
	}
	// Segments: title 1, standfirst 2, block 0 2, items 2, block 3 1.
	if r.Segments != 8 || r.Requests != 3 || r.CacheHits != 0 || f.callCount() != 0 {
		t.Errorf("plan %+v after %d calls", r, f.callCount())
	}
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc()}); err != nil {
		t.Fatal(err)
	}
	got := st.Report()
	if got.Requests != r.Requests || got.Chars != r.Chars || got.Segments != r.Segments {
		t.Errorf("planned %+v, sent %+v", r, got)
	}
	r, _ = st.Plan(context.Background(), []*pipeline.Document{testDoc()})
	if r.Segments != 0 || r.Requests != 0 || r.CacheHits != 8 {
		t.Errorf("warm plan %+v", r)
	}
}

func TestStageRespectsLimitsAndConcurrency(t *testing.T) {
	f := newFake()
	f.caps.MaxSegments, f.caps.MaxChars = 2, 60
	st, _ := stage(t, f, translate.Options{Concurrency: 2})
	docs := []*pipeline.Document{testDoc(), testDoc(), testDoc()}
	for i, d := range docs {
		d.Blocks[0].Text += fmt.Sprintf(" Document %d.", i)
	}
	if err := st.ApplyBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, call := range f.calls {
		chars := 0
		for _, s := range call {
			chars += len([]rune(s.Text))
		}
		if len(call) > 2 || chars > 60 {
			t.Errorf("request of %d segments, %d chars, over the limits", len(call), chars)
		}
	}
	if f.peak > 2 {
		t.Errorf("%d requests in flight, limit 2", f.peak)
	}
}

func TestStageRetries(t *testing.T) {
	cases := []struct {
		name      string
		errs      []error
		wantWaits []time.Duration
	}{
		{"5xx burst backs off", []error{translate.ErrRetry, translate.ErrRetry, translate.ErrRetry},
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{"retry-after honoured", []error{&translate.RetryAfterError{Err: translate.ErrRetry, After: 9 * time.Second}},
			[]time.Duration{9 * time.Second}},
		{"retry-after capped", []error{&translate.RetryAfterError{Err: translate.ErrRetry, After: time.Hour}},
			[]time.Duration{2 * time.Minute}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			f.misbehave = func(n int, _, out []translate.Segment) ([]translate.Segment, error) {
				if n <= len(c.errs) {
					return nil, fmt.Errorf("fake: %w", c.errs[n-1])
				}
				return out, nil
			}
			st, sl := stage(t, f, translate.Options{Concurrency: 1})
			doc := testDoc()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(sl.d) != fmt.Sprint(c.wantWaits) {
				t.Errorf("waits %v, want %v", sl.d, c.wantWaits)
			}
			if r := st.Report(); r.Retries != len(c.errs) {
				t.Errorf("report %+v", r)
			}
		})
	}
}

func TestStageGivesUp(t *testing.T) {
	f := newFake()
	f.misbehave = func(int, []translate.Segment, []translate.Segment) ([]translate.Segment, error) {
		return nil, fmt.Errorf("fake: HTTP 503: %w", translate.ErrRetry)
	}
	st, sl := stage(t, f, translate.Options{Retry: translate.Retry{Attempts: 3}})
	doc := testDoc()
	err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc})
	var de pipeline.DocErrors
	if !errors.As(err, &de) || !errors.Is(de[0], translate.ErrRetry) || !strings.Contains(de[0].Error(), "gave up after 3 attempts") {
		t.Fatalf("err = %v", err)
	}
	if len(sl.d) != 2 || f.callCount() != 3 {
		t.Errorf("%d waits, %d calls; want 2 and 3", len(sl.d), f.callCount())
	}
	if doc.Meta.Language != "en" || doc.Meta.Original != nil {
		t.Errorf("failed document changed: %+v", doc.Meta)
	}
}

func TestStageFatalStopsAndKeepsWork(t *testing.T) {
	f := newFake()
	f.caps.MaxSegments = 1
	c := &translatortest.Cache{}
	f.misbehave = func(n int, segs, out []translate.Segment) ([]translate.Segment, error) {
		if strings.Contains(segs[0].Text, "second") {
			return nil, fmt.Errorf("fake: HTTP 456: quota exceeded: %w", translate.ErrFatal)
		}
		return out, nil
	}
	st, sl := stage(t, f, translate.Options{Cache: c, Concurrency: 1})
	done := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "The first article."}}}
	stopped := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{
		{Kind: pipeline.Paragraph, Text: "The second article."}, {Kind: pipeline.Paragraph, Text: "More text here."}}}
	later := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "A third one."}}}
	err := st.ApplyBatch(context.Background(), []*pipeline.Document{done, stopped, later})
	var de pipeline.DocErrors
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want DocErrors", err)
	}
	if _, ok := de[0]; ok || done.Blocks[0].Text != "The-es first-es article-es." {
		t.Errorf("the finished document was not kept: %v, %q", de[0], done.Blocks[0].Text)
	}
	for _, i := range []int{1, 2} {
		if !errors.Is(de[i], translate.ErrFatal) {
			t.Errorf("document %d: %v, want ErrFatal", i, de[i])
		}
	}
	if len(sl.d) != 0 {
		t.Errorf("a fatal error was retried")
	}
	if f.callCount() != 2 {
		t.Errorf("%d calls; the batch must stop at the fatal one", f.callCount())
	}
	if c.Len() != 1 {
		t.Errorf("cache holds %d entries, want the one finished segment", c.Len())
	}
}

func TestStageSplitsWhatIsTooLargeOrTruncated(t *testing.T) {
	cases := []struct {
		name      string
		misbehave func(n int, segs, out []translate.Segment) ([]translate.Segment, error)
		wantFlags bool
	}{
		{"too large over two segments", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			if len(segs) > 2 {
				return nil, fmt.Errorf("fake: HTTP 413: %w", translate.ErrTooLarge)
			}
			return out, nil
		}, false},
		{"drops the last segment", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			if len(segs) > 1 {
				return out[:len(out)-1], nil
			}
			return out, nil
		}, false},
		{"finish_reason length", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			if len(segs) > 1 {
				return nil, fmt.Errorf("fake: finish_reason=length: %w", translate.ErrTruncated)
			}
			return out, nil
		}, false},
		{"empty answer in a batch", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			if len(segs) > 1 {
				out[len(out)-1].Text = ""
			}
			return out, nil
		}, false},
		{"closed think block", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			for i := range out {
				out[i].Text = "<think>The user wants Spanish. </think>\n" + out[i].Text
			}
			return out, nil
		}, false},
		{"unclosed think block", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			if len(segs) > 1 {
				out[0].Text = "<think>Let me consider"
			}
			return out, nil
		}, false},
		{"echo is flagged", func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
			for i := range out {
				out[i].Text = segs[i].Text
			}
			return out, nil
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			f.misbehave = c.misbehave
			st, _ := stage(t, f, translate.Options{})
			doc := testDoc()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			if !c.wantFlags && doc.Blocks[0].Text != "The-es agency-es said-es Elnur Rasulov sent-es photos-es. He-es was-es arrested-es in-es 2018-es." {
				t.Errorf("block 0 = %q", doc.Blocks[0].Text)
			}
			flagged := 0
			for _, p := range doc.Trail {
				flagged += len(p.Flags)
			}
			if c.wantFlags != (flagged > 0) {
				t.Errorf("%d flags, want flags: %v: %+v", flagged, c.wantFlags, doc.Trail)
			}
		})
	}
}

func TestStageNameFallback(t *testing.T) {
	mangle := func(out []translate.Segment) {
		for i := range out {
			out[i].Text = strings.ReplaceAll(out[i].Text, "Rasulov", "Rasulova")
		}
	}
	t.Run("placeholders rescue names", func(t *testing.T) {
		f := newFake()
		f.ignoreKeeps = true
		f.misbehave = func(_ int, _, out []translate.Segment) ([]translate.Segment, error) {
			mangle(out)
			return out, nil
		}
		st, _ := stage(t, f, translate.Options{})
		doc := testDoc()
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Blocks[0].Text, "Elnur Rasulov") || !strings.Contains(doc.Blocks[3].Text, "Arif Rasulov") {
			t.Errorf("names not restored: %q / %q", doc.Blocks[0].Text, doc.Blocks[3].Text)
		}
		for _, p := range doc.Trail {
			if len(p.Flags) > 0 {
				t.Errorf("%+v flagged %v", p.Ref, p.Flags)
			}
		}
	})
	t.Run("lost names are flagged", func(t *testing.T) {
		f := newFake()
		f.ignoreKeeps = true
		f.misbehave = func(_ int, _, out []translate.Segment) ([]translate.Segment, error) {
			mangle(out)
			for i := range out {
				out[i].Text = strings.NewReplacer("ZXQ1Q", "ZXQ", "ZXQ2Q", "ZXQ").Replace(out[i].Text)
			}
			return out, nil
		}
		st, _ := stage(t, f, translate.Options{})
		doc := testDoc()
		if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
			t.Fatal(err)
		}
		var flags []string
		for _, p := range doc.Trail {
			flags = append(flags, p.Flags...)
		}
		for _, want := range []string{"name-lost: Elnur Rasulov", "mention-dropped: Elnur Rasulov", "name-lost: Aref Rasulov"} {
			found := false
			for _, f := range flags {
				found = found || f == want
			}
			if !found {
				t.Errorf("flags %q lack %q", flags, want)
			}
		}
		if len(doc.Mentions) != 0 {
			t.Errorf("mentions of lost names kept: %+v", doc.Mentions)
		}
	})
}

func TestStageDocErrors(t *testing.T) {
	st, _ := stage(t, newFake(), translate.Options{})
	good := testDoc()
	nolang := testDoc()
	nolang.Meta.Language = ""
	err := st.ApplyBatch(context.Background(), []*pipeline.Document{good, nolang})
	var de pipeline.DocErrors
	if !errors.As(err, &de) || len(de) != 1 || !strings.Contains(de[1].Error(), "--from") {
		t.Fatalf("err = %v", err)
	}
	if good.Meta.Language != "es" {
		t.Errorf("the good document was not translated")
	}
}

func TestNewStageRejects(t *testing.T) {
	for _, c := range []struct {
		name string
		tr   translate.Translator
		opt  translate.Options
	}{
		{"no engine", nil, translate.Options{To: "es"}},
		{"no target", newFake(), translate.Options{}},
		{"bad target", newFake(), translate.Options{To: "not a tag!"}},
		{"bad source", newFake(), translate.Options{To: "es", From: "??"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := translate.NewStage(c.tr, c.opt); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// An Unsure mention is indexed but not protected: no segment keeps it.
func TestStageUnsureMentionNotKept(t *testing.T) {
	f := newFake()
	st, _ := stage(t, f, translate.Options{})
	doc := testDoc()
	if len(doc.Mentions) == 0 {
		t.Fatal("test document has no mentions")
	}
	for i := range doc.Mentions {
		doc.Mentions[i].Unsure = true
	}
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if len(f.calls) == 0 {
		t.Fatal("engine not called")
	}
	for _, call := range f.calls {
		for _, seg := range call {
			if len(seg.Keep) > 0 {
				t.Errorf("%q keeps %v", seg.Text, seg.Keep)
			}
		}
	}
}
