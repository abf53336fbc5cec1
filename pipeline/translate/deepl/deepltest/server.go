// Package deepltest is a local fake of DeepL's API v2 for tests and
// benchmarks: POST /v2/translate, GET /v2/usage and the glossary
// endpoints (/v2/glossaries) on 127.0.0.1.
//
// It keeps to the documented protocol: header-only auth ("DeepL-Auth-Key"),
// the legacy auth_key refused, at most 50 texts, 413 over 128 KiB, 456 when
// the character quota runs out, 429 with an empty body, tag_handling=xml
// with ignore_tags (malformed XML refused) and html with translate="no".
// Failures are injected with Fail, or per session with the headers of
// DeepL's own mock server (mock-server-session, -429-count,
// -no-response-count, -init-character-limit). Its translation is Translate.
package deepltest

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
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

// DefaultKey is the key a Server accepts unless WithKey says otherwise; it
// is a Free API key.
const DefaultKey = "5f0e3a52-fake-4d0b-9d6c-000000000000:fx"

const (
	maxTexts = 50
	maxBody  = 128 << 10
)

// A Server is a running fake. Close is called when the test ends.
type Server struct {
	*httptest.Server
	fake.Base
	mu sync.Mutex // guards the server's own state

	key   string
	quota int // characters per billing period; 0 for no limit
	used  int

	sessions map[string]*session // by mock-server-session

	glossaries    map[string]*glossary // by glossary_id
	glossaryOrder []string
	glossarySeq   int
}

type session struct {
	fail429, noResponse int
	quota, used         int
}

// An Option configures a Server.
type Option func(*Server)

// WithKey sets the one key the server accepts.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithQuota sets the characters left in the billing period; a request
// that would pass it gets 456.
func WithQuota(chars int) Option { return func(s *Server) { s.quota = chars } }

// NewServer starts a fake on 127.0.0.1 and closes it when tb ends.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{key: DefaultKey, sessions: map[string]*session{}}
	for _, o := range opts {
		o(s)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.route))
	tb.Cleanup(s.Close)
	return s
}

// Key is the key the server accepts.
func (s *Server) Key() string { return s.key }

// Used is the number of characters billed so far.
func (s *Server) Used() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.used
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/v2/translate":
		s.Serve(w, r, s.translate, s.fail)
	case "/v2/usage":
		s.Serve(w, r, s.usage, s.fail)
	case "/v2/glossaries":
		s.Serve(w, r, s.glossariesRoute, s.fail)
	default:
		if strings.HasPrefix(r.URL.Path, "/v2/glossaries/") {
			s.Serve(w, r, s.glossariesRoute, s.fail)
			return
		}
		s.writeError(w, http.StatusNotFound, "Not found")
	}
}

func (s *Server) fail(w http.ResponseWriter, f Failure) { s.writeError(w, f.Status, f.Message) }

// writeError answers as DeepL does: {"message"}, except for 429, whose
// body is empty.
func (s *Server) writeError(w http.ResponseWriter, status int, message string) {
	if status == http.StatusTooManyRequests {
		w.WriteHeader(status)
		return
	}
	if message == "" {
		message = map[int]string{
			http.StatusBadRequest:            "Bad request",
			http.StatusForbidden:             "Authorization failure, check authentication key",
			http.StatusNotFound:              "Not found",
			http.StatusRequestEntityTooLarge: "Request Entity Too Large",
			456:                              "Quota for this billing period has been exceeded.",
			http.StatusInternalServerError:   "Internal server error",
			http.StatusServiceUnavailable:    "Service unavailable",
			http.StatusGatewayTimeout:        "Gateway timeout",
			529:                              "Too many requests",
		}[status]
	}
	body, _ := fake.Marshal(map[string]string{"message": message})
	fake.WriteJSON(w, status, body)
}

