package apertium_test

import (
	"context"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
	"github.com/dossier-news/dossier/pipeline/translate/translatortest"
)

// apyErrors are APy's documented error answers.
var apyErrors = []translatortest.ErrorCase{
	{Name: "bad pair", Status: 400, Body: `{"status": "error", "code": 400, "message": "Bad Request", "explanation": "That pair is not installed"}`, Want: translate.ErrUnsupportedPair},
	{Name: "pipeline timeout", Status: 503, Body: `{"status": "error", "code": 503, "message": "Service Unavailable", "explanation": "internal error"}`, Want: translate.ErrRetry},
	{Name: "request timeout", Status: 408, Body: `{"status": "error", "code": 408, "message": "Request Timeout", "explanation": "Server did not receive a complete request"}`, Want: translate.ErrRetry},
	{Name: "proxy auth", Status: 403, Body: "forbidden", Want: translate.ErrFatal},
	{Name: "wrong url", Status: 404, Body: `{"status": "error", "code": 404, "message": "Not Found"}`, Want: translate.ErrFatal},
}

func TestConformanceAPy(t *testing.T) {
	url := apertiumtest.StartAPy(t)
	translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
		cfg, err := apertium.Backend().Configure(map[string]string{"url": url}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := apertium.Backend().New(cfg, resty.New().SetTransport(rt))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, translatortest.Errors(apyErrors...))
}

func needLocal(t *testing.T) {
	_, err := exec.LookPath("apertium")
	apertiumtest.Need(t, err == nil, "apertium not installed (Debian: apertium)")
	apertiumtest.Need(t, apertiumtest.HavePair("eng-spa"), "Apertium eng-spa not installed (Debian: apertium-eng-spa)")
}

func TestLocalCommand(t *testing.T) {
	needLocal(t)
	tr, err := apertium.New(translate.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	segs := []translate.Segment{
		{Text: `He said "it's fine" & left <now>.`},
		{Text: "Roger Stone met Elvin Green in Baku.", Keep: []translate.Keep{{Start: 0, End: 11}, {Start: 16, End: 27}}},
		{Text: "The court named Расулов a suspect.", Keep: []translate.Keep{{Start: 16, End: 30, As: "Rasulov"}}},
		{Text: "Unknownword Zqxv arrived."},
	}
	out, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(segs) {
		t.Fatalf("%d segments out, want %d", len(out), len(segs))
	}
	for _, want := range []struct {
		seg  int
		text string
	}{{0, "&"}, {0, "<ahora>"}, {1, "Roger Stone"}, {1, "Elvin Green"}, {2, "Rasulov"}} {
		if !strings.Contains(out[want.seg].Text, want.text) {
			t.Errorf("segment %d = %q, want it to contain %q", want.seg, out[want.seg].Text, want.text)
		}
	}
	for i, s := range out {
		if strings.ContainsAny(s.Text, "*#@") {
			t.Errorf("segment %d carries unknown-word marks: %q", i, s.Text)
		}
	}
}

func TestLocalPairs(t *testing.T) {
	needLocal(t)
	tr, _ := apertium.New(translate.Config{}, nil)
	pairs, err := tr.(translate.PairLister).Pairs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range pairs {
		found = found || p == translate.Pair{From: "en", To: "es"}
	}
	if !found {
		t.Errorf("Pairs = %v, want en→es among them", pairs)
	}
}

func TestLocalUnsupportedPair(t *testing.T) {
	needLocal(t)
	tr, _ := apertium.New(translate.Config{}, nil)
	_, err := tr.Translate(context.Background(), language.English, language.Armenian, []translate.Segment{{Text: "Hello."}})
	if !errors.Is(err, translate.ErrUnsupportedPair) {
		t.Fatalf("err = %v, want ErrUnsupportedPair", err)
	}
}

func TestMissingCommandIsFatal(t *testing.T) {
	tr, err := apertium.New(translate.Config{Options: map[string]string{"command": "/nonexistent/apertium"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{{Text: "Hello."}})
	if !errors.Is(err, translate.ErrFatal) || !strings.Contains(err.Error(), "--engine-url") {
		t.Fatalf("err = %v, want ErrFatal with a hint", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  translate.Config
	}{
		{"url without scheme", translate.Config{URL: "127.0.0.1:2737"}},
		{"bad timeout", translate.Config{Options: map[string]string{"timeout": "soon"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := apertium.New(c.cfg, nil); err == nil {
				t.Fatal("New accepted it")
			}
		})
	}
}
