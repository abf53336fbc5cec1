package main

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-resty/resty/v2"
	"github.com/urfave/cli/v2"
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
		state     int
		contacted bool
		secondary bool // not the engine a translation would use
	}{
		{"required key missing", []translate.Option{url, requiredKey}, nil, nil,
			"not configured (set $FAKE_KEY)", engineNotConfigured, false, false},
		{"required key set", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", engineReachable, true, false},
		{"optional key missing, public default host", []translate.Option{url, optionalKey}, nil, nil,
			"not configured (no $FAKE_KEY; pass --engine-url for a local server)", engineNotConfigured, false, false},
		{"optional key set, public default host", []translate.Option{url, optionalKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", engineReachable, true, false},
		{"optional key missing, URL from the environment", []translate.Option{url, optionalKey}, map[string]string{"FAKE_URL": "https://mine.example"}, nil,
			"reachable", engineReachable, true, false},
		{"optional key missing, loopback default", []translate.Option{{Name: "url", Default: "http://127.0.0.1:5000"}, optionalKey}, nil, nil,
			"reachable", engineReachable, true, false},
		{"optional key missing, localhost default", []translate.Option{{Name: "url", Default: "http://localhost:5000/v1"}, optionalKey}, nil, nil,
			"reachable", engineReachable, true, false},
		{"no key setting, no URL", []translate.Option{{Name: "command", Default: "fake"}}, nil, nil,
			"reachable", engineReachable, true, false},
		{"unreachable", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, errors.New("connection refused"),
			"unreachable: connection refused", engineUnreachable, true, false},
		// Issue 14: a LibreTranslate nobody set up, at its default
		// address, failed 'engines --check' for Apertium users.
		{"another engine at its loopback default", []translate.Option{{Name: "url", Default: "http://127.0.0.1:5000"}, optionalKey}, nil, nil,
			"not configured (no key or URL given; 'dossier engines --check --engine fake' tries its defaults)", engineNotConfigured, false, true},
		{"another engine with its URL", []translate.Option{url, optionalKey}, map[string]string{"FAKE_URL": "http://127.0.0.1:5000"}, nil,
			"reachable", engineReachable, true, true},
		{"another engine with its key", []translate.Option{url, requiredKey}, map[string]string{"FAKE_KEY": "k"}, nil,
			"reachable", engineReachable, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			built := false
			b := translate.Backend{Name: "fake", Options: tc.options, New: func(translate.Config, *resty.Client) (translate.Translator, error) {
				built = true
				return checkedTranslator{err: tc.checkErr}, nil
			}}
			e := &env{getenv: func(k string) string { return tc.env[k] }}
			c := cli.NewContext(cli.NewApp(), flag.NewFlagSet("engines", flag.ContinueOnError), nil)
			c.Context = context.Background()
			st := e.checkEngine(c, b, !tc.secondary)
			if st.text != tc.want || st.state != tc.state {
				t.Errorf("status %d %q, want %d %q", st.state, st.text, tc.state, tc.want)
			}
			if built != tc.contacted {
				t.Errorf("engine built: %v, want %v", built, tc.contacted)
			}
		})
	}
}

// TestEnginesCommand runs 'dossier engines' with no keys in the
// environment: listing needs none, a check names what is missing and
// contacts no public host, and an unreachable engine is an error.
func TestEnginesCommand(t *testing.T) {
	for _, k := range []string{"DEEPL_AUTH_KEY", "GOOGLE_API_KEY", "AZURE_TRANSLATOR_KEY", "LIBRETRANSLATE_API_KEY", "OPENAI_API_KEY", "DOSSIER_PROFILE", "DOSSIER_CONFIG", "DOSSIER_ENGINE"} {
		t.Setenv(k, "")
	}
	apy := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {})
	t.Setenv("APERTIUM_URL", apy)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string
		notStdout []string
		stderr    string
		noStderr  bool
	}{
		{"list one without its key", []string{"engines", "--engine", "deepl"}, exitOK,
			[]string{"deepl\t", "DEEPL_AUTH_KEY"}, []string{"apertium\t", "status:"}, "", true},
		{"unknown engine", []string{"engines", "--engine", "nope"}, exitUsage,
			nil, nil, `--engine: "nope": unknown engine`, false},
		{"check one without its key", []string{"engines", "--check", "--engine", "deepl"}, exitPartial,
			[]string{"status: not configured (set $DEEPL_AUTH_KEY)"}, nil, "dossier: error: deepl: not configured", false},
		{"check openai without key", []string{"engines", "--check", "--engine", "openai"}, exitPartial,
			[]string{"status: not configured (no $OPENAI_API_KEY; pass --engine-url for a local server)"}, nil, "dossier: error: openai: not configured", false},
		{"check unreachable", []string{"engines", "--check", "--engine", "apertium", "--engine-url", deadURL}, exitPartial,
			[]string{"status: unreachable: "}, nil, "dossier: error: 1 engine unreachable\n", false},
		{"check reachable", []string{"engines", "--check", "--engine", "apertium"}, exitOK,
			[]string{"status: reachable; languages: en→es"}, nil, "", true},
		{"check openai at a local server", []string{"engines", "--check", "--engine", "openai", "--engine-url", deadURL + "/v1"}, exitPartial,
			[]string{"status: unreachable: "}, nil, "dossier: error: 1 engine unreachable\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), t.TempDir(), "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.notStdout {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, stdout)
				}
			}
			if tc.noStderr && stderr != "" || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
		})
	}

	// Every engine at once: those without keys are not configured and
	// none of them is asked anything; apertium, the default, answers, so
	// the check passes (issue 14: LibreTranslate, not set up, failed it).
	code, stdout, stderr := runIn(t, context.Background(), t.TempDir(), "", "engines", "--check")
	if code != exitOK {
		t.Errorf("engines --check: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"status: not configured (no key or URL given; 'dossier engines --check --engine libretranslate' tries its defaults)",
		"status: not configured (set $DEEPL_AUTH_KEY)",
		"status: not configured (set $GOOGLE_API_KEY)",
		"status: not configured (set $AZURE_TRANSLATOR_KEY)",
		"status: not configured (no $OPENAI_API_KEY; pass --engine-url for a local server)",
		"status: reachable; languages: en→es",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("engines --check lacks %q:\n%s", want, stdout)
		}
	}
}
