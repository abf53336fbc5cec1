// Package fake is what every fake engine server shares besides its
// protocol: failures queued and served in place of answers (statuses,
// resets, cut-off bodies, delays), requests recorded, and a deterministic
// toy translation (Translate) that tests can predict word for word.
// Start with Base, which a fake's Server embeds.
package fake

import (
	"bytes"
	"encoding/json"
	"golang.org/x/net/html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// A Failure is one answer the fake gives in place of a normal one, taken
// from the queue Fail fills.
type Failure struct {
	// Status is sent with the service's documented error body for it (or
	// Message); zero serves the request normally, after Delay, cut off
	// when CutBody is set.
	Status     int
	Message    string
	RetryAfter string // Retry-After header: seconds or an HTTP date
	Reset      bool   // close the connection without an answer
	CutBody    bool   // send half the body, then close the connection
	Delay      time.Duration
}

// A Request is what the fake recorded of one request it received.
type Request struct {
	Method, URL string
	Header      http.Header
	Texts       []string // the texts to translate, as sent
	Source      string
	Target      string
	Bytes       int // body size
}

// Base holds what every fake does besides its protocol: failures to
// inject and requests to record.
type Base struct {
	mu       sync.Mutex
	failures []Failure
	requests []Request
}

// Fail queues failures; each request takes the first one left.
func (b *Base) Fail(failures ...Failure) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = append(b.failures, failures...)
}

// Requests returns every request received so far, in order.
func (b *Base) Requests() []Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Request(nil), b.requests...)
}

// Record adds r to the requests received.
func (b *Base) Record(r Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.requests = append(b.requests, r)
}

func (b *Base) nextFailure() (Failure, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failures) == 0 {
		return Failure{}, false
	}
	f := b.failures[0]
	b.failures = b.failures[1:]
	return f, true
}

// Serve runs handle unless a queued failure answers instead.
func (b *Base) Serve(w http.ResponseWriter, r *http.Request, handle http.HandlerFunc, fail func(w http.ResponseWriter, f Failure)) {
	f, ok := b.nextFailure()
	if !ok {
		handle(w, r)
		return
	}
	if f.Delay > 0 {
		// The server notices a client hanging up only once the body is read.
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case f.Reset:
		Reset(w)
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		fail(w, f)
	case f.CutBody:
		rec := httptest.NewRecorder()
		handle(rec, r)
		cut(w, rec)
	default:
		handle(w, r)
	}
}

// Reset closes the connection with a TCP reset and no answer.
func Reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "connection cannot be hijacked", http.StatusInternalServerError)
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}

// cut sends the recorded answer with its full length announced but only
// half its body, then drops the connection.
func cut(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	w.Write(body[:len(body)/2])
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	Reset(w)
}

// Marshal is json.Marshal without the escaping of <, > and & that the
// services' own encoders do not do.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// WriteJSON answers with status and a JSON body.
func WriteJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// ReadBody reads r's body up to limit bytes; tooLarge reports a longer one.
func ReadBody(r *http.Request, limit int) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
	return body, len(body) > limit, err
}

// Marker goes in front of every word the fake cannot translate, so that a
// test can tell a translation from an echo of its input: protected text
// comes back exactly as sent, without markers.
const Marker = "~"

// Translate is the fake's translation of plain text into the target
// language (a code such as "es" or "ES-419"): into Spanish, the English
// words of a small dictionary become Spanish and every other word gets
// Marker in front; into anything else every word gets Marker. Digits,
// spaces and punctuation stay as they are, so the result is deterministic
// and its words map one to one onto the input's.
func Translate(text, target string) string {
	spanishTarget := strings.HasPrefix(strings.ToLower(target), "es")
	var b strings.Builder
	for len(text) > 0 {
		n := wordLen(text)
		if n == 0 {
			_, size := utf8.DecodeRuneInString(text)
			b.WriteString(text[:size])
			text = text[size:]
			continue
		}
		word := text[:n]
		text = text[n:]
		if es, ok := spanish(strings.ToLower(word)); ok && spanishTarget {
			b.WriteString(matchCase(es, word))
			continue
		}
		b.WriteString(Marker + word)
	}
	return b.String()
}

