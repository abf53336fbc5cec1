package deepltest_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate/deepl/deepltest"
)

func TestProtocol(t *testing.T) {
	srv := deepltest.NewServer(t, deepltest.WithQuota(1000))
	auth := "DeepL-Auth-Key " + srv.Key()
	many := strings.Repeat(`"a",`, 50) + `"a"`
	tests := []struct {
		name, path, contentType, auth, body string
		status                              int
		want                                string
	}{
		{"json", "/v2/translate", "application/json", auth, `{"text":["the sea"],"target_lang":"ES"}`, 200, `"text":"el mar"`},
		{"form with several texts", "/v2/translate", "application/x-www-form-urlencoded", auth, "text=the+sea&text=oil&target_lang=ES", 200, `"text":"petróleo"`},
		{"xml ignore_tags", "/v2/translate", "application/json", auth, `{"text":["the <x>sea</x> &amp; oil"],"target_lang":"ES","tag_handling":"xml","ignore_tags":["x"]}`, 200, `el <x>sea</x> &amp; petróleo`},
		{"malformed xml", "/v2/translate", "application/json", auth, `{"text":["a < b"],"target_lang":"ES","tag_handling":"xml"}`, 400, "Tag handling parsing failed"},
		{"legacy auth_key", "/v2/translate?auth_key=" + url.QueryEscape(srv.Key()), "application/json", "", `{"text":["x"],"target_lang":"ES"}`, 403, "auth_key"},
		{"wrong key", "/v2/translate", "application/json", "DeepL-Auth-Key nope", `{"text":["x"],"target_lang":"ES"}`, 403, "Authorization failure"},
		{"51 texts", "/v2/translate", "application/json", auth, `{"text":[` + many + `],"target_lang":"ES"}`, 400, "Too many texts"},
		{"over 128 KiB", "/v2/translate", "application/json", auth, `{"text":["` + strings.Repeat("a", 128<<10) + `"],"target_lang":"ES"}`, 413, "Request Entity Too Large"},
		{"unsupported target", "/v2/translate", "application/json", auth, `{"text":["x"],"target_lang":"XX"}`, 400, "target_lang"},
		{"quota", "/v2/translate", "application/json", auth, `{"text":["` + strings.Repeat("a", 1001) + `"],"target_lang":"ES"}`, 456, "Quota for this billing period"},
		{"usage", "/v2/usage", "", auth, "", 200, `"character_limit":1000`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, srv.URL+tc.path, tc.contentType, tc.auth, tc.body)
			if status != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("%d %s, want %d with %q", status, body, tc.status, tc.want)
			}
		})
	}
}

func TestEmpty429(t *testing.T) {
	srv := deepltest.NewServer(t)
	srv.Fail(deepltest.Failure{Status: 429, RetryAfter: "3"})
	status, body := do(t, srv.URL+"/v2/translate", "application/json", "DeepL-Auth-Key "+srv.Key(), `{"text":["x"],"target_lang":"ES"}`)
	if status != 429 || body != "" {
		t.Errorf("%d %q, want 429 with an empty body", status, body)
	}
}

func do(t *testing.T, url, contentType, auth, body string) (int, string) {
	t.Helper()
	method := http.MethodPost
	if body == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(out)
}
