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

// cause joins the errors of the documents a batch failed, for errors.Is.
func cause(err error) error {
	var de pipeline.DocErrors
	if !errors.As(err, &de) {
		return err
	}
	var all []error
	for _, e := range de {
		all = append(all, e)
	}
	return errors.Join(all...)
}

// errRefused is the error a backend returns for a connection refused.
var errRefused = fmt.Errorf("fake: %w: dial tcp 127.0.0.1:9: connect: connection refused", translate.ErrUnreachable)

// batchChars is the characters a clean run sends for docs.
func batchChars(t *testing.T, docs func() []*pipeline.Document) int {
	t.Helper()
	st, _ := stage(t, newFake(), translate.Options{})
	if err := st.ApplyBatch(context.Background(), docs()); err != nil {
		t.Fatal(err)
	}
	return st.Report().Chars
}

func threeDocs() []*pipeline.Document {
	return []*pipeline.Document{longDoc("en", 12), testDoc(), longDoc("en", 5)}
}

// TestStageDeadEngineStopsAtOnce: a first request that cannot reach the
// engine stops the batch without a retry.
func TestStageDeadEngineStopsAtOnce(t *testing.T) {
	f := newFake()
	f.misbehave = func(int, []translate.Segment, []translate.Segment) ([]translate.Segment, error) {
		return nil, errRefused
	}
	st, sl := stage(t, f, translate.Options{Concurrency: 1})
	err := cause(st.ApplyBatch(context.Background(), threeDocs()))
	if !errors.Is(err, translate.ErrEngineDown) || !errors.Is(err, translate.ErrFatal) {
		t.Fatalf("err = %v, want ErrEngineDown", err)
	}
	if !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("err = %v, want the cause named", err)
	}
	if n := f.callCount(); n != 1 || len(sl.d) != 0 {
		t.Errorf("%d requests and %d waits, want one request and no wait", n, len(sl.d))
	}
	if r := st.Report(); r.Requests != 1 || r.Chars != 0 || r.Retries != 0 {
		t.Errorf("report %+v: want one request, nothing billed", r)
	}
}

// TestStageEngineDiesMidBatch: an engine that answered and then stops
// accepting connections trips the breaker after four tries in a row; what
// was done is cached, and the next run sends only the rest.
func TestStageEngineDiesMidBatch(t *testing.T) {
	cache := &translatortest.Cache{}
	f := newFake()
	f.caps.MaxSegments = 2
	f.misbehave = func(n int, _, out []translate.Segment) ([]translate.Segment, error) {
		if n > 3 {
			return nil, errRefused
		}
		return out, nil
	}
	st, sl := stage(t, f, translate.Options{Cache: cache, Concurrency: 1})
	err := cause(st.ApplyBatch(context.Background(), threeDocs()))
	if !errors.Is(err, translate.ErrEngineDown) || !strings.Contains(err.Error(), "4 tries in a row") {
		t.Fatalf("err = %v, want ErrEngineDown after 4 tries", err)
	}
	if n := f.callCount(); n != 7 || len(sl.d) != 3 {
		t.Errorf("%d requests, %d waits; want 3 answered, 4 refused, 3 backoffs", n, len(sl.d))
	}
	first := st.Report()
	if cache.Len() != 6 || first.Chars == 0 {
		t.Errorf("cache holds %d, report %+v: want the 6 answered segments cached and billed", cache.Len(), first)
	}

	good := newFake()
	good.caps.MaxSegments = 2
	st, _ = stage(t, good, translate.Options{Cache: cache, Concurrency: 1})
	if err := st.ApplyBatch(context.Background(), threeDocs()); err != nil {
		t.Fatal(err)
	}
	second := st.Report()
	if second.CacheHits != 6 || first.Chars+second.Chars != batchChars(t, threeDocs) {
		t.Errorf("resume: %+v after %+v: want 6 cache hits and nothing billed twice (%d in all)", second, first, batchChars(t, threeDocs))
	}
}

// TestStageEngineRestartsWithinBreaker: an engine that comes back after
// fewer failed tries than the breaker allows finishes the batch.
func TestStageEngineRestartsWithinBreaker(t *testing.T) {
	f := newFake()
	f.misbehave = func(n int, _, out []translate.Segment) ([]translate.Segment, error) {
		if n == 2 || n == 3 || n == 4 {
			return nil, errRefused
		}
		return out, nil
	}
	f.caps.MaxSegments = 3
	st, _ := stage(t, f, translate.Options{Concurrency: 1})
	if err := st.ApplyBatch(context.Background(), threeDocs()); err != nil {
		t.Fatalf("err = %v, want the batch done", err)
	}
	if r := st.Report(); r.Retries != 3 || r.Chars != batchChars(t, threeDocs) {
		t.Errorf("report %+v: want 3 retries and each character billed once", r)
	}
}

