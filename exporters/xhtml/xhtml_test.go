package xhtml_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/internal/testtool"
	"github.com/dossier-news/dossier/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// created is the fixed time tests write into outputs.
var created = time.Date(2026, 5, 20, 9, 30, 0, 0, time.UTC)

// load reads a sample document written by testdata/mksamples.
func load(t testing.TB, name string) *pipeline.Document {
	t.Helper()
	return exportertest.ReadJSON[pipeline.Document](t, filepath.Join("testdata", "docs", name+".json"))
}

func loadIndex(t testing.TB) *pipeline.Index {
	t.Helper()
	return exportertest.ReadJSON[pipeline.Index](t, filepath.Join("testdata", "docs", "index.json"))
}

func single(doc *pipeline.Document) *exporters.Briefing { return exportertest.Single(doc, created) }

func batch(t testing.TB) *exporters.Briefing {
	var docs []*pipeline.Document
	for _, n := range []string{"seed", "en", "az", "ru", "fa"} {
		docs = append(docs, load(t, n))
	}
	return &exporters.Briefing{Title: "Azerbaijan: Iranian spy network", Documents: docs, Index: loadIndex(t), Created: created}
}

func export(t testing.TB, b *exporters.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xhtml.New().Export(context.Background(), &buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name     string
		briefing func(t *testing.T) *exporters.Briefing
	}{
		{"en", func(t *testing.T) *exporters.Briefing { return single(load(t, "en")) }},
		{"fa", func(t *testing.T) *exporters.Briefing { return single(load(t, "fa")) }},
		{"batch", func(t *testing.T) *exporters.Briefing { return batch(t) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := export(t, tt.briefing(t))
			golden := filepath.Join("testdata", tt.name+".golden.xhtml")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; rerun with -update and review the diff", golden)
			}
			xmllint(t, got)
		})
	}
}

// xmllint checks that b is well-formed XML without fetching anything, in
// a subtest, so that where xmllint is missing only that subtest is
// skipped and the caller's own checks still run.
func xmllint(t *testing.T, b []byte) {
	t.Helper()
	t.Run("xmllint", func(t *testing.T) {
		path := testtool.Need(t, "xmllint")
		f := filepath.Join(t.TempDir(), "out.xhtml")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(path, "--noout", "--nonet", f).CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	})
}
