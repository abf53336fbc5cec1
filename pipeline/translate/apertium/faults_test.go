package apertium_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// An action is what the fault proxy does with one /translate request.
type action int

const (
	pass      action = iota
	reset            // close the connection without an answer
	stall            // answer never: hold until the client gives up
	status500        // HTTP 500
	status429        // HTTP 429 with Retry-After: 1
	cutBody          // half the answer, then a reset
	wrongJSON        // 200 with JSON of another shape
	dropLast         // 200 with the last paragraph gone, as APy does past its chunk limit
	reorder          // 200 with the paragraphs in reverse order
	die              // reset, and refuse every connection from then on
)

// faultProxy stands between the stage and the real APy on loopback. For
// each /translate request it asks script what to do (n counts from 1),
// and it keeps what reached it, which is what APy would bill.
type faultProxy struct {
	t      *testing.T
	apy    string
	script func(n int) action
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
	// dead is set from kill to revive. A connection the listener had
	// accepted just before kill closed it would otherwise be served: a
	// dead APy answers nothing and is billed nothing.
	dead  bool
	n     int
	chars int            // characters of segment text received
	whole map[string]int // paragraph text → answers delivered unaltered
	srv   *http.Server
}

func newFaultProxy(t *testing.T, apy string, script func(n int) action) *faultProxy {
	p := &faultProxy{t: t, apy: apy, script: script, conns: map[net.Conn]bool{}, whole: map[string]int{}}
	p.srv = &http.Server{Handler: p, ConnState: p.track}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(func() { p.kill(); p.srv.Close() })
	return p
}

func (p *faultProxy) URL() string { return "http://" + p.addr }

func (p *faultProxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.dead = false
	p.mu.Unlock()
	go p.srv.Serve(ln)
}

func (p *faultProxy) track(c net.Conn, state http.ConnState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch state {
	case http.StateNew:
		if p.dead {
			c.Close()
			return
		}
		p.conns[c] = true
	case http.StateHijacked, http.StateClosed:
		delete(p.conns, c)
	}
}

// kill stops listening and cuts every connection: from then on a client
// finds the port closed, as when APy has died.
func (p *faultProxy) kill() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dead = true
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
}

// revive listens again on the same port, as APy restarted.
func (p *faultProxy) revive() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Errorf("revive %s: %v", p.addr, err)
		return
	}
	p.serve(ln)
}

var paragraphRE = regexp.MustCompile(`(?s)<p[^>]*>(.*?)</p>`)
var tagRE = regexp.MustCompile(`<[^>]*>`)