// dropper is an engine that answers 200 but loses text every time, as APy
// does past its chunk limit, or answers in the wrong shape.
func dropper(how string) func(int, []translate.Segment, []translate.Segment) ([]translate.Segment, error) {
	return func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
		switch how {
		case "drops a paragraph":
			return out[:len(out)-1], nil
		case "wrong shape":
			return nil, fmt.Errorf("fake: answer without translations: %w", translate.ErrBadAnswer)
		case "token limit":
			return nil, fmt.Errorf("fake: finish_reason=length: %w", translate.ErrTruncated)
		case "empty":
			for i := range out {
				out[i].Text = ""
			}
		}
		return out, nil
	}
}

// TestStageBoundsResends: an engine that loses text on every answer costs
// at most twice the clean run, every segment flagged and nothing cached;
// the figures count every character sent.
func TestStageBoundsResends(t *testing.T) {
	clean := batchChars(t, threeDocs)
	for _, how := range []string{"drops a paragraph", "wrong shape", "token limit", "empty"} {
		t.Run(how, func(t *testing.T) {
			cache := &translatortest.Cache{}
			f := newFake()
			f.misbehave = dropper(how)
			st, _ := stage(t, f, translate.Options{Cache: cache})
			docs := threeDocs()
			if err := st.ApplyBatch(context.Background(), docs); err != nil {
				t.Fatal(err)
			}
			r := st.Report()
			sent := 0
			for _, call := range f.calls {
				for _, s := range call {
					sent += len([]rune(s.Text))
				}
			}
			if r.Chars != sent {
				t.Errorf("report says %d characters sent, the engine got %d", r.Chars, sent)
			}
			if sent > 2*clean || sent < clean {
				t.Errorf("%d characters sent for a clean %d (%.1f×), want at most 2×", sent, clean, float64(sent)/float64(clean))
			}
			if cache.Len() != 0 {
				t.Errorf("%d entries cached, want none: nothing came back whole", cache.Len())
			}
			for _, p := range docs[0].Trail {
				if !slices.ContainsFunc(p.Flags, func(f pipeline.Flag) bool { return f.Code == pipeline.FlagUntranslated }) {
					t.Errorf("%+v not flagged untranslated", p)
				}
			}
			if docs[0].Blocks[0].Text != longDoc("en", 12).Blocks[0].Text {
				t.Errorf("block 0 = %q, want the source kept", docs[0].Blocks[0].Text)
			}
		})
	}
}

// TestStageRejectsShiftedAnswer: an answer whose translations come back in
// another order is a fault: never applied, never cached; the segments are
// sent again one at a time.
func TestStageRejectsShiftedAnswer(t *testing.T) {
	cache := &translatortest.Cache{}
	f := newFake()
	f.misbehave = func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
		slices.Reverse(out)
		return out, nil
	}
	st, _ := stage(t, f, translate.Options{Cache: cache})
	doc := longDoc("en", 6)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	for i, b := range doc.Blocks {
		if want := fmt.Sprintf("Paragraph-es %d-es", i); !strings.HasPrefix(b.Text, want) {
			t.Errorf("block %d = %q, want its own translation", i, b.Text)
		}
	}
	if r := st.Report(); r.Chars > 2*batchChars(t, func() []*pipeline.Document { return []*pipeline.Document{longDoc("en", 6)} }) {
		t.Errorf("report %+v: more than twice the clean run", r)
	}
	if !strings.Contains(cache.Dump(), "Paragraph-es 3-es") || cache.Len() != 7 {
		t.Errorf("cache holds %d entries, want the 7 segments' own translations", cache.Len())
	}
}

