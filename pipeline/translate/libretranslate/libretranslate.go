// Package libretranslate translates through a LibreTranslate server
// (POST /translate), usually self-hosted.
//
// Start with Backend. Requests carry all their texts as a q array with
// format=html, names in <span translate="no">; the key, when the server
// wants one, travels in the JSON body, never in the URL. The server's
// --char-limit counts the characters of a whole request, markup included,
// so set the char-limit and batch-limit options to the server's flags.
// LibreTranslate has no glossary, and its html mode translates the text
// around a protected name as separate pieces. Libretranslatetest holds a
// local fake of the server.
package libretranslate

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/httpcall"
	"github.com/dossier-news/dossier/pipeline/translate/internal/markup"
	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

const (
	// DefaultURL is where a server started with default flags listens.
	DefaultURL = "http://127.0.0.1:5000"

	defaultCharLimit  = 5000
	defaultBatchLimit = 32

	engine = "libretranslate"
)

// Backend describes the LibreTranslate engine.
func Backend() translate.Backend {
	return translate.Backend{
		Name: engine,
		Help: "LibreTranslate server (Argos models); names kept with translate=\"no\"",
		Options: []translate.Option{
			{Name: "url", Default: DefaultURL, Help: "server URL"},
			{Name: "key", Env: "LIBRETRANSLATE_API_KEY", Secret: true, Help: "API key, for servers started with --api-keys"},
			{Name: "char-limit", Default: strconv.Itoa(defaultCharLimit), Help: "the server's --char-limit: characters per request, markup included"},
			{Name: "batch-limit", Default: strconv.Itoa(defaultBatchLimit), Help: "the server's --batch-limit: texts per request"},
		},
		New: New,
	}
}

// New builds a LibreTranslate translator that sends its requests through hc.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	host, err := httpcall.Settings("libretranslate", cfg, hc, "", DefaultURL)
	if err != nil {
		return nil, err
	}
	charLimit, err := limit(cfg.Options, "char-limit", defaultCharLimit)
	if err != nil {
		return nil, err
	}
	batchLimit, err := limit(cfg.Options, "batch-limit", defaultBatchLimit)
	if err != nil {
		return nil, err
	}
	return &translator{
		hc:         hc,
		endpoint:   strings.TrimSuffix(strings.TrimSuffix(host, "/"), "/translate") + "/translate",
		key:        cfg.Key,
		charLimit:  charLimit,
		batchLimit: batchLimit,
		// LibreTranslate decodes the entities of its answer itself.
		markup: markup.New("span", ` translate="no"`, "data-k", true, false),
		now:    time.Now,
	}, nil
}

// limit reads a positive limit option; -1, as on the server, means none.
func limit(options map[string]string, name string, def int) (int, error) {
	v, ok := options[name]
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	switch {
	case err != nil || n == 0 || n < -1:
		return 0, fmt.Errorf("libretranslate: %s %q: want a positive number, or -1 for none", name, v)
	case n == -1:
		return 0, nil
	}
	return n, nil
}

type translator struct {
	hc                    *resty.Client
	endpoint              string
	key                   string
	charLimit, batchLimit int // 0 for none
	markup                markup.Markup
	now                   func() time.Time
}

func (t *translator) Capabilities() translate.Capabilities {
	return translate.Capabilities{
		Engine:      engine,
		Model:       "argos",
		MaxSegments: t.batchLimit,
		// Markup counts against the server's limit: leave it a quarter.
		MaxChars:    t.charLimit * 3 / 4,
		Protect:     translate.ProtectTranslateNo,
		Detect:      true,
		Concurrency: 2,
	}
}

type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

func (t *translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if t.batchLimit > 0 && len(segs) > t.batchLimit {
		return nil, fmt.Errorf("libretranslate: %d segments, more than the batch limit of %d: %w", len(segs), t.batchLimit, translate.ErrTooLarge)
	}
	if to == language.Und {
		return nil, fmt.Errorf("libretranslate: no target language: %w", translate.ErrUnsupportedPair)
	}
	req := request{Source: "auto", Target: code(to), Format: "html", APIKey: t.key}
	if from != language.Und {
		req.Source = code(from)
	}
	q, keeps, err := t.markup.WrapAll(engine, segs)
	if err != nil {
		return nil, err
	}
	req.Q = q
	// A request whose markup passes the server's --char-limit is still
	// sent: the server, not the option, knows its limit, and its 400
	// tells the stage to split.
	call := httpcall.Call{Engine: engine, Endpoint: t.endpoint, Secret: t.key, Refused: t.statusError}
	var resp struct {
		TranslatedText []string `json:"translatedText"`
	}
	if err := call.JSON(ctx, t.hc, req, &resp); err != nil {
		return nil, err
	}
	if len(resp.TranslatedText) != len(segs) {
		return nil, fmt.Errorf("libretranslate: %d translations for %d texts: %w", len(resp.TranslatedText), len(segs), translate.ErrTruncated)
	}
	return t.markup.UnwrapAll(resp.TranslatedText, keeps), nil
}

// Check asks the server for its languages. It shows the server is up; a
// bad key shows only on the first translation.
func (t *translator) Check(ctx context.Context) error {
	a, err := httpcall.Get(ctx, t.hc, engine, strings.TrimSuffix(t.endpoint, "/translate")+"/languages", nil, t.key)
	if err != nil {
		return err
	}
	if a.Status != http.StatusOK {
		return t.statusError(a)
	}
	return nil
}

// statusError classes a failed answer by LibreTranslate's status and
// message: 400 covers limits, languages and a missing key alike.
func (t *translator) statusError(a httpcall.Answer) error {
	var body struct {
		Error string `json:"error"`
	}
	message := httpcall.Excerpt(a.Body)
	if json.Unmarshal(a.Body, &body) == nil && body.Error != "" {
		message = body.Error
	}
	lower := strings.ToLower(message)
	var class error
	switch {
	case a.Status == http.StatusBadRequest && strings.Contains(lower, "limit"):
		class = translate.ErrTooLarge
	case a.Status == http.StatusBadRequest && (strings.Contains(lower, "not supported") || strings.Contains(lower, "not available as a target")):
		class = translate.ErrUnsupportedPair
	case a.Status == http.StatusTooManyRequests:
		// "Slowdown:", without Retry-After: the server counts per minute.
		class = translate.ErrRetry
	default:
		if class = translate.StatusClass(a.Status); class == nil {
			class = translate.ErrFatal
		}
	}
	return httpcall.Failure(engine, class, a, message, t.key, t.now())
}

// code is LibreTranslate's name for a language: the base, with Chinese
// scripts told apart as recent servers do.
func code(tag language.Tag) string {
	base, _ := tag.Base()
	if base.String() == "zh" {
		script, _ := tag.Script()
		region, _ := tag.Region()
		if script.String() == "Hant" || region.String() == "TW" || region.String() == "HK" {
			return "zt"
		}
		return "zh"
	}
	return base.String()
}
