package deepltest

// This file is shared word for word by the fakes of the cloud engines (only
// the package clause differs); keep the copies in step.

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
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

// base holds what every fake does besides its protocol: failures to
// inject and requests to record.
type base struct {
	mu       sync.Mutex
	failures []Failure
	requests []Request
}

// Fail queues failures; each request takes the first one left.
func (b *base) Fail(failures ...Failure) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = append(b.failures, failures...)
}

// Requests returns every request received so far, in order.
func (b *base) Requests() []Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Request(nil), b.requests...)
}

func (b *base) record(r Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.requests = append(b.requests, r)
}

func (b *base) nextFailure() (Failure, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failures) == 0 {
		return Failure{}, false
	}
	f := b.failures[0]
	b.failures = b.failures[1:]
	return f, true
}

// serve runs handle unless a queued failure answers instead.
func (b *base) serve(w http.ResponseWriter, r *http.Request, handle http.HandlerFunc, fail func(w http.ResponseWriter, f Failure)) {
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
		reset(w)
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

// reset closes the connection with a TCP reset and no answer.
func reset(w http.ResponseWriter) {
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
	reset(w)
}

// marshal is json.Marshal without the escaping of <, > and & that the
// services' own encoders do not do.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// writeJSON answers with status and a JSON body.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// readBody reads r's body up to limit bytes; tooLarge reports a longer one.
func readBody(r *http.Request, limit int) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r.Body, int64(limit)+1))
	return body, len(body) > limit, err
}
