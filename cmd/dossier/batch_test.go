package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStreamPlaces: documents of a JSON stream are known by their place
// in it, also after a bad value was skipped.
func TestStreamPlaces(t *testing.T) {
	dir := t.TempDir()
	stream := filepath.Join(dir, "s.json")
	if err := os.WriteFile(stream, []byte(`{"meta":{"title":"One","language":"en"},"blocks":[{"kind":"paragraph","text":"First article."}]}
{"meta":"bad","blocks":[]}
{"meta":{"title":"Three","language":"en"},"blocks":[{"kind":"paragraph","text":"Third article."}]}
{"meta":{"title":"Four","language":""},"blocks":[{"kind":"paragraph","text":"Fourth article."}]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"dossier", "translate", "--to", "es", "--dry-run", stream}, strings.NewReader(""), &stdout, &stderr)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	for _, want := range []string{"s.json: dossier json: document 2: field meta", "s.json (document 4): "} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
