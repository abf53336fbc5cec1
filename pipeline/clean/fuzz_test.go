package clean

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

func FuzzText(f *testing.F) {
	for _, name := range samples {
		f.Add(readSample(f, name))
	}
	var pages []string
	for _, dir := range []string{"pages", "unseen", "heldout"} {
		found, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		pages = append(pages, found...)
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("Title\n14 ноября 2022\nBloomberg\nNov 2\n")
	f.Add("Related\nComments\n۲۴ آبان ۱۴۰۱\n")
	// No language detector: under the fuzzer's coverage instrumentation
	// lingua-go's model look-ups run a few executions a minute, and what is
	// fuzzed here is the line analysis; TestPages covers the languages.
	c := New(nil)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := c.Text(context.Background(), text, "fuzz.txt")
		if err != nil {
			if !errors.Is(err, pipeline.ErrEmpty) && !errors.Is(err, pipeline.ErrNoBody) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if len(doc.Blocks) == 0 {
			t.Fatal("document without blocks")
		}
		for _, b := range doc.Blocks {
			if b.HasItems() && len(b.Items) == 0 {
				t.Fatalf("%s block without items", b.Kind)
			}
		}
	})
}

// synthCorpus builds n varied articles from the samples: their headers
// and paragraphs shuffled and recombined, with furniture of several
// languages around them, so no two articles are the same.
func synthCorpus(tb testing.TB, n int) []string {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var paragraphs []string
	for _, name := range samples {
		for _, l := range strings.Split(readSample(tb, name), "\n") {
			if len(l) >= minBodyLine {
				paragraphs = append(paragraphs, l)
			}
		}
	}
	top := [][]string{
		{"Skip to main content", "Menu", "Subscribe"},
		{"Əsas səhifə", "Xəbərlər", "Siyasət", "Axtar"},
		{"Главная", "Политика", "Экономика"},
		{"صفحه اصلی", "سیاست"},
		{"close button", "Switch to Light?", "Politics"},
	}
	bottom := [][]string{
		{"Share this article", "Related stories", "Another headline about something else"},
		{"Paylaş", "Facebook", "Oxşar xəbərlər", "Digər xəbər başlığı", "© 2022 Bütün hüquqlar qorunur"},
		{"Подписывайтесь на наш канал в Telegram", "Читайте также", "Другой заголовок"},
		{"نظرات", "بخش پاسخگویی را ببینید"},
		{"comments", "Sports", "Next Story Title Here", "November 21, 2022", "Akhtar Safi", "1 min read"},
	}
	dates := []string{"November 22, 2022", "14 noyabr 2022, 11:42", "14 ноября 2022 13:05", "۲۴ آبان ۱۴۰۱", "16 Nov 2022", "2023-05-03"}
	bylines := []string{"By Staff Reporter", "Müəllif: Redaksiya", "Автор: Лейла Мамедова", "Ebrahim Ramezani", "Von Anna Schmidt"}
	out := make([]string, n)
	for i := range out {
		var sb strings.Builder
		for _, l := range top[rng.IntN(len(top))] {
			sb.WriteString(l + "\n")
		}
		fmt.Fprintf(&sb, "Article number %d about the region\n", i)
		sb.WriteString(dates[rng.IntN(len(dates))] + "\n")
		sb.WriteString(bylines[rng.IntN(len(bylines))] + "\n")
		if rng.IntN(2) == 0 {
			fmt.Fprintf(&sb, "%d min read\n", 1+rng.IntN(9))
		}
		for p := 0; p < 6+rng.IntN(10); p++ {
			if p == 4 && rng.IntN(2) == 0 {
				sb.WriteString("\nA Subheading for the Middle Part\n\n")
			}
			sb.WriteString(paragraphs[rng.IntN(len(paragraphs))] + "\n")
			if rng.IntN(8) == 0 {
				sb.WriteString("Advertisement\n")
			}
		}
		for _, l := range bottom[rng.IntN(len(bottom))] {
			sb.WriteString(l + "\n")
		}
		out[i] = sb.String()
	}
	return out
}

func BenchmarkClean(b *testing.B) {
	corpus := synthCorpus(b, 1000)
	c := newCleaner()
	ctx := context.Background()
	for _, text := range corpus[:20] {
		c.Text(ctx, text, "warm.txt") // load the language models outside the timing
	}
	bytes := 0
	for _, text := range corpus {
		bytes += len(text)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	articles := 0
	for b.Loop() {
		for i, text := range corpus {
			if _, err := c.Text(ctx, text, fmt.Sprintf("synth-%d.txt", i)); err != nil {
				b.Fatal(err)
			}
			articles++
		}
	}
	b.ReportMetric(float64(articles)/time.Since(start).Seconds(), "articles/s")
}

func BenchmarkHTML(b *testing.B) {
	page := readPage(b, "en-riverside.html")
	c := newCleaner()
	ctx := context.Background()
	c.HTML(ctx, page, "warm.html")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	start := time.Now()
	pages := 0
	for b.Loop() {
		if _, err := c.HTML(ctx, page, "en-riverside.html"); err != nil {
			b.Fatal(err)
		}
		pages++
	}
	b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "articles/s")
}
