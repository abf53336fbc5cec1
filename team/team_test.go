package team_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/pgtest"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/team"
)

var pg pgtest.Lazy

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// upper "translates" by upper-casing titles, failing each article's first
// attempt when flaky is set.
type upper struct {
	flaky     bool
	attempts  sync.Map // seq → *atomic.Int32
	briefings atomic.Int32
	briefed   chan []string
}

func (u *upper) Translate(ctx context.Context, spec team.Spec, a *team.Article) error {
	n, _ := u.attempts.LoadOrStore(a.Seq, new(atomic.Int32))
	if n.(*atomic.Int32).Add(1) == 1 && u.flaky {
		return errors.New("engine busy")
	}
	a.Doc.Meta.Title = strings.ToUpper(a.Doc.Meta.Title)
	return nil
}

// Slug gives every article the same name: the worker numbers them.
func (u *upper) Slug(a *team.Article) string { return "same" }

func (u *upper) Write(ctx context.Context, spec team.Spec, a *team.Article) error {
	return os.WriteFile(filepath.Join(spec.Out, a.Slug+".txt"), []byte(a.Doc.Meta.Title), 0o644)
}

func (u *upper) Briefing(ctx context.Context, spec team.Spec, done []*team.Article) error {
	u.briefings.Add(1)
	var titles []string
	for _, a := range done {
		titles = append(titles, a.Doc.Meta.Title)
	}
	u.briefed <- titles
	return nil
}

func TestBatch(t *testing.T) {
	dsn := pg.Database(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	q, err := team.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	out := t.TempDir()
	var articles []team.Article
	for i := range 20 {
		articles = append(articles, team.Article{Seq: i, Name: fmt.Sprint("in", i),
			Doc: &pipeline.Document{Meta: pipeline.Meta{Title: fmt.Sprint("title ", i), Language: "en"}}})
	}
	id, err := q.Enqueue(ctx, team.Spec{Out: out, Formats: []string{"txt"}}, articles)
	if err != nil {
		t.Fatal(err)
	}
	p := &upper{flaky: true, briefed: make(chan []string, 2)}
	var wg sync.WaitGroup
	for range 3 {
		w, err := team.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		wg.Go(func() {
			if err := w.Work(ctx, p, team.WorkOptions{Jobs: 2, Retry: func(int) time.Duration { return 10 * time.Millisecond }}); err != nil {
				t.Error(err)
			}
		})
	}
	titles := <-p.briefed
	cancel()
	wg.Wait()
	if len(titles) != 20 || titles[0] != "TITLE 0" || titles[19] != "TITLE 19" {
		t.Errorf("briefing got %q, want the 20 titles translated, in input order", titles)
	}
	if n := p.briefings.Load(); n != 1 {
		t.Errorf("briefing built %d times", n)
	}
	st, err := q.Status(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Done != 20 || len(st.Failed) != 0 || st.Finished.IsZero() || st.Reattempted != 20 {
		t.Errorf("status %+v, want 20 done, each on its second attempt, and finished", st)
	}
	files, _ := filepath.Glob(filepath.Join(out, "same*.txt"))
	if len(files) != 20 {
		t.Errorf("%d files written, want 20 under distinct names", len(files))
	}
	if _, err := q.Status(context.Background(), id+1); !errors.Is(err, team.ErrNoBatch) {
		t.Errorf("status of no batch: %v", err)
	}
}
