package translate_test

import (
	"context"
	"errors"
	"testing"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// checkedTranslator is an engine whose Check answers err.
type checkedTranslator struct{ err error }

func (checkedTranslator) Translate(context.Context, language.Tag, language.Tag, []translate.Segment) ([]translate.Segment, error) {
	return nil, errors.New("not for checks")
}
func (checkedTranslator) Capabilities() translate.Capabilities { return translate.Capabilities{} }
func (t checkedTranslator) Check(context.Context) error        { return t.err }

// TestCheckEngineContacts: an engine is built (and so may send a request)
// only with its key, or at a URL the user gave or on this machine.
func TestCheckEngineContacts(t *testing.T) {
	url := translate.Option{Name: "url", Env: "FAKE_URL", Default: "https://api.example.com"}
	optionalKey := translate.Option{Name: "key", Env: "FAKE_KEY", Secret: true}
	requiredKey := translate.Option{Name: "key", Env: "FAKE_KEY", Secret: true, Required: true}
	tests := []struct {
		name      string
		options   []translate.Option
		env       map[string]string
		checkErr  error
		want      string
		state     translate.CheckState
		contacted bool
		secondary bool // not the engine a translation would use
	}{
		{"required key missing", []translate.Option{url, requiredKey}, nil, nil,
			"not configured (set $FAKE_KEY)", translate.EngineNotConfigured, false, false},
		{"required key set", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", translate.EngineReachable, true, false},
		{"optional key missing, public default host", []translate.Option{url, optionalKey}, nil, nil,
			"not configured (no $FAKE_KEY; pass --engine-url for a local server)", translate.EngineNotConfigured, false, false},
		{"optional key set, public default host", []translate.Option{url, optionalKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", translate.EngineReachable, true, false},
		{"optional key missing, URL from the environment", []translate.Option{url, optionalKey}, map[string]string{"FAKE_URL": "https://mine.example"}, nil,
			"reachable", translate.EngineReachable, true, false},
		{"optional key missing, loopback default", []translate.Option{{Name: "url", Default: "http://127.0.0.1:5000"}, optionalKey}, nil, nil,
			"reachable", translate.EngineReachable, true, false},
		{"optional key missing, localhost default", []translate.Option{{Name: "url", Default: "http://localhost:5000/v1"}, optionalKey}, nil, nil,
			"reachable", translate.EngineReachable, true, false},
		{"no key setting, no URL", []translate.Option{{Name: "command", Default: "fake"}}, nil, nil,
			"reachable", translate.EngineReachable, true, false},
		{"unreachable", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, errors.New("connection refused"),
			"unreachable: connection refused", translate.EngineUnreachable, true, false},
		// Issue 14: a LibreTranslate nobody set up, at its default
		// address, failed 'engines --check' for Apertium users.
		{"another engine at its loopback default", []translate.Option{{Name: "url", Default: "http://127.0.0.1:5000"}, optionalKey}, nil, nil,
			"not configured (no key or URL given; 'dossier engines --check --engine fake' tries its defaults)", translate.EngineNotConfigured, false, true},
		{"another engine with its URL", []translate.Option{url, optionalKey}, map[string]string{"FAKE_URL": "http://127.0.0.1:5000"}, nil,
			"reachable", translate.EngineReachable, true, true},
		{"another engine with its key", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", translate.EngineReachable, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			built := false
			b := translate.Backend{Name: "fake", Options: tc.options, New: func(translate.Config, *resty.Client) (translate.Translator, error) {
				built = true
				return checkedTranslator{err: tc.checkErr}, nil
			}}
			getenv := func(k string) string { return tc.env[k] }
			st := translate.Engine{Backend: b}.Check(context.Background(), getenv, resty.New(), !tc.secondary)
			if st.Text != tc.want || st.State != tc.state {
				t.Errorf("status %d %q, want %d %q", st.State, st.Text, tc.state, tc.want)
			}
			if built != tc.contacted {
				t.Errorf("engine built: %v, want %v", built, tc.contacted)
			}
		})
	}
}

// TestResolvePrecedence: a setting comes from the request (a flag), else
// the profile, else the environment, else the default; a profile for
// another engine lends nothing; a setting the engine lacks is an error.
func TestResolvePrecedence(t *testing.T) {
	fake := translate.Backend{Name: "fake", Options: []translate.Option{
		{Name: "url", Env: "FAKE_URL", Default: "http://127.0.0.1:1"},
		{Name: "key", Env: "FAKE_KEY", Secret: true},
		{Name: "region", Env: "FAKE_REGION", Default: "eu"},
	}}
	reg := translate.NewRegistry(fake, translate.Backend{Name: "other"})
	file := translate.ConfigFile{Profile: "team", Profiles: map[string]translate.Profile{
		"team":  {Engine: "fake", URL: "http://profile", KeyEnv: "TEAM_KEY", Concurrency: 4, Options: map[string]string{"region": "us"}},
		"other": {Engine: "other", URL: "http://other"},
	}}
	env := map[string]string{"FAKE_URL": "http://env", "TEAM_KEY": "k1", "FAKE_KEY": "k0"}
	getenv := func(k string) string { return env[k] }
	two := 2
	tests := []struct {
		name             string
		req              translate.Request
		url, key, region string
		concurrency      int
	}{
		{"flag beats profile", translate.Request{Set: map[string]string{"url": "http://flag"}, Concurrency: &two}, "http://flag", "k1", "us", 2},
		{"profile beats environment", translate.Request{}, "http://profile", "k1", "us", 4},
		{"a profile for another engine lends nothing; environment beats default", translate.Request{Engine: "fake", Profile: "other"}, "http://env", "k0", "eu", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eng, err := reg.Resolve(file, tc.req, getenv)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := eng.Configure(getenv)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.URL != tc.url || cfg.Key != tc.key || cfg.Options["region"] != tc.region || eng.Concurrency != tc.concurrency {
				t.Errorf("url %q key %q region %q concurrency %d, want %q %q %q %d",
					cfg.URL, cfg.Key, cfg.Options["region"], eng.Concurrency, tc.url, tc.key, tc.region, tc.concurrency)
			}
		})
	}
	delete(env, "FAKE_URL")
	eng, _ := reg.Resolve(file, translate.Request{Engine: "fake", Profile: "other"}, getenv)
	if cfg, _ := eng.Configure(getenv); cfg.URL != "http://127.0.0.1:1" {
		t.Errorf("default: url %q", cfg.URL)
	}
	if _, err := reg.Resolve(file, translate.Request{Profile: "nope"}, getenv); !errors.Is(err, translate.ErrUnknownProfile) {
		t.Errorf("unknown profile: %v", err)
	}
	var oe *translate.OptionError
	if _, err := reg.Resolve(file, translate.Request{Engine: "other", Profile: "other", Set: map[string]string{"model": "m"}}, getenv); !errors.As(err, &oe) || oe.Option != "url" {
		t.Errorf("a setting the engine lacks: %v", err)
	}
}

// TestEngineNew: the translator is made with the settings the request
// and the environment give, and a required setting missing fails before
// the backend is called.
func TestEngineNew(t *testing.T) {
	var got translate.Config
	b := translate.Backend{
		Name:    "fake",
		Options: []translate.Option{{Name: "url", Default: "http://127.0.0.1:1"}, {Name: "key", Env: "FAKE_KEY", Secret: true, Required: true}},
		New: func(cfg translate.Config, _ *resty.Client) (translate.Translator, error) {
			got = cfg
			return checkedTranslator{}, nil
		},
	}
	eng := translate.Engine{Backend: b, Set: map[string]string{"url": "http://127.0.0.1:2"}}
	if _, _, err := eng.New(func(string) string { return "" }); err == nil || got.URL != "" {
		t.Fatalf("without the key: %v, backend called with %v; want an error first", err, got)
	}
	tr, cfg, err := eng.New(func(k string) string { return map[string]string{"FAKE_KEY": "k"}[k] })
	if err != nil || tr == nil || cfg.URL != "http://127.0.0.1:2" || got.URL != cfg.URL {
		t.Fatalf("New = %v, %v, %v; want a translator at the URL set", tr, cfg, err)
	}
}

func TestRegistryDefault(t *testing.T) {
	if got := translate.NewRegistry().Default(); got != "" {
		t.Errorf("empty registry: Default = %q", got)
	}
	r := translate.NewRegistry(translate.Backend{Name: "local"}, translate.Backend{Name: "paid"})
	if got := r.Default(); got != "local" {
		t.Errorf("Default = %q, want the first registered", got)
	}
}
