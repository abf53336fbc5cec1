// Package openaitest is a local fake of an OpenAI-compatible chat
// completions server (OpenAI, vLLM, Ollama, llama.cpp) for tests and
// benchmarks: POST /v1/chat/completions and GET /v1/models on 127.0.0.1.
//
// Its "model" reads the last user message as segments numbered "[n] " at
// the start of a line, translates each with Translate while copying <keep>
// elements verbatim, and answers {"translations":[…]} in the message
// content. It reproduces what such servers do to a client: Bearer auth
// (401 invalid_api_key), unknown models (404), 429 rate limits with
// x-ratelimit-reset-* headers versus 429 insufficient_quota, <think>
// blocks in the content, closed or left open (and quoting decoy JSON),
// turned off by chat_template_kwargs enable_thinking=false,
// finish_reason=length with the JSON cut off at max_tokens, and a context
// window that is either refused (vLLM's and llama.cpp's 400s) or silently
// truncated from the front (Ollama). Failures are injected with Fail.
package openaitest

import (
	"encoding/json"
	"fmt"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Failure and Request are the fake's failures to inject and requests
// recorded, shared by every fake engine.
type (
	Failure = fake.Failure
	Request = fake.Request
)

// Marker goes in front of every word the fake cannot translate.
const Marker = fake.Marker

// Translate is the fake's translation of plain text into target.
func Translate(text, target string) string { return fake.Translate(text, target) }

// A Server is a running fake. Close is called when the test ends.
type Server struct {
	*httptest.Server
	fake.Base
	mu sync.Mutex // guards the server's own state

	key        string
	models     []string
	think      Think
	dropTags   bool
	maxTokens  int
	context    int
	overflow   Overflow
	quota      int // tokens; 0 for none
	usedTokens int
}

// Think says whether the model reasons in its content first.
type Think int

const (
	NoThink       Think = iota
	ThinkClosed         // <think>…</think> then the answer
	ThinkUnclosed       // <think>… never closed, cut at the token limit
)

// Overflow says what the server does with a prompt over its context.
type Overflow int

const (
	RefuseVLLM     Overflow = iota // 400 {"object":"error",…}
	RefuseLlamaCpp                 // 400 exceed_context_size_error
	TruncateOllama                 // drop the prompt's start, answer 200
)

// An Option configures a Server.
type Option func(*Server)

// WithKey makes the server require this Bearer key.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithModels lists the models served; others get 404.
func WithModels(models ...string) Option { return func(s *Server) { s.models = models } }

// WithThink makes the model think aloud in its content.
func WithThink(t Think) Option { return func(s *Server) { s.think = t } }

// WithDroppedTags makes the model drop <keep> tags, keeping the names.
func WithDroppedTags() Option { return func(s *Server) { s.dropTags = true } }

// WithMaxTokens caps every answer, as a server's default max_tokens does.
func WithMaxTokens(tokens int) Option { return func(s *Server) { s.maxTokens = tokens } }

// WithContext sets the context window in tokens and what an overflow does.
func WithContext(tokens int, o Overflow) Option {
	return func(s *Server) { s.context, s.overflow = tokens, o }
}

// WithQuota sets the tokens the account has left; past them, 429
// insufficient_quota.
func WithQuota(tokens int) Option { return func(s *Server) { s.quota = tokens } }

// NewServer starts a fake on 127.0.0.1 and closes it when tb ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.route))
	tb.Cleanup(s.Close)
	return s
}

// BaseURL is the API base to configure a client with, ending in /v1.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// tokens estimates tokens as a quarter of the characters.
func tokens(s string) int { return (utf8.RuneCountInString(s) + 3) / 4 }

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/v1/chat/completions":
		s.Serve(w, r, s.complete, s.fail)
	case "/v1/models":
		s.Serve(w, r, s.listModels, s.fail)
	default:
		writeError(w, http.StatusNotFound, "Not found", "invalid_request_error", "")
	}
}

