// Package googletest is a local fake of Google Cloud Translation v2 (Basic)
// for tests and benchmarks: POST /language/translate/v2 on 127.0.0.1.
//
// It keeps to the documented protocol: the key as X-Goog-Api-Key header
// or ?key= (a missing key is 403, a wrong one 400 API_KEY_INVALID), JSON
// or form bodies, at most 128 q strings, 400 over 100 KB, a daily quota
// (403 dailyLimitExceeded) and a per-minute one (403
// userRateLimitExceeded), format=html by default with translate="no" and
// class="notranslate" honoured and the answer entity-escaped (&#39;), and
// detectedSourceLanguage only without source. Failures are injected with
// Fail. Its translation is Translate.
package googletest

import (
	"encoding/json"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
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

// DefaultKey is the key a Server accepts unless WithKey says otherwise.
const DefaultKey = "AIzaSyFAKE-0000000000000000000000000000"

const (
	maxQ    = 128
	maxBody = 100 << 10
)

// A Server is a running fake. Close is called when the test ends.
type Server struct {
	*httptest.Server
	fake.Base
	mu sync.Mutex // guards the server's own state

	key                     string
	dailyQuota, usedToday   int
	minuteQuota, usedMinute int
	minuteStart             time.Time
	now                     func() time.Time
}

// An Option configures a Server.
type Option func(*Server)

// WithKey sets the one key the server accepts.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithDailyQuota sets the characters a day allows; past it, 403
// dailyLimitExceeded.
func WithDailyQuota(chars int) Option { return func(s *Server) { s.dailyQuota = chars } }

// WithMinuteQuota sets the characters a minute allows; past it, 403
// userRateLimitExceeded until the minute is over.
func WithMinuteQuota(chars int) Option { return func(s *Server) { s.minuteQuota = chars } }

// WithClock replaces the clock that times the minute window.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// NewServer starts a fake on 127.0.0.1 and closes it when tb ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{key: DefaultKey, now: time.Now}
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
	if r.URL.Path == "/language/translate/v2/languages" {
		s.Serve(w, r, s.languages, func(w http.ResponseWriter, f Failure) {
			writeError(w, f.Status, http.StatusText(f.Status), "backendError", "INTERNAL", "")
		})
		return
	}
	if strings.TrimSuffix(r.URL.Path, "/") != "/language/translate/v2" {
		writeError(w, http.StatusNotFound, "Not Found", "notFound", "NOT_FOUND", "")
		return
	}
	s.Serve(w, r, s.translate, func(w http.ResponseWriter, f Failure) {
		reason, status := "backendError", "INTERNAL"
		switch f.Status {
		case http.StatusTooManyRequests:
			reason, status = "rateLimitExceeded", "RESOURCE_EXHAUSTED"
		case http.StatusForbidden:
			reason, status = "forbidden", "PERMISSION_DENIED"
		case http.StatusBadRequest:
			reason, status = "badRequest", "INVALID_ARGUMENT"
		case http.StatusServiceUnavailable:
			status = "UNAVAILABLE"
		}
		message := f.Message
		if message == "" {
			message = http.StatusText(f.Status)
		}
		writeError(w, f.Status, message, reason, status, "")
	})
}

// writeError answers with Google's error body; detail, when set, is the
// reason of an ErrorInfo detail such as API_KEY_INVALID.
func writeError(w http.ResponseWriter, code int, message, reason, status, detail string) {
	type item struct {
		Message string `json:"message"`
		Domain  string `json:"domain"`
		Reason  string `json:"reason"`
	}
	type info struct {
		Type   string `json:"@type"`
		Reason string `json:"reason"`
		Domain string `json:"domain"`
	}
	var body struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Errors  []item `json:"errors"`
			Status  string `json:"status"`
			Details []info `json:"details,omitempty"`
		} `json:"error"`
	}
	body.Error.Code = code
	body.Error.Message = message
	domain := "global"
	if strings.HasSuffix(reason, "LimitExceeded") {
		domain = "usageLimits"
	}
	body.Error.Errors = []item{{message, domain, reason}}
	body.Error.Status = status
	if detail != "" {
		body.Error.Details = []info{{"type.googleapis.com/google.rpc.ErrorInfo", detail, "googleapis.com"}}
	}
	out, _ := fake.Marshal(body)
	fake.WriteJSON(w, code, out)
}

// authorize checks the key, from the header or the query.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	key := r.Header.Get("X-Goog-Api-Key")
	if key == "" {
		key = r.URL.Query().Get("key")
	}
	switch {
	case key == "":
		writeError(w, http.StatusForbidden, "The request is missing a valid API key.", "forbidden", "PERMISSION_DENIED", "")
		return false
	case key != s.key:
		writeError(w, http.StatusBadRequest, "API key not valid. Please pass a valid API key.", "badRequest", "INVALID_ARGUMENT", "API_KEY_INVALID")
		return false
	}
	return true
}