// wordLen is the length of the word of letters (and the digits after a
// letter) that starts s, or 0.
func wordLen(s string) int {
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || (i > 0 && unicode.IsDigit(r)) {
			continue
		}
		return i
	}
	return len(s)
}

func matchCase(es, word string) string {
	first, _ := utf8.DecodeRuneInString(word)
	switch {
	case utf8.RuneCountInString(word) > 1 && strings.ToUpper(word) == word:
		return strings.ToUpper(es)
	case unicode.IsUpper(first):
		r, size := utf8.DecodeRuneInString(es)
		return string(unicode.ToUpper(r)) + es[size:]
	}
	return es
}

// spanish is the fake's whole dictionary. It holds a few words that are
// also surnames (stone, rose, white, young, baker) so that tests can show
// an unprotected name being translated.
func spanish(word string) (string, bool) {
	es, ok := dictionary[word]
	return es, ok
}

// dictionary is read only.
var dictionary = map[string]string{
	"the": "el", "a": "un", "an": "un", "of": "de", "and": "y", "in": "en", "on": "en",
	"to": "a", "at": "en", "for": "para", "from": "desde", "with": "con", "by": "por",
	"as": "como", "is": "es", "was": "fue", "were": "fueron", "has": "ha", "had": "había",
	"have": "tienen", "be": "ser", "been": "sido", "said": "dijo", "says": "dice",
	"that": "que", "it": "ello", "its": "su", "his": "su", "her": "su", "their": "su",
	"he": "él", "she": "ella", "they": "ellos", "who": "quien", "which": "cual",
	"this": "este", "not": "no", "also": "también", "after": "después", "before": "antes",
	"last": "último", "week": "semana", "month": "mes", "year": "año", "years": "años",
	"five": "cinco", "two": "dos", "one": "uno", "new": "nuevo", "other": "otro",
	"state": "estado", "security": "seguridad", "service": "servicio", "services": "servicios",
	"intelligence": "inteligencia", "spy": "espía", "spies": "espías", "network": "red",
	"arrested": "arrestó", "arrest": "arresto", "citizen": "ciudadano", "citizens": "ciudadanos",
	"country": "país", "military": "militar", "information": "información",
	"religious": "religioso", "training": "formación", "president": "presidente",
	"ministry": "ministerio", "foreign": "exterior", "captain": "capitán", "ship": "barco",
	"sea": "mar", "oil": "petróleo", "money": "dinero", "drones": "drones", "news": "noticias",
	"stone": "piedra", "rose": "rosa", "white": "blanco", "young": "joven", "baker": "panadero",
	"hello": "hola", "world": "mundo", "good": "bueno", "morning": "mañana",
}

// TranslateMarkup translates the text of an HTML or XML fragment and
// leaves its tags, and everything inside an element protected says to keep,
// exactly as they came. escape re-escapes translated text.
func TranslateMarkup(src, target string, protected func(name string, attrs map[string]string) bool, escape func(string) string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	depth := 0 // open elements inside a protected one, itself included
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if depth > 0 {
				b.Write(z.Raw())
			} else {
				b.WriteString(escape(Translate(string(z.Text()), target)))
			}
		case html.StartTagToken:
			b.Write(z.Raw())
			if depth > 0 {
				depth++
				continue
			}
			name, attrs := tagOf(z)
			if protected(name, attrs) {
				depth = 1
			}
		case html.EndTagToken:
			b.Write(z.Raw())
			if depth > 0 {
				depth--
			}
		default:
			b.Write(z.Raw())
		}
	}
}

func tagOf(z *html.Tokenizer) (string, map[string]string) {
	name, more := z.TagName()
	attrs := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		attrs[string(k)] = string(v)
	}
	return string(name), attrs
}

// TranslateNo reports whether an HTML element says not to translate it.
func TranslateNo(_ string, attrs map[string]string) bool {
	if strings.EqualFold(attrs["translate"], "no") {
		return true
	}
	for _, class := range strings.Fields(attrs["class"]) {
		if class == "notranslate" {
			return true
		}
	}
	return false
}
