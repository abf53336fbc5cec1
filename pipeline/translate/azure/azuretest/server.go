// Package azuretest is a local fake of Azure AI Translator v3 for tests
// and benchmarks: POST /translate?api-version=3.0 on 127.0.0.1.
//
// It keeps to the documented protocol: the key (and, when set, the region)
// in Ocp-Apim-Subscription-* headers, api-version=3.0, one or more to,
// at most 1,000 elements and 50,000 characters counted once per target,
// six-digit error codes ({"error":{"code":403001,…}}), the free quota
// (403001), a per-minute character window (429001, which also refuses a
// single request larger than the window, as F0 does), textType=html with
// translate="no" and class="notranslate" honoured, and in plain text the
// dynamic dictionary, applied only with English on one side and an
// explicit from. Failures are injected with Fail. Its translation is
// Translate.
package azuretest

import (
	"encoding/json"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
	"net/http"
	"net/http/httptest"
	"regexp"
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

// DefaultKey is the key a Server accepts unless WithKey says otherwise.
const DefaultKey = "0123456789abcdef0123456789abcdef"

const (
	maxElements = 1000
	maxChars    = 50000
	maxBody     = 1 << 20
)

// A Server is a running fake. Close is called when the test ends.
type Server struct {
	*httptest.Server
	fake.Base
	mu sync.Mutex // guards the server's own state

	key, region string
	quota, used int // characters; 0 for no quota
	maxChars    int // per request

	minuteChars, usedMinute int
	minuteStart             time.Time
	now                     func() time.Time
}

// An Option configures a Server.
type Option func(*Server)

// WithKey sets the one key the server accepts.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithRegion makes the server a regional resource that requires this
// Ocp-Apim-Subscription-Region.
func WithRegion(region string) Option { return func(s *Server) { s.region = region } }

// WithQuota sets the characters left of the free quota; past it, 403001.
func WithQuota(chars int) Option { return func(s *Server) { s.quota = chars } }

// WithMaxChars lowers the characters one request may carry from the
// documented 50,000.
func WithMaxChars(chars int) Option { return func(s *Server) { s.maxChars = chars } }

// WithMinuteChars sets the characters a minute allows (F0: about 33,300);
// past it, 429001 until the minute is over.
func WithMinuteChars(chars int) Option { return func(s *Server) { s.minuteChars = chars } }

// WithClock replaces the clock that times the minute window.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// NewServer starts a fake on 127.0.0.1 and closes it when tb ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{key: DefaultKey, now: time.Now, maxChars: maxChars}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.route))
	tb.Cleanup(s.Close)
	return s
}

