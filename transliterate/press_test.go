package transliterate

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCanonicalEnglishPress checks the canonical name against English
// press spellings of well-known people (testdata/press.tsv), with the
// English sources outnumbered by German, French, Azerbaijani, Russian
// and Persian ones.
func TestCanonicalEnglishPress(t *testing.T) {
	f, err := os.Open("testdata/press.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := New()
	var total, hits, hitsNoLang int
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		want := cols[0]
		var vs, noLang []Variant
		for i, c := range cols[1:] {
			lang, rest, ok1 := strings.Cut(c, ":")
			n, spelling, ok2 := strings.Cut(rest, ":")
			count, err := strconv.Atoi(n)
			if !ok1 || !ok2 || err != nil {
				t.Fatalf("press.tsv:%d: want lang:count:spelling, got %q", line, c)
			}
			for k := 0; k < count; k++ {
				src := fmt.Sprintf("%d-%d", i, k) // one article per mention
				vs = append(vs, Variant{Text: spelling, Count: 1, Source: src, Lang: lang})
				noLang = append(noLang, Variant{Text: spelling, Count: 1, Source: src})
			}
		}
		total++
		got := m.CanonicalName(vs, nil)
		if got == want {
			hits++
		} else {
			t.Logf("press.tsv:%d: canonical %q, English press %q", line, got, want)
		}
		if m.CanonicalName(noLang, nil) == want {
			hitsNoLang++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	share := float64(hits) / float64(total)
	t.Logf("English-press canonical: %d/%d = %.3f with source languages, %d/%d = %.3f without",
		hits, total, share, hitsNoLang, total, float64(hitsNoLang)/float64(total))
	if share < 0.9 {
		t.Errorf("English-press canonical for %.3f of %d people, want ≥ 0.9", share, total)
	}
}
