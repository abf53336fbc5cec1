// Package google translates through Google Cloud Translation v2, the Basic
// edition (POST /language/translate/v2).
//
// Start with Backend. The API key travels in the X-Goog-Api-Key header,
// never as ?key=, so it stays out of URLs and logs. Requests use
// format=html: text is escaped, names sit in <span translate="no">, and the
// entities Google answers with are decoded. Googletest holds a local fake
// of the service.
package google

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const (
	// DefaultURL is the API's host.
	DefaultURL = "https://translation.googleapis.com"
	// MaxSegments is the most q strings one request may carry.
	MaxSegments = 128
	// MaxChars is Google's recommended ceiling on the code points of one
	// request; requests over 100 KB are refused.
	MaxChars = 5000

	engine = "google"
	path   = "/language/translate/v2"
)

// Backend describes the Google engine.
func Backend() translate.Backend {
	return translate.Backend{
		Name: engine,
		Help: "Google Cloud Translation v2 (Basic); names kept with translate=\"no\"",
		Options: []translate.Option{
			{Name: "url", Default: DefaultURL, Help: "API host"},
			{Name: "key", Env: "GOOGLE_API_KEY", Secret: true, Required: true, Help: "API key, sent in the X-Goog-Api-Key header"},
			{Name: "model", Help: "nmt or base; empty leaves Google's default"},
		},
		New: New,
	}
}

// New builds a Google translator that sends its requests through hc.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	host, err := httpcall.Settings("google", cfg, hc, "GOOGLE_API_KEY", DefaultURL)
	if err != nil {
		return nil, err
	}
	if cfg.Model != "" && cfg.Model != "nmt" && cfg.Model != "base" {
		return nil, fmt.Errorf("google: model %q: want nmt or base", cfg.Model)
	}
	return &translator{
		hc:       hc,
		endpoint: strings.TrimSuffix(strings.TrimSuffix(host, "/"), path) + path,
		key:      cfg.Key,
		model:    cfg.Model,
		markup:   markup.New("span", ` translate="no"`, "data-k", true, true),
		now:      time.Now,
	}, nil
}

type translator struct {
	hc       *resty.Client
	endpoint string
	key      string
	model    string
	markup   markup.Markup
	now      func() time.Time
}

func (t *translator) Capabilities() translate.Capabilities {
	model := "v2"
	if t.model != "" {
		model += "/" + t.model
	}
	return translate.Capabilities{
		Engine:      engine,
		Model:       model,
		MaxSegments: MaxSegments,
		MaxChars:    MaxChars,
		Protect:     translate.ProtectTranslateNo,
		Detect:      true,
		Concurrency: 4,
		Rate:        10,
		// The default quota: 6M characters a minute, whitespace included.
		CharsPerMinute: 6_000_000,
		// Each q is translated alone: a few sentences give it context.
		MaxSegmentChars: 1000,
	}
}

type request struct {
	Q      []string `json:"q"`
	Target string   `json:"target"`
	Source string   `json:"source,omitempty"`
	Format string   `json:"format"`
	Model  string   `json:"model,omitempty"`
}

type response struct {
	Data struct {
		Translations []struct {
			TranslatedText string `json:"translatedText"`
		} `json:"translations"`
	} `json:"data"`
}

func (t *translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if len(segs) > MaxSegments {
		return nil, fmt.Errorf("google: %d segments, more than the %d Google takes at once: %w", len(segs), MaxSegments, translate.ErrTooLarge)
	}
	if to == language.Und {
		return nil, fmt.Errorf("google: no target language: %w", translate.ErrUnsupportedPair)
	}
	req := request{Target: code(to), Format: "html", Model: t.model}
	if from != language.Und {
		req.Source = code(from)
	}
	q, keeps, err := t.markup.WrapAll(engine, segs)
	if err != nil {
		return nil, err
	}
	req.Q = q
	call := httpcall.Call{Engine: engine, Endpoint: t.endpoint, Header: map[string]string{"X-Goog-Api-Key": t.key}, Secret: t.key, Refused: t.statusError}
	var resp response
	if err := call.JSON(ctx, t.hc, req, &resp); err != nil {
		return nil, err
	}
	trs := resp.Data.Translations
	if len(trs) != len(segs) {
		return nil, fmt.Errorf("google: %d translations for %d texts: %w", len(trs), len(segs), translate.ErrTruncated)
	}
	answers := make([]string, len(trs))
	for i, tr := range trs {
		answers[i] = tr.TranslatedText
	}
	return t.markup.UnwrapAll(answers, keeps), nil
}

// Check lists the languages Google offers, which needs a valid key and
// costs no characters.
func (t *translator) Check(ctx context.Context) error {
	a, err := httpcall.Get(ctx, t.hc, engine, t.endpoint+"/languages", map[string]string{"X-Goog-Api-Key": t.key}, t.key)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return t.statusError(a)
	}
	return nil
}

type errorBody struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Reason string `json:"reason"`
		} `json:"errors"`
		Details []struct {
			Reason string `json:"reason"`
		} `json:"details"`
	} `json:"error"`
}

// statusError classes a failed answer by Google's reasons: the daily limit
// and a bad key stop the batch, the per-minute limit is worth a retry.
func (t *translator) statusError(a httpcall.Answer) error {
	var body errorBody
	message := httpcall.Excerpt(a.Body)
	var reasons []string
	if json.Unmarshal(a.Body, &body) == nil && body.Error.Message != "" {
		message = body.Error.Message
		for _, e := range body.Error.Errors {
			reasons = append(reasons, e.Reason)
		}
		for _, d := range body.Error.Details {
			reasons = append(reasons, d.Reason)
		}
	}
	has := func(want ...string) bool {
		for _, r := range reasons {
			for _, w := range want {
				if strings.EqualFold(r, w) {
					return true
				}
			}
		}
		return false
	}
	lower := strings.ToLower(message)
	var class error
	switch {
	case has("dailyLimitExceeded") || strings.Contains(lower, "daily limit"):
		// Nothing more until midnight Pacific time.
		class = translate.ErrFatal
	case has("userRateLimitExceeded", "rateLimitExceeded") || strings.Contains(lower, "rate limit"):
		class = translate.ErrRetry
	case has("API_KEY_INVALID", "keyInvalid") || strings.Contains(lower, "api key"):
		class = translate.ErrFatal
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "too many text segments") ||
		strings.Contains(lower, "payload size") || strings.Contains(lower, "too long") || strings.Contains(lower, "too large")):
		class = translate.ErrTooLarge
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "language pair") || strings.Contains(lower, "invalid value")):
		class = translate.ErrUnsupportedPair
	default:
		if class = translate.StatusClass(a.Status); class == nil {
			class = translate.ErrFatal
		}
	}
	return httpcall.Failure(engine, class, a, message, t.key, t.now())
}

// code is Google's name for a language: the base, except for Chinese,
// which needs its script's region.
func code(tag language.Tag) string {
	base, _ := tag.Base()
	if base.String() != "zh" {
		return base.String()
	}
	script, _ := tag.Script()
	region, _ := tag.Region()
	if script.String() == "Hant" || region.String() == "TW" || region.String() == "HK" {
		return "zh-TW"
	}
	return "zh-CN"
}
