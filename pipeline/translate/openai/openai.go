// Package openai translates with a language model behind an
// OpenAI-compatible chat completions endpoint: OpenAI itself, vLLM,
// Ollama or llama.cpp's server.
//
// Start with Backend. One request carries numbered segments, names
// wrapped in <keep> tags the instructions say to copy verbatim, and a
// strict JSON schema asking for {"translations":[…]} with exactly one
// string per segment, at temperature 0 (reasoning models take none). Answers are read after the last
// </think>, so reasoning left in the content does no harm. An answer cut
// by the token limit, or with the wrong number of items (which is how
// Ollama's silent prompt truncation shows), is ErrTruncated, for the stage
// to split the batch. Openaitest holds a local fake of such a server.
package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

const (
	// DefaultURL is OpenAI's API; point url at a local server's /v1 instead.
	DefaultURL = "https://api.openai.com/v1"
	// DefaultModel is used when no model is set.
	DefaultModel = "gpt-4o-mini"

	defaultMaxSegments = 40
	defaultMaxChars    = 4000

	engine = "openai"
)

// Backend describes the engine.
func Backend() translate.Backend {
	return translate.Backend{
		Name: engine,
		Help: "chat completions of OpenAI, vLLM, Ollama or llama.cpp; names kept by instructions, tags and a JSON schema",
		Options: []translate.Option{
			{Name: "url", Default: DefaultURL, Help: "API base, such as http://127.0.0.1:8000/v1 for vLLM or http://127.0.0.1:11434/v1 for Ollama"},
			{Name: "key", Env: "OPENAI_API_KEY", Secret: true, Help: "API key, sent as a Bearer token; local servers need none"},
			{Name: "model", Default: DefaultModel, Help: "model name"},
			{Name: "thinking", Help: "off sends chat_template_kwargs enable_thinking=false (Qwen3 on vLLM); on sends true; empty sends nothing"},
			{Name: "max-segments", Default: strconv.Itoa(defaultMaxSegments), Help: "segments per request"},
			{Name: "max-chars", Default: strconv.Itoa(defaultMaxChars), Help: "characters per request; lower it for models with a small context"},
			{Name: "max-tokens", Help: "cap on the tokens of an answer (max_tokens, or max_completion_tokens for a reasoning model); empty leaves the server's"},
			{Name: "reasoning", Default: "auto", Help: "yes for a reasoning model (OpenAI o1, o3, o4-mini, gpt-5…), which takes no temperature and max_completion_tokens instead of max_tokens; no for any other; auto tells by the model name"},
		},
		New: New,
	}
}

// New builds a chat completions translator that sends its requests
// through hc.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	if hc == nil {
		return nil, fmt.Errorf("openai: no http client")
	}
	base := cfg.URL
	if base == "" {
		base = DefaultURL
	}
	endpoint, err := endpointURL(base)
	if err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	t := &translator{
		hc:       hc,
		endpoint: endpoint,
		key:      cfg.Key,
		model:    cfg.Model,
		markup:   markup.New("keep", "", "n", false, false),
		now:      time.Now,
	}
	if t.model == "" {
		t.model = DefaultModel
	}
	switch v := cfg.Options["thinking"]; v {
	case "":
	case "on", "off":
		enabled := v == "on"
		t.thinking = &enabled
	default:
		return nil, fmt.Errorf("openai: thinking %q: want on, off or nothing", v)
	}
	if t.maxSegments, err = positive(cfg.Options, "max-segments", defaultMaxSegments); err != nil {
		return nil, err
	}
	if t.maxChars, err = positive(cfg.Options, "max-chars", defaultMaxChars); err != nil {
		return nil, err
	}
	if t.maxTokens, err = positive(cfg.Options, "max-tokens", 0); err != nil {
		return nil, err
	}
	switch v := cfg.Options["reasoning"]; v {
	case "", "auto":
		t.reasoning = reasoningModel(t.model)
	case "yes", "no":
		t.reasoning = v == "yes"
	default:
		return nil, fmt.Errorf("openai: reasoning %q: want yes, no or auto", v)
	}
	return t, nil
}

// reasoningModel tells OpenAI's reasoning models by name: o1, o3, o4-mini
// and the gpt-5 family refuse temperature and max_tokens.
func reasoningModel(model string) bool {
	m := strings.ToLower(model)
	if i := strings.LastIndexByte(m, '/'); i >= 0 {
		m = m[i+1:] // openai/o3 on a router
	}
	return len(m) >= 2 && m[0] == 'o' && m[1] >= '0' && m[1] <= '9' || strings.HasPrefix(m, "gpt-5")
}

// endpointURL accepts an API base with or without /v1, or the full
// endpoint.
func endpointURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("url %q: want http:// or https:// and a host", base)
	}
	path := strings.TrimSuffix(u.Path, "/")
	switch {
	case strings.HasSuffix(path, "/chat/completions"):
	case path == "":
		path = "/v1/chat/completions"
	default:
		path += "/chat/completions"
	}
	u.Path = path
	return u.String(), nil
}

