package libretranslate_test

import (
	"context"
	"errors"
	"github.com/dossier-news/dossier/pipeline/translate/internal/enginetest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate/libretranslatetest"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const testKey = "6c1f7a0e-fake-4e1b-8a31-libretranslate"

func newTranslator(t testing.TB, srv *libretranslatetest.Server, key string, options map[string]string) translate.Translator {
	t.Helper()
	tr, err := libretranslate.Backend().New(translate.Config{URL: srv.URL, Key: key, Options: options}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeES(s string) string { return libretranslatetest.Translate(s, "es") }

func TestTranslateArticle(t *testing.T) {
	srv := libretranslatetest.NewServer(t, libretranslatetest.WithKey(testKey))
	tr := newTranslator(t, srv, testKey, map[string]string{"batch-limit": "-1", "char-limit": "-1"})
	enginetest.TranslateArticle(t, tr, fakeES)
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Target != "es" || reqs[0].Source != "en" {
		t.Fatalf("requests %+v, want one en→es", reqs)
	}
}

func TestProtection(t *testing.T) {
	srv := libretranslatetest.NewServer(t)
	enginetest.Protection(t, newTranslator(t, srv, "", nil), enginetest.ProtectionCase{
		Name:  "markup characters come back decoded",
		Seg:   enginetest.ProtectNames("<b>Rose White</b> & co, 5 > 3"),
		Wants: []string{"<~b>Rose White</~b> & ~co, 5 > 3"},
		Nots:  []string{"&amp;", "&lt;"},
	})
}

func TestLimits(t *testing.T) {
	srv := libretranslatetest.NewServer(t, libretranslatetest.WithCharLimit(2000), libretranslatetest.WithBatchLimit(10))
	tr := newTranslator(t, srv, "", map[string]string{"char-limit": "2000", "batch-limit": "10"})
	caps := tr.Capabilities()
	if caps.MaxSegments != 10 || caps.MaxChars == 0 || caps.MaxChars > 2000 {
		t.Fatalf("capabilities %+v: want 10 segments and at most 2000 characters", caps)
	}
	para := "The ship captain Zahir Askarov said the sea was calm and the money was gone. "
	full := enginetest.Fill(para, caps.MaxSegments, caps.MaxChars)
	enginetest.AtLimits(t, tr, full, srv.Requests)
	enginetest.TooLarge(t, tr, func() int { return len(srv.Requests()) }, []enginetest.TooLargeCase{
		{Name: "11 texts are refused here", Segs: make([]translate.Segment, 11), Sent: 0},
		{Name: "markup past the character limit is refused by the server", Segs: []translate.Segment{enginetest.ProtectNames(strings.Repeat("Aliyev ", 250))}, Sent: 1},
	})
}

func TestErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	segs := []translate.Segment{enginetest.ProtectNames("Zahir Askarov was arrested in Baku last week."), {Text: "Aliyev spoke."}}
	tests := []struct {
		name    string
		fail    libretranslatetest.Failure
		opts    []libretranslatetest.Option
		key     string
		limits  map[string]string
		to      language.Tag
		class   error
		after   time.Duration
		message string
	}{
		{name: "400 batch limit", opts: []libretranslatetest.Option{libretranslatetest.WithBatchLimit(1)}, class: translate.ErrTooLarge, message: "exceeds text limit"},
		{name: "400 char limit", opts: []libretranslatetest.Option{libretranslatetest.WithCharLimit(30)}, class: translate.ErrTooLarge, message: "exceeds text limit"},
		{name: "400 unsupported target", to: language.Japanese, class: translate.ErrUnsupportedPair, message: "ja is not supported"},
		{name: "400 key needed", opts: []libretranslatetest.Option{libretranslatetest.WithKey(testKey)}, key: "-", class: translate.ErrFatal, message: "API key"},
		{name: "403 unknown key", opts: []libretranslatetest.Option{libretranslatetest.WithKey(testKey)}, key: "wrong-key", class: translate.ErrFatal, message: "Invalid API key"},
		{name: "429 slowdown", opts: []libretranslatetest.Option{libretranslatetest.WithReqLimit(1)}, class: translate.ErrRetry, message: "Slowdown"},
		{name: "429 retry after date", fail: libretranslatetest.Failure{Status: 429, RetryAfter: date}, class: translate.ErrRetry, after: 90 * time.Second},
		{name: "429 an array counts per text", opts: []libretranslatetest.Option{libretranslatetest.WithReqLimit(1)}, class: translate.ErrRetry},
		{name: "500", fail: libretranslatetest.Failure{Status: 500, Message: "Cannot translate text: boom"}, class: translate.ErrRetry},
		{name: "connection reset", fail: libretranslatetest.Failure{Reset: true}, class: translate.ErrRetry},
		{name: "cut-off body", fail: libretranslatetest.Failure{CutBody: true}, class: translate.ErrRetry},
		{name: "server echoes the key", opts: []libretranslatetest.Option{libretranslatetest.WithKey(testKey)}, key: testKey, fail: libretranslatetest.Failure{Status: 403, Message: "key " + testKey + " banned"}, class: translate.ErrFatal, message: "[redacted]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := libretranslatetest.NewServer(t, tc.opts...)
			if tc.fail != (libretranslatetest.Failure{}) {
				srv.Fail(tc.fail)
			}
			key := tc.key
			if key == "-" {
				key = ""
			}
			tr := newTranslator(t, srv, key, map[string]string{"char-limit": "-1", "batch-limit": "-1"})
			enginetest.FailsAs(t, tr, tc.to, segs, tc.class, tc.after, tc.message, testKey, len(tc.opts) == 0)
		})
	}
}

func TestFloodBan(t *testing.T) {
	srv := libretranslatetest.NewServer(t, libretranslatetest.WithReqLimit(2), libretranslatetest.WithFloodThreshold(1))
	tr := newTranslator(t, srv, "", nil)
	segs := []translate.Segment{{Text: "one"}, {Text: "two"}}
	var errs []error
	for range 3 {
		_, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
		errs = append(errs, err)
	}
	if errs[0] != nil || !errors.Is(errs[1], translate.ErrRetry) || !errors.Is(errs[2], translate.ErrFatal) {
		t.Errorf("errors %v, want nil, 429 retry, 403 fatal", errs)
	}
}

func TestKeyStaysInBody(t *testing.T) {
	srv := libretranslatetest.NewServer(t, libretranslatetest.WithKey(testKey))
	tr := newTranslator(t, srv, testKey, nil)
	if _, err := tr.Translate(context.Background(), language.Und, language.Spanish, []translate.Segment{{Text: "hello"}}); err != nil {
		t.Fatal(err)
	}
	req := srv.Requests()[0]
	if strings.Contains(req.URL, testKey) {
		t.Errorf("key in URL %s", req.URL)
	}
	if req.Source != "auto" {
		t.Errorf("source %q for an unknown language, want auto", req.Source)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []enginetest.RejectCase{
		{Name: "bad url", Config: translate.Config{URL: "localhost:5000"}, Want: "want http"},
		{Name: "bad char limit", Config: translate.Config{Options: map[string]string{"char-limit": "lots"}}, Want: "char-limit"},
		{Name: "zero batch limit", Config: translate.Config{Options: map[string]string{"batch-limit": "0"}}, Want: "batch-limit"},
	}
	enginetest.NewRejects(t, libretranslate.New, tests)
}

func BenchmarkTranslate(b *testing.B) {
	srv := libretranslatetest.NewServer(b)
	tr := newTranslator(b, srv, "", map[string]string{"char-limit": "-1", "batch-limit": "-1"})
	enginetest.Benchmark(b, tr)
}

func TestCheck(t *testing.T) {
	srv := libretranslatetest.NewServer(t)
	if err := newTranslator(t, srv, "", nil).(translate.Checker).Check(context.Background()); err != nil {
		t.Errorf("server up: %v", err)
	}
	srv.Close()
	if err := newTranslator(t, srv, "", nil).(translate.Checker).Check(context.Background()); !errors.Is(err, translate.ErrRetry) {
		t.Errorf("server down: error %v, want ErrRetry", err)
	}
}

func TestBadKeepSpans(t *testing.T) {
	srv := libretranslatetest.NewServer(t)
	enginetest.BadKeepSpans(t, newTranslator(t, srv, "", nil), func() int { return len(srv.Requests()) })
}
