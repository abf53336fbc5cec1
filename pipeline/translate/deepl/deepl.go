// Package deepl translates through DeepL's API v2 (POST /v2/translate).
//
// Start with Backend. Keys ending in ":fx" belong to the Free API and go to
// api-free.deepl.com, others to api.deepl.com; the key travels only in the
// Authorization header. Names are protected with tag_handling=xml and an
// ignored element, so everything else is sent as escaped XML. Deepltest
// holds a local fake of the service.
package deepl

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const (
	// FreeURL serves keys ending in ":fx"; ProURL serves the others.
	FreeURL = "https://api-free.deepl.com"
	ProURL  = "https://api.deepl.com"

	// MaxTexts is the most texts DeepL's guide allows in one request.
	MaxTexts = 50
	// MaxBody is DeepL's cap on a request body.
	MaxBody = 128 << 10
	// maxTextBytes leaves room under MaxBody for JSON and the markup of a
	// name every hundred bytes or so; a denser request is refused before
	// it is sent, with ErrTooLarge.
	maxTextBytes = 96 << 10

	engine = "deepl"

	// keepElement is the ignored element around a Keep span.
	keepElement = "keep"
)

var formalities = []string{"default", "more", "less", "prefer_more", "prefer_less"}

// Backend describes the DeepL engine.
func Backend() translate.Backend {
	return translate.Backend{
		Name: engine,
		Help: "DeepL API v2, Free or Pro; names kept with XML ignore_tags",
		Options: []translate.Option{
			{Name: "url", Help: "API host; when empty, " + FreeURL + " for keys ending in :fx, else " + ProURL},
			{Name: "key", Env: "DEEPL_AUTH_KEY", Secret: true, Required: true, Help: "DeepL authentication key"},
			{Name: "formality", Help: "formality of the translation: " + strings.Join(formalities, ", ") + "; empty leaves DeepL's default"},
		},
		New: New,
	}
}

// New builds a DeepL translator that sends its requests through hc.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	fallback := ProURL
	if strings.HasSuffix(cfg.Key, ":fx") {
		fallback = FreeURL
	}
	host, err := httpcall.Settings("deepl", cfg, hc, "DEEPL_AUTH_KEY", fallback)
	if err != nil {
		return nil, err
	}
	endpoint := endpointURL(host)
	formality := cfg.Options["formality"]
	if formality != "" && !slices.Contains(formalities, formality) {
		return nil, fmt.Errorf("deepl: formality %q: want one of %s", formality, strings.Join(formalities, ", "))
	}
	return &translator{
		hc:        hc,
		endpoint:  endpoint,
		key:       cfg.Key,
		formality: formality,
		markup:    markup.New(keepElement, "", "i", true, true),
		now:       time.Now,
	}, nil
}

// endpointURL accepts a host, a /v2 base or the full endpoint.
func endpointURL(host string) string {
	host = strings.TrimSuffix(host, "/")
	if strings.HasSuffix(host, "/v2/translate") {
		return host
	}
	return strings.TrimSuffix(host, "/v2") + "/v2/translate"
}

type translator struct {
	mu         sync.Mutex
	glossaries map[string]string // glossary ids by "from|to" base languages

	hc        *resty.Client
	endpoint  string
	key       string
	formality string
	markup    markup.Markup
	now       func() time.Time
}

func (t *translator) Capabilities() translate.Capabilities {
	return translate.Capabilities{
		Engine:      engine,
		Model:       "v2",
		MaxSegments: MaxTexts,
		MaxBytes:    maxTextBytes,
		Protect:     translate.ProtectIgnoreTags,
		Glossary:    true,
		Detect:      true,
		// DeepL publishes no request rate; its maintainers advise staying
		// under 50 requests a second. Ten leaves room for other clients
		// of the same key, and its 429s and 529s, with backoff, do the rest.
		Concurrency: 2,
		Rate:        10,
		// Texts of one request share no context: send paragraphs.
		MaxSegmentChars: 2000,
	}
}

type request struct {
	Text               []string `json:"text"`
	SourceLang         string   `json:"source_lang,omitempty"`
	TargetLang         string   `json:"target_lang"`
	Formality          string   `json:"formality,omitempty"`
	TagHandling        string   `json:"tag_handling"`
	IgnoreTags         []string `json:"ignore_tags"`
	PreserveFormatting bool     `json:"preserve_formatting"`
	GlossaryID         string   `json:"glossary_id,omitempty"`
}

