package names

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// hugeParagraph returns one paragraph of about size bytes in lang: the
// sample article's sentences over and over, with a person of a new name
// every few sentences, so the batch keeps meeting names it has not seen.
func hugeParagraph(t testing.TB, lang string, size int) string {
	t.Helper()
	file := map[string]string{
		"en": "../../testdata/articles/en-eurasia-2022-11-16.txt",
		"ru": "../../testdata/articles/ru-sgb-2022-11-14.txt",
		"az": "../../testdata/articles/az-dtx-2022-11-14.txt",
		"fa": "../../testdata/articles/fa-iranwire-2022-11-15.txt",
	}[lang]
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.Join(strings.Fields(string(data)), " ")
	syll := []string{"ba", "ka", "ri", "mu", "sel", "dor", "an", "vi", "tal", "ne", "zo", "gur"}
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		sb.WriteString(seed)
		n := i
		var name strings.Builder
		for range 3 {
			name.WriteString(syll[n%len(syll)])
			n /= len(syll)
		}
		s := name.String()
		fmt.Fprintf(&sb, " President %s %sov said so. ", strings.ToUpper(s[:1])+s[1:], strings.ToUpper(s[1:2])+s[2:])
	}
	return sb.String()[:size]
}

func hugeDoc(t testing.TB, lang string, size int) *pipeline.Document {
	text := strings.ToValidUTF8(hugeParagraph(t, lang, size), "")
	return &pipeline.Document{Meta: pipeline.Meta{Source: "huge.txt", Language: lang, Title: "Huge"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: text}}}
}

// BenchmarkHugeParagraph runs the stage over one article that is one long
// paragraph: the stage must take time in proportion to its length.
func BenchmarkHugeParagraph(b *testing.B) {
	for _, lang := range []string{"en", "fa"} {
		for _, mib := range []int{1, 4, 16} {
			b.Run(fmt.Sprintf("%s/%dMiB", lang, mib), func(b *testing.B) {
				stage := New(Options{CanonicalNames: true})
				doc := hugeDoc(b, lang, mib<<20)
				b.SetBytes(int64(mib << 20))
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					d := &pipeline.Document{Meta: doc.Meta, Blocks: append([]pipeline.Block(nil), doc.Blocks...)}
					if err := stage.ApplyBatch(context.Background(), []*pipeline.Document{d}); err != nil {
						b.Fatal(err)
					}
				}
				// On a shared machine wall time says little; CPU time
				// (all threads, the collector's included) bounds it.
				b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}

// TestHugeParagraphCancelled checks that a cancelled context stops the
// stage on one long paragraph, with the context's error.
func TestHugeParagraphCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := hugeDoc(t, "en", 1<<20)
	err := New(Options{}).ApplyBatch(ctx, []*pipeline.Document{doc})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ApplyBatch with a cancelled context = %v, want context.Canceled", err)
	}
}