func positive(options map[string]string, name string, def int) (int, error) {
	v := options[name]
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("openai: %s %q: want a positive number", name, v)
	}
	return n, nil
}

type translator struct {
	hc                               *resty.Client
	endpoint                         string
	key                              string
	model                            string
	thinking                         *bool
	maxSegments, maxChars, maxTokens int
	reasoning                        bool // no temperature; max_completion_tokens
	markup                           markup.Markup
	now                              func() time.Time
}

func (t *translator) Capabilities() translate.Capabilities {
	return translate.Capabilities{
		Engine:      engine,
		Model:       t.model,
		MaxSegments: t.maxSegments,
		MaxChars:    t.maxChars,
		Protect:     translate.ProtectInstructions,
		Detect:      true,
		Concurrency: 2,
	}
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatRequest struct {
	Model       string    `json:"model"`
	Messages    []message `json:"messages"`
	Temperature *float64  `json:"temperature,omitempty"`
	MaxTokens   int       `json:"max_tokens,omitempty"`
	// MaxCompletionTokens replaces MaxTokens for reasoning models.
	MaxCompletionTokens int             `json:"max_completion_tokens,omitempty"`
	ResponseFormat      json.RawMessage `json:"response_format"`
	ChatTemplateKwargs  map[string]bool `json:"chat_template_kwargs,omitempty"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

func (t *translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if to == language.Und {
		return nil, fmt.Errorf("openai: no target language: %w", translate.ErrUnsupportedPair)
	}
	texts, keeps, err := t.markup.WrapAll(engine, segs)
	if err != nil {
		return nil, err
	}
	req := chatRequest{
		Model: t.model,
		Messages: []message{
			{Role: "system", Content: instructions(from, to, len(segs))},
			{Role: "user", Content: numbered(texts)},
		},
		ResponseFormat: schema(len(segs)),
	}
	if t.reasoning {
		req.MaxCompletionTokens = t.maxTokens
	} else {
		zero := 0.0
		req.Temperature = &zero
		req.MaxTokens = t.maxTokens
	}
	if t.thinking != nil {
		req.ChatTemplateKwargs = map[string]bool{"enable_thinking": *t.thinking}
	}
	var header map[string]string
	if t.key != "" {
		header = map[string]string{"Authorization": "Bearer " + t.key}
	}
	call := httpcall.Call{Engine: engine, Endpoint: t.endpoint, Header: header, Secret: t.key, Refused: t.statusError}
	var resp chatResponse
	if err := call.JSON(ctx, t.hc, req, &resp); err != nil {
		return nil, err
	}
	if len(resp.Choices) == 0 {
		return nil, fmt.Errorf("openai: answer without choices: %w", translate.ErrTruncated)
	}
	choice := resp.Choices[0]
	switch choice.FinishReason {
	case "length":
		return nil, fmt.Errorf("openai: answer cut off at the token limit: %w", translate.ErrTruncated)
	case "content_filter":
		return nil, fmt.Errorf("openai: answer withheld by the content filter: %w", translate.ErrFatal)
	}
	translations, err := parseAnswer(choice.Message.Content)
	if err != nil {
		return nil, fmt.Errorf("openai: %w: %w", err, translate.ErrTruncated)
	}
	if len(translations) != len(segs) {
		return nil, fmt.Errorf("openai: %d translations for %d segments: %w", len(translations), len(segs), translate.ErrTruncated)
	}
	out := t.markup.UnwrapAll(translations, keeps)
	for i := range out {
		out[i] = findDropped(out[i], keeps[i])
	}
	return out, nil
}

// Check lists the server's models, which needs a valid key where one is
// required and costs no tokens.
func (t *translator) Check(ctx context.Context) error {
	var header map[string]string
	if t.key != "" {
		header = map[string]string{"Authorization": "Bearer " + t.key}
	}
	a, err := httpcall.Get(ctx, t.hc, engine, strings.TrimSuffix(t.endpoint, "/chat/completions")+"/models", header, t.key)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return t.statusError(a)
	}
	return nil
}

func instructions(from, to language.Tag, n int) string {
	source := "the language it is written in"
	if from != language.Und {
		source = display.English.Languages().Name(from)
	}
	return fmt.Sprintf(`You translate news articles from %s into %s.
The user sends %d numbered segments, each starting with [n] on a new line.
Translate each segment on its own, completely and faithfully; keep numbers, dates, quotes and punctuation.
Text inside a <keep> element is a name: copy the element, tags included, exactly as written; never translate, transliterate or inflect it.
Do not merge, split, add, omit or comment on segments.
Answer with JSON only: {"translations": [...]} holding exactly %d strings, the translation of segment n at position n.`,
		source, display.English.Languages().Name(to), n, n)
}

func numbered(texts []string) string {
	var b strings.Builder
	for i, text := range texts {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "[%d] %s", i+1, text)
	}
	return b.String()
}

// schema is a strict response format for exactly n translations, in the
// subset of JSON Schema that OpenAI, vLLM, Ollama and llama.cpp share.
func schema(n int) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"type":"json_schema","json_schema":{"name":"translations","strict":true,"schema":{"type":"object","properties":{"translations":{"type":"array","items":{"type":"string"},"minItems":%d,"maxItems":%d}},"required":["translations"],"additionalProperties":false}}}`, n, n))
}

