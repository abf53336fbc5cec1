package names

import (
	"context"
	"fmt"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// BenchmarkStage runs the stage over a generated batch of 1,000 articles:
// the sample and test articles copied over and over, each copy with its
// own source name.
func BenchmarkStage(b *testing.B) {
	seeds := append(sampleBatch(b), peaceBatch(b)...)
	const n = 1000
	fresh := func() []*pipeline.Document {
		docs := make([]*pipeline.Document, n)
		for i := range docs {
			s := seeds[i%len(seeds)]
			d := &pipeline.Document{Meta: s.Meta, Blocks: append([]pipeline.Block(nil), s.Blocks...)}
			d.Meta.Source = fmt.Sprintf("%d-%s", i, s.Meta.Source)
			docs[i] = d
		}
		return docs
	}
	stage := New(Options{CanonicalNames: true})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		docs := fresh()
		b.StartTimer()
		if err := stage.ApplyBatch(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}
