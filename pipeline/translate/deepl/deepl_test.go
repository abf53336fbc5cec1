package deepl_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/dossier-news/dossier/pipeline/translate/internal/enginetest"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/deepl"
	"github.com/dossier-news/dossier/pipeline/translate/deepl/deepltest"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

func newTranslator(t testing.TB, srv *deepltest.Server, key string) translate.Translator {
	t.Helper()
	tr, err := deepl.Backend().New(translate.Config{URL: srv.URL, Key: key}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeES(s string) string { return deepltest.Translate(s, "ES") }

func TestTranslateArticle(t *testing.T) {
	srv := deepltest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	enginetest.TranslateArticle(t, tr, fakeES)
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	if reqs[0].Target != "ES" || reqs[0].Source != "EN" {
		t.Errorf("languages %q→%q, want EN→ES", reqs[0].Source, reqs[0].Target)
	}
}

func TestProtection(t *testing.T) {
	srv := deepltest.NewServer(t)
	enginetest.Protection(t, newTranslator(t, srv, srv.Key()), enginetest.ProtectionCase{
		Name:  "markup characters survive around names",
		Seg:   enginetest.ProtectNames("<b>Rose White</b> & co"),
		Wants: []string{"<~b>Rose White</~b> & ~co"},
	})
}

func TestLimits(t *testing.T) {
	srv := deepltest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	caps := tr.Capabilities()
	if caps.MaxSegments != 50 || caps.MaxBytes == 0 || caps.MaxBytes >= deepl.MaxBody {
		t.Fatalf("capabilities %+v: want 50 segments and bytes under %d", caps, deepl.MaxBody)
	}

	// A request at both declared limits, names included, fits the body cap.
	para := strings.Repeat("The ship captain Zahir Askarov said the sea was calm and the money was gone from the country. ", 20)
	full := enginetest.Fill(para, caps.MaxSegments, caps.MaxBytes)
	if req := enginetest.AtLimits(t, tr, full, srv.Requests); req.Bytes > deepl.MaxBody {
		t.Fatalf("%d bytes sent, want at most %d", req.Bytes, deepl.MaxBody)
	}

	enginetest.TooLarge(t, tr, func() int { return len(srv.Requests()) }, []enginetest.TooLargeCase{
		{Name: "51 segments", Segs: make([]translate.Segment, 51)},
		{Name: "escaping swells past 128 KiB", Segs: []translate.Segment{{Text: strings.Repeat("<&>", 20<<10)}}},
	})
}

func TestErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name      string
		fail      deepltest.Failure
		opts      []deepltest.Option
		formality string
		to        language.Tag
		class     error
		after     time.Duration // Retry-After wish, if any
		message   string
	}{
		{name: "400 unsupported target", to: language.Armenian, class: translate.ErrUnsupportedPair, message: "target_lang"},
		{name: "400 formality the target lacks", formality: "more", to: language.Turkish, class: translate.ErrFatal, message: "'formality' is not supported"},
		{name: "403 wrong key", opts: []deepltest.Option{deepltest.WithKey("other:fx")}, class: translate.ErrFatal, message: "Authorization failure"},
		{name: "404", fail: deepltest.Failure{Status: 404}, class: translate.ErrFatal},
		{name: "413", fail: deepltest.Failure{Status: 413}, class: translate.ErrTooLarge},
		{name: "429 empty body", fail: deepltest.Failure{Status: 429}, class: translate.ErrRetry, message: "deepl: HTTP 429"},
		{name: "429 retry after seconds", fail: deepltest.Failure{Status: 429, RetryAfter: "7"}, class: translate.ErrRetry, after: 7 * time.Second},
		{name: "429 retry after date", fail: deepltest.Failure{Status: 429, RetryAfter: date}, class: translate.ErrRetry, after: 90 * time.Second},
		{name: "456 quota", fail: deepltest.Failure{Status: 456}, class: translate.ErrFatal, message: "Quota"},
		{name: "456 from quota exhausted", opts: []deepltest.Option{deepltest.WithQuota(20)}, class: translate.ErrFatal, message: "Quota"},
		{name: "500", fail: deepltest.Failure{Status: 500}, class: translate.ErrRetry},
		{name: "503 retry after", fail: deepltest.Failure{Status: 503, RetryAfter: "2"}, class: translate.ErrRetry, after: 2 * time.Second},
		{name: "504", fail: deepltest.Failure{Status: 504}, class: translate.ErrRetry},
		{name: "529", fail: deepltest.Failure{Status: 529}, class: translate.ErrRetry, message: "Too many requests"},
		{name: "connection reset", fail: deepltest.Failure{Reset: true}, class: translate.ErrRetry},
		{name: "cut-off body", fail: deepltest.Failure{CutBody: true}, class: translate.ErrRetry},
		{name: "server echoes the key", fail: deepltest.Failure{Status: 403, Message: "key " + deepltest.DefaultKey + " is blocked"}, class: translate.ErrFatal, message: "[redacted]"},
	}
	segs := []translate.Segment{enginetest.ProtectNames("Zahir Askarov was arrested in Baku last week.")}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := deepltest.NewServer(t, tc.opts...)
			if tc.fail != (deepltest.Failure{}) {
				srv.Fail(tc.fail)
			}
			tr := newTranslator(t, srv, deepltest.DefaultKey)
			if tc.formality != "" {
				var err error
				tr, err = deepl.Backend().New(translate.Config{URL: srv.URL, Key: deepltest.DefaultKey, Options: map[string]string{"formality": tc.formality}}, resty.New())
				if err != nil {
					t.Fatal(err)
				}
			}
			// After a transient failure the next request goes through.
			enginetest.FailsAs(t, tr, tc.to, segs, tc.class, tc.after, tc.message, deepltest.DefaultKey, true)
		})
	}
}

