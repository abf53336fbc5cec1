// Package azure translates through Azure AI Translator v3
// (POST /translate?api-version=3.0).
//
// Start with Backend. The key and region travel in the
// Ocp-Apim-Subscription-* headers. Names are protected with
// translate="no" spans in html mode, or, with protect=dictionary, with
// Azure's dynamic dictionary, which lets the name take part in the
// sentence but only works with English on one side and an explicit source
// language; other pairs fall back to html. Azuretest holds a local fake of
// the service.
package azure

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const (
	// DefaultURL is the global endpoint.
	DefaultURL = "https://api.cognitive.microsofttranslator.com"
	// MaxElements is the most texts one request may carry.
	MaxElements = 1000
	// MaxRequestChars is Azure's cap on the characters of one request,
	// markup included, counted once per target language.
	MaxRequestChars = 50000
	// maxChars keeps requests below the ~33,000 characters a minute of
	// the free tier (F0), which answers 429 to a single larger request,
	// with room for markup.
	maxChars = 25000

	// F0CharsPerMinute is the free tier's hourly quota of 2,000,000
	// characters spread over its minutes.
	F0CharsPerMinute = 33300

	engine = "azure"
)

// Backend describes the Azure engine.
func Backend() translate.Backend {
	return translate.Backend{
		Name: engine,
		Help: "Azure AI Translator v3; names kept with translate=\"no\" or the dynamic dictionary",
		Options: []translate.Option{
			{Name: "url", Default: DefaultURL, Help: "endpoint"},
			{Name: "key", Env: "AZURE_TRANSLATOR_KEY", Secret: true, Required: true, Help: "resource key (Ocp-Apim-Subscription-Key)"},
			{Name: "region", Env: "AZURE_TRANSLATOR_REGION", Help: "resource region, required for regional and multi-service resources"},
			{Name: "protect", Default: "html", Help: "html (translate=\"no\" spans) or dictionary (mstrans:dictionary, English pairs only)"},
		},
		New: New,
	}
}

// New builds an Azure translator that sends its requests through hc.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	host, err := httpcall.Settings("azure", cfg, hc, "AZURE_TRANSLATOR_KEY", DefaultURL)
	if err != nil {
		return nil, err
	}
	protect := cfg.Options["protect"]
	if protect != "" && protect != "html" && protect != "dictionary" {
		return nil, fmt.Errorf("azure: protect %q: want html or dictionary", protect)
	}
	return &translator{
		hc:         hc,
		endpoint:   strings.TrimSuffix(strings.TrimSuffix(host, "/"), "/translate") + "/translate",
		key:        cfg.Key,
		region:     cfg.Options["region"],
		dictionary: protect == "dictionary",
		markup:     markup.New("span", ` translate="no"`, "data-k", true, true),
		now:        time.Now,
	}, nil
}

type translator struct {
	hc         *resty.Client
	endpoint   string
	key        string
	region     string
	dictionary bool
	markup     markup.Markup
	now        func() time.Time
}

func (t *translator) Capabilities() translate.Capabilities {
	protect := translate.ProtectTranslateNo
	if t.dictionary {
		protect = translate.ProtectDictionary
	}
	return translate.Capabilities{
		Engine:      engine,
		Model:       "v3",
		MaxSegments: MaxElements,
		MaxChars:    maxChars,
		Protect:     protect,
		Detect:      true,
		// Azure limits characters, not requests: the free tier's 2M an
		// hour must be spread evenly, about 33,300 a minute. Paid tiers
		// allow more; raise it with --chars-per-minute.
		Concurrency:    2,
		Rate:           10,
		CharsPerMinute: F0CharsPerMinute,
		// Each element is translated alone: a few sentences give it context.
		MaxSegmentChars: 1000,
	}
}

type element struct {
	Text string `json:"Text"`
}

type response []struct {
	Translations []struct {
		Text string `json:"text"`
		To   string `json:"to"`
	} `json:"translations"`
}

