package names

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

// BenchmarkStage runs the stage over a generated batch of 1,000 articles:
// the sample and test articles copied over and over, each copy with its
// own source name. Run it with -cpu 1 for the one-core figure.
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
	sentences := 0
	for _, d := range fresh() {
		d.MetaUnits(func(_ pipeline.Ref, text *string) { sentences += countSentences(*text) })
		d.Units(func(_ pipeline.Ref, text *string) { sentences += countSentences(*text) })
	}
	stage := New(Options{CanonicalNames: true})
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		docs := fresh()
		b.StartTimer()
		t0 := cpuTime()
		if err := stage.ApplyBatch(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - t0
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
	// On a machine other work shares, wall time says little; sentences
	// per second of this process's CPU time (the collector's included)
	// bound what one free core does.
	if cpu > 0 {
		b.ReportMetric(float64(sentences*b.N)/cpu.Seconds(), "sentences/cpu-s")
	}
}

// countSentences counts the sentences of a text unit as the stage splits
// them.
func countSentences(text string) int {
	n := 0
	for _, w := range tokenize(text) {
		if w.sentStart {
			n++
		}
	}
	return n
}
