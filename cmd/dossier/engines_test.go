package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

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
