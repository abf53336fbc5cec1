package azure_test

import (
	"net/http"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/azure"
	"github.com/dossier-news/dossier/pipeline/translate/azure/azuretest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
	"github.com/go-resty/resty/v2"
)

// azureErrors are Azure's documented answers, as its API sends them.
var azureErrors = []translatortest.ErrorCase{
	{Name: "401000", Status: 401, Body: `{"error":{"code":401000,"message":"The request is not authorized because credentials are missing or invalid."}}`, Want: translate.ErrFatal},
	{Name: "403001 free quota", Status: 403, Body: `{"error":{"code":403001,"message":"The operation is not allowed because the subscription has exceeded its free quota."}}`, Want: translate.ErrFatal},
	{Name: "408001", Status: 408, Body: `{"error":{"code":408001,"message":"The requested system or model is being prepared."}}`, Want: translate.ErrRetry},
	{Name: "429001", Status: 429, Body: `{"error":{"code":429001,"message":"The server rejected the request because the client has exceeded request limits."}}`, Want: translate.ErrRetry},
	{Name: "400036 target", Status: 400, Body: `{"error":{"code":400036,"message":"The target language is not valid."}}`, Want: translate.ErrUnsupportedPair},
	{Name: "400050 too long", Status: 400, Body: `{"error":{"code":400050,"message":"The input text is too long."}}`, Want: translate.ErrTooLarge},
	{Name: "400077 request size", Status: 400, Body: `{"error":{"code":400077,"message":"The maximum request size has been exceeded."}}`, Want: translate.ErrTooLarge},
	{Name: "503000", Status: 503, Body: `{"error":{"code":503000,"message":"Service is temporarily unavailable."}}`, Want: translate.ErrRetry},
}

func TestConformance(t *testing.T) {
	for _, protect := range []string{"html", "dictionary"} {
		t.Run(protect, func(t *testing.T) {
			translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
				srv := azuretest.NewServer(t, azuretest.WithRegion("westeurope"))
				cfg, err := azure.Backend().Configure(map[string]string{"url": srv.URL, "key": srv.Key(), "region": "westeurope", "protect": protect}, nil)
				if err != nil {
					t.Fatal(err)
				}
				tr, err := azure.Backend().New(cfg, resty.New().SetTransport(rt))
				if err != nil {
					t.Fatal(err)
				}
				return tr
			}, translatortest.Errors(azureErrors...), translatortest.Secret(azuretest.DefaultKey))
		})
	}
}