// parseAnswer reads the translations from a model's content: only after
// the last </think>, since reasoning may quote JSON of its own, and inside
// a code fence if the model added one.
func parseAnswer(content string) ([]string, error) {
	if i := strings.LastIndex(content, "</think>"); i >= 0 {
		content = content[i+len("</think>"):]
	} else if strings.Contains(content, "<think>") {
		return nil, fmt.Errorf("answer is reasoning that never ended")
	}
	start, end := strings.Index(content, "{"), strings.LastIndex(content, "}")
	if start < 0 || end < start {
		return nil, fmt.Errorf("answer holds no JSON object")
	}
	var answer struct {
		Translations []string `json:"translations"`
	}
	if err := json.Unmarshal([]byte(content[start:end+1]), &answer); err != nil {
		return nil, fmt.Errorf("answer is not the JSON asked for: %w", err)
	}
	return answer.Translations, nil
}

// findDropped finds names whose tags the model dropped but whose text it
// kept, so that only names really missing go unreported.
func findDropped(seg translate.Segment, ks []translate.Keep) translate.Segment {
	if len(seg.Keep) == len(ks) {
		return seg
	}
	found := map[int]bool{}
	for _, k := range seg.Keep {
		for i, want := range ks {
			if !found[i] && want.As == k.As {
				found[i] = true
				break
			}
		}
	}
	for i, k := range ks {
		if found[i] {
			continue
		}
		for from := 0; from < len(seg.Text); {
			at := strings.Index(seg.Text[from:], k.As)
			if at < 0 {
				break
			}
			at += from
			span := translate.Keep{Start: at, End: at + len(k.As), As: k.As}
			if !slices.ContainsFunc(seg.Keep, func(o translate.Keep) bool { return span.Start < o.End && o.Start < span.End }) {
				seg.Keep = append(seg.Keep, span)
				break
			}
			from = at + 1
		}
	}
	slices.SortFunc(seg.Keep, func(a, b translate.Keep) int { return a.Start - b.Start })
	return seg
}

// statusError classes a failed answer. The servers word their errors
// differently: OpenAI {"error":{"message","type","code"}}, vLLM
// {"object":"error","message","type","code":400}, Ollama {"error":"…"}.
func (t *translator) statusError(a httpcall.Answer) error {
	message, kind := errorMessage(a.Body)
	lower := strings.ToLower(message + " " + kind)
	var class error
	switch {
	case strings.Contains(lower, "insufficient_quota"):
		// Out of credit: a 429 that no wait will cure.
		class = translate.ErrFatal
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "context") || strings.Contains(lower, "too many tokens") || strings.Contains(lower, "too long")):
		class = translate.ErrTooLarge
	default:
		if class = translate.StatusClass(a.Status); class == nil {
			class = translate.ErrFatal
		}
	}
	header := a.Header
	if class == translate.ErrRetry && header.Get("Retry-After") == "" {
		if wait, ok := rateLimitReset(header); ok {
			header = header.Clone()
			header.Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		}
	}
	a.Header = header
	if kind != "" {
		message += " (" + kind + ")"
	}
	return httpcall.Failure(engine, class, a, message, t.key, t.now())
}

// errorMessage reads the message and the type or code of an error body.
func errorMessage(body []byte) (message, kind string) {
	var nested struct {
		Error struct {
			Message string `json:"message"`
			Type    string `json:"type"`
			Code    any    `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &nested) == nil && nested.Error.Message != "" {
		kind = nested.Error.Type
		if code, ok := nested.Error.Code.(string); ok && code != "" && code != kind {
			kind = strings.TrimPrefix(kind+" "+code, " ")
		}
		return nested.Error.Message, kind
	}
	var flat struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		Error   string `json:"error"`
	}
	if json.Unmarshal(body, &flat) == nil {
		switch {
		case flat.Message != "":
			return flat.Message, flat.Type
		case flat.Error != "":
			return flat.Error, ""
		}
	}
	return httpcall.Excerpt(body), ""
}

// rateLimitReset reads OpenAI's x-ratelimit-reset-* headers ("1s",
// "6m0s"), taking the later of requests and tokens.
func rateLimitReset(h http.Header) (time.Duration, bool) {
	var wait time.Duration
	ok := false
	for _, name := range []string{"X-Ratelimit-Reset-Requests", "X-Ratelimit-Reset-Tokens"} {
		if d, err := time.ParseDuration(h.Get(name)); err == nil && d > 0 {
			wait, ok = max(wait, d), true
		}
	}
	return wait, ok
}
