package translate_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// claiming is a shared cache where another worker holds the first key the
// stage asks for; when the stage waits, that worker finishes as done says.
type claiming struct {
	translatortest.Cache
	mu       sync.Mutex
	held     string // the other worker's key
	mine     map[string]bool
	released []string
	done     func(c *claiming)
	err      error
}

func (c *claiming) Claim(_ context.Context, keys []string) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, c.err
	}
	if c.mine == nil {
		c.mine = map[string]bool{}
		c.held = keys[0]
	}
	var mine []string
	for _, k := range keys {
		if v, _ := c.Get(k); v == nil && k != c.held {
			c.mine[k] = true
			mine = append(mine, k)
		}
	}
	return mine, nil
}

func (c *claiming) Release(_ context.Context, keys []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.released = append(c.released, keys...)
	return nil
}

func TestStageWaitsForClaims(t *testing.T) {
	cases := []struct {
		name string
		done func(c *claiming)
		// fromOther: the segment comes from the other worker, unsent.
		fromOther bool
	}{
		{"the other worker stores it", func(c *claiming) {
			c.Put(c.held, []byte(`{"t":"DONE ELSEWHERE."}`))
			c.held = ""
		}, true},
		{"the other worker dies, its claim lapses", func(c *claiming) { c.held = "" }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			c := &claiming{}
			waits := 0
			st, _ := stage(t, f, translate.Options{Cache: c, Sleep: func(ctx context.Context, d time.Duration) error {
				waits++
				if waits == 2 {
					c.mu.Lock()
					tc.done(c)
					c.mu.Unlock()
				}
				return ctx.Err()
			}})
			doc := testDoc()
			if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
				t.Fatal(err)
			}
			if waits < 2 {
				t.Errorf("waited %d times for the other worker", waits)
			}
			var sent []string
			for _, call := range f.calls {
				for _, s := range call {
					sent = append(sent, s.Text)
				}
			}
			text := doc.Meta.Title + " " + doc.Blocks[0].Text + " " + doc.Blocks[1].Text
			if got := strings.Contains(text, "DONE ELSEWHERE."); got != tc.fromOther {
				t.Errorf("the other worker's translation used: %v, want %v (%q)", got, tc.fromOther, text)
			}
			seen := map[string]bool{}
			for _, s := range sent {
				if seen[s] {
					t.Errorf("%q sent twice", s)
				}
				seen[s] = true
			}
			if len(c.mine) == 0 || len(c.released) < len(c.mine) {
				t.Errorf("claimed %d keys, released %d: every claim ends with the batch", len(c.mine), len(c.released))
			}
		})
	}
}

// TestStageStopsWithoutClaims: a shared cache that cannot claim sends
// nothing, rather than risk paying twice.
func TestStageStopsWithoutClaims(t *testing.T) {
	f := newFake()
	st, _ := stage(t, f, translate.Options{Cache: &claiming{err: errors.New("connection refused")}})
	err := st.ApplyBatch(context.Background(), []*pipeline.Document{testDoc()})
	var de pipeline.DocErrors
	if !errors.As(err, &de) || !errors.Is(de[0], translate.ErrCacheWrite) {
		t.Errorf("ApplyBatch: %v, want the article failed with ErrCacheWrite", err)
	}
	if n := f.callCount(); n != 0 {
		t.Errorf("%d requests sent without claims", n)
	}
}
