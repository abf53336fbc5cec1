package exportertest

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
)

// ReadJSON reads the value stored as JSON at path, such as a Document or
// an Index an exporter's testdata keeps; it fails the test on any error.
func ReadJSON[T any](t testing.TB, path string) *T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &v
}

// Single returns a briefing of doc alone, titled as doc, created at created.
func Single(doc *pipeline.Document, created time.Time) *exporters.Briefing {
	return &exporters.Briefing{Title: doc.Meta.Title, Documents: []*pipeline.Document{doc}, Created: created}
}