func (s *Server) fail(w http.ResponseWriter, f Failure) {
	message, kind, code := f.Message, "server_error", ""
	switch f.Status {
	case http.StatusTooManyRequests:
		w.Header().Set("X-Ratelimit-Reset-Requests", "1s")
		w.Header().Set("X-Ratelimit-Reset-Tokens", "6m0s")
		kind, code = "requests", "rate_limit_exceeded"
		if message == "" {
			message = "Rate limit reached for requests per min. Please try again in 1s."
		}
	case http.StatusUnauthorized:
		kind, code = "invalid_request_error", "invalid_api_key"
	case http.StatusBadRequest:
		kind = "invalid_request_error"
	}
	if message == "" {
		message = http.StatusText(f.Status)
	}
	writeError(w, f.Status, message, kind, code)
}

func writeError(w http.ResponseWriter, status int, message, kind, code string) {
	var body struct {
		Error struct {
			Message string  `json:"message"`
			Type    string  `json:"type"`
			Param   *string `json:"param"`
			Code    *string `json:"code"`
		} `json:"error"`
	}
	body.Error.Message, body.Error.Type = message, kind
	if code != "" {
		body.Error.Code = &code
	}
	out, _ := fake.Marshal(body)
	fake.WriteJSON(w, status, out)
}

func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.key == "" {
		return true
	}
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if got == s.key {
		return true
	}
	masked := "none"
	if len(got) > 8 {
		masked = got[:3] + "*****" + got[len(got)-4:]
	}
	writeError(w, http.StatusUnauthorized, "Incorrect API key provided: "+masked+". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")
	return false
}

func (s *Server) listModels(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	type model struct {
		ID     string `json:"id"`
		Object string `json:"object"`
	}
	list := struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{Object: "list"}
	for _, m := range s.models {
		list.Data = append(list.Data, model{m, "model"})
	}
	out, _ := fake.Marshal(list)
	fake.WriteJSON(w, http.StatusOK, out)
}

type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Temperature         *float64        `json:"temperature"`
	MaxTokens           int             `json:"max_tokens"`
	MaxCompletionTokens int             `json:"max_completion_tokens"`
	ResponseFormat      json.RawMessage `json:"response_format"`
	ChatTemplateKwargs  map[string]any  `json:"chat_template_kwargs"`
}

var segmentStart = regexp.MustCompile(`(?m)^\[(\d+)\] `)

var keepElement = regexp.MustCompile(`<keep\b[^>]*>(.*?)</keep>`)

