// Package httpcall is how the cloud engines talk HTTP through resty: one
// JSON request, one answer, transport failures classed for the stage's
// retry loop, and the key kept out of every error. Start with Post.
package httpcall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/clip"
	"github.com/go-resty/resty/v2"
)

// Answer is what an engine sent back.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Post sends a JSON body and returns whatever answer came back. Failing to
// get one (reset, timeout, cut-off body) is worth retrying, unless ctx
// ended. Errors never contain secret.
func Post(ctx context.Context, hc *resty.Client, engine, endpoint string, header map[string]string, body []byte, secret string) (Answer, error) {
	req := hc.R().SetHeader("Content-Type", "application/json").SetBody(body)
	return send(ctx, req, http.MethodPost, engine, endpoint, header, secret)
}

// A Call is the one JSON request of an engine's Translate.
type Call struct {
	Engine, Endpoint string
	Header           map[string]string
	Secret           string // kept out of every error
	// MaxBody is the most bytes the encoded request may take; a larger
	// one is ErrTooLarge without being sent. 0: no limit.
	MaxBody int
	// Refused classes an answer whose status is not 200 OK.
	Refused func(Answer) error
}

// JSON encodes req, posts it and decodes a 200 answer into resp. An
// answer that does not decode, such as a body cut off on the way, is
// worth retrying.
func (c Call) JSON(ctx context.Context, hc *resty.Client, req, resp any) error {
	body, err := EncodeJSON(req)
	if err != nil {
		return fmt.Errorf("%s: encoding request: %w: %w", c.Engine, err, translate.ErrFatal)
	}
	if c.MaxBody > 0 && len(body) > c.MaxBody {
		return fmt.Errorf("%s: request of %d bytes, more than the %d it takes: %w", c.Engine, len(body), c.MaxBody, translate.ErrTooLarge)
	}
	a, err := Post(ctx, hc, c.Engine, c.Endpoint, c.Header, body, c.Secret)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return c.Refused(a)
	}
	if err := json.Unmarshal(a.Body, resp); err != nil {
		return fmt.Errorf("%s: reading answer: %w: %w", c.Engine, err, translate.ErrRetry)
	}
	return nil
}

// Get is Post without a body.
func Get(ctx context.Context, hc *resty.Client, engine, endpoint string, header map[string]string, secret string) (Answer, error) {
	return send(ctx, hc.R(), http.MethodGet, engine, endpoint, header, secret)
}

func send(ctx context.Context, req *resty.Request, method, engine, endpoint string, header map[string]string, secret string) (Answer, error) {
	resp, err := req.
		// resty's debug log prints every header and the URL: keys and
		// all. Off for every request, whatever the client says.
		SetDebug(false).
		SetContext(ctx).
		SetHeader("Accept", "application/json").
		SetHeaders(header).
		Execute(method, endpoint)
	if err != nil {
		// The URL in a transport error may carry a key in its query, in
		// any of several escapings: drop the query whole.
		var ue *url.Error
		if errors.As(err, &ue) {
			if i := strings.IndexByte(ue.URL, '?'); i >= 0 {
				ue.URL = ue.URL[:i] + "?…"
			}
		}
		if secret != "" && strings.Contains(err.Error(), secret) {
			err = errors.New(Redact(err.Error(), secret))
		}
		return Answer{}, translate.TransportError(ctx, engine, err)
	}
	return Answer{Status: resp.StatusCode(), Header: resp.Header(), Body: resp.Body()}, nil
}

// EncodeJSON marshals v without escaping <, > and &, which the markup
// needs and which would otherwise take six bytes each of a capped body.
func EncodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Failure is the error for an answer that failed with class; a retryable
// one carries the server's Retry-After wish when it sent one.
func Failure(engine string, class error, a Answer, message, secret string, now time.Time) error {
	return translate.HTTPError(engine, class, a.Status, Redact(message, secret), a.Header, now)
}

// Redact removes a secret, also in its URL-escaped form, from s.
func Redact(s, secret string) string {
	if secret == "" {
		return s
	}
	s = strings.ReplaceAll(s, secret, "[redacted]")
	return strings.ReplaceAll(s, url.QueryEscape(secret), "[redacted]")
}

// Excerpt is the start of a body that is not the engine's JSON, such as a
// proxy's error page, fit for an error message.
func Excerpt(body []byte) string {
	return clip.String(strings.Join(strings.Fields(string(body)), " "), 200)
}

// Settings checks what every HTTP engine is built from: a client, the key
// when keyEnv names one the engine requires, and an http(s) URL — fallback
// when cfg gives none. It returns the URL to use. Errors start with the
// engine's name, as the engines' own do.
func Settings(engine string, cfg translate.Config, hc *resty.Client, keyEnv, fallback string) (string, error) {
	if keyEnv != "" && cfg.Key == "" {
		return "", fmt.Errorf("%s: no key: set the key option or %s", engine, keyEnv)
	}
	if hc == nil {
		return "", fmt.Errorf("%s: no http client", engine)
	}
	u := cfg.URL
	if u == "" {
		u = fallback
	}
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return "", fmt.Errorf("%s: url %q: want http:// or https://", engine, u)
	}
	return u, nil
}
