package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
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

func TestBriefingTitle(t *testing.T) {
	doc := func(title string, d *pipeline.Date) *pipeline.Document {
		return &pipeline.Document{Meta: pipeline.Meta{Title: title, Published: d}}
	}
	tests := []struct {
		name string
		flag string
		docs []*pipeline.Document
		want string
	}{
		{"flag wins", "Caucasus weekly", []*pipeline.Document{doc("a", nil), doc("b", nil)}, "Caucasus weekly"},
		{"one article", "", []*pipeline.Document{doc("Azerbaijan Exposes Alleged Iranian Spy Network", nil)}, "Azerbaijan Exposes Alleged Iranian Spy Network"},
		{"one month", "", []*pipeline.Document{doc("a", pipeline.Day(2022, 11, 22)), doc("b", pipeline.Day(2022, 11, 14)), doc("c", nil)}, "Briefing: 3 articles, 14–22 November 2022"},
		{"one day", "", []*pipeline.Document{doc("a", pipeline.Day(2022, 11, 14)), doc("b", pipeline.Day(2022, 11, 14))}, "Briefing: 2 articles, 14 November 2022"},
		{"across months", "", []*pipeline.Document{doc("a", pipeline.Day(2022, 10, 30)), doc("b", pipeline.Day(2022, 11, 2))}, "Briefing: 2 articles, 30 October 2022 – 2 November 2022"},
		{"no dates", "", []*pipeline.Document{doc("a", nil), doc("b", nil)}, "Briefing: 2 articles"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := briefingTitle(tc.flag, tc.docs); got != tc.want {
				t.Errorf("briefingTitle = %q, want %q", got, tc.want)
			}
		})
	}
}
