package translate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline/translate"
)

func backend(name string) translate.Backend {
	return translate.Backend{
		Name: name,
		Options: []translate.Option{
			{Name: "url", Env: "X_URL", Default: "http://127.0.0.1:1"},
			{Name: "key", Env: "X_KEY", Secret: true, Required: true},
			{Name: "region", Env: "X_REGION"},
		},
		New: func(translate.Config, *resty.Client) (translate.Translator, error) { return nil, nil },
	}
}

func TestRegistry(t *testing.T) {
	r := translate.NewRegistry(backend("a"), backend("b"), backend("a"))
	if got := strings.Join(r.Names(), ","); got != "a,b" {
		t.Errorf("Names = %s", got)
	}
	if b, err := r.Lookup("b"); err != nil || b.Name != "b" {
		t.Errorf("Lookup(b) = %v, %v", b.Name, err)
	}
	_, err := r.Lookup("deepl")
	if !errors.Is(err, translate.ErrUnknownEngine) || !strings.Contains(err.Error(), "a, b") {
		t.Errorf("Lookup(deepl) err = %v", err)
	}
}

func TestConfigure(t *testing.T) {
	env := map[string]string{"X_KEY": "sekrit-123", "X_REGION": "westeurope"}
	getenv := func(k string) string { return env[k] }
	cfg, err := backend("x").Configure(map[string]string{"region": "northeurope"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.URL != "http://127.0.0.1:1" || cfg.Key != "sekrit-123" || cfg.Options["region"] != "northeurope" {
		t.Errorf("cfg = %#v", cfg)
	}
	for _, s := range []string{cfg.String(), fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg)} {
		if strings.Contains(s, "sekrit") {
			t.Errorf("config prints its key: %s", s)
		}
	}
	if _, err := backend("x").Configure(nil, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "X_KEY") {
		t.Errorf("missing key: err = %v", err)
	}
	if _, err := backend("x").Configure(map[string]string{"colour": "red"}, getenv); err == nil {
		t.Error("unknown option accepted")
	}
}
