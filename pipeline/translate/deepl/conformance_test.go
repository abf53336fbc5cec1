package deepl_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/deepl"
	"github.com/dossier-news/dossier/pipeline/translate/deepl/deepltest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
	"github.com/go-resty/resty/v2"
)

// deeplErrors are DeepL's documented answers, as its API sends them.
var deeplErrors = []translatortest.ErrorCase{
	{Name: "403 auth", Status: 403, Body: `{"message":"Authorization failure, check authentication key"}`, Want: translate.ErrFatal},
	{Name: "456 quota", Status: 456, Body: `{"message":"Quota for this billing period has been exceeded."}`, Want: translate.ErrFatal},
	{Name: "413", Status: 413, Body: `{"message":"Request Entity Too Large"}`, Want: translate.ErrTooLarge},
	{Name: "429 empty body", Status: 429, Want: translate.ErrRetry},
	{Name: "429 retry-after", Status: 429, Header: http.Header{"Retry-After": {"12"}}, Want: translate.ErrRetry, RetryAfter: 12 * time.Second},
	{Name: "504", Status: 504, Body: `{"message":"Gateway timeout"}`, Want: translate.ErrRetry},
	{Name: "529", Status: 529, Body: `{"message":"Too many requests"}`, Want: translate.ErrRetry},
	{Name: "400 target", Status: 400, Body: `{"message":"Value for 'target_lang' not supported."}`, Want: translate.ErrUnsupportedPair},
}

func TestConformance(t *testing.T) {
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		srv := deepltest.NewServer(t)
		cfg, err := deepl.Backend().Configure(map[string]string{"url": srv.URL, "key": srv.Key()}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := deepl.Backend().New(cfg, resty.New().SetTransport(rt))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, translatortest.Errors(deeplErrors...), translatortest.Secret(deepltest.DefaultKey))
}
