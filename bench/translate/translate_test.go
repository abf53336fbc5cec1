// Package translatebench measures what the translate stage costs on the
// sample articles: requests and characters billed against the distinct
// characters in them, cold and warm, and the wall time of a batch against
// a local APy-like endpoint with 200 ms latency and four requests in
// flight, against the bound requests ÷ 4 × 200 ms. The endpoint offers
// every pair the samples need, or only eng→spa: then the Russian, Persian
// and Azerbaijani articles must cost no translation, and at most one
// refused request each.
//
// The cold batch runs two ways. first-run: nothing cached, so the stage
// asks the endpoint for its pairs (/listPairs) and, while that is on its
// way, sends one probe request per language; a probe's answer releases
// the rest of its language, a refusal settles it, so the listing costs
// no round trip of its own. listing-remembered: the cache holds the
// listing from an earlier batch of other articles, as on any day after
// the first, so every request goes out at once and nothing is refused.
// The warm batch, all cached, must send nothing and ask nothing.
//
//	go test -run '^$' -bench . -benchtime 3x ./bench/translate/
package translatebench

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

const (
	latency     = 200 * time.Millisecond
	concurrency = 4
)

// samples loads the five sample articles through ingest and clean.
func samples(tb testing.TB) []*pipeline.Document {
	tb.Helper()
	srcs, errs := ingest.Expand([]string{filepath.Join("..", "..", "testdata", "articles")})
	if len(errs) > 0 {
		tb.Fatal(errs[0])
	}
	in := &ingest.Ingester{Text: clean.Text, HTML: clean.HTML, MaxBytes: 1 << 20}
	var docs []*pipeline.Document
	for _, src := range srcs {
		doc, err := in.Load(context.Background(), src)
		if err != nil {
			tb.Fatalf("%s: %v", src.Name, err)
		}
		docs = append(docs, doc)
	}
	if len(docs) != 5 {
		tb.Fatalf("%d sample articles, want 5", len(docs))
	}
	return docs
}

var (
	tagOrText = regexp.MustCompile(`(?s)<apertium-notrans>.*?</apertium-notrans>|<[^>]*>|[^<]+`)
	wordRe    = regexp.MustCompile(`[\pL\pN]+`)
)

// fakeAPy answers like APy after latency: every word outside tags and
// <apertium-notrans> gets "-es", a pair it does not offer gets APy's 400,
// and it counts translations, refusals, listings and the characters of
// text it translated.
type fakeAPy struct {
	pairs []string // "eng|spa", as /listPairs offers them

	mu                sync.Mutex
	requests, chars   int
	refused, listings int
}

// count returns the counters and sets them to zero.
func (f *fakeAPy) count() (requests, refused, listings int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	requests, refused, listings = f.requests, f.refused, f.listings
	f.requests, f.refused, f.listings, f.chars = 0, 0, 0, 0
	return requests, refused, listings
}