// authorize checks the key and, for requests of a mock session, injects
// the session's failures. It reports whether the request may go on.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) (*session, bool) {
	if r.URL.Query().Has("auth_key") || r.Header.Get("Auth-Key") != "" {
		s.writeError(w, http.StatusForbidden, "Legacy authentication via auth_key is no longer supported; use the Authorization header")
		return nil, false
	}
	if r.Header.Get("Authorization") != "DeepL-Auth-Key "+s.key {
		s.writeError(w, http.StatusForbidden, "")
		return nil, false
	}
	id := r.Header.Get("mock-server-session")
	if id == "" {
		return nil, true
	}
	s.mu.Lock()
	sess, ok := s.sessions[id]
	if !ok {
		sess = &session{
			fail429:    atoi(r.Header.Get("mock-server-session-429-count")),
			noResponse: atoi(r.Header.Get("mock-server-session-no-response-count")),
			quota:      atoi(r.Header.Get("mock-server-session-init-character-limit")),
		}
		s.sessions[id] = sess
	}
	var status int
	switch {
	case sess.noResponse > 0:
		sess.noResponse--
		status = -1
	case sess.fail429 > 0:
		sess.fail429--
		status = http.StatusTooManyRequests
	}
	s.mu.Unlock()
	switch status {
	case -1:
		fake.Reset(w)
		return nil, false
	case http.StatusTooManyRequests:
		s.writeError(w, status, "")
		return nil, false
	}
	return sess, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

type translateRequest struct {
	Text        []string `json:"text"`
	SourceLang  string   `json:"source_lang"`
	TargetLang  string   `json:"target_lang"`
	TagHandling string   `json:"tag_handling"`
	IgnoreTags  []string `json:"ignore_tags"`
	Formality   string   `json:"formality"`
	AuthKey     string   `json:"auth_key"`
	GlossaryID  string   `json:"glossary_id"`
}

func (s *Server) translate(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return
	}
	sess, ok := s.authorize(w, r)
	if !ok {
		return
	}
	body, tooLarge, err := fake.ReadBody(r, maxBody)
	if err != nil {
		return
	}
	if tooLarge {
		s.writeError(w, http.StatusRequestEntityTooLarge, "")
		return
	}
	req, problem := parseRequest(r.Header.Get("Content-Type"), body)
	if problem != "" {
		s.writeError(w, http.StatusBadRequest, problem)
		return
	}
	s.Record(Request{Method: r.Method, URL: r.URL.String(), Header: r.Header.Clone(), Texts: req.Text, Source: req.SourceLang, Target: req.TargetLang, Bytes: len(body)})
	if req.AuthKey != "" {
		s.writeError(w, http.StatusForbidden, "Legacy authentication via auth_key is no longer supported; use the Authorization header")
		return
	}
	if status, message := check(req); status != 0 {
		s.writeError(w, status, message)
		return
	}
	g, status, message := s.glossaryFor(req)
	if status != 0 {
		s.writeError(w, status, message)
		return
	}
	chars := 0
	for _, t := range req.Text {
		chars += utf8.RuneCountInString(t)
	}
	if !s.bill(sess, chars) {
		s.writeError(w, 456, "")
		return
	}
	detected := strings.ToUpper(req.SourceLang)
	if detected == "" {
		detected = "EN"
	}
	type translation struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	}
	var resp struct {
		Translations []translation `json:"translations"`
	}
	for _, t := range req.Text {
		resp.Translations = append(resp.Translations, translation{detected, applyGlossary(t, g, func(t string) string { return translateText(t, req) })})
	}
	out, _ := fake.Marshal(resp)
	fake.WriteJSON(w, http.StatusOK, out)
}

