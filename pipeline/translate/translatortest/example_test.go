package translatortest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// echoEngine is the smallest engine that passes the suite: a JSON API that
// suffixes words and keeps what it is told to, in the way a cloud backend
// maps statuses, Retry-After and transport failures to error classes.
type echoEngine struct {
	url string
	hc  *resty.Client
	key string
}

func (e *echoEngine) Capabilities() translate.Capabilities {
	return translate.Capabilities{Engine: "echo", MaxSegments: 10, MaxChars: 1000, Protect: translate.ProtectIgnoreTags}
}

type echoRequest struct {
	Texts []string   `json:"texts"`
	Keep  [][][2]int `json:"keep"`
}

func (e *echoEngine) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	var req echoRequest
	for _, s := range segs {
		text, keeps := s.Text, [][2]int{}
		for i := len(s.Keep) - 1; i >= 0; i-- { // substitute As from the end
			k := s.Keep[i]
			if k.As != "" {
				text = text[:k.Start] + k.As + text[k.End:]
			}
		}
		shift := 0
		for _, k := range s.Keep {
			n := k.End - k.Start
			if k.As != "" {
				n = len(k.As)
			}
			keeps = append(keeps, [2]int{k.Start + shift, k.Start + shift + n})
			shift += n - (k.End - k.Start)
		}
		req.Texts = append(req.Texts, text)
		req.Keep = append(req.Keep, keeps)
	}
	resp, err := e.hc.R().SetContext(ctx).SetHeader("Authorization", "Key "+e.key).SetBody(req).Post(e.url + "/translate")
	if err != nil {
		return nil, translate.TransportError(ctx, "echo", err)
	}
	if resp.StatusCode() != 200 {
		class := translate.StatusClass(resp.StatusCode())
		if class == nil {
			class = fmt.Errorf("refused")
		}
		return nil, translate.HTTPError("echo", class, resp.StatusCode(), resp.String(), resp.Header(), time.Now())
	}
	var out struct{ Texts []string }
	if err := json.Unmarshal(resp.Body(), &out); err != nil {
		return nil, fmt.Errorf("echo: %w: %w", translate.ErrRetry, err)
	}
	res := make([]translate.Segment, len(out.Texts))
	for i, t := range out.Texts {
		res[i] = translate.Segment{Text: t}
	}
	return res, nil
}

var word = regexp.MustCompile(`[\pL\pN]+`)

func echoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Key sekrit" {
			http.Error(w, "bad key", http.StatusUnauthorized)
			return
		}
		var req echoRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		out := make([]string, len(req.Texts))
		for i, text := range req.Texts {
			last := 0
			for _, k := range req.Keep[i] {
				out[i] += word.ReplaceAllString(text[last:k[0]], "$0-es") + text[k[0]:k[1]]
				last = k[1]
			}
			out[i] += word.ReplaceAllString(text[last:], "$0-es")
		}
		json.NewEncoder(w).Encode(map[string][]string{"texts": out})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSuiteOnEchoEngine(t *testing.T) {
	srv := echoServer(t)
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		return &echoEngine{url: srv.URL, hc: resty.New().SetTransport(rt), key: "sekrit"}
	}, translatortest.Secret("sekrit"), translatortest.Errors(
		translatortest.ErrorCase{Name: "payload too large", Status: 413, Want: translate.ErrTooLarge},
		translatortest.ErrorCase{Name: "quota", Status: 402, Body: "quota exceeded", Want: translate.ErrFatal},
	))
}