func (s *Server) complete(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed", "invalid_request_error", "")
		return
	}
	if !s.authorized(w, r) {
		return
	}
	body, _, err := fake.ReadBody(r, 10<<20)
	if err != nil {
		return
	}
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil || len(req.Messages) == 0 {
		writeError(w, http.StatusBadRequest, "We could not parse the JSON body of your request.", "invalid_request_error", "")
		return
	}
	if req.Model == "" || (len(s.models) > 0 && !contains(s.models, req.Model)) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", req.Model), "invalid_request_error", "model_not_found")
		return
	}
	if reasoning(req.Model) {
		// OpenAI's reasoning models refuse what sampling models take.
		switch {
		case req.Temperature != nil && *req.Temperature != 1:
			writeError(w, http.StatusBadRequest, fmt.Sprintf("Unsupported value: 'temperature' does not support %v with this model. Only the default (1) value is supported.", *req.Temperature), "invalid_request_error", "unsupported_value")
			return
		case req.MaxTokens > 0:
			writeError(w, http.StatusBadRequest, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "invalid_request_error", "unsupported_parameter")
			return
		}
	}
	prompt := 0
	user, target := "", "und"
	for _, m := range req.Messages {
		prompt += tokens(m.Content)
		switch m.Role {
		case "user":
			user = m.Content
		case "system":
			// The fake only knows Spanish by name.
			if strings.Contains(m.Content, "into Spanish") {
				target = "es"
			}
		}
	}
	if s.context > 0 && prompt > s.context {
		switch s.overflow {
		case RefuseVLLM:
			out, _ := fake.Marshal(map[string]any{"object": "error", "type": "BadRequestError", "param": nil, "code": 400,
				"message": fmt.Sprintf("This model's maximum context length is %d tokens. However, you requested %d tokens in the messages. Please reduce the length of the messages.", s.context, prompt)})
			fake.WriteJSON(w, http.StatusBadRequest, out)
			return
		case RefuseLlamaCpp:
			out, _ := fake.Marshal(map[string]any{"error": map[string]any{"code": 400, "type": "exceed_context_size_error", "n_prompt_tokens": prompt, "n_ctx": s.context,
				"message": "the request exceeds the available context size, try increasing it"}})
			fake.WriteJSON(w, http.StatusBadRequest, out)
			return
		case TruncateOllama:
			// Ollama keeps the end of the prompt and says nothing.
			over := (prompt - s.context) * 4
			if over >= len(user) {
				user = ""
			} else {
				for over < len(user) && !utf8.RuneStart(user[over]) {
					over++
				}
				user = user[over:]
			}
			prompt = s.context
		}
	}
	segments := parseSegments(user)
	s.Record(Request{Method: r.Method, URL: r.URL.String(), Header: r.Header.Clone(), Texts: segments, Target: target, Bytes: len(body)})

	translations := make([]string, len(segments))
	for i, seg := range segments {
		translations[i] = s.translateSegment(seg, target)
	}
	answer, _ := fake.Marshal(map[string][]string{"translations": translations})
	content := string(answer)
	think := s.think
	if enabled, ok := req.ChatTemplateKwargs["enable_thinking"].(bool); ok && !enabled {
		think = NoThink
	}
	switch think {
	case ThinkClosed:
		content = "<think>\nThe user wants a translation. A first draft: {\"translations\": [\"borrador\"]}. Now the final answer.\n</think>\n\n" + content
	case ThinkUnclosed:
		content = "<think>\nThe user wants a translation. Let me consider each segment carefully. " + strings.Repeat("Hmm, wait. ", 50)
	}
	limit := s.maxTokens
	for _, n := range []int{req.MaxTokens, req.MaxCompletionTokens} {
		if n > 0 && (limit == 0 || n < limit) {
			limit = n
		}
	}
	finish := "stop"
	if think == ThinkUnclosed {
		finish = "length"
	}
	if limit > 0 && tokens(content) > limit {
		content = cutRunes(content, limit*4)
		finish = "length"
	}
	completion := tokens(content)
	if !s.spend(prompt + completion) {
		writeError(w, http.StatusTooManyRequests, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota")
		return
	}
	resp := map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "model": req.Model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]string{"role": "assistant", "content": content},
			"finish_reason": finish,
		}},
		"usage": map[string]int{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) spend(n int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.quota > 0 && s.usedTokens+n > s.quota {
		return false
	}
	s.usedTokens += n
	return true
}

// parseSegments splits a user message into its numbered segments; text
// before the first number, like a truncated segment, is lost.
func parseSegments(user string) []string {
	marks := segmentStart.FindAllStringIndex(user, -1)
	segments := make([]string, len(marks))
	for i, m := range marks {
		end := len(user)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		segments[i] = strings.TrimRight(user[m[1]:end], "\n")
	}
	return segments
}

// translateSegment translates around <keep> elements, which it copies,
// or only their content when the model drops tags.
func (s *Server) translateSegment(seg, target string) string {
	var b strings.Builder
	pos := 0
	for _, m := range keepElement.FindAllStringSubmatchIndex(seg, -1) {
		b.WriteString(fake.Translate(seg[pos:m[0]], target))
		if s.dropTags {
			b.WriteString(seg[m[2]:m[3]])
		} else {
			b.WriteString(seg[m[0]:m[1]])
		}
		pos = m[1]
	}
	b.WriteString(fake.Translate(seg[pos:], target))
	return b.String()
}

func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// reasoning reports whether model is one of OpenAI's reasoning models (o1,
// o3, o4-mini, gpt-5…), which take no temperature and no max_tokens.
func reasoning(model string) bool {
	return len(model) >= 2 && model[0] == 'o' && model[1] >= '0' && model[1] <= '9' || strings.HasPrefix(model, "gpt-5")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
