// Package libretranslatetest is a local fake of a LibreTranslate server for
// tests and benchmarks: POST /translate on 127.0.0.1.
//
// It keeps to the server's behaviour (libretranslate/app.py): JSON or form
// bodies, q as a string or an array (answered in kind), source "auto" with
// detectedLanguage only then, --char-limit summed over the whole request
// and --batch-limit, both 400 "exceeds text limit"; --req-limit per minute,
// an array counting as len(q) requests, answered 429 "Slowdown:" without
// Retry-After; a flood ban (403) after too many of those; API keys (400
// when missing, 403 when unknown). In html mode translate="no" is honoured
// but class="notranslate" is not, and entities in the answer come back
// decoded. Failures are injected with Fail. Its translation is Translate.
package libretranslatetest

import (
	"encoding/json"
	"fmt"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
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

	key                   string // required when set
	charLimit, batchLimit int    // 0 for none
	reqLimit, usedMinute  int
	minuteStart           time.Time
	floodThreshold        int
	violations            int
	now                   func() time.Time
}

// An Option configures a Server, as the server's flags do.
type Option func(*Server)

// WithKey turns API keys on (--api-keys) with one key.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithCharLimit is --char-limit: characters per request, all texts summed.
func WithCharLimit(chars int) Option { return func(s *Server) { s.charLimit = chars } }

// WithBatchLimit is --batch-limit: texts per request.
func WithBatchLimit(texts int) Option { return func(s *Server) { s.batchLimit = texts } }

// WithReqLimit is --req-limit: requests per minute, an array counting as
// one request per text.
func WithReqLimit(perMinute int) Option { return func(s *Server) { s.reqLimit = perMinute } }

// WithFloodThreshold bans the client (403) after this many 429s.
func WithFloodThreshold(violations int) Option {
	return func(s *Server) { s.floodThreshold = violations }
}

// WithClock replaces the clock that times the minute window.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// NewServer starts a fake on 127.0.0.1 and closes it when tb ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{now: time.Now}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.route))
	tb.Cleanup(s.Close)
	return s
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/languages" && r.Method == http.MethodGet {
		s.Serve(w, r, s.languages, func(w http.ResponseWriter, f Failure) { writeError(w, f.Status, http.StatusText(f.Status)) })
		return
	}
	if r.URL.Path != "/translate" {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	s.Serve(w, r, s.translate, func(w http.ResponseWriter, f Failure) {
		message := f.Message
		if message == "" {
			message = http.StatusText(f.Status)
		}
		if f.Status == http.StatusTooManyRequests {
			message = "Slowdown: " + message
		}
		writeError(w, f.Status, message)
	})
}

func writeError(w http.ResponseWriter, status int, message string) {
	out, _ := fake.Marshal(map[string]string{"error": message})
	fake.WriteJSON(w, status, out)
}

