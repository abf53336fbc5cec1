package openai_test

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/dossier-news/dossier/pipeline/translate/internal/enginetest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/openai"
	"github.com/dossier-news/dossier/pipeline/translate/openai/openaitest"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const testKey = "sk-fake-0123456789abcdefghijklmnopqrstuv"

func newTranslator(t testing.TB, srv *openaitest.Server, key string, options map[string]string) translate.Translator {
	t.Helper()
	tr, err := openai.Backend().New(translate.Config{URL: srv.BaseURL(), Key: key, Model: "qwen3-8b", Options: options}, resty.New())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeES(s string) string { return openaitest.Translate(s, "es") }

func TestTranslateArticle(t *testing.T) {
	tests := []struct {
		name string
		opts []openaitest.Option
	}{
		{"plain answer", nil},
		{"closed think block with decoy JSON", []openaitest.Option{openaitest.WithThink(openaitest.ThinkClosed)}},
		{"model drops the keep tags", []openaitest.Option{openaitest.WithDroppedTags()}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := openaitest.NewServer(t, append(tc.opts, openaitest.WithKey(testKey))...)
			tr := newTranslator(t, srv, testKey, map[string]string{"max-chars": "100000", "max-segments": "100"})
			enginetest.TranslateArticle(t, tr, fakeES)
			if reqs, n := srv.Requests(), len(enginetest.Article(t)); len(reqs) != 1 || len(reqs[0].Texts) != n {
				t.Fatalf("requests %d, want one of %d segments", len(reqs), n)
			}
		})
	}
}

func TestRequestShape(t *testing.T) {
	var body map[string]any
	srv := openaitest.NewServer(t)
	tr := newTranslator(t, srv, "", map[string]string{"thinking": "off", "max-tokens": "900"})
	segs := []translate.Segment{enginetest.ProtectNames("Aliyev met Raisi."), {Text: "Two\nlines."}}
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, segs); err != nil {
		t.Fatal(err)
	}
	req := srv.Requests()[0]
	if got := req.Header.Get("Authorization"); got != "" {
		t.Errorf("Authorization %q sent without a key", got)
	}
	if len(req.Texts) != 2 || !strings.Contains(req.Texts[0], `<keep n="0">Aliyev</keep>`) || req.Texts[1] != "Two\nlines." {
		t.Errorf("segments as the model saw them: %q", req.Texts)
	}
	// Decode the recorded body again through a second request's capture.
	capture := &bodyCapture{}
	tr2, _ := openai.New(translate.Config{URL: srv.BaseURL(), Model: "m", Options: map[string]string{"thinking": "off", "max-tokens": "900"}}, resty.New().SetTransport(capture))
	tr2.Translate(context.Background(), language.English, language.Spanish, segs)
	if err := json.Unmarshal(capture.body, &body); err != nil {
		t.Fatal(err)
	}
	if body["temperature"] != 0.0 || body["max_tokens"] != 900.0 {
		t.Errorf("temperature %v, max_tokens %v", body["temperature"], body["max_tokens"])
	}
	if kw, _ := body["chat_template_kwargs"].(map[string]any); kw["enable_thinking"] != false {
		t.Errorf("chat_template_kwargs %v", body["chat_template_kwargs"])
	}
	format, _ := json.Marshal(body["response_format"])
	for _, want := range []string{`"type":"json_schema"`, `"strict":true`, `"minItems":2`, `"maxItems":2`} {
		if !strings.Contains(string(format), want) {
			t.Errorf("response_format %s lacks %s", format, want)
		}
	}
}

// bodyCapture keeps the request body and answers with an error, so that
// nothing leaves the process.
type bodyCapture struct{ body []byte }

func (c *bodyCapture) RoundTrip(req *http.Request) (*http.Response, error) {
	c.body = make([]byte, req.ContentLength)
	req.Body.Read(c.body)
	return nil, errors.New("captured")
}

func TestProtection(t *testing.T) {
	enginetest.Protection(t, newTranslator(t, openaitest.NewServer(t), "", nil))
}

func TestErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	segs := []translate.Segment{enginetest.ProtectNames("Zahir Askarov was arrested in Baku last week."), {Text: "Aliyev spoke to the ministry."}}
	tests := []struct {
		name    string
		fail    openaitest.Failure
		opts    []openaitest.Option
		key     string
		options map[string]string
		class   error
		after   time.Duration
		message string
	}{
		{name: "401 wrong key", opts: []openaitest.Option{openaitest.WithKey(testKey)}, key: "sk-wrong-key-000000000000", class: translate.ErrFatal, message: "invalid_api_key"},
		{name: "404 unknown model", opts: []openaitest.Option{openaitest.WithModels("llama3")}, class: translate.ErrFatal, message: "model_not_found"},
		{name: "429 rate limit with reset headers", fail: openaitest.Failure{Status: 429}, class: translate.ErrRetry, after: 6 * time.Minute, message: "rate_limit_exceeded"},
		{name: "429 rate limit with retry after", fail: openaitest.Failure{Status: 429, RetryAfter: "20"}, class: translate.ErrRetry, after: 20 * time.Second},
		{name: "429 retry after date", fail: openaitest.Failure{Status: 429, RetryAfter: date}, class: translate.ErrRetry, after: 90 * time.Second},
		{name: "429 insufficient quota", opts: []openaitest.Option{openaitest.WithQuota(10)}, class: translate.ErrFatal, message: "insufficient_quota"},
		{name: "400 vLLM context", opts: []openaitest.Option{openaitest.WithContext(50, openaitest.RefuseVLLM)}, class: translate.ErrTooLarge, message: "maximum context length"},
		{name: "400 llama.cpp context", opts: []openaitest.Option{openaitest.WithContext(50, openaitest.RefuseLlamaCpp)}, class: translate.ErrTooLarge, message: "exceed_context_size_error"},
		{name: "Ollama silent truncation", opts: []openaitest.Option{openaitest.WithContext(150, openaitest.TruncateOllama)}, class: translate.ErrTruncated, message: "1 translations for 2"},
		{name: "finish_reason length", opts: []openaitest.Option{openaitest.WithMaxTokens(20)}, class: translate.ErrTruncated, message: "token limit"},
		{name: "max_tokens from the request", options: map[string]string{"max-tokens": "20"}, class: translate.ErrTruncated, message: "token limit"},
		{name: "unclosed think block", opts: []openaitest.Option{openaitest.WithThink(openaitest.ThinkUnclosed)}, class: translate.ErrTruncated},
		{name: "400 bad request", fail: openaitest.Failure{Status: 400, Message: "Invalid schema"}, class: translate.ErrFatal},
		{name: "500", fail: openaitest.Failure{Status: 500}, class: translate.ErrRetry},
		{name: "503", fail: openaitest.Failure{Status: 503}, class: translate.ErrRetry},
		{name: "connection reset", fail: openaitest.Failure{Reset: true}, class: translate.ErrRetry},
		{name: "cut-off body", fail: openaitest.Failure{CutBody: true}, class: translate.ErrRetry},
		{name: "server echoes the key", fail: openaitest.Failure{Status: 401, Message: "key " + testKey + " revoked"}, key: testKey, class: translate.ErrFatal, message: "[redacted]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := openaitest.NewServer(t, tc.opts...)
			if tc.fail != (openaitest.Failure{}) {
				srv.Fail(tc.fail)
			}
			tr := newTranslator(t, srv, tc.key, tc.options)
			err := enginetest.FailsAs(t, tr, language.Spanish, segs, tc.class, tc.after, tc.message, testKey, len(tc.opts) == 0)
			if tc.key != "" && strings.Contains(err.Error(), tc.key) {
				t.Errorf("error %q contains the key", err)
			}
		})
	}
}

func TestThinkingOffSilencesThinkBlocks(t *testing.T) {
	srv := openaitest.NewServer(t, openaitest.WithThink(openaitest.ThinkUnclosed))
	tr := newTranslator(t, srv, "", map[string]string{"thinking": "off"})
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "hello world"}}); err != nil {
		t.Fatalf("with enable_thinking=false: %v", err)
	}
}

