package export

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/xhtml"
)

var created = time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)

// textBytes is the size of the briefing's text, the throughput's measure.
func textBytes(b *exporters.Briefing) int64 {
	var n int64
	for _, d := range b.Documents {
		n += int64(len(d.PlainText()))
	}
	return n
}

func benchmark(b *testing.B, e exporters.Exporter, articles int) {
	briefing := Briefing(articles, created)
	ctx := context.Background()
	var out bytes.Buffer
	b.SetBytes(textBytes(briefing))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := e.Export(ctx, &out, briefing); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(out.Len()), "out-bytes")
}

func BenchmarkXHTML100(b *testing.B) { benchmark(b, xhtml.New(), 100) }
func BenchmarkEPUB100(b *testing.B)  { benchmark(b, epub.New(), 100) }

// TestCorpus keeps the generated corpus honest: valid mentions, every
// language present, and Markdown for each article.
func TestCorpus(t *testing.T) {
	b := Briefing(8, created)
	langs := map[string]bool{}
	for i, d := range b.Documents {
		langs[d.Meta.Language] = true
		for _, m := range d.Mentions {
			if got := d.Text(m.Ref); got[m.Start:m.End] != m.Text {
				t.Errorf("article %d: mention %q spans %q", i, m.Text, got[m.Start:m.End])
			}
		}
		if len(Markdown(d)) < 1000 {
			t.Errorf("article %d: Markdown too short", i)
		}
	}
	if len(langs) != 4 {
		t.Errorf("languages = %v, want 4", langs)
	}
	if len(b.Index.Entities) == 0 {
		t.Error("no index")
	}
}