// TestStageBudget: a batch planned over its budget sends nothing; one that
// goes over it while resending stops there; an article over its own
// budget fails alone.
func TestStageBudget(t *testing.T) {
	clean := batchChars(t, threeDocs)
	t.Run("planned over", func(t *testing.T) {
		f := newFake()
		st, _ := stage(t, f, translate.Options{Budget: translate.Budget{Chars: clean - 1}})
		err := st.ApplyBatch(context.Background(), threeDocs())
		if !errors.Is(err, translate.ErrBudget) || f.callCount() != 0 {
			t.Errorf("err = %v after %d requests, want ErrBudget and none sent", err, f.callCount())
		}
		p, err := st.Plan(context.Background(), threeDocs())
		if !errors.Is(err, translate.ErrBudget) || p.Chars != clean {
			t.Errorf("plan %+v, %v: want the estimate and ErrBudget", p, err)
		}
	})
	t.Run("resends pass it", func(t *testing.T) {
		f := newFake()
		f.misbehave = dropper("drops a paragraph")
		limit := clean + clean/4
		st, _ := stage(t, f, translate.Options{Budget: translate.Budget{Chars: limit}, Concurrency: 1})
		err := cause(st.ApplyBatch(context.Background(), threeDocs()))
		if !errors.Is(err, translate.ErrBudget) {
			t.Fatalf("err = %v, want ErrBudget", err)
		}
		if r := st.Report(); r.Chars > limit {
			t.Errorf("report %+v: over the budget of %d", r, limit)
		}
	})
	t.Run("requests", func(t *testing.T) {
		f := newFake()
		f.caps.MaxSegments = 1
		st, _ := stage(t, f, translate.Options{Budget: translate.Budget{Requests: 5}})
		if err := st.ApplyBatch(context.Background(), threeDocs()); !errors.Is(err, translate.ErrBudget) || f.callCount() != 0 {
			t.Errorf("err = %v after %d requests, want ErrBudget and none sent", err, f.callCount())
		}
	})
	t.Run("article", func(t *testing.T) {
		f := newFake()
		st, _ := stage(t, f, translate.Options{Budget: translate.Budget{ArticleChars: 400}})
		docs := threeDocs()
		err := st.ApplyBatch(context.Background(), docs)
		var de pipeline.DocErrors
		if !errors.As(err, &de) || len(de) != 1 || !errors.Is(de[0], translate.ErrBudget) {
			t.Fatalf("err = %v, want document 0 alone over its budget", err)
		}
		if docs[1].Meta.Language != "es" || docs[2].Meta.Language != "es" || docs[0].Meta.Language != "en" {
			t.Errorf("languages %s %s %s, want en es es", docs[0].Meta.Language, docs[1].Meta.Language, docs[2].Meta.Language)
		}
		for _, call := range f.calls {
			for _, s := range call {
				if strings.Contains(s.Text, "Paragraph 11 ") {
					t.Errorf("sent %q of the article over its budget", s.Text)
				}
			}
		}
	})
}

// fullCache fails every write after the first n, as a full disk does.
type fullCache struct {
	translatortest.Cache
	mu sync.Mutex
	n  int
}

func (c *fullCache) Put(key string, value []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n <= 0 {
		return errors.New("cache /tmp/x/translations.db: write: no space left on device")
	}
	c.n--
	return c.Cache.Put(key, value)
}

// TestStageStopsOnCacheWriteFailure: answers that cannot be cached stop
// the batch: the documents done are still translated, the rest not sent.
func TestStageStopsOnCacheWriteFailure(t *testing.T) {
	c := &fullCache{n: 4}
	f := newFake()
	f.caps.MaxSegments = 2
	st, _ := stage(t, f, translate.Options{Cache: c, Concurrency: 1})
	docs := threeDocs()
	err := cause(st.ApplyBatch(context.Background(), docs))
	if !errors.Is(err, translate.ErrCacheWrite) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("err = %v, want ErrCacheWrite naming the cause", err)
	}
	if n := f.callCount(); n > 4 {
		t.Errorf("%d requests after the cache filled up, want the batch stopped", n)
	}
}

// TestStageRetryAfterWaitedOnce: four requests refused with Retry-After
// 3 s wait 3 s each and keep the pace: no halving on top of the wait.
func TestStageRetryAfterWaitedOnce(t *testing.T) {
	clk := newClock()
	tooMany := &translate.RetryAfterError{Err: fmt.Errorf("fake: HTTP 429: %w", translate.ErrRetry), After: 3 * time.Second}
	tr := newStamped(clk, map[int]error{3: tooMany, 5: tooMany, 7: tooMany, 9: tooMany})
	st, _ := stage(t, tr, translate.Options{Rate: 10, Concurrency: 1, Now: clk.Now, Sleep: clk.Sleep})
	start := clk.Now()
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 17)}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); r.Slowdowns != 0 || r.Retries != 4 {
		t.Errorf("report %+v: want 4 retries and no slowdown", r)
	}
	gaps := tr.gaps()
	pauses := 0
	for _, g := range gaps {
		switch g {
		case 3 * time.Second:
			pauses++
		case 100 * time.Millisecond:
		default:
			t.Errorf("gaps %v: want 3 s after each refusal and the 10/s pace otherwise", gaps)
		}
	}
	// 18 requests and 4 retries at 10/s, and four waits of 3 s.
	if d := clk.elapsed(start); pauses != 4 || d > 15*time.Second {
		t.Errorf("%d pauses, batch took %s on the stage's clock; want 4 and about 14 s", pauses, d)
	}
}

