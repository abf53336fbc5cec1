package translatebench

// The fault benchmarks measure what an engine misbehaving costs: the
// characters billed when every answer loses its last paragraph, the wall
// time of a batch whose first requests meet 429 with Retry-After, and
// how long a batch goes on after its APy dies. They use only what the
// stage has long offered, so that the same file measures older builds.
//
//	go test -run '^$' -bench 'Drop|RetryAfter' -benchtime 1x ./bench/translate/
//	go test -run '^$' -bench DyingAPy -benchtime 1x ./bench/translate/   (needs apertium-apy, root)

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// dropping answers as inner does, less the last paragraph of every
// answer: APy's silent truncation, every time.
type dropping struct{ inner http.Handler }

func (d dropping) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/translate" {
		d.inner.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	d.inner.ServeHTTP(rec, r)
	body := rec.Body.String()
	if rec.Code == http.StatusOK {
		const field = `"translatedText": "`
		if i := strings.Index(body, field); i >= 0 {
			start := i + len(field)
			end := strings.Index(body[start:], `"}, "responseDetails"`)
			if end >= 0 {
				text := body[start : start+end]
				if p := strings.LastIndex(text, "<p"); p >= 0 {
					text = text[:p]
				}
				body = body[:start] + text + body[start+end:]
			}
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write([]byte(body))
}

func benchStage(b *testing.B, url string, opt translate.Options) *translate.Stage {
	tr, err := apertium.New(translate.Config{URL: url}, resty.New())
	if err != nil {
		b.Fatal(err)
	}
	opt.To = "es"
	opt.KeepUntranslated = true
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkDropParagraph translates the samples through an endpoint that
// drops the last paragraph of every answer, and reports the characters
// it received against a clean run's.
func BenchmarkDropParagraph(b *testing.B) {
	docs := samples(b)
	pairs := []string{"eng|spa", "rus|spa", "fas|spa", "aze|spa"}
	clean := &fakeAPy{pairs: pairs}
	srv := httptest.NewServer(clean)
	defer srv.Close()
	if err := benchStage(b, srv.URL, translate.Options{Concurrency: concurrency, Rate: -1}).ApplyBatch(context.Background(), clone(docs)); err != nil {
		b.Fatal(err)
	}
	cleanChars := clean.chars
	broken := &fakeAPy{pairs: pairs}
	bad := httptest.NewServer(dropping{broken})
	defer bad.Close()
	var st *translate.Stage
	var wall time.Duration
	for range b.N {
		broken.count()
		st = benchStage(b, bad.URL, translate.Options{Concurrency: concurrency, Rate: -1, Cache: &translatortest.Cache{}})
		start := time.Now()
		st.ApplyBatch(context.Background(), clone(docs))
		wall += time.Since(start)
	}
	r := st.Report()
	b.ReportMetric(float64(cleanChars), "clean-chars")
	b.ReportMetric(float64(broken.chars), "chars-received")
	b.ReportMetric(float64(broken.chars)/float64(cleanChars), "billed/clean")
	b.ReportMetric(float64(r.Chars), "chars-reported")
	b.ReportMetric(float64(broken.requests), "requests")
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "wall-ms")
}

// refusing answers the first n translations with 429 and Retry-After.
type refusing struct {
	inner http.Handler
	after string

	mu sync.Mutex
	n  int
}

func (f *refusing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/translate" {
		f.mu.Lock()
		refuse := f.n > 0
		f.n--
		f.mu.Unlock()
		if refuse {
			w.Header().Set("Retry-After", f.after)
			w.WriteHeader(http.StatusTooManyRequests)
			w.Write([]byte(`{"status": "error", "code": 429, "message": "Too Many Requests"}`))
			return
		}
	}
	f.inner.ServeHTTP(w, r)
}

// BenchmarkRetryAfter translates a batch of 18 requests at 10 requests a
// second, clean and with its first four requests answered 429 with
// Retry-After: 3.
func BenchmarkRetryAfter(b *testing.B) {
	doc := &pipeline.Document{Meta: pipeline.Meta{Title: "Talks", Language: "en"}}
	for i := range 17 * 40 {
		doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Paragraph,
			Text: strings.Repeat("The talks went on. ", 2) + "Round " + strings.Repeat("x", i%7+1) + " " + string(rune('a'+i%26)) + " number " + itoa(i) + "."})
	}
	for _, refused := range []int{0, 4} {
		name := "clean"
		if refused > 0 {
			name = "four-429"
		}
		b.Run(name, func(b *testing.B) {
			var wall time.Duration
			var r translate.Report
			for range b.N {
				fake := &refusing{inner: &fakeAPy{pairs: []string{"eng|spa"}}, after: "3", n: refused}
				srv := httptest.NewServer(fake)
				st := benchStage(b, srv.URL, translate.Options{Concurrency: concurrency, Rate: 10})
				start := time.Now()
				if err := st.ApplyBatch(context.Background(), clone([]*pipeline.Document{doc})); err != nil {
					b.Fatal(err)
				}
				wall += time.Since(start)
				r = st.Report()
				srv.Close()
			}
			b.ReportMetric(float64(r.Requests), "requests")
			b.ReportMetric(float64(r.Retries), "retries")
			b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s")
		})
	}
}

func itoa(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

// dyingProxy forwards to APy until it has passed on live translations,
// then closes its port and every connection, as APy killed mid-batch.
type dyingProxy struct {
	proxy *httputil.ReverseProxy
	live  int

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
	n     int
	died  time.Time
}

func (d *dyingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/translate" {
		d.mu.Lock()
		d.n++
		dead := d.n > d.live
		if dead && d.died.IsZero() {
			d.died = time.Now()
			d.ln.Close()
			for c := range d.conns {
				c.Close()
			}
		}
		d.mu.Unlock()
		if dead {
			return
		}
	}
	d.proxy.ServeHTTP(w, r)
}

// BenchmarkDyingAPy translates the samples through the real APy, which
// dies after three translations, and reports how long the batch went on.
func BenchmarkDyingAPy(b *testing.B) {
	apy := apertiumtest.StartAPy(b)
	target, _ := url.Parse(apy)
	docs := samples(b)
	var after time.Duration
	var r translate.Report
	for range b.N {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		d := &dyingProxy{proxy: httputil.NewSingleHostReverseProxy(target), live: 3, ln: ln, conns: map[net.Conn]bool{}}
		srv := &http.Server{Handler: d, ConnState: func(c net.Conn, s http.ConnState) {
			d.mu.Lock()
			defer d.mu.Unlock()
			if s == http.StateNew {
				d.conns[c] = true
			}
		}}
		go srv.Serve(ln)
		// The figure was ten minutes; two are enough to tell.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		st := benchStage(b, "http://"+ln.Addr().String(), translate.Options{Concurrency: 2, Cache: &translatortest.Cache{}})
		st.ApplyBatch(ctx, clone(docs))
		end := time.Now()
		cancel()
		srv.Close()
		d.mu.Lock()
		if !d.died.IsZero() {
			after += end.Sub(d.died)
		}
		d.mu.Unlock()
		r = st.Report()
	}
	b.ReportMetric(after.Seconds()/float64(b.N), "s-after-death")
	b.ReportMetric(float64(r.Requests), "requests")
	b.ReportMetric(float64(r.Retries), "retries")
}
