package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// TestSummaryCountsGlossaryRequests: the requests that set up a DeepL
// glossary are billed apart from translations, and the summary says so.
func TestSummaryCountsGlossaryRequests(t *testing.T) {
	for _, tc := range []struct {
		glossary int
		want     string
	}{
		{0, ""},
		{1, "; 1 request to set up the engine's glossary"},
		{2, "; 2 requests to set up the engine's glossary"},
	} {
		var stderr bytes.Buffer
		s := &translateStage{e: &env{stderr: &stderr}}
		s.summary(translate.Report{Engine: "deepl", Segments: 3, Requests: 1, Chars: 40, GlossaryRequests: tc.glossary})
		got := stderr.String()
		if tc.want == "" {
			if strings.Contains(got, "glossary") {
				t.Errorf("no glossary requests: %q", got)
			}
			continue
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%d glossary requests: %q lacks %q", tc.glossary, got, tc.want)
		}
	}
}