type translateRequest struct {
	Q      json.RawMessage `json:"q"`
	Source string          `json:"source"`
	Target string          `json:"target"`
	Format string          `json:"format"`
	APIKey string          `json:"api_key"`
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		return
	}
	body, _, err := fake.ReadBody(r, 10<<20)
	if err != nil {
		return
	}
	req, texts, batch, ok := parseRequest(r, body)
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid request: malformed body")
		return
	}
	s.Record(Request{Method: r.Method, URL: r.URL.String(), Header: r.Header.Clone(), Texts: texts, Source: req.Source, Target: req.Target, Bytes: len(body)})
	if status, message := s.admit(req.APIKey, len(texts)); status != 0 {
		writeError(w, status, message)
		return
	}
	switch {
	case len(texts) == 0:
		writeError(w, http.StatusBadRequest, "Invalid request: missing q parameter")
		return
	case req.Source == "":
		writeError(w, http.StatusBadRequest, "Invalid request: missing source parameter")
		return
	case req.Target == "":
		writeError(w, http.StatusBadRequest, "Invalid request: missing target parameter")
		return
	case batch && s.batchLimit > 0 && len(texts) > s.batchLimit:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Invalid request: request (%d) exceeds text limit (%d)", len(texts), s.batchLimit))
		return
	}
	chars := 0
	for _, t := range texts {
		chars += utf8.RuneCountInString(t)
	}
	switch {
	case s.charLimit > 0 && chars > s.charLimit:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Invalid request: request (%d) exceeds text limit (%d)", chars, s.charLimit))
		return
	case req.Source != "auto" && !known(req.Source):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s is not supported", req.Source))
		return
	case !known(req.Target):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s is not supported", req.Target))
		return
	}
	if req.Format == "" {
		req.Format = "text"
	}
	if req.Format != "text" && req.Format != "html" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s format is not supported", req.Format))
		return
	}
	results := make([]string, len(texts))
	for i, t := range texts {
		if req.Format == "html" {
			// The server decodes every entity of its html answer.
			results[i] = html.UnescapeString(fake.TranslateMarkup(t, req.Target, translateNoAttribute, escapeText))
		} else {
			results[i] = fake.Translate(t, req.Target)
		}
	}
	type detection struct {
		Confidence float64 `json:"confidence"`
		Language   string  `json:"language"`
	}
	resp := map[string]any{}
	if batch {
		resp["translatedText"] = results
	} else {
		resp["translatedText"] = results[0]
	}
	if req.Source == "auto" {
		detected := make([]detection, len(texts))
		for i := range detected {
			detected[i] = detection{90, "en"}
		}
		if batch {
			resp["detectedLanguage"] = detected
		} else {
			resp["detectedLanguage"] = detected[0]
		}
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

// admit applies the flood ban, the API key and the request limit, in the
// server's order.
func (s *Server) admit(key string, texts int) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.floodThreshold > 0 && s.violations >= s.floodThreshold:
		return http.StatusForbidden, "Too many request limits violations"
	case s.key != "" && key != "" && key != s.key:
		return http.StatusForbidden, "Invalid API key"
	case s.key != "" && key == "":
		return http.StatusBadRequest, "Please contact the server operator to get an API key"
	}
	if s.reqLimit > 0 {
		now := s.now()
		if now.Sub(s.minuteStart) >= time.Minute {
			s.minuteStart, s.usedMinute = now, 0
		}
		if s.usedMinute+max(texts, 1) > s.reqLimit {
			s.violations++
			return http.StatusTooManyRequests, fmt.Sprintf("Slowdown: %d per 1 minute", s.reqLimit)
		}
		s.usedMinute += max(texts, 1)
	}
	return 0, ""
}

// parseRequest reads a JSON or form body; q may be a string or an array.
func parseRequest(r *http.Request, body []byte) (req translateRequest, texts []string, batch, ok bool) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if json.Unmarshal(body, &req) != nil {
			return req, nil, false, false
		}
		var one string
		switch {
		case len(req.Q) == 0 || string(req.Q) == "null":
		case json.Unmarshal(req.Q, &texts) == nil:
			batch = true
		case json.Unmarshal(req.Q, &one) == nil:
			if one != "" {
				texts = []string{one}
			}
		default:
			return req, nil, false, false
		}
		return req, texts, batch, true
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return req, nil, false, false
	}
	if q := values.Get("q"); q != "" {
		texts = []string{strings.Join(strings.Split(strings.ReplaceAll(q, "\r\n", "\n"), "\r"), "\n")}
	}
	req.Source, req.Target = values.Get("source"), values.Get("target")
	req.Format, req.APIKey = values.Get("format"), values.Get("api_key")
	return req, texts, false, true
}

// translateNoAttribute honours translate="no" only: translate-html
// ignores class="notranslate".
func translateNoAttribute(_ string, attrs map[string]string) bool {
	return strings.EqualFold(attrs["translate"], "no")
}

// knownCodes are the languages the fake serves, each to every other.
var knownCodes = []string{"en", "es", "de", "fr", "ru", "az", "fa", "tr", "ar", "he", "uk", "zh", "zt", "pt", "it"}

func known(code string) bool {
	for _, c := range knownCodes {
		if strings.EqualFold(c, code) {
			return true
		}
	}
	return false
}

func (s *Server) languages(w http.ResponseWriter, r *http.Request) {
	type lang struct {
		Code    string   `json:"code"`
		Name    string   `json:"name"`
		Targets []string `json:"targets"`
	}
	var list []lang
	for _, code := range knownCodes {
		var targets []string
		for _, t := range knownCodes {
			if t != code {
				targets = append(targets, t)
			}
		}
		list = append(list, lang{code, code, targets})
	}
	out, _ := fake.Marshal(list)
	fake.WriteJSON(w, http.StatusOK, out)
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeText(s string) string { return textEscaper.Replace(s) }