// paragraphs returns the segment texts of an APy request's q.
func paragraphs(q string) []string {
	var out []string
	for _, m := range paragraphRE.FindAllStringSubmatch(q, -1) {
		out = append(out, html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
	}
	return out
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.URL.Path != "/translate" {
		p.forward(w, r, body, nil)
		return
	}
	form, _ := url.ParseQuery(string(body))
	paras := paragraphs(form.Get("q"))
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		hangUp(w)
		return
	}
	p.n++
	n := p.n
	for _, para := range paras {
		p.chars += utf8.RuneCountInString(para)
	}
	p.mu.Unlock()
	switch p.script(n) {
	case reset:
		hangUp(w)
	case die:
		p.kill()
		hangUp(w)
	case stall:
		<-r.Context().Done()
	case status500:
		http.Error(w, `{"status":"error","code":500,"message":"Internal Server Error","explanation":"boom"}`, http.StatusInternalServerError)
	case status429:
		w.Header().Set("Retry-After", "1")
		http.Error(w, `{"status":"error","code":429,"message":"Too Many Requests"}`, http.StatusTooManyRequests)
	case cutBody:
		p.forward(w, r, body, func(b []byte) []byte { return b[:len(b)/2] })
		hangUp(w)
	case wrongJSON:
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"responseStatus": 200, "result": {"text": "¿qué?"}}`)
	case dropLast:
		p.forward(w, r, body, editText(func(text string) string {
			all := paragraphRE.FindAllStringIndex(text, -1)
			if len(all) == 0 {
				return text
			}
			last := all[len(all)-1]
			return text[:last[0]] + text[last[1]:]
		}))
	case reorder:
		p.forward(w, r, body, editText(func(text string) string {
			all := paragraphRE.FindAllString(text, -1)
			for i, j := 0, len(all)-1; i < j; i, j = i+1, j-1 {
				all[i], all[j] = all[j], all[i]
			}
			return strings.Join(all, "\n")
		}))
	default:
		p.forward(w, r, body, func(b []byte) []byte {
			p.mu.Lock()
			defer p.mu.Unlock()
			for _, para := range paras {
				p.whole[para]++
			}
			return b
		})
	}
}

// forward sends the request on to APy and its answer back, through edit.
func (p *faultProxy) forward(w http.ResponseWriter, r *http.Request, body []byte, edit func([]byte) []byte) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.apy+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		hangUp(w)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		hangUp(w)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	cut := b
	if edit != nil && resp.StatusCode == http.StatusOK {
		cut = edit(b)
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	if len(cut) < len(b) && !json.Valid(cut) {
		w.Header().Set("Content-Length", fmt.Sprint(len(b))) // promised, not sent
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(cut)
}

// editText rewrites the translatedText of an APy answer.
func editText(f func(string) string) func([]byte) []byte {
	return func(b []byte) []byte {
		var body map[string]any
		if json.Unmarshal(b, &body) != nil {
			return b
		}
		data, _ := body["responseData"].(map[string]any)
		text, _ := data["translatedText"].(string)
		data["translatedText"] = f(text)
		out, _ := json.Marshal(body)
		return out
	}
}

func hangUp(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}

// faultDocs is the first half of the seed article, and a second article
// that shares its title: about 3,000 characters in two requests.
func faultDocs(t *testing.T) []*pipeline.Document {
	doc := seedDoc(t)
	doc.Blocks = doc.Blocks[:len(doc.Blocks)/2]
	doc.Mentions = nil
	other := &pipeline.Document{Meta: pipeline.Meta{Title: doc.Meta.Title, Language: "en"}}
	other.Blocks = append(other.Blocks, doc.Blocks[len(doc.Blocks)-3:]...)
	return []*pipeline.Document{doc, other}
}

// faultRun is one run of the stage through a proxy.
type faultRun struct {
	docs   []*pipeline.Document
	report translate.Report
	err    error
}

func runThrough(t *testing.T, url string, cache translate.Cache, timeout time.Duration, sleep func(context.Context, time.Duration) error) faultRun {
	t.Helper()
	tr, err := apertium.New(translate.Config{URL: url}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	opt := translate.Options{
		To: "es", Cache: cache, Concurrency: 2,
		Retry:          translate.Retry{Base: 20 * time.Millisecond, Max: 100 * time.Millisecond},
		RequestTimeout: timeout,
		Sleep:          sleep,
	}
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	docs := faultDocs(t)
	err = st.ApplyBatch(context.Background(), docs)
	return faultRun{docs: docs, report: st.Report(), err: err}
}

// unitTexts returns every translated text of docs by document and ref,
// with the flags of each.
func unitTexts(docs []*pipeline.Document) map[string]string {
	out := map[string]string{}
	for di, d := range docs {
		d.Units(func(r pipeline.Ref, text *string) {
			out[fmt.Sprintf("%d/%d/%d", di, r.Block, r.Item)] = *text
		})
	}
	return out
}

func flagsOf(docs []*pipeline.Document) map[string][]string {
	out := map[string][]string{}
	for di, d := range docs {
		for _, p := range d.Trail {
			out[fmt.Sprintf("%d/%d/%d", di, p.Block, p.Item)] = flagTexts(p.Flags)
		}
	}
	return out
}

func joinedDocErrors(err error) error {
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

// TestFaults runs the stage through a proxy in front of a real APy that
// injects one kind of fault per case. Each case checks the error and its
// message, the characters the engine got against those the report
// counts, that nothing was silently wrong (every text is the clean run's
// or flagged), and that a resume through a healthy proxy sends only what
// the cache lacks, billing no answered segment twice.
func TestFaults(t *testing.T) {
	apy := apertiumtest.StartAPy(t)
	cleanCache := &translatortest.Cache{}
	clean := runThrough(t, apy, cleanCache, time.Minute, nil)
	if clean.err != nil {
		t.Fatalf("clean run: %v", joinedDocErrors(clean.err))
	}
	want := unitTexts(clean.docs)

	type check struct {
		err       error  // the class the first run fails with; nil: it succeeds
		message   string // in the error
		allFailed bool   // every segment kept in its source, flagged
		maxRatio  float64
		// cut: requests are cut off mid-way, so the report may count one
		// the engine never read: what left cannot be known not to bill.
		cut bool
	}
	first := func(a action) func(n int) action {
		return func(n int) action {
			if n == 1 {
				return a
			}
			return pass
		}
	}
	burst := func(a action, k int) func(n int) action {
		return func(n int) action {
			if n <= k {
				return a
			}
			return pass
		}
	}
	always := func(a action) func(n int) action { return func(int) action { return a } }
	cases := []struct {
		name   string
		script func(n int) action
		// restartAfter, when > 0, brings the proxy back at the
		// restartAfter-th backoff of the first run.
		restartAfter int
		// timeout is the stage's RequestTimeout: long, but for the case
		// of a stalled connection, where APy answers the retry well
		// within it.
		timeout time.Duration
		check
	}{
		{name: "resets", script: burst(reset, 3), check: check{maxRatio: 2.5}},
		{name: "stalled connection", script: first(stall), timeout: 5 * time.Second, check: check{maxRatio: 2}},
		{name: "500 burst", script: burst(status500, 3), check: check{maxRatio: 2.5}},
		{name: "429 with Retry-After", script: burst(status429, 2), check: check{maxRatio: 2}},
		{name: "truncated JSON", script: burst(cutBody, 2), check: check{maxRatio: 2}},
		{name: "wrong JSON", script: always(wrongJSON), check: check{allFailed: true, maxRatio: 2}},
		{name: "drops a paragraph", script: always(dropLast), check: check{allFailed: true, maxRatio: 2}},
		{name: "reordered answer", script: always(reorder), check: check{maxRatio: 2}},
		{name: "dead from the start", script: always(die), check: check{err: translate.ErrEngineDown, message: "cannot reach the engine", maxRatio: 1, cut: true}},
		{name: "dies mid-batch", script: func(n int) action {
			if n >= 2 {
				return die
			}
			return pass
		}, check: check{err: translate.ErrEngineDown, message: "tries in a row", maxRatio: 1, cut: true}},
		{name: "dies and restarts", script: func(n int) action {
			if n == 2 {
				return die
			}
			return pass
		}, restartAfter: 2, check: check{maxRatio: 2, cut: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cache := &translatortest.Cache{}
			p := newFaultProxy(t, apy, tc.script)
			var sleeps atomic.Int32
			sleep := func(ctx context.Context, d time.Duration) error {
				if int(sleeps.Add(1)) == tc.restartAfter {
					p.revive()
				}
				select {
				case <-time.After(d):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			run := runThrough(t, p.URL(), cache, cmp.Or(tc.timeout, time.Minute), sleep)
			err := joinedDocErrors(run.err)
			switch {
			case tc.err == nil && err != nil:
				t.Fatalf("first run: %v", err)
			case tc.err != nil && !errors.Is(err, tc.err):
				t.Fatalf("first run: err = %v, want %v", err, tc.err)
			case tc.err != nil && !strings.Contains(err.Error(), tc.message):
				t.Errorf("first run: err = %v, want it to say %q", err, tc.message)
			}
			p.mu.Lock()
			got := p.chars
			p.mu.Unlock()
			if run.report.Chars < got || (!tc.cut && run.report.Chars != got) {
				t.Errorf("report counts %d characters sent, the engine got %d", run.report.Chars, got)
			}
			if limit := int(tc.maxRatio * float64(clean.report.Chars)); got > limit {
				t.Errorf("%d characters sent for a clean %d: over %.1f×", got, clean.report.Chars, tc.maxRatio)
			}
			if tc.err == nil {
				texts, flags := unitTexts(run.docs), flagsOf(run.docs)
				for ref, text := range texts {
					if text != want[ref] && len(flags[ref]) == 0 {
						t.Errorf("%s silently differs from the clean run:\n got %q\nwant %q", ref, text, want[ref])
					}
					if tc.allFailed && (len(flags[ref]) == 0 || !strings.HasPrefix(flags[ref][0], "untranslated")) {
						t.Errorf("%s: flags %v, want it kept untranslated", ref, flags[ref])
					}
				}
				// The cache may hold APy's pair listing, never a translation.
				if tc.allFailed && strings.Contains(cache.Dump(), `{"t":`) {
					t.Errorf("translations cached from answers that lost text: %s", cache.Dump())
				}
			}

			// Resume through a healthy proxy: only what the cache lacks
			// is sent, and no answer delivered whole is paid for again.
			healthy := newFaultProxy(t, apy, func(int) action { return pass })
			again := runThrough(t, healthy.URL(), cache, time.Minute, nil)
			if again.err != nil {
				t.Fatalf("resume: %v", again.err)
			}
			if again.report.CacheHits+again.report.Segments != clean.report.Segments {
				t.Errorf("resume: %d cache hits and %d sent, want %d segments in all", again.report.CacheHits, again.report.Segments, clean.report.Segments)
			}
			for para, n := range healthy.whole {
				if p.whole[para] > 0 {
					t.Errorf("resume: %q billed again (answered whole %d times before)", para, p.whole[para]+n-1)
				}
			}
			texts := unitTexts(again.docs)
			for ref, text := range texts {
				if text != want[ref] {
					t.Errorf("resume: %s = %q, want %q", ref, text, want[ref])
				}
			}
			if warm := runThrough(t, healthy.URL(), cache, time.Minute, nil); warm.err != nil || warm.report.Requests != 0 {
				t.Errorf("warm run after the resume: %+v, %v; want nothing sent", warm.report, warm.err)
			}
		})
	}
}

// flagTexts returns flags in their English text form.
func flagTexts(flags []pipeline.Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, f.String())
	}
	return out
}
