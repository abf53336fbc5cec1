package ner

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkTag tags the test sentences over and over, a mix of all the
// languages, and reports sentences per second on one goroutine.
func BenchmarkTag(b *testing.B) {
	m := defaultModel_(b)
	words := make([][]string, len(sentences))
	for i, s := range sentences {
		words[i] = strings.Fields(s.text)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		s := sentences[n%len(sentences)]
		m.Tag(s.lang, words[n%len(sentences)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkDecode decodes the embedded weights and reports the heap the
// model keeps (MB-model) and the peak heap while decoding (MB-peak).
func BenchmarkDecode(b *testing.B) {
	var kept, peak float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, err := Decode(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		peak = float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
		runtime.GC()
		runtime.ReadMemStats(&after)
		kept = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
		runtime.KeepAlive(m)
	}
	b.ReportMetric(kept, "MB-model")
	b.ReportMetric(peak, "MB-alloc")
}
