package google_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/google"
	"github.com/dossier-news/dossier/pipeline/translate/google/googletest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
	"github.com/go-resty/resty/v2"
)

// googleErrors are Google's documented answers, as its API sends them.
var googleErrors = []translatortest.ErrorCase{
	{Name: "403 daily limit", Status: 403, Body: `{"error":{"code":403,"message":"Daily Limit Exceeded","errors":[{"message":"Daily Limit Exceeded","domain":"usageLimits","reason":"dailyLimitExceeded"}],"status":"PERMISSION_DENIED"}}`, Want: translate.ErrFatal},
	{Name: "403 user rate limit", Status: 403, Body: `{"error":{"code":403,"message":"User Rate Limit Exceeded","errors":[{"message":"User Rate Limit Exceeded","domain":"usageLimits","reason":"userRateLimitExceeded"}],"status":"PERMISSION_DENIED"}}`, Want: translate.ErrRetry},
	{Name: "403 user rate limit retry-after", Status: 403, Header: http.Header{"Retry-After": {"30"}}, Body: `{"error":{"code":403,"message":"User Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}}`, Want: translate.ErrRetry, RetryAfter: 30 * time.Second},
	{Name: "400 API_KEY_INVALID", Status: 400, Body: `{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","errors":[{"message":"API key not valid. Please pass a valid API key.","domain":"global","reason":"badRequest"}],"status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}`, Want: translate.ErrFatal},
	{Name: "400 too many segments", Status: 400, Body: `{"error":{"code":400,"message":"Too many text segments","errors":[{"reason":"badRequest"}],"status":"INVALID_ARGUMENT"}}`, Want: translate.ErrTooLarge},
	{Name: "400 payload size", Status: 400, Body: `{"error":{"code":400,"message":"Request payload size exceeds the limit: 102400 bytes.","status":"INVALID_ARGUMENT"}}`, Want: translate.ErrTooLarge},
	{Name: "400 invalid target", Status: 400, Body: `{"error":{"code":400,"message":"Invalid Value","errors":[{"message":"Invalid Value","domain":"global","reason":"invalid"}]}}`, Want: translate.ErrUnsupportedPair},
	{Name: "429 resource exhausted", Status: 429, Body: `{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}`, Want: translate.ErrRetry},
}

func TestConformance(t *testing.T) {
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		srv := googletest.NewServer(t)
		cfg, err := google.Backend().Configure(map[string]string{"url": srv.URL, "key": srv.Key()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := google.Backend().New(cfg, resty.New().SetTransport(rt))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, translatortest.Errors(googleErrors...), translatortest.Secret(googletest.DefaultKey))
}
