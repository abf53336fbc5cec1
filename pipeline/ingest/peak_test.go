package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
)

const peakSentence = "The minister said on Tuesday that the talks in Baku would go on next week, according to officials. "

// peakInputs are generated inputs of each kind, a few MiB each.
func peakInputs() map[string][]byte {
	var text bytes.Buffer
	text.WriteString("Huge text\n\nNovember 22, 2022\n\n")
	for text.Len() < 8<<20 {
		text.WriteString(peakSentence + peakSentence + peakSentence + peakSentence + "\n\n")
	}
	var page bytes.Buffer
	page.WriteString("<!doctype html><html><head><title>Page</title></head><body><article><h1>Page</h1>")
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&page, "<p>%d: %s%s%s</p>\n", i, peakSentence, peakSentence, peakSentence)
	}
	page.WriteString("</article></body></html>")
	var doc bytes.Buffer
	doc.WriteString(`{"meta":{"title":"Many"},"blocks":[`)
	for i := 0; i < 4000; i++ {
		if i > 0 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"kind":"paragraph","text":"%d: %s%s%s%s%s"}`, i, peakSentence, peakSentence, peakSentence, peakSentence, peakSentence)
	}
	doc.WriteString("]}")
	return map[string][]byte{"text": text.Bytes(), "html": page.Bytes(), "json": doc.Bytes()}
}

// BenchmarkPeakHeap reports the peak heap while one input is loaded
// (read, decoded, bounded, parsed and cleaned), per byte of the input
// (the html page, 1.2 MB, is above clean.DefaultBoundedAbove and streamed;
// html-tree reads it with go-trafilatura):
//
//	go test -run '^$' -bench PeakHeap -benchtime 3x ./pipeline/ingest
//
// The heap is sampled every 100µs; the figure is the highest sample
// above the heap before the load, so it counts garbage not yet
// collected, as the process's memory does.
func BenchmarkPeakHeap(b *testing.B) {
	for _, kind := range []string{"text", "html", "html-tree", "json"} {
		raw := peakInputs()[strings.TrimSuffix(kind, "-tree")]
		b.Run(kind, func(b *testing.B) {
			cleaner := clean.New(nil)
			if kind == "html-tree" {
				// The same page read by go-trafilatura, as pages below
				// clean.DefaultBoundedAbove are.
				cleaner = cleaner.WithBoundedAbove(64 << 20)
			}
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			var worst float64
			for b.Loop() {
				in := &ingest.Ingester{Text: cleaner.Text, HTML: cleaner.HTML, Stdin: bytes.NewReader(raw), MaxBytes: 64 << 20, Limits: ingest.Limits{Blocks: 1 << 20, Lines: 1 << 20}}
				srcs, _ := ingest.Expand([]string{"-"})
				runtime.GC()
				base := heapBytes()
				var peak atomic.Uint64
				done := make(chan struct{})
				go func() {
					for {
						if h := heapBytes(); h > peak.Load() {
							peak.Store(h)
						}
						select {
						case <-done:
							return
						case <-time.After(100 * time.Microsecond):
						}
					}
				}()
				docs, err := in.LoadAll(context.Background(), srcs[0])
				close(done)
				if err != nil || len(docs) == 0 {
					b.Fatal(err)
				}
				if h := heapBytes(); h > peak.Load() {
					peak.Store(h)
				}
				worst = max(worst, float64(peak.Load()-min(base, peak.Load()))/float64(len(raw)))
			}
			b.ReportMetric(worst, "peak-heap-B/input-B")
		})
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