// Key is the key the server accepts.
func (s *Server) Key() string { return s.key }

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/translate" {
		writeError(w, http.StatusNotFound, 404001, "The requested resource was not found.")
		return
	}
	s.Serve(w, r, s.translate, func(w http.ResponseWriter, f Failure) {
		code := map[int]int{400: 400000, 401: 401000, 403: 403000, 408: 408001, 429: 429000, 500: 500000, 503: 503000}[f.Status]
		if code == 0 {
			code = f.Status * 1000
		}
		message := f.Message
		if message == "" {
			message = map[int]string{
				408001: "The requested system or model is being prepared. Retry in a few minutes.",
				429000: "The server rejected the request because the client has exceeded request limits.",
				500000: "An unexpected error occurred.",
				503000: "Service is temporarily unavailable.",
			}[code]
		}
		writeError(w, f.Status, code, message)
	})
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	var body struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Message = code, message
	out, _ := fake.Marshal(body)
	fake.WriteJSON(w, status, out)
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case r.Method != http.MethodPost:
		writeError(w, http.StatusMethodNotAllowed, 405000, "The request method is not supported for the requested resource.")
		return
	case r.Header.Get("Ocp-Apim-Subscription-Key") != s.key,
		s.region != "" && !strings.EqualFold(r.Header.Get("Ocp-Apim-Subscription-Region"), s.region):
		writeError(w, http.StatusUnauthorized, 401000, "The request is not authorized because credentials are missing or invalid.")
		return
	case q.Get("api-version") != "3.0":
		writeError(w, http.StatusBadRequest, 400021, "The API version parameter is missing or invalid.")
		return
	}
	targets := q["to"]
	from := q.Get("from")
	textType := q.Get("textType")
	if textType == "" {
		textType = "plain"
	}
	switch {
	case len(targets) == 0:
		writeError(w, http.StatusBadRequest, 400036, "The target language (\"To\" field) is missing or invalid.")
		return
	case from != "" && !known(from):
		writeError(w, http.StatusBadRequest, 400035, "The source language (\"From\" field) is not valid.")
		return
	case textType != "plain" && textType != "html":
		writeError(w, http.StatusBadRequest, 400064, "The translation type is not valid.")
		return
	}
	for _, to := range targets {
		if !known(to) {
			writeError(w, http.StatusBadRequest, 400036, "The target language (\"To\" field) is missing or invalid.")
			return
		}
	}
	body, tooLarge, err := fake.ReadBody(r, maxBody)
	if err != nil {
		return
	}
	var elements []struct {
		Text string `json:"Text"`
	}
	if tooLarge || json.Unmarshal(body, &elements) != nil {
		writeError(w, http.StatusBadRequest, 400074, "The body of the request is not valid JSON.")
		return
	}
	texts := make([]string, len(elements))
	chars := 0
	for i, e := range elements {
		texts[i] = e.Text
		chars += utf8.RuneCountInString(e.Text)
	}
	chars *= len(targets)
	s.Record(Request{Method: r.Method, URL: r.URL.String(), Header: r.Header.Clone(), Texts: texts, Source: from, Target: strings.Join(targets, ","), Bytes: len(body)})
	switch {
	case len(elements) == 0:
		writeError(w, http.StatusBadRequest, 400002, "The request body is empty.")
		return
	case len(elements) > maxElements:
		writeError(w, http.StatusBadRequest, 400077, "The maximum request size has been exceeded.")
		return
	case chars > s.maxChars:
		writeError(w, http.StatusBadRequest, 400050, "The input text is too long.")
		return
	}
	if code := s.charge(chars); code != 0 {
		if code == 403001 {
			writeError(w, http.StatusForbidden, code, "The operation is not allowed because the subscription has exceeded its free quota.")
		} else {
			writeError(w, http.StatusTooManyRequests, code, "The server rejected the request because the client has exceeded request limits.")
		}
		return
	}
	type translation struct {
		Text string `json:"text"`
		To   string `json:"to"`
	}
	type result struct {
		DetectedLanguage *struct {
			Language string  `json:"language"`
			Score    float64 `json:"score"`
		} `json:"detectedLanguage,omitempty"`
		Translations []translation `json:"translations"`
	}
	resp := make([]result, len(texts))
	for i, text := range texts {
		if from == "" {
			resp[i].DetectedLanguage = &struct {
				Language string  `json:"language"`
				Score    float64 `json:"score"`
			}{"en", 1}
		}
		for _, to := range targets {
			var out string
			if textType == "html" {
				out = fake.TranslateMarkup(text, to, fake.TranslateNo, escapeText)
			} else {
				out = translatePlain(text, from, to)
			}
			resp[i].Translations = append(resp[i].Translations, translation{out, to})
		}
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

// charge counts chars against the free quota and the minute window, and
// returns the error code of the one exceeded.
func (s *Server) charge(chars int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Sub(s.minuteStart) >= time.Minute {
		s.minuteStart, s.usedMinute = now, 0
	}
	switch {
	case s.quota > 0 && s.used+chars > s.quota:
		return 403001
	case s.minuteChars > 0 && s.usedMinute+chars > s.minuteChars:
		return 429001
	}
	s.used += chars
	s.usedMinute += chars
	return 0
}

var dictionaryElement = regexp.MustCompile(`<mstrans:dictionary translation="([^"]*)">(.*?)</mstrans:dictionary>`)

// translatePlain translates plain text. The dynamic dictionary applies
// only with English on one side and an explicit from; otherwise its
// markup is dropped and its content translated like the rest.
func translatePlain(text, from, to string) string {
	useDictionary := from != "" && (strings.EqualFold(from, "en") || strings.EqualFold(to, "en"))
	var b strings.Builder
	pos := 0
	for _, m := range dictionaryElement.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(fake.Translate(text[pos:m[0]], to))
		if useDictionary {
			b.WriteString(html.UnescapeString(text[m[2]:m[3]]))
		} else {
			b.WriteString(fake.Translate(text[m[4]:m[5]], to))
		}
		pos = m[1]
	}
	b.WriteString(fake.Translate(text[pos:], to))
	return b.String()
}

func known(code string) bool {
	switch strings.ToLower(code) {
	case "en", "es", "de", "fr", "ru", "az", "fa", "hy", "ka", "tr", "ar", "he", "uk", "zh-hans", "zh-hant", "pt", "it":
		return true
	}
	return false
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeText(s string) string { return textEscaper.Replace(s) }
