package pgcache_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/internal/pgtest"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/pipeline/translate/cache/pgcache"
)

// pg is the one PostgreSQL of this package's tests; each test makes a
// database of its own on it.
var pg pgtest.Lazy

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

func database(t *testing.T) string { return pg.Database(t) }

func open(t *testing.T, dsn string, opt pgcache.Options) *pgcache.Store {
	t.Helper()
	s, err := pgcache.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestGetPut(t *testing.T) {
	dsn := database(t)
	s := open(t, dsn, pgcache.Options{})
	if v, err := s.Get("k"); v != nil || err != nil {
		t.Fatalf("Get of an empty memory = %q, %v", v, err)
	}
	if err := s.Put("k", []byte(`{"t":"uno"}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Put("k", []byte(`{"t":"dos"}`)); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("k"); string(v) != `{"t":"dos"}` || err != nil {
		t.Fatalf("Get = %q, %v; want the last Put", v, err)
	}
	if err := s.Put("a", []byte(`{"t":"uno"}`)); err != nil {
		t.Fatal(err)
	}
	var walked []string
	err := s.Range(func(key string, value []byte) error {
		walked = append(walked, key+"="+string(value))
		return nil
	})
	if want := []string{`a={"t":"uno"}`, `k={"t":"dos"}`}; err != nil || !slices.Equal(walked, want) {
		t.Errorf("Range walked %q, %v; want %q", walked, err, want)
	}
	// Another process, on the same database, reads it.
	if v, _ := open(t, dsn, pgcache.Options{}).Get("k"); string(v) != `{"t":"dos"}` {
		t.Fatalf("second store Get = %q", v)
	}
}

// TestStoredAsTheFileStoresIt: the row holds cache.Seal's form, so a value
// changed in the table fails its checksum, is a miss, and is dropped so
// that the key can be claimed and translated again.
func TestStoredAsTheFileStoresIt(t *testing.T) {
	dsn := database(t)
	s := open(t, dsn, pgcache.Options{})
	if err := s.Put("k", []byte(`{"t":"el mar"}`)); err != nil {
		t.Fatal(err)
	}
	pool := pool(t, dsn)
	var v []byte
	if err := pool.QueryRow(context.Background(), `SELECT value FROM dossier_translations WHERE key = 'k'`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if want := cache.Seal("k", []byte(`{"t":"el mar"}`)); string(v) != string(want) {
		t.Fatalf("stored %x, want cache.Seal's %x", v, want)
	}
	if _, err := pool.Exec(context.Background(), `UPDATE dossier_translations SET value = overlay(value placing 'X' from 10 for 1)`); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get("k"); got != nil || err != nil {
		t.Fatalf("Get of a changed value = %q, %v; want a miss", got, err)
	}
	if s.Stats().Corrupt != 1 {
		t.Errorf("Stats.Corrupt = %d, want 1", s.Stats().Corrupt)
	}
	if mine, err := s.Claim(context.Background(), []string{"k"}); err != nil || !slices.Equal(mine, []string{"k"}) {
		t.Errorf("Claim after a bad value = %q, %v; want it claimable", mine, err)
	}
}

func pool(t *testing.T, dsn string) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func TestClaims(t *testing.T) {
	dsn := database(t)
	ctx := context.Background()
	a := open(t, dsn, pgcache.Options{Owner: "a"})
	b := open(t, dsn, pgcache.Options{Owner: "b"})
	p := pool(t, dsn)
	if _, err := p.Exec(ctx, `INSERT INTO dossier_claims VALUES ('lapsed', 'dead', now() - interval '1 second'), ('live', 'c', now() + interval '1 hour')`); err != nil {
		t.Fatal(err)
	}
	if err := a.Put("done", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	mine, err := a.Claim(ctx, []string{"one", "lapsed", "live", "done"})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(mine)
	if want := []string{"lapsed", "one"}; !slices.Equal(mine, want) {
		t.Errorf("a claimed %q, want %q: a lapsed claim is taken over, a live one and a done key are not", mine, want)
	}
	if mine, _ := b.Claim(ctx, []string{"one", "two"}); !slices.Equal(mine, []string{"two"}) {
		t.Errorf("b claimed %q, want only two", mine)
	}
	if mine, _ := a.Claim(ctx, []string{"one"}); !slices.Equal(mine, []string{"one"}) {
		t.Errorf("a claiming its own key again got %q", mine)
	}
	// A Put ends the claim: the key is done, no one may claim it.
	if err := a.Put("one", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if mine, _ := b.Claim(ctx, []string{"one"}); len(mine) != 0 {
		t.Errorf("b claimed %q after a's Put", mine)
	}
	// Release and Close hand the rest over at once.
	if err := b.Release(ctx, []string{"two"}); err != nil {
		t.Fatal(err)
	}
	if mine, _ := a.Claim(ctx, []string{"two"}); !slices.Equal(mine, []string{"two"}) {
		t.Errorf("a could not claim what b released: %q", mine)
	}
	a.Close()
	if mine, _ := b.Claim(ctx, []string{"two", "lapsed"}); len(mine) != 2 {
		t.Errorf("b could claim only %q after a closed", mine)
	}
}

// TestConcurrentClaims: many stores claiming overlapping keys at once
// never hold the same key together.
func TestConcurrentClaims(t *testing.T) {
	dsn := database(t)
	ctx := context.Background()
	const stores, keys = 8, 200
	var all []string
	for i := range keys {
		all = append(all, fmt.Sprint("k", i))
	}
	got := make([][]string, stores)
	var wg sync.WaitGroup
	for i := range stores {
		s := open(t, dsn, pgcache.Options{Owner: fmt.Sprint("w", i)})
		wg.Go(func() {
			ks := slices.Clone(all)
			if i%2 == 1 {
				slices.Reverse(ks)
			}
			mine, err := s.Claim(ctx, ks)
			if err != nil {
				t.Error(err)
			}
			got[i] = mine
		})
	}
	wg.Wait()
	owner := map[string]int{}
	for i, mine := range got {
		for _, k := range mine {
			if j, ok := owner[k]; ok {
				t.Errorf("%s claimed by w%d and w%d", k, j, i)
			}
			owner[k] = i
		}
	}
	if len(owner) != keys {
		t.Errorf("%d of %d keys claimed", len(owner), keys)
	}
}

// TestMigrateConcurrently: processes starting together migrate once, in
// order, and record each step.
func TestMigrateConcurrently(t *testing.T) {
	dsn := database(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			s, err := pgcache.Open(ctx, dsn, pgcache.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			s.Close()
		})
	}
	wg.Wait()
	var n, version int
	if err := pool(t, dsn).QueryRow(ctx, `SELECT count(*), max(version) FROM schema_version WHERE schema = $1`, pgcache.Schema).Scan(&n, &version); err != nil {
		t.Fatal(err)
	}
	if want := len(pgcache.Migrations()); n != want || version != want {
		t.Errorf("schema_version holds %d rows up to %d, want %d", n, version, want)
	}
	// A database a newer dossier migrated is refused, not written.
	if _, err := pool(t, dsn).Exec(ctx, `INSERT INTO schema_version (schema, version, name) VALUES ($1, 99, 'future')`, pgcache.Schema); err != nil {
		t.Fatal(err)
	}
	if _, err := pgcache.Open(ctx, dsn, pgcache.Options{}); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("Open of a newer schema: %v", err)
	}
}

// counting "translates" by upper-casing, and counts each segment sent.
type counting struct {
	mu   sync.Mutex
	sent map[string]int
}

func (c *counting) Capabilities() translate.Capabilities {
	return translate.Capabilities{Engine: "counting", MaxSegments: 4, MaxChars: 1000, Concurrency: 2}
}

func (c *counting) Translate(_ context.Context, _, _ language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]translate.Segment, len(segs))
	for i, seg := range segs {
		c.sent[seg.Text]++
		out[i] = translate.Segment{Text: strings.ToUpper(seg.Text) + "!"}
	}
	return out, nil
}

// TestStagesShareOneMemory: stages in several "workers", each with its own
// Store on one database, translate overlapping batches at once; every
// segment is sent once in all, and each article reads as one stage alone
// would have made it.
func TestStagesShareOneMemory(t *testing.T) {
	dsn := database(t)
	tr := &counting{sent: map[string]int{}}
	article := func(i int) *pipeline.Document {
		doc := &pipeline.Document{Meta: pipeline.Meta{Language: "en", Title: fmt.Sprintf("Report %d", i%5)}}
		for j := range 6 {
			doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: fmt.Sprintf("Paragraph %d of the shared story.", (i+j)%9)})
		}
		return doc
	}
	const workers, articles = 4, 12
	var wg sync.WaitGroup
	docs := make([][]*pipeline.Document, workers)
	for w := range workers {
		s := open(t, dsn, pgcache.Options{Owner: fmt.Sprint("w", w)})
		st, err := translate.NewStage(tr, translate.Options{To: "es", Cache: s})
		if err != nil {
			t.Fatal(err)
		}
		for i := range articles {
			docs[w] = append(docs[w], article(i+w))
		}
		wg.Go(func() {
			if err := st.ApplyBatch(context.Background(), docs[w]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for text, n := range tr.sent {
		if n != 1 {
			t.Errorf("%q sent %d times", text, n)
		}
	}
	if len(tr.sent) != 9+5 {
		t.Errorf("%d distinct segments sent, want 14", len(tr.sent))
	}
	for w := range workers {
		for _, d := range docs[w] {
			for _, b := range d.Blocks {
				if !strings.HasSuffix(b.Text, "!") || strings.ToUpper(b.Text) != b.Text {
					t.Errorf("worker %d: block %q not translated", w, b.Text)
				}
			}
		}
	}
}
