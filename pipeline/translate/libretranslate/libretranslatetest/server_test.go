package libretranslatetest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate/libretranslate/libretranslatetest"
)

func TestProtocol(t *testing.T) {
	srv := libretranslatetest.NewServer(t, libretranslatetest.WithCharLimit(100))
	tests := []struct {
		name, contentType, body string
		status                  int
		want, not               string
	}{
		{"string in, string out", "application/json", `{"q":"the sea","source":"en","target":"es"}`, 200, `{"translatedText":"el mar"}`, "detectedLanguage"},
		{"array in, array out", "application/json", `{"q":["the sea","oil"],"source":"en","target":"es"}`, 200, `{"translatedText":["el mar","petróleo"]}`, "detectedLanguage"},
		{"auto detects", "application/json", `{"q":["the sea"],"source":"auto","target":"es"}`, 200, `"detectedLanguage":[{"confidence":90,"language":"en"}]`, ""},
		{"form", "application/x-www-form-urlencoded", "q=the+sea&source=en&target=es", 200, `"el mar"`, ""},
		{"translate=no kept, notranslate not", "application/json", `{"q":"<span translate=\"no\">the sea</span> <span class=\"notranslate\">the sea</span> &amp;","source":"en","target":"es","format":"html"}`, 200,
			`<span translate=\"no\">the sea</span> <span class=\"notranslate\">el mar</span> &`, "&amp;"},
		{"char limit over the whole request", "application/json", `{"q":["` + strings.Repeat("a", 51) + `","` + strings.Repeat("a", 50) + `"],"source":"en","target":"es"}`, 400, "exceeds text limit (100)", ""},
		{"unsupported", "application/json", `{"q":"x","source":"en","target":"xx"}`, 400, "xx is not supported", ""},
		{"missing q", "application/json", `{"source":"en","target":"es"}`, 400, "missing q parameter", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/translate", tc.contentType, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			out, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(out), tc.want) || (tc.not != "" && strings.Contains(string(out), tc.not)) {
				t.Errorf("%d %s, want %d with %q", resp.StatusCode, out, tc.status, tc.want)
			}
			if resp.Header.Get("Retry-After") != "" {
				t.Error("Retry-After sent")
			}
		})
	}
}
