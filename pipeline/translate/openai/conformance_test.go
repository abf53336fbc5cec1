package openai_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/openai"
	"github.com/dossier-news/dossier/pipeline/translate/openai/openaitest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
	"github.com/go-resty/resty/v2"
)

// openaiErrors are the answers of OpenAI, vLLM, llama.cpp and Ollama.
var openaiErrors = []translatortest.ErrorCase{
	{Name: "401 invalid key", Status: 401, Body: `{"error":{"message":"Incorrect API key provided: sk-fak*****stuv.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`, Want: translate.ErrFatal},
	{Name: "429 rate limit", Status: 429, Header: http.Header{"X-Ratelimit-Reset-Requests": {"2s"}}, Body: `{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}`, Want: translate.ErrRetry, RetryAfter: 2 * time.Second},
	{Name: "429 insufficient quota", Status: 429, Body: `{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}`, Want: translate.ErrFatal},
	{Name: "400 context length", Status: 400, Body: `{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}`, Want: translate.ErrTooLarge},
	{Name: "400 vLLM context", Status: 400, Body: `{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens in the messages.","type":"BadRequestError","param":null,"code":400}`, Want: translate.ErrTooLarge},
	{Name: "400 llama.cpp context", Status: 400, Body: `{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error"}}`, Want: translate.ErrTooLarge},
	{Name: "404 Ollama model", Status: 404, Body: `{"error":"model \"qwen3\" not found, try pulling it first"}`, Want: translate.ErrFatal},
}

func TestConformance(t *testing.T) {
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		srv := openaitest.NewServer(t, openaitest.WithKey(testKey), openaitest.WithThink(openaitest.ThinkClosed))
		cfg, err := openai.Backend().Configure(map[string]string{"url": srv.BaseURL(), "key": testKey, "model": "qwen3-8b"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := openai.Backend().New(cfg, resty.New().SetTransport(rt))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, translatortest.Errors(openaiErrors...), translatortest.Secret(testKey))
}
