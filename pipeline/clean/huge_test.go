package clean

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// hugeWords are a few common words per language, enough to make
// sentences the cleaner takes for prose in each script it meets.
var hugeWords = [][]string{
	strings.Fields("the minister said government police court city report people officials country week talks border security agency statement on Tuesday after before during new former"),
	strings.Fields("министр заявил правительство полиция суд город доклад люди власти страна неделя переговоры граница безопасность агентство после"),
	strings.Fields("nazir bildirib hökumət polis məhkəmə şəhər hesabat insanlar rəsmilər ölkə həftə danışıqlar sərhəd təhlükəsizlik agentlik sonra"),
	strings.Fields("وزیر گفت دولت پلیس دادگاه شهر گزارش مردم مقامات کشور هفته مذاکرات مرز امنیت خبرگزاری پس"),
	strings.Fields("նախարարը հայտարարել կառավարություն ոստիկանություն դատարան քաղաք զեկույց մարդիկ պաշտոնյաներ երկիր շաբաթ բանակցություններ սահման անվտանգություն"),
}

// hugeJunk are lines a scrape of a big page, or of a file that is no
// article at all, is full of.
var hugeJunk = []string{"Share", "Advertisement", "Oxunub: 1234", "© 2022 All rights reserved", "Photo: Reuters", "Paylaş"}

// hugeText builds about size bytes of article-like text: a header, then
// paragraphs in several languages and scripts with junk lines between
// them, random runes among them, and some paragraphs printed twice.
func hugeText(size int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var sb strings.Builder
	sb.Grow(size + 4096)
	sb.WriteString("Home\nPolitics\nTalks on the border resume after a long pause\nNovember 22, 2022\nBy Staff Reporter\n")
	var recent []string
	for sb.Len() < size {
		switch r := rng.IntN(20); {
		case r == 0:
			sb.WriteString(hugeJunk[rng.IntN(len(hugeJunk))])
		case r == 1:
			for range 20 + rng.IntN(200) {
				sb.WriteRune(rune(0x21 + rng.IntN(0x2f0))) // Latin, Greek, symbols: noise
			}
		case r == 3:
			noise := make([]byte, 20+rng.IntN(400))
			for i := range noise {
				noise[i] = byte(rng.IntN(256))
			}
			// Bytes that are no text, made valid as --lossy makes them.
			sb.WriteString(strings.ReplaceAll(strings.ToValidUTF8(string(noise), "\uFFFD"), "\n", " "))
		case r == 2 && len(recent) > 0:
			sb.WriteString(recent[rng.IntN(len(recent))]) // a repeat
		default:
			words := hugeWords[rng.IntN(len(hugeWords))]
			var p strings.Builder
			for s := 0; s < 2+rng.IntN(4); s++ {
				n := 6 + rng.IntN(14)
				for w := range n {
					word := words[rng.IntN(len(words))]
					if w == 0 {
						r, size := utf8.DecodeRuneInString(word)
						word = string(unicode.ToTitle(r)) + word[size:]
					}
					p.WriteString(word)
					if w < n-1 {
						p.WriteByte(' ')
					}
				}
				fmt.Fprintf(&p, " %d. ", rng.IntN(1000))
			}
			text := strings.TrimSpace(p.String())
			if len(recent) < 64 {
				recent = append(recent, text)
			} else {
				recent[rng.IntN(len(recent))] = text
			}
			sb.WriteString(text)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func BenchmarkCleanHuge(b *testing.B) {
	text := hugeText(8<<20, 1)
	c := newCleaner()
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Text(ctx, text, "huge.txt"); err != nil {
			b.Fatal(err)
		}
	}
}

// checkCountingContext is live for its first live Err calls and
// cancelled from then on, so a test can stop the cleaner in the middle of
// its work without timing anything.
type checkCountingContext struct {
	context.Context
	live  int64
	calls atomic.Int64
}

func (c *checkCountingContext) Err() error {
	if c.calls.Add(1) > c.live {
		return context.Canceled
	}
	return nil
}

func TestCanceledMidway(t *testing.T) {
	text := hugeText(1<<20, 2)
	c := newCleaner()
	for _, live := range []int64{1, 2, 3, 5, 8} {
		t.Run(fmt.Sprintf("live for %d checks", live), func(t *testing.T) {
			ctx := &checkCountingContext{Context: context.Background(), live: live}
			if _, err := c.Text(ctx, text, "huge.txt"); !errors.Is(err, context.Canceled) {
				t.Errorf("error = %v, want context.Canceled", err)
			}
		})
	}
	t.Run("html", func(t *testing.T) {
		page := "<html><body><h1>Talks on the border resume</h1><p>" +
			strings.ReplaceAll(hugeText(1<<20, 3), "\n", "</p>\n<p>") + "</p></body></html>"
		for _, live := range []int64{1, 2, 3} {
			ctx := &checkCountingContext{Context: context.Background(), live: live}
			if _, err := c.HTML(ctx, page, "huge.html"); !errors.Is(err, context.Canceled) {
				t.Errorf("live for %d checks: error = %v, want context.Canceled", live, err)
			}
		}
	})
}

// TestDeadlineOnHugeInput checks that a deadline stops a 20 MiB input,
// which takes seconds to clean, instead of being noticed only at the end.
func TestDeadlineOnHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20 MiB input")
	}
	text := hugeText(20<<20, 4)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newCleaner().Text(ctx, text, "huge.txt")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want context.DeadlineExceeded", err)
	}
	t.Logf("stopped %v after the start", time.Since(start).Round(time.Millisecond))
}