func TestEndpoint(t *testing.T) {
	srv := openaitest.NewServer(t)
	for _, base := range []string{srv.URL, srv.URL + "/", srv.URL + "/v1", srv.URL + "/v1/chat/completions"} {
		t.Run(base, func(t *testing.T) {
			tr, err := openai.New(translate.Config{URL: base}, resty.New())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "hello"}}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	tests := []enginetest.RejectCase{
		{Name: "bad url", Config: translate.Config{URL: "localhost:8000"}, Want: "want http"},
		{Name: "bad thinking", Config: translate.Config{Options: map[string]string{"thinking": "maybe"}}, Want: "thinking"},
		{Name: "bad max-chars", Config: translate.Config{Options: map[string]string{"max-chars": "-5"}}, Want: "max-chars"},
	}
	enginetest.NewRejects(t, openai.New, tests)
}

func BenchmarkTranslate(b *testing.B) {
	srv := openaitest.NewServer(b)
	tr := newTranslator(b, srv, "", map[string]string{"max-chars": "100000", "max-segments": "100"})
	enginetest.Benchmark(b, tr)
}

func TestCheck(t *testing.T) {
	srv := openaitest.NewServer(t, openaitest.WithKey(testKey), openaitest.WithModels("qwen3-8b"))
	enginetest.Check(t, func(t testing.TB, key string) translate.Translator { return newTranslator(t, srv, key, nil) }, []enginetest.CheckCase{
		{Name: "good key", Setting: testKey},
		{Name: "bad key", Setting: "sk-bad-000000000000", Class: translate.ErrFatal},
		{Name: "no key", Setting: "", Class: translate.ErrFatal},
	})
}

func TestBadKeepSpans(t *testing.T) {
	srv := openaitest.NewServer(t)
	enginetest.BadKeepSpans(t, newTranslator(t, srv, "", nil), func() int { return len(srv.Requests()) })
}

// TestReasoningModels: OpenAI's reasoning models refuse temperature and
// max_tokens (the fake refuses them as the API does); the backend leaves
// temperature out and sends max_completion_tokens for them, by model name
// or by the reasoning option.
func TestReasoningModels(t *testing.T) {
	segs := []translate.Segment{{Text: "The talks went on until late at night."}}
	tests := []struct {
		model, reasoning string
		wantTemperature  bool
		wantCap          string // the field that carries max-tokens
	}{
		{"gpt-5-mini", "", false, "max_completion_tokens"},
		{"o3", "", false, "max_completion_tokens"},
		{"o4-mini", "auto", false, "max_completion_tokens"},
		{"openai/gpt-5", "", false, "max_completion_tokens"},
		{"my-router-alias", "yes", false, "max_completion_tokens"},
		{"gpt-4o-mini", "", true, "max_tokens"},
		{"qwen3-8b", "no", true, "max_tokens"},
	}
	for _, tc := range tests {
		t.Run(tc.model, func(t *testing.T) {
			opts := map[string]string{"max-tokens": "900", "reasoning": tc.reasoning}
			srv := openaitest.NewServer(t)
			tr, err := openai.New(translate.Config{URL: srv.BaseURL(), Model: tc.model, Options: opts}, resty.New())
			if err != nil {
				t.Fatal(err)
			}
			out, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
			if err != nil || len(out) != 1 || out[0].Text != fakeES(segs[0].Text) {
				t.Fatalf("Translate = %v, %v", out, err)
			}
			capture := &bodyCapture{}
			tr, _ = openai.New(translate.Config{URL: srv.BaseURL(), Model: tc.model, Options: opts}, resty.New().SetTransport(capture))
			tr.Translate(context.Background(), language.English, language.Spanish, segs)
			var body map[string]any
			if err := json.Unmarshal(capture.body, &body); err != nil {
				t.Fatal(err)
			}
			if _, ok := body["temperature"]; ok != tc.wantTemperature {
				t.Errorf("temperature sent: %v, want %v", ok, tc.wantTemperature)
			}
			if body[tc.wantCap] != 900.0 || len(body) != 4+boolInt(tc.wantTemperature) {
				t.Errorf("body %v: want the cap in %s and nothing else extra", body, tc.wantCap)
			}
		})
	}
	if _, err := openai.New(translate.Config{URL: "http://127.0.0.1:1/v1", Options: map[string]string{"reasoning": "maybe"}}, resty.New()); err == nil {
		t.Error("reasoning=maybe accepted")
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
