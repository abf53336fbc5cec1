package translate_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
)

// stamped is a fake engine that notes the stage's clock at every request
// and answers the requests numbered in refuse with their error.
type stamped struct {
	*fake
	clk    *clock
	refuse map[int]error

	mu    sync.Mutex
	sent  []time.Time
	calls int
}

func (s *stamped) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	s.mu.Lock()
	s.calls++
	n := s.calls
	s.sent = append(s.sent, s.clk.Now())
	s.mu.Unlock()
	if err := s.refuse[n]; err != nil {
		return nil, err
	}
	return s.fake.Translate(ctx, from, to, segs)
}

// gaps returns the time between consecutive requests, and forgets them.
func (s *stamped) gaps() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var gaps []time.Duration
	for i := 1; i < len(s.sent); i++ {
		gaps = append(gaps, s.sent[i].Sub(s.sent[i-1]))
	}
	s.sent = nil
	return gaps
}

func newStamped(clk *clock, refuse map[int]error) *stamped {
	f := newFake()
	f.caps.MaxSegments = 1
	return &stamped{fake: f, clk: clk, refuse: refuse}
}

func TestStageSlowsDownAfter429(t *testing.T) {
	tooMany := fmt.Errorf("fake: HTTP 429: Slowdown: 10 per 1 minute: %w", translate.ErrRetry)
	tests := []struct {
		name  string
		rate  float64 // Options.Rate
		err   error   // the answer to the third request
		slows bool
		// wantAfter is the least gap between the requests after the
		// refused one, which comes back after the backoff of 500 ms.
		wantAfter time.Duration
	}{
		{"429 halves the rate", 10, tooMany, true, 200 * time.Millisecond},
		{"429 with Retry-After", 10, &translate.RetryAfterError{Err: tooMany, After: 3 * time.Second}, true, 200 * time.Millisecond},
		{"DeepL 529", 10, fmt.Errorf("deepl: HTTP 529: Too many requests: %w", translate.ErrRetry), true, 200 * time.Millisecond},
		{"Google per-minute limit", 10, fmt.Errorf("google: HTTP 403: User Rate Limit Exceeded: %w", translate.ErrRetry), true, 200 * time.Millisecond},
		// No limit: the first three requests went out within a second,
		// so the stage goes on at half of three a second.
		{"429 without a limit sets one", 0, tooMany, true, 666 * time.Millisecond},
		{"503 keeps the pace", 10, fmt.Errorf("fake: HTTP 503: %w", translate.ErrRetry), false, 100 * time.Millisecond},
		{"HTTP 4290 is no 429", 10, fmt.Errorf("fake: HTTP 4290: %w", translate.ErrRetry), false, 100 * time.Millisecond},
		{"no limit at all stays so", -1, tooMany, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock()
			tr := newStamped(clk, map[int]error{3: tc.err})
			st, _ := stage(t, tr, translate.Options{Rate: tc.rate, Concurrency: 1, Now: clk.Now, Sleep: clk.Sleep})
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 8)}); err != nil {
				t.Fatal(err)
			}
			gaps := tr.gaps()
			if len(gaps) != 9 {
				t.Fatalf("%d gaps, want 9: 9 segments and a retry", len(gaps))
			}
			if r := st.Report(); (r.Slowdowns == 1) != tc.slows || r.Retries != 1 {
				t.Errorf("report %+v: slowdowns %d, want slowed %v", r, r.Slowdowns, tc.slows)
			}
			if tc.rate > 0 {
				for i, g := range gaps[:2] {
					if g != 100*time.Millisecond {
						t.Errorf("gap %d before the refusal %s, want 100ms at 10/s", i, g)
					}
				}
			}
			// gaps[2] is the backoff before the retry.
			for i, g := range gaps[3:] {
				if g < tc.wantAfter || (!tc.slows && g != tc.wantAfter) {
					t.Errorf("gap %d after the refusal %s, want %s", i+3, g, tc.wantAfter)
				}
			}
		})
	}
}

// TestStageSlowsDownOncePerPace sends four requests at once, all refused
// with 429: they were sent at one pace, so the rate halves once.
func TestStageSlowsDownOncePerPace(t *testing.T) {
	clk := newClock()
	tooMany := fmt.Errorf("fake: HTTP 429: %w", translate.ErrRetry)
	tr := newStamped(clk, map[int]error{1: tooMany, 2: tooMany, 3: tooMany, 4: tooMany})
	arrived := make(chan struct{}, 4)
	release := make(chan struct{})
	inner := tr.refuse
	tr.refuse = nil
	gated := gatedStamped{stamped: tr, refuse: inner, arrived: arrived, release: release}
	go func() {
		for range 4 {
			<-arrived
		}
		close(release)
	}()
	st, _ := stage(t, &gated, translate.Options{Rate: 1000, Concurrency: 4, Now: clk.Now, Sleep: clk.Sleep})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 7)}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); r.Slowdowns != 1 || r.Retries != 4 {
		t.Errorf("report %+v: want 4 retries and one slowdown", r)
	}
}

// gatedStamped holds the first requests until all have arrived.
type gatedStamped struct {
	*stamped
	refuse  map[int]error
	arrived chan struct{}
	release chan struct{}

	mu sync.Mutex
	n  int
}

func (g *gatedStamped) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	g.mu.Lock()
	g.n++
	n := g.n
	g.mu.Unlock()
	out, err := g.stamped.Translate(ctx, from, to, segs)
	if refuse := g.refuse[n]; refuse != nil {
		g.arrived <- struct{}{}
		<-g.release
		return nil, refuse
	}
	return out, err
}

func TestStageSlowdownLastsOneBatch(t *testing.T) {
	clk := newClock()
	tr := newStamped(clk, map[int]error{2: fmt.Errorf("fake: HTTP 429: %w", translate.ErrRetry)})
	st, _ := stage(t, tr, translate.Options{Rate: 10, Concurrency: 1, Now: clk.Now, Sleep: clk.Sleep})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 4)}); err != nil {
		t.Fatal(err)
	}
	if r := st.Report(); r.Slowdowns != 1 {
		t.Fatalf("report %+v, want a slowdown", r)
	}
	tr.gaps()
	clk.Sleep(context.Background(), time.Minute)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("ru", 4)}); err != nil {
		t.Fatal(err)
	}
	for i, g := range tr.gaps() {
		if g != 100*time.Millisecond {
			t.Errorf("next batch: gap %d %s, want 100ms: the configured 10/s again", i, g)
		}
	}
	if r := st.Report(); r.Slowdowns != 0 {
		t.Errorf("next batch report %+v, want no slowdown", r)
	}
}

// TestStageQuotaErrorIsNoSlowdown: a 429 that no pace cures stops the
// batch instead.
func TestStageQuotaErrorIsNoSlowdown(t *testing.T) {
	clk := newClock()
	tr := newStamped(clk, map[int]error{2: fmt.Errorf("openai: HTTP 429: insufficient_quota: %w", translate.ErrFatal)})
	st, _ := stage(t, tr, translate.Options{Rate: 10, Concurrency: 1, Now: clk.Now, Sleep: clk.Sleep})
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{longDoc("en", 4)}); err == nil {
		t.Fatal("ApplyBatch after a quota error: no error")
	}
	if r := st.Report(); r.Slowdowns != 0 || r.Requests != 2 {
		t.Errorf("report %+v: want 2 requests and no slowdown", r)
	}
}