func (t *translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if len(segs) > MaxElements {
		return nil, fmt.Errorf("azure: %d segments, more than the %d Azure takes at once: %w", len(segs), MaxElements, translate.ErrTooLarge)
	}
	if to == language.Und {
		return nil, fmt.Errorf("azure: no target language: %w", translate.ErrUnsupportedPair)
	}
	query := url.Values{"api-version": {"3.0"}, "to": {code(to)}, "textType": {"html"}}
	if from != language.Und {
		query.Set("from", code(from))
	}
	// The dynamic dictionary needs English on one side and a known source.
	dictionary := t.dictionary && from != language.Und && (isEnglish(from) || isEnglish(to))
	if dictionary {
		query.Set("textType", "plain")
	}
	wrap := t.markup.Wrap
	if dictionary {
		wrap = wrapDictionary
	}
	texts, keeps, err := markup.WrapEach(engine, segs, wrap)
	if err != nil {
		return nil, err
	}
	body := make([]element, len(segs))
	chars := 0
	for i, text := range texts {
		body[i].Text = text
		chars += utf8.RuneCountInString(text)
	}
	if chars > MaxRequestChars {
		return nil, fmt.Errorf("azure: request of %d characters, more than Azure's %d: %w", chars, MaxRequestChars, translate.ErrTooLarge)
	}
	header := map[string]string{"Ocp-Apim-Subscription-Key": t.key}
	if t.region != "" {
		header["Ocp-Apim-Subscription-Region"] = t.region
	}
	call := httpcall.Call{Engine: engine, Endpoint: t.endpoint + "?" + query.Encode(), Header: header, Secret: t.key, Refused: t.statusError}
	var resp response
	if err := call.JSON(ctx, t.hc, body, &resp); err != nil {
		return nil, err
	}
	if len(resp) != len(segs) {
		return nil, fmt.Errorf("azure: %d translations for %d texts: %w", len(resp), len(segs), translate.ErrTruncated)
	}
	out := make([]translate.Segment, len(segs))
	for i, r := range resp {
		if len(r.Translations) == 0 {
			return nil, fmt.Errorf("azure: text %d came back without a translation: %w", i, translate.ErrTruncated)
		}
		if dictionary {
			out[i] = findKept(r.Translations[0].Text, keeps[i])
		} else {
			out[i] = t.markup.Unwrap(r.Translations[0].Text, keeps[i])
		}
	}
	return out, nil
}

// Check translates one empty text, which needs a valid key and region
// and costs no characters.
func (t *translator) Check(ctx context.Context) error {
	_, err := t.Translate(ctx, language.English, language.Spanish, []translate.Segment{{}})
	return err
}

// statusError classes a failed answer by Azure's six-digit codes, whose
// first three digits are the HTTP status.
func (t *translator) statusError(a httpcall.Answer) error {
	var body struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	message := httpcall.Excerpt(a.Body)
	code := 0
	if json.Unmarshal(a.Body, &body) == nil && body.Error.Code != 0 {
		code = body.Error.Code
		message = fmt.Sprintf("%d %s", code, body.Error.Message)
	}
	var class error
	switch {
	case code == 400035 || code == 400036 || code == 400023:
		// Source or target language invalid or not supported.
		class = translate.ErrUnsupportedPair
	case code == 400050 || code == 400077:
		// Input text too long; request too large.
		class = translate.ErrTooLarge
	case code/1000 == 400:
		class = translate.ErrFatal
	case code == 403001:
		// The free quota is used up until the next month.
		class = translate.ErrFatal
	default:
		status := a.Status
		if code/1000 >= 400 {
			status = code / 1000
		}
		if class = translate.StatusClass(status); class == nil {
			class = translate.ErrFatal
		}
	}
	return httpcall.Failure(engine, class, a, message, t.key, t.now())
}

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// wrapDictionary marks each Keep span with the dynamic dictionary, whose
// translation is the span's As.
func wrapDictionary(seg translate.Segment) (string, []translate.Keep, error) {
	ks, err := markup.Keeps(seg)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	pos := 0
	for _, k := range ks {
		b.WriteString(seg.Text[pos:k.Start])
		fmt.Fprintf(&b, `<mstrans:dictionary translation="%s">%s</mstrans:dictionary>`, attrEscaper.Replace(k.As), seg.Text[k.Start:k.End])
		pos = k.End
	}
	b.WriteString(seg.Text[pos:])
	return b.String(), ks, nil
}

// findKept locates the dictionary's translations in a plain answer: each
// As after the one before, or anywhere not yet taken if the sentence moved
// it forward.
func findKept(answer string, ks []translate.Keep) translate.Segment {
	var found []translate.Keep
	taken := func(start, end int) bool {
		for _, f := range found {
			if start < f.End && f.Start < end {
				return true
			}
		}
		return false
	}
	pos := 0
	for _, k := range ks {
		at := -1
		if i := strings.Index(answer[pos:], k.As); i >= 0 {
			at = pos + i
		} else {
			for from := 0; from < len(answer); {
				i := strings.Index(answer[from:], k.As)
				if i < 0 {
					break
				}
				if !taken(from+i, from+i+len(k.As)) {
					at = from + i
					break
				}
				from += i + 1
			}
		}
		if at < 0 {
			continue
		}
		found = append(found, translate.Keep{Start: at, End: at + len(k.As), As: k.As})
		pos = at + len(k.As)
	}
	slices.SortFunc(found, func(a, b translate.Keep) int { return a.Start - b.Start })
	return translate.Segment{Text: answer, Keep: found}
}

func isEnglish(tag language.Tag) bool {
	base, _ := tag.Base()
	return base.String() == "en"
}

// code is Azure's name for a language: the base, with a script where
// Azure needs one.
func code(tag language.Tag) string {
	base, _ := tag.Base()
	switch base.String() {
	case "zh":
		script, _ := tag.Script()
		region, _ := tag.Region()
		if script.String() == "Hant" || region.String() == "TW" || region.String() == "HK" {
			return "zh-Hant"
		}
		return "zh-Hans"
	case "sr":
		if script, _ := tag.Script(); script.String() == "Latn" {
			return "sr-Latn"
		}
		return "sr-Cyrl"
	}
	return base.String()
}
