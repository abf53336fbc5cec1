package deepl

// This file is shared word for word by the deepl, google, azure,
// libretranslate and openai packages (only the package clause differs);
// keep the copies in step until it moves to a package of its own.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/go-resty/resty/v2"
)

// answer is what an engine sent back.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// post sends a JSON body and returns whatever answer came back. Failing to
// get one (reset, timeout, cut-off body) is worth retrying, unless ctx
// ended. Errors never contain secret.
func post(ctx context.Context, hc *resty.Client, engine, endpoint string, header map[string]string, body []byte, secret string) (answer, error) {
	req := hc.R().SetHeader("Content-Type", "application/json").SetBody(body)
	return send(ctx, req, http.MethodPost, engine, endpoint, header, secret)
}

// get is post without a body.
func get(ctx context.Context, hc *resty.Client, engine, endpoint string, header map[string]string, secret string) (answer, error) {
	return send(ctx, hc.R(), http.MethodGet, engine, endpoint, header, secret)
}

func send(ctx context.Context, req *resty.Request, method, engine, endpoint string, header map[string]string, secret string) (answer, error) {
	resp, err := req.
		SetContext(ctx).
		SetHeader("Accept", "application/json").
		SetHeaders(header).
		Execute(method, endpoint)
	if err != nil {
		if secret != "" && strings.Contains(err.Error(), secret) {
			err = errors.New(redact(err.Error(), secret))
		}
		return answer{}, translate.TransportError(ctx, engine, err)
	}
	return answer{status: resp.StatusCode(), header: resp.Header(), body: resp.Body()}, nil
}

// encodeJSON marshals v without escaping <, > and &, which the markup
// needs and which would otherwise take six bytes each of a capped body.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// failure is the error for an answer that failed with class; a retryable
// one carries the server's Retry-After wish when it sent one.
func failure(engine string, class error, a answer, message, secret string, now time.Time) error {
	return translate.HTTPError(engine, class, a.status, redact(message, secret), a.header, now)
}

// redact removes a secret, also in its URL-escaped form, from s.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	s = strings.ReplaceAll(s, secret, "[redacted]")
	return strings.ReplaceAll(s, url.QueryEscape(secret), "[redacted]")
}

// excerpt is the start of a body that is not the engine's JSON, such as a
// proxy's error page, fit for an error message.
func excerpt(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	const limit = 200
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
