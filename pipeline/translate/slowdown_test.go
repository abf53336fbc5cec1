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

// TestStageSlowsDownAfter429 checks the pace after the third request is
// refused: a 429 without Retry-After halves the rate, and every success
// after it gives back a tenth of the configured rate until it is reached;
// a Retry-After is waited once and keeps the pace; other errors keep it.
func TestStageSlowsDownAfter429(t *testing.T) {
	tooMany := fmt.Errorf("fake: HTTP 429: Slowdown: 10 per 1 minute: %w", translate.ErrRetry)
	const ms = time.Millisecond
	recovering := []time.Duration{500 * ms, 166666666, 142857143, 125 * ms, 111111111, 100 * ms, 100 * ms}
	steady := []time.Duration{500 * ms, 100 * ms, 100 * ms, 100 * ms, 100 * ms, 100 * ms, 100 * ms}
	tests := []struct {
		name  string
		rate  float64 // Options.Rate
		err   error   // the answer to the third request
		slows bool
		// want are the gaps from the refused request on: the wait
		// before its retry, then between the requests after it.
		want []time.Duration
	}{
		{"429 halves the rate, successes bring it back", 10, tooMany, true, recovering},
		{"429 with Retry-After waits once, keeps the pace", 10, &translate.RetryAfterError{Err: tooMany, After: 3 * time.Second}, false,
			[]time.Duration{3 * time.Second, 100 * ms, 100 * ms, 100 * ms, 100 * ms, 100 * ms, 100 * ms}},
		{"DeepL 529", 10, fmt.Errorf("deepl: HTTP 529: Too many requests: %w", translate.ErrRetry), true, recovering},
		{"Google per-minute limit", 10, fmt.Errorf("google: HTTP 403: User Rate Limit Exceeded: %w", translate.ErrRetry), true, recovering},
		// No limit: the first three requests went out within a second,
		// so the stage goes on at half of three a second, and back up to
		// three a second, and then no limit again.
		{"429 without a limit sets one, then lifts it", 0, tooMany, true,
			[]time.Duration{500 * ms, 555555555, 476190476, 416666667, 370370370, 333333333, 0}},
		{"503 keeps the pace", 10, fmt.Errorf("fake: HTTP 503: %w", translate.ErrRetry), false, steady},
		{"HTTP 4290 is no 429", 10, fmt.Errorf("fake: HTTP 4290: %w", translate.ErrRetry), false, steady},
		{"no limit at all stays so", -1, tooMany, false, []time.Duration{500 * ms, 0, 0, 0, 0, 0, 0}},
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
			for i, g := range gaps[2:] {
				if d := g - tc.want[i]; d < -time.Millisecond || d > time.Millisecond {
					t.Errorf("gaps from the refusal on: %v, want %v", gaps[2:], tc.want)
					break
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