type response struct {
	Translations []struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	} `json:"translations"`
}

func (t *translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if len(segs) > MaxTexts {
		return nil, fmt.Errorf("deepl: %d segments, more than the %d DeepL takes at once: %w", len(segs), MaxTexts, translate.ErrTooLarge)
	}
	target, err := targetLang(to)
	if err != nil {
		return nil, err
	}
	req := request{
		TargetLang:         target,
		Formality:          t.formality,
		TagHandling:        "xml",
		IgnoreTags:         []string{keepElement},
		PreserveFormatting: true,
	}
	if from != language.Und {
		base, _ := from.Base()
		req.SourceLang = strings.ToUpper(base.String())
		// A glossary needs source_lang, which the stage always gives.
		req.GlossaryID = t.glossaryFor(from, to)
	}
	texts, keeps, err := t.markup.WrapAll(engine, segs)
	if err != nil {
		return nil, err
	}
	req.Text = texts
	call := httpcall.Call{
		Engine: engine, Endpoint: t.endpoint, Secret: t.key, MaxBody: MaxBody, Refused: t.statusError,
		Header: map[string]string{"Authorization": "DeepL-Auth-Key " + t.key},
	}
	var resp response
	if err := call.JSON(ctx, t.hc, req, &resp); err != nil {
		return nil, err
	}
	if len(resp.Translations) != len(segs) {
		return nil, fmt.Errorf("deepl: %d translations for %d texts: %w", len(resp.Translations), len(segs), translate.ErrTruncated)
	}
	answers := make([]string, len(segs))
	for i, tr := range resp.Translations {
		answers[i] = tr.Text
	}
	return t.markup.UnwrapAll(answers, keeps), nil
}

// Check asks for the account's usage, which needs a valid key and costs
// no characters.
func (t *translator) Check(ctx context.Context) error {
	usage := strings.TrimSuffix(t.endpoint, "/translate") + "/usage"
	a, err := httpcall.Get(ctx, t.hc, engine, usage, map[string]string{"Authorization": "DeepL-Auth-Key " + t.key}, t.key)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return t.statusError(a)
	}
	return nil
}

// statusError classes a failed answer as DeepL documents its codes.
func (t *translator) statusError(a httpcall.Answer) error {
	var body struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	message := httpcall.Excerpt(a.Body)
	if json.Unmarshal(a.Body, &body) == nil && body.Message != "" {
		message = body.Message
		if body.Detail != "" {
			message += ": " + body.Detail
		}
	}
	lower := strings.ToLower(message)
	var class error
	switch {
	case a.Status == 456:
		// Quota or Cost Control: retrying only burns time until the next period.
		class = translate.ErrFatal
	case a.Status == http.StatusRequestEntityTooLarge || a.Status == http.StatusRequestURITooLong:
		class = translate.ErrTooLarge
	case a.Status == http.StatusTooManyRequests || a.Status == 529 || a.Status >= 500:
		class = translate.ErrRetry
	case a.Status == http.StatusBadRequest && strings.Contains(lower, "formality"):
		// The pair exists; the setting does not suit it. Fix the
		// setting, rather than leave articles untranslated.
		class = translate.ErrFatal
		message += " (set formality to prefer_more or prefer_less, which fit every language, or leave it empty)"
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "target_lang") || strings.Contains(lower, "source_lang")):
		class = translate.ErrUnsupportedPair
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "too many") || strings.Contains(lower, "too long") || strings.Contains(lower, "too large")):
		class = translate.ErrTooLarge
	default:
		class = translate.ErrFatal
	}
	return httpcall.Failure(engine, class, a, message, t.key, t.now())
}

// targetLang is DeepL's name for a target language: English and Portuguese
// need a variant, Chinese a script.
func targetLang(to language.Tag) (string, error) {
	if to == language.Und {
		return "", fmt.Errorf("deepl: no target language: %w", translate.ErrUnsupportedPair)
	}
	base, _ := to.Base()
	region, _ := to.Region()
	script, _ := to.Script()
	switch base.String() {
	case "en":
		if region.String() == "GB" {
			return "EN-GB", nil
		}
		return "EN-US", nil
	case "pt":
		if region.String() == "BR" {
			return "PT-BR", nil
		}
		return "PT-PT", nil
	case "zh":
		if script.String() == "Hant" || region.String() == "TW" || region.String() == "HK" {
			return "ZH-HANT", nil
		}
		return "ZH-HANS", nil
	}
	return strings.ToUpper(base.String()), nil
}
