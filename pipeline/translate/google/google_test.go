package google_test

import (
	"context"
	"errors"
	"github.com/dossier-news/dossier/pipeline/translate/internal/enginetest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/google"
	"github.com/dossier-news/dossier/pipeline/translate/google/googletest"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

func newTranslator(t testing.TB, srv *googletest.Server, key string) translate.Translator {
	t.Helper()
	tr, err := google.Backend().New(translate.Config{URL: srv.URL, Key: key}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeES(s string) string { return googletest.Translate(s, "es") }

func TestTranslateArticle(t *testing.T) {
	srv := googletest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	enginetest.TranslateArticle(t, tr, fakeES)
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Target != "es" || reqs[0].Source != "en" {
		t.Fatalf("requests %+v, want one en→es", reqs)
	}
}

func TestProtection(t *testing.T) {
	srv := googletest.NewServer(t)
	enginetest.Protection(t, newTranslator(t, srv, srv.Key()), enginetest.ProtectionCase{
		Name:  "entities are decoded",
		Seg:   enginetest.ProtectNames(`"It's <Rose White> & O'Brien"`),
		Wants: []string{`"Ello'~s <Rose White> & ~O'~Brien"`},
		Nots:  []string{"&#39;", "&quot;", "&amp;", "&lt;"},
	})
}

func TestLimits(t *testing.T) {
	srv := googletest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	caps := tr.Capabilities()
	if caps.MaxSegments != 128 || caps.MaxChars != 5000 {
		t.Fatalf("capabilities %+v: want 128 segments and 5000 characters", caps)
	}
	var full []translate.Segment
	for range caps.MaxSegments {
		full = append(full, enginetest.ProtectNames("Aliyev met Raisi.")) // 17 characters
	}
	enginetest.AtLimits(t, tr, full, srv.Requests)
	_, err := tr.Translate(context.Background(), language.English, language.Spanish, make([]translate.Segment, 129))
	if !errors.Is(err, translate.ErrTooLarge) {
		t.Errorf("129 segments: error %v, want ErrTooLarge", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want the 129 segments refused before sending", n)
	}
}

func TestErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name    string
		fail    googletest.Failure
		opts    []googletest.Option
		to      language.Tag
		class   error
		after   time.Duration
		message string
	}{
		{name: "400 API_KEY_INVALID", opts: []googletest.Option{googletest.WithKey("another")}, class: translate.ErrFatal, message: "API key not valid"},
		{name: "400 invalid target", to: language.Japanese, class: translate.ErrUnsupportedPair, message: "Invalid Value"},
		{name: "400 too many segments", fail: googletest.Failure{Status: 400, Message: "Too many text segments"}, class: translate.ErrTooLarge},
		{name: "400 payload size", fail: googletest.Failure{Status: 400, Message: "Request payload size exceeds the limit: 102400 bytes."}, class: translate.ErrTooLarge},
		{name: "403 daily limit", opts: []googletest.Option{googletest.WithDailyQuota(10)}, class: translate.ErrFatal, message: "Daily Limit Exceeded"},
		{name: "403 user rate limit", opts: []googletest.Option{googletest.WithMinuteQuota(10)}, class: translate.ErrRetry, message: "User Rate Limit Exceeded"},
		{name: "403 billing", fail: googletest.Failure{Status: 403, Message: "This API method requires billing to be enabled."}, class: translate.ErrFatal},
		{name: "429 retry after seconds", fail: googletest.Failure{Status: 429, RetryAfter: "30"}, class: translate.ErrRetry, after: 30 * time.Second},
		{name: "429 retry after date", fail: googletest.Failure{Status: 429, RetryAfter: date}, class: translate.ErrRetry, after: 90 * time.Second},
		{name: "500", fail: googletest.Failure{Status: 500}, class: translate.ErrRetry},
		{name: "503", fail: googletest.Failure{Status: 503}, class: translate.ErrRetry},
		{name: "connection reset", fail: googletest.Failure{Reset: true}, class: translate.ErrRetry},
		{name: "cut-off body", fail: googletest.Failure{CutBody: true}, class: translate.ErrRetry},
		{name: "server echoes the key", fail: googletest.Failure{Status: 400, Message: "key " + googletest.DefaultKey + " has no access"}, class: translate.ErrFatal, message: "[redacted]"},
	}
	segs := []translate.Segment{enginetest.ProtectNames("Zahir Askarov was arrested in Baku last week.")}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := googletest.NewServer(t, tc.opts...)
			if tc.fail != (googletest.Failure{}) {
				srv.Fail(tc.fail)
			}
			tr := newTranslator(t, srv, googletest.DefaultKey)
			enginetest.FailsAs(t, tr, tc.to, segs, tc.class, tc.after, tc.message, googletest.DefaultKey, len(tc.opts) == 0)
		})
	}
}

func TestMinuteWindowReopens(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := googletest.NewServer(t, googletest.WithMinuteQuota(60), googletest.WithClock(func() time.Time { return now }))
	tr := newTranslator(t, srv, srv.Key())
	segs := []translate.Segment{{Text: strings.Repeat("x", 40)}}
	enginetest.MinuteWindow(t, tr, segs, func() { now = now.Add(time.Minute) })
}

func TestSecretStaysInHeader(t *testing.T) {
	srv := googletest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "hello world"}}); err != nil {
		t.Fatal(err)
	}
	req := srv.Requests()[0]
	if strings.Contains(req.URL, srv.Key()) || strings.Contains(req.URL, "key=") {
		t.Errorf("key in URL %s", req.URL)
	}
	if got := req.Header.Get("X-Goog-Api-Key"); got != srv.Key() {
		t.Errorf("X-Goog-Api-Key %q", got)
	}
}

func TestDetect(t *testing.T) {
	srv := googletest.NewServer(t)
	tr := newTranslator(t, srv, srv.Key())
	if _, err := tr.Translate(context.Background(), language.Und, language.Spanish, []translate.Segment{{Text: "hello"}}); err != nil {
		t.Fatal(err)
	}
	if src := srv.Requests()[0].Source; src != "" {
		t.Errorf("source %q sent for an unknown language, want none", src)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []enginetest.RejectCase{
		{Name: "no key", Config: translate.Config{}, Want: "no key"},
		{Name: "bad url", Config: translate.Config{Key: "k", URL: "translation.googleapis.com"}, Want: "want http"},
		{Name: "bad model", Config: translate.Config{Key: "k", Model: "gemini"}, Want: "model"},
	}
	enginetest.NewRejects(t, google.New, tests)
}

func BenchmarkTranslate(b *testing.B) {
	srv := googletest.NewServer(b)
	tr := newTranslator(b, srv, srv.Key())
	enginetest.Benchmark(b, tr)
}

func TestCheck(t *testing.T) {
	srv := googletest.NewServer(t)
	enginetest.Check(t, func(t testing.TB, key string) translate.Translator { return newTranslator(t, srv, key) }, []enginetest.CheckCase{
		{Name: "good key", Setting: srv.Key()},
		{Name: "bad key", Setting: "bad", Class: translate.ErrFatal},
	})
}

func TestBadKeepSpans(t *testing.T) {
	srv := googletest.NewServer(t)
	enginetest.BadKeepSpans(t, newTranslator(t, srv, srv.Key()), func() int { return len(srv.Requests()) })
}
