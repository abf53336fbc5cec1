package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenText pins the plain-text form of every cleaned sample: the
// first end-to-end path, raw scrape in, clean text out. Review every
// -update diff.
func TestGoldenText(t *testing.T) {
	samples, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, sample := range samples {
		name := strings.TrimSuffix(filepath.Base(sample), ".txt")
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), []string{"dossier", "clean", "--format", "txt", sample}, nil, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			// The source path depends on where the test runs from.
			got := strings.ReplaceAll(stdout.String(), "../../testdata/articles/", "")
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/dossier -run TestGoldenText -update)", err)
			}
			if got != string(want) {
				t.Errorf("clean --format txt %s differs from %s:\n%s", sample, golden, got)
			}
		})
	}
}