// slowEngine answers after a real delay, or stalls until cut.
type slowEngine struct {
	*fake
	delay   time.Duration
	stalls  int // the first stalls requests never answer
	started chan struct{}
	mu      sync.Mutex
	n       int
}

func (e *slowEngine) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	e.mu.Lock()
	e.n++
	n := e.n
	e.mu.Unlock()
	if e.started != nil && n == 1 {
		close(e.started)
	}
	if n <= e.stalls {
		<-ctx.Done()
		return nil, fmt.Errorf("fake: %w", ctx.Err())
	}
	select {
	case <-time.After(e.delay):
	case <-ctx.Done():
		return nil, fmt.Errorf("fake: %w", ctx.Err())
	}
	return e.fake.Translate(ctx, from, to, segs)
}

// TestStageInterruptKeepsAnswerInFlight: an interrupt while a request is
// in flight lets it finish within the grace period; its answer is cached
// and its characters counted, so the resume sends nothing again.
func TestStageInterruptKeepsAnswerInFlight(t *testing.T) {
	cache := &translatortest.Cache{}
	e := &slowEngine{fake: newFake(), delay: 50 * time.Millisecond, started: make(chan struct{})}
	e.caps.MaxSegments = 100
	st, _ := stage(t, e, translate.Options{Cache: cache, Grace: 5 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-e.started; cancel() }()
	st.ApplyBatch(ctx, []*pipeline.Document{longDoc("en", 4)})
	r := st.Report()
	if r.Requests != 1 || r.Chars != batchChars(t, func() []*pipeline.Document { return []*pipeline.Document{longDoc("en", 4)} }) {
		t.Errorf("report %+v: want the request in flight counted", r)
	}
	if cache.Len() != 5 {
		t.Errorf("cache holds %d entries, want the 5 segments answered after the interrupt", cache.Len())
	}
}

// TestStageStalledRequestTimesOut: a request that never answers is cut at
// RequestTimeout and retried.
func TestStageStalledRequestTimesOut(t *testing.T) {
	e := &slowEngine{fake: newFake(), stalls: 1}
	st, _ := stage(t, e, translate.Options{RequestTimeout: 20 * time.Millisecond})
	doc := longDoc("en", 2)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); r.Retries != 1 {
		t.Errorf("report %+v, want one retry", r)
	}
}

// TestStageDryRunEqualsColdRun: the plan counts exactly what a cold run
// sends, segments the engine gives back unchanged included; a warm run
// sends nothing.
func TestStageDryRunEqualsColdRun(t *testing.T) {
	cache := &translatortest.Cache{}
	f := newFake()
	f.misbehave = func(_ int, segs, out []translate.Segment) ([]translate.Segment, error) {
		for i, s := range segs {
			if strings.Contains(s.Text, "Paragraph 2 ") {
				out[i].Text = s.Text // the engine leaves it as it is
			}
		}
		return out, nil
	}
	f.caps.MaxSegments = 3
	st, _ := stage(t, f, translate.Options{Cache: cache})
	plan, err := st.Plan(context.Background(), threeDocs())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyBatch(context.Background(), threeDocs()); err != nil {
		t.Fatal(err)
	}
	cold := st.Report()
	if plan.Requests != cold.Requests || plan.Chars != cold.Chars || plan.Segments != cold.Segments {
		t.Errorf("plan %+v, cold run %+v: want the same requests, characters and segments", plan, cold)
	}
	if err := st.ApplyBatch(context.Background(), threeDocs()); err != nil {
		t.Fatal(err)
	}
	if warm := st.Report(); warm.Requests != 0 || warm.Chars != 0 || warm.CacheHits != cold.Segments {
		t.Errorf("warm run %+v, want nothing sent", warm)
	}
	if plan, _ := st.Plan(context.Background(), threeDocs()); plan.Requests != 0 || plan.Chars != 0 {
		t.Errorf("warm plan %+v, want nothing to send", plan)
	}
}