// parseRequest reads a JSON or form-encoded body, or says what is wrong
// with it.
func parseRequest(contentType string, body []byte) (translateRequest, string) {
	var req translateRequest
	if strings.HasPrefix(contentType, "application/json") {
		if err := json.Unmarshal(body, &req); err != nil {
			return req, "Invalid JSON: " + err.Error()
		}
		return req, ""
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return req, "Invalid form body: " + err.Error()
	}
	req.Text = form["text"]
	req.SourceLang = form.Get("source_lang")
	req.TargetLang = form.Get("target_lang")
	req.TagHandling = form.Get("tag_handling")
	req.AuthKey = form.Get("auth_key")
	req.Formality = form.Get("formality")
	req.GlossaryID = form.Get("glossary_id")
	for _, t := range form["ignore_tags"] {
		req.IgnoreTags = append(req.IgnoreTags, strings.Split(t, ",")...)
	}
	return req, ""
}

const (
	targets = " AR BG CS DA DE EL EN EN-GB EN-US ES ES-419 ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT PT-BR PT-PT RO RU SK SL SV TH TR UK VI ZH ZH-HANS ZH-HANT "
	sources = " AR BG CS DA DE EL EN ES ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT RO RU SK SL SV TH TR UK VI ZH "
	// formal are the targets that take formality "more" or "less"; the
	// prefer_ values are accepted for any.
	formal = " DE ES ES-419 FR IT JA NL PL PT-BR PT-PT RU "
)

// check applies DeepL's limits and parameter rules.
func check(req translateRequest) (int, string) {
	switch {
	case len(req.Text) == 0:
		return http.StatusBadRequest, "Parameter 'text' not specified."
	case len(req.Text) > maxTexts:
		return http.StatusBadRequest, fmt.Sprintf("Too many texts: at most %d per request.", maxTexts)
	case req.TargetLang == "":
		return http.StatusBadRequest, "Parameter 'target_lang' not specified."
	case !strings.Contains(targets, " "+strings.ToUpper(req.TargetLang)+" "):
		return http.StatusBadRequest, "Value for 'target_lang' not supported."
	case req.SourceLang != "" && !strings.Contains(sources, " "+strings.ToUpper(req.SourceLang)+" "):
		return http.StatusBadRequest, "Value for 'source_lang' not supported."
	case req.TagHandling != "" && req.TagHandling != "xml" && req.TagHandling != "html":
		return http.StatusBadRequest, "Value for 'tag_handling' not supported."
	case (req.Formality == "more" || req.Formality == "less") && !strings.Contains(formal, " "+strings.ToUpper(req.TargetLang)+" "):
		return http.StatusBadRequest, "'formality' is not supported for given 'target_lang'."
	}
	if req.TagHandling == "xml" {
		for _, t := range req.Text {
			if !wellFormed(t) {
				// Tag handling v2 refuses malformed XML.
				return http.StatusBadRequest, "Tag handling parsing failed, please check input."
			}
		}
	}
	return 0, ""
}

func wellFormed(text string) bool {
	d := xml.NewDecoder(strings.NewReader("<d>" + text + "</d>"))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// bill charges chars to the session's quota, or the server's.
func (s *Server) bill(sess *session, chars int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess != nil && sess.quota > 0 {
		if sess.used+chars > sess.quota {
			return false
		}
		sess.used += chars
	}
	if s.quota > 0 && s.used+chars > s.quota {
		return false
	}
	s.used += chars
	return true
}

func translateText(text string, req translateRequest) string {
	target := req.TargetLang
	switch req.TagHandling {
	case "xml":
		ignored := func(name string, _ map[string]string) bool {
			for _, t := range req.IgnoreTags {
				if strings.EqualFold(t, name) {
					return true
				}
			}
			return false
		}
		return fake.TranslateMarkup(text, target, ignored, xmlEscape)
	case "html":
		return fake.TranslateMarkup(text, target, fake.TranslateNo, xmlEscape)
	}
	return fake.Translate(text, target)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }

func (s *Server) usage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.authorize(w, r); !ok {
		return
	}
	s.mu.Lock()
	body, _ := fake.Marshal(map[string]int{"character_count": s.used, "character_limit": s.quota})
	s.mu.Unlock()
	fake.WriteJSON(w, http.StatusOK, body)
}