func TestSecretStaysInHeader(t *testing.T) {
	srv := deepltest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "hello world"}}); err != nil {
		t.Fatal(err)
	}
	req := srv.Requests()[0]
	if strings.Contains(req.URL, srv.Key()) || strings.Contains(strings.Join(req.Texts, ""), srv.Key()) {
		t.Errorf("key in URL or body: %s", req.URL)
	}
	if got := req.Header.Get("Authorization"); got != "DeepL-Auth-Key "+srv.Key() {
		t.Errorf("Authorization %q", got)
	}
	for _, opt := range deepl.Backend().Options {
		if opt.Name == "key" && (!opt.Secret || opt.Env == "") {
			t.Errorf("key option %+v: want Secret and an environment variable", opt)
		}
	}
}

// recorder answers every request itself, so no request leaves the process.
type recorder struct{ hosts []string }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.hosts = append(r.hosts, req.URL.Host)
	body := `{"translations":[{"detected_source_language":"EN","text":"hola"}]}`
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func TestHostFromKey(t *testing.T) {
	tests := []struct{ name, key, url, host string }{
		{"free key", "abc:fx", "", "api-free.deepl.com"},
		{"pro key", "abc", "", "api.deepl.com"},
		{"explicit url wins", "abc:fx", "https://api.deepl.com", "api.deepl.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			tr, err := deepl.New(translate.Config{Key: tc.key, URL: tc.url}, resty.New().SetTransport(rec))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "hello"}}); err != nil {
				t.Fatal(err)
			}
			if len(rec.hosts) != 1 || rec.hosts[0] != tc.host {
				t.Errorf("hosts %v, want %s", rec.hosts, tc.host)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	tests := []enginetest.RejectCase{
		{Name: "no key", Config: translate.Config{}, Want: "no key"},
		{Name: "bad url", Config: translate.Config{Key: "k", URL: "api.deepl.com"}, Want: "want http"},
		{Name: "bad formality", Config: translate.Config{Key: "k", Options: map[string]string{"formality": "posh"}}, Want: "formality"},
	}
	enginetest.NewRejects(t, deepl.New, tests)
}

func TestBadKeepSpans(t *testing.T) {
	srv := deepltest.NewServer(t)
	enginetest.BadKeepSpans(t, newTranslator(t, srv, srv.Key()), func() int { return len(srv.Requests()) })
}

// sessionHeaders adds the headers of DeepL's mock server to every request.
type sessionHeaders struct {
	next    http.RoundTripper
	headers map[string]string
}

func (s sessionHeaders) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	for k, v := range s.headers {
		req.Header.Set(k, v)
	}
	return s.next.RoundTrip(req)
}

func TestMockSession(t *testing.T) {
	srv := deepltest.NewServer(t)
	rt := sessionHeaders{http.DefaultTransport, map[string]string{
		"mock-server-session":                      "s1",
		"mock-server-session-429-count":            "2",
		"mock-server-session-no-response-count":    "1",
		"mock-server-session-init-character-limit": "60",
	}}
	tr, err := deepl.New(translate.Config{URL: srv.URL, Key: srv.Key()}, resty.New().SetTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	segs := []translate.Segment{{Text: "The ship was in the sea."}}
	var classes []string
	for range 6 {
		_, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
		switch {
		case err == nil:
			classes = append(classes, "ok")
		case errors.Is(err, translate.ErrRetry):
			classes = append(classes, "retry")
		case errors.Is(err, translate.ErrFatal):
			classes = append(classes, "fatal")
		default:
			classes = append(classes, err.Error())
		}
	}
	if got, want := fmt.Sprint(classes), "[retry retry retry ok ok fatal]"; got != want {
		t.Errorf("classes %s, want %s", got, want)
	}
}

func TestCancelled(t *testing.T) {
	srv := deepltest.NewServer(t)
	srv.Fail(deepltest.Failure{Delay: time.Minute})
	tr := newTranslator(t, srv, srv.Key())
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := tr.Translate(ctx, language.English, language.Spanish, []translate.Segment{{Text: "hello"}})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, translate.ErrRetry) {
		t.Errorf("error %v, want the context's and not ErrRetry", err)
	}
}

func BenchmarkTranslate(b *testing.B) {
	srv := deepltest.NewServer(b)
	tr := newTranslator(b, srv, srv.Key())
	enginetest.Benchmark(b, tr)
}

func TestCheck(t *testing.T) {
	srv := deepltest.NewServer(t)
	enginetest.Check(t, func(t testing.TB, key string) translate.Translator { return newTranslator(t, srv, key) }, []enginetest.CheckCase{
		{Name: "good key", Setting: srv.Key()},
		{Name: "bad key", Setting: "bad:fx", Class: translate.ErrFatal},
	})
}
