package libretranslate_test

import (
	"net/http"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate/libretranslatetest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
	"github.com/go-resty/resty/v2"
)

// libreErrors are LibreTranslate's answers, as its server sends them.
var libreErrors = []translatortest.ErrorCase{
	{Name: "400 char limit", Status: 400, Body: `{"error":"Invalid request: request (6000) exceeds text limit (5000)"}`, Want: translate.ErrTooLarge},
	{Name: "400 unsupported", Status: 400, Body: `{"error":"xx is not supported"}`, Want: translate.ErrUnsupportedPair},
	{Name: "400 key needed", Status: 400, Body: `{"error":"Please contact the server operator to get an API key"}`, Want: translate.ErrFatal},
	{Name: "403 invalid key", Status: 403, Body: `{"error":"Invalid API key"}`, Want: translate.ErrFatal},
	{Name: "403 banned", Status: 403, Body: `{"error":"Too many request limits violations"}`, Want: translate.ErrFatal},
	{Name: "429 slowdown", Status: 429, Body: `{"error":"Slowdown: 20 per 1 minute"}`, Want: translate.ErrRetry},
}

func TestConformance(t *testing.T) {
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		srv := libretranslatetest.NewServer(t, libretranslatetest.WithKey(testKey), libretranslatetest.WithCharLimit(5000), libretranslatetest.WithBatchLimit(32))
		cfg, err := libretranslate.Backend().Configure(map[string]string{"url": srv.URL, "key": testKey}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := libretranslate.Backend().New(cfg, resty.New().SetTransport(rt))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, translatortest.Errors(libreErrors...), translatortest.Secret(testKey))
}