func (f *fakeAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(latency)
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == "/listPairs" {
		f.mu.Lock()
		f.listings++
		f.mu.Unlock()
		var list []string
		for _, p := range f.pairs {
			from, to, _ := strings.Cut(p, "|")
			list = append(list, fmt.Sprintf(`{"sourceLanguage": %q, "targetLanguage": %q}`, from, to))
		}
		fmt.Fprintf(w, `{"responseData": [%s], "responseDetails": null, "responseStatus": 200}`, strings.Join(list, ", "))
		return
	}
	if !slices.Contains(f.pairs, r.FormValue("langpair")) {
		f.mu.Lock()
		f.refused++
		f.mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}`)
		return
	}
	q := r.FormValue("q")
	var sb strings.Builder
	n := 0
	for _, part := range tagOrText.FindAllString(q, -1) {
		if strings.HasPrefix(part, "<") {
			sb.WriteString(part)
			continue
		}
		n += len([]rune(strings.TrimSpace(part)))
		sb.WriteString(wordRe.ReplaceAllString(part, "$0-es"))
	}
	f.mu.Lock()
	f.requests++
	f.chars += n
	f.mu.Unlock()
	fmt.Fprintf(w, `{"responseData": {"translatedText": %q}, "responseDetails": null, "responseStatus": 200}`, sb.String())
}

func clone(docs []*pipeline.Document) []*pipeline.Document {
	out := make([]*pipeline.Document, len(docs))
	for i, d := range docs {
		c := *d
		c.Blocks = append([]pipeline.Block(nil), d.Blocks...)
		for j := range c.Blocks {
			c.Blocks[j].Items = append([]string(nil), d.Blocks[j].Items...)
		}
		c.Mentions = append([]pipeline.Mention(nil), d.Mentions...)
		out[i] = &c
	}
	return out
}

// uniqueChars counts the characters of the distinct sentences of the
// batch's text: what a perfect engine would bill.
func uniqueChars(docs []*pipeline.Document) int {
	seen := map[string]bool{}
	n := 0
	add := func(text, lang string) {
		for _, s := range translate.Sentences(text, lang) {
			t := text[s.Start:s.End]
			if !seen[t] && strings.IndexFunc(t, unicode.IsLetter) >= 0 {
				seen[t] = true
				n += len([]rune(t))
			}
		}
	}
	for _, d := range docs {
		add(d.Meta.Title, d.Meta.Language)
		add(d.Meta.Standfirst, d.Meta.Language)
		d.Units(func(_ pipeline.Ref, t *string) { add(*t, d.Meta.Language) })
	}
	return n
}

// remembering is the Apertium engine naming its server, as a
// translate.PairSource does, so that the stage may remember its listing.
type remembering struct {
	translate.Translator
	translate.PairLister
	url string
}

func (r remembering) PairSource() string { return r.url }

func newStage(b *testing.B, url string, c translate.Cache) *translate.Stage {
	tr, err := apertium.New(translate.Config{URL: url}, resty.New())
	if err != nil {
		b.Fatal(err)
	}
	if _, ok := tr.(translate.PairSource); !ok {
		tr = remembering{Translator: tr, PairLister: tr.(translate.PairLister), url: url}
	}
	st, err := translate.NewStage(tr, translate.Options{To: "es", Cache: c, Concurrency: concurrency, Rate: -1, KeepUntranslated: true})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkBatch translates the five samples into Spanish cold (no
// translation cached), then warm, against a fake APy with 200 ms latency.
func BenchmarkBatch(b *testing.B) {
	for _, pairs := range []struct {
		name  string
		pairs []string
	}{
		{"all-pairs", []string{"eng|spa", "rus|spa", "fas|spa", "aze|spa"}},
		{"eng-spa-only", []string{"eng|spa", "spa|eng"}},
	} {
		for _, remembered := range []bool{false, true} {
			name := pairs.name + "/first-run"
			if remembered {
				name = pairs.name + "/listing-remembered"
			}
			b.Run(name, func(b *testing.B) { benchmarkBatch(b, pairs.pairs, remembered) })
		}
	}
}

// earlier is an article of another day, whose translation leaves the
// endpoint's pair listing in the cache and nothing the samples share.
func earlier() *pipeline.Document {
	return &pipeline.Document{Meta: pipeline.Meta{Title: "Ferry service resumes", Language: "en"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "The ferry to the island sails again from Monday."}}}
}

func benchmarkBatch(b *testing.B, pairs []string, remembered bool) {
	docs := samples(b)
	unique := uniqueChars(docs)
	fake := &fakeAPy{pairs: pairs}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	b.ReportAllocs()
	var cold, warm translate.Report
	var coldWall time.Duration
	var answered, refused, listings, warmListings int
	for range b.N {
		c := &translatortest.Cache{}
		if remembered {
			if err := newStage(b, srv.URL, c).ApplyBatch(context.Background(), []*pipeline.Document{earlier()}); err != nil {
				b.Fatal(err)
			}
			fake.count()
		}
		start := time.Now()
		st := newStage(b, srv.URL, c)
		if err := st.ApplyBatch(context.Background(), clone(docs)); err != nil {
			b.Fatal(err)
		}
		coldWall += time.Since(start)
		cold = st.Report()
		answered, refused, listings = fake.count()

		st = newStage(b, srv.URL, c)
		if err := st.ApplyBatch(context.Background(), clone(docs)); err != nil {
			b.Fatal(err)
		}
		warm = st.Report()
		_, _, warmListings = fake.count()
	}
	wall := coldWall / time.Duration(b.N)
	bound := time.Duration(float64(cold.Requests) / concurrency * float64(latency))
	rounds := time.Duration(math.Ceil(float64(cold.Requests)/concurrency)) * latency
	b.ReportMetric(float64(cold.Requests), "requests")
	b.ReportMetric(float64(answered), "translations")
	b.ReportMetric(float64(refused), "refused")
	b.ReportMetric(float64(cold.Probes), "probes")
	b.ReportMetric(float64(listings), "listings")
	b.ReportMetric(float64(cold.Chars), "chars-billed")
	b.ReportMetric(float64(unique), "chars-unique")
	b.ReportMetric(float64(cold.Chars)/float64(unique), "billed/unique")
	b.ReportMetric(float64(warm.Requests), "warm-requests")
	b.ReportMetric(float64(warmListings), "warm-listings")
	b.ReportMetric(float64(warm.Chars), "warm-chars")
	b.ReportMetric(float64(wall.Milliseconds()), "wall-ms")
	b.ReportMetric(float64(bound.Milliseconds()), "bound-ms")
	b.ReportMetric(float64(wall)/float64(bound), "wall/bound")
	b.ReportMetric(float64(wall)/float64(rounds), "wall/rounds")
	b.ReportMetric(float64(len(cold.Unpaired)), "unpaired-docs")
	b.ReportMetric(float64(cold.Failed), "failed-segs")
}
