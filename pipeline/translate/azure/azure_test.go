package azure_test

import (
	"context"
	"github.com/dossier-news/dossier/pipeline/translate/internal/enginetest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/azure"
	"github.com/dossier-news/dossier/pipeline/translate/azure/azuretest"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

func newTranslator(t testing.TB, srv *azuretest.Server, options map[string]string) translate.Translator {
	t.Helper()
	tr, err := azure.Backend().New(translate.Config{URL: srv.URL, Key: azuretest.DefaultKey, Options: options}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeES(s string) string { return azuretest.Translate(s, "es") }

func TestTranslateArticle(t *testing.T) {
	for _, protect := range []string{"html", "dictionary"} {
		t.Run(protect, func(t *testing.T) {
			srv := azuretest.NewServer(t)
			tr := newTranslator(t, srv, map[string]string{"protect": protect})
			enginetest.TranslateArticle(t, tr, fakeES)
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Target != "es" || reqs[0].Source != "en" {
				t.Fatalf("requests %+v, want one en→es", reqs)
			}
			wantType := map[string]string{"html": "textType=html", "dictionary": "textType=plain"}[protect]
			if !strings.Contains(reqs[0].URL, wantType) || !strings.Contains(reqs[0].URL, "api-version=3.0") {
				t.Errorf("URL %s lacks %s or api-version", reqs[0].URL, wantType)
			}
		})
	}
}

func TestProtection(t *testing.T) {
	text := "Roger Stone met Bakhtiyar Aghazadh."
	tests := []struct {
		name     string
		protect  string
		from, to language.Tag
		seg      translate.Segment
		wants    []string
		nots     []string
		textType string
	}{
		{"unprotected dictionary name is translated", "html", language.English, language.Spanish, translate.Segment{Text: text},
			[]string{"~Roger Piedra", "~Bakhtiyar ~Aghazadh"}, []string{"Roger Stone"}, "html"},
		{"html keeps names", "html", language.English, language.Spanish, enginetest.ProtectNames(text),
			[]string{"Roger Stone", "Bakhtiyar Aghazadh"}, []string{"Piedra"}, "html"},
		{"dictionary keeps names", "dictionary", language.English, language.Spanish, enginetest.ProtectNames(text),
			[]string{"Roger Stone", "Bakhtiyar Aghazadh"}, []string{"Piedra"}, "plain"},
		{"dictionary gives the canonical form", "dictionary", language.English, language.Spanish,
			translate.Segment{Text: "Zahir Asgarov spoke.", Keep: []translate.Keep{{Start: 0, End: 13, As: "Zahir Askarov"}}},
			[]string{"Zahir Askarov ~spoke."}, []string{"Asgarov"}, "plain"},
		{"dictionary without English falls back to html", "dictionary", language.Azerbaijani, language.Spanish, enginetest.ProtectNames(text),
			[]string{"Roger Stone", "Bakhtiyar Aghazadh"}, []string{"Piedra"}, "html"},
		{"dictionary without a source falls back to html", "dictionary", language.Und, language.Spanish, enginetest.ProtectNames(text),
			[]string{"Roger Stone", "Bakhtiyar Aghazadh"}, []string{"Piedra"}, "html"},
		{"markup characters survive", "html", language.English, language.Spanish, enginetest.ProtectNames("<b>Rose White</b> & co"),
			[]string{"<~b>Rose White</~b> & ~co"}, nil, "html"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := azuretest.NewServer(t)
			tr := newTranslator(t, srv, map[string]string{"protect": tc.protect})
			got, err := tr.Translate(context.Background(), tc.from, tc.to, []translate.Segment{tc.seg})
			if err != nil {
				t.Fatal(err)
			}
			enginetest.CheckContains(t, got[0].Text, tc.wants, tc.nots)
			enginetest.CheckKept(t, tc.seg, got[0])
			if url := srv.Requests()[0].URL; !strings.Contains(url, "textType="+tc.textType) {
				t.Errorf("URL %s, want textType=%s", url, tc.textType)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	srv := azuretest.NewServer(t)
	tr := newTranslator(t, srv, nil)
	caps := tr.Capabilities()
	if caps.MaxSegments != 1000 || caps.MaxChars == 0 || caps.MaxChars > azure.MaxRequestChars {
		t.Fatalf("capabilities %+v: want 1000 segments and at most %d characters", caps, azure.MaxRequestChars)
	}
	para := "The ship captain Zahir Askarov said the sea was calm and the money was gone. "
	full := enginetest.Fill(para, caps.MaxSegments, caps.MaxChars)
	enginetest.AtLimits(t, tr, full, srv.Requests)
	enginetest.TooLarge(t, tr, func() int { return len(srv.Requests()) }, []enginetest.TooLargeCase{
		{Name: "1001 elements", Segs: make([]translate.Segment, 1001)},
		{Name: "over 50,000 characters with markup", Segs: []translate.Segment{{Text: strings.Repeat("a", 50001)}}},
	})
}

func TestErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name    string
		fail    azuretest.Failure
		opts    []azuretest.Option
		key     string
		to      language.Tag
		class   error
		after   time.Duration
		message string
	}{
		{name: "401 wrong key", key: "nope", class: translate.ErrFatal, message: "401000"},
		{name: "401 missing region", opts: []azuretest.Option{azuretest.WithRegion("westeurope")}, class: translate.ErrFatal, message: "401000"},
		{name: "400036 target", to: language.Japanese, class: translate.ErrUnsupportedPair, message: "400036"},
		{name: "400000 bad request", fail: azuretest.Failure{Status: 400, Message: "x"}, class: translate.ErrFatal, message: "400000"},
		{name: "400050 input too long", opts: []azuretest.Option{azuretest.WithMaxChars(20)}, class: translate.ErrTooLarge, message: "400050"},
		{name: "403001 free quota", opts: []azuretest.Option{azuretest.WithQuota(10)}, class: translate.ErrFatal, message: "403001"},
		{name: "408001 model being prepared", fail: azuretest.Failure{Status: 408}, class: translate.ErrRetry, message: "408001"},
		{name: "429001 minute window", opts: []azuretest.Option{azuretest.WithMinuteChars(10)}, class: translate.ErrRetry, message: "429001"},
		{name: "429 retry after seconds", fail: azuretest.Failure{Status: 429, RetryAfter: "60"}, class: translate.ErrRetry, after: time.Minute},
		{name: "429 retry after date", fail: azuretest.Failure{Status: 429, RetryAfter: date}, class: translate.ErrRetry, after: 90 * time.Second},
		{name: "500", fail: azuretest.Failure{Status: 500}, class: translate.ErrRetry},
		{name: "503", fail: azuretest.Failure{Status: 503}, class: translate.ErrRetry},
		{name: "connection reset", fail: azuretest.Failure{Reset: true}, class: translate.ErrRetry},
		{name: "cut-off body", fail: azuretest.Failure{CutBody: true}, class: translate.ErrRetry},
		{name: "proxy error page", fail: azuretest.Failure{Status: 502}, class: translate.ErrRetry},
		{name: "server echoes the key", fail: azuretest.Failure{Status: 401, Message: "key " + azuretest.DefaultKey + " unknown"}, class: translate.ErrFatal, message: "[redacted]"},
	}
	segs := []translate.Segment{enginetest.ProtectNames("Zahir Askarov was arrested in Baku last week.")}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := azuretest.NewServer(t, tc.opts...)
			if tc.fail != (azuretest.Failure{}) {
				srv.Fail(tc.fail)
			}
			key := tc.key
			if key == "" {
				key = azuretest.DefaultKey
			}
			tr, err := azure.New(translate.Config{URL: srv.URL, Key: key}, resty.New())
			if err != nil {
				t.Fatal(err)
			}
			enginetest.FailsAs(t, tr, tc.to, segs, tc.class, tc.after, tc.message, key, len(tc.opts) == 0)
		})
	}
}

func TestMinuteWindow(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := azuretest.NewServer(t, azuretest.WithMinuteChars(33300), azuretest.WithClock(func() time.Time { return now }))
	tr := newTranslator(t, srv, nil)
	segs := []translate.Segment{{Text: strings.Repeat("word ", 4000)}} // 20,000 characters
	enginetest.MinuteWindow(t, tr, segs, func() { now = now.Add(time.Minute) })
}

func TestHeaders(t *testing.T) {
	srv := azuretest.NewServer(t, azuretest.WithRegion("westeurope"))
	tr := newTranslator(t, srv, map[string]string{"region": "westeurope"})
	if _, err := tr.Translate(context.Background(), language.Und, language.Spanish, []translate.Segment{{Text: "hello"}}); err != nil {
		t.Fatal(err)
	}
	req := srv.Requests()[0]
	if strings.Contains(req.URL, srv.Key()) {
		t.Errorf("key in URL %s", req.URL)
	}
	if strings.Contains(req.URL, "from=") {
		t.Errorf("URL %s names a source for an unknown language", req.URL)
	}
	if req.Header.Get("Ocp-Apim-Subscription-Key") != srv.Key() || req.Header.Get("Ocp-Apim-Subscription-Region") != "westeurope" {
		t.Errorf("headers %v", req.Header)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []enginetest.RejectCase{
		{Name: "no key", Config: translate.Config{}, Want: "no key"},
		{Name: "bad url", Config: translate.Config{Key: "k", URL: "example.com"}, Want: "want http"},
		{Name: "bad protect", Config: translate.Config{Key: "k", Options: map[string]string{"protect": "glossary"}}, Want: "protect"},
	}
	enginetest.NewRejects(t, azure.New, tests)
}

func BenchmarkTranslate(b *testing.B) {
	srv := azuretest.NewServer(b)
	tr := newTranslator(b, srv, nil)
	enginetest.Benchmark(b, tr)
}

func TestCheck(t *testing.T) {
	srv := azuretest.NewServer(t, azuretest.WithRegion("westeurope"))
	enginetest.Check(t, func(t testing.TB, region string) translate.Translator {
		return newTranslator(t, srv, map[string]string{"region": region})
	}, []enginetest.CheckCase{
		{Name: "right region", Setting: "westeurope"},
		{Name: "wrong region", Setting: "eastus", Class: translate.ErrFatal},
	})
}

func TestBadKeepSpans(t *testing.T) {
	for _, protect := range []string{"html", "dictionary"} {
		t.Run(protect, func(t *testing.T) {
			srv := azuretest.NewServer(t)
			enginetest.BadKeepSpans(t, newTranslator(t, srv, map[string]string{"protect": protect}), func() int { return len(srv.Requests()) })
		})
	}
}