func (s *Server) languages(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r) {
		return
	}
	type lang struct {
		Language string `json:"language"`
	}
	var resp struct {
		Data struct {
			Languages []lang `json:"languages"`
		} `json:"data"`
	}
	for _, code := range knownCodes {
		resp.Data.Languages = append(resp.Data.Languages, lang{code})
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

type translateRequest struct {
	Q      []string `json:"q"`
	Target string   `json:"target"`
	Source string   `json:"source"`
	Format string   `json:"format"`
	Model  string   `json:"model"`
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "badRequest", "INVALID_ARGUMENT", "")
		return
	}
	if !s.authorize(w, r) {
		return
	}
	body, tooLarge, err := fake.ReadBody(r, maxBody)
	if err != nil {
		return
	}
	if tooLarge {
		writeError(w, http.StatusBadRequest, "Request payload size exceeds the limit: 102400 bytes.", "badRequest", "INVALID_ARGUMENT", "")
		return
	}
	req, ok := parseRequest(r, body)
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid JSON payload received.", "badRequest", "INVALID_ARGUMENT", "")
		return
	}
	s.Record(Request{Method: r.Method, URL: r.URL.String(), Header: r.Header.Clone(), Texts: req.Q, Source: req.Source, Target: req.Target, Bytes: len(body)})
	if req.Format == "" {
		req.Format = "html"
	}
	switch {
	case len(req.Q) == 0:
		writeError(w, http.StatusBadRequest, "Required Text", "required", "INVALID_ARGUMENT", "")
		return
	case len(req.Q) > maxQ:
		writeError(w, http.StatusBadRequest, "Too many text segments", "badRequest", "INVALID_ARGUMENT", "")
		return
	case req.Target == "":
		writeError(w, http.StatusBadRequest, "Missing required field target", "required", "INVALID_ARGUMENT", "")
		return
	case !known(req.Target) || (req.Source != "" && !known(req.Source)):
		writeError(w, http.StatusBadRequest, "Invalid Value", "invalid", "INVALID_ARGUMENT", "")
		return
	case req.Format != "html" && req.Format != "text", req.Model != "" && req.Model != "nmt" && req.Model != "base":
		writeError(w, http.StatusBadRequest, "Invalid Value", "invalid", "INVALID_ARGUMENT", "")
		return
	}
	chars := 0
	for _, q := range req.Q {
		chars += utf8.RuneCountInString(q)
	}
	if reason := s.charge(chars); reason != "" {
		message := "Daily Limit Exceeded"
		if reason == "userRateLimitExceeded" {
			message = "User Rate Limit Exceeded"
		}
		writeError(w, http.StatusForbidden, message, reason, "PERMISSION_DENIED", "")
		return
	}
	type translation struct {
		TranslatedText         string `json:"translatedText"`
		DetectedSourceLanguage string `json:"detectedSourceLanguage,omitempty"`
	}
	var resp struct {
		Data struct {
			Translations []translation `json:"translations"`
		} `json:"data"`
	}
	for _, q := range req.Q {
		tr := translation{TranslatedText: fake.Translate(q, req.Target)}
		if req.Format == "html" {
			tr.TranslatedText = fake.TranslateMarkup(q, req.Target, fake.TranslateNo, htmlEscape)
		}
		if req.Source == "" {
			tr.DetectedSourceLanguage = "en"
		}
		resp.Data.Translations = append(resp.Data.Translations, tr)
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

// charge counts chars against the quotas and names the one exceeded.
func (s *Server) charge(chars int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if now.Sub(s.minuteStart) >= time.Minute {
		s.minuteStart, s.usedMinute = now, 0
	}
	switch {
	case s.dailyQuota > 0 && s.usedToday+chars > s.dailyQuota:
		return "dailyLimitExceeded"
	case s.minuteQuota > 0 && s.usedMinute+chars > s.minuteQuota:
		return "userRateLimitExceeded"
	}
	s.usedToday += chars
	s.usedMinute += chars
	return ""
}

// parseRequest reads the parameters from a JSON body, a form body or the
// query, as Google accepts all three.
func parseRequest(r *http.Request, body []byte) (translateRequest, bool) {
	var req translateRequest
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return req, json.Unmarshal(body, &req) == nil
	}
	values := r.URL.Query()
	if form, err := url.ParseQuery(string(body)); err == nil {
		for k, v := range form {
			values[k] = append(values[k], v...)
		}
	}
	req.Q = values["q"]
	req.Target, req.Source = values.Get("target"), values.Get("source")
	req.Format, req.Model = values.Get("format"), values.Get("model")
	return req, true
}

// knownCodes is a small set of the codes Google takes.
var knownCodes = []string{"en", "es", "de", "fr", "ru", "az", "fa", "hy", "ka", "tr", "ar", "he", "iw", "uk", "zh-CN", "zh-TW", "pt", "it"}

func known(code string) bool {
	for _, c := range knownCodes {
		if strings.EqualFold(c, code) {
			return true
		}
	}
	return false
}

// htmlEscape escapes as Google does in html mode, quotes included.
func htmlEscape(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
