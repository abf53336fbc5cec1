// Package pipeline_test benchmarks the first end-to-end path — raw scrape
// in, clean article out as plain text — on a generated corpus of 1,000
// articles in the samples' languages and layouts.
//
//	go test -run '^$' -bench . -benchmem ./bench/pipeline
package pipeline_test

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/langid"
)

// corpus returns n raw articles made from the samples, each body varied
// by added sentences, so no two are the same.
func corpus(tb testing.TB, n int) [][]byte {
	files, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples: %v", err)
	}
	var samples [][]string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		samples = append(samples, strings.Split(string(b), "\n"))
	}
	rng := rand.New(rand.NewSource(1))
	names := []string{"Zahir Askarov", "Nikol Pashinyan", "Ceyhun Bayramov", "Ararat Mirzoyan", "Hikmet Hajiyev"}
	out := make([][]byte, n)
	for i := range out {
		lines := samples[i%len(samples)]
		var sb strings.Builder
		// Keep the head (furniture, title, dates) in place; vary the body.
		head := min(12, len(lines))
		for _, l := range lines[:head] {
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
		for j, l := range lines[head:] {
			if len(l) > 80 && rng.Intn(3) == 0 {
				l += fmt.Sprintf(" %s said on day %d.", names[(i+j)%len(names)], i%28+1)
			}
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
		out[i] = []byte(sb.String())
	}
	return out
}

func BenchmarkCleanText1000(b *testing.B) {
	articles := corpus(b, 1000)
	var total int64
	for _, a := range articles {
		total += int64(len(a))
	}
	ctx := context.Background()
	cleaner := clean.New(langid.New())
	exp := text.New(text.Options{})
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, raw := range articles {
			s, err := ingest.Decode(raw, "", false)
			if err != nil {
				b.Fatalf("article %d: %v", j, err)
			}
			doc, err := cleaner.Text(ctx, s, fmt.Sprintf("a%d.txt", j))
			if err != nil {
				b.Fatalf("article %d: %v", j, err)
			}
			br := &exporters.Briefing{Title: doc.Meta.Title, Documents: []*pipeline.Document{doc}}
			if err := exp.Export(ctx, io.Discard, br); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(articles)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
