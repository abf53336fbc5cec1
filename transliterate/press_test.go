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
	m := New()
	var total, hits, hitsNoLang int
	for _, row := range readPress(t) {
		vs := row.mentions
		noLang := make([]Variant, len(vs))
		for i, v := range vs {
			noLang[i] = v
			noLang[i].Lang = ""
		}
		want := row.want
		total++
		got := m.CanonicalName(vs, nil)
		if got == want {
			hits++
		} else {
			t.Logf("%s: canonical %q", want, got)
		}
		if m.CanonicalName(noLang, nil) == want {
			hitsNoLang++
		}
	}
	share := float64(hits) / float64(total)
	t.Logf("English-press canonical: %d/%d = %.3f with source languages, %d/%d = %.3f without",
		hits, total, share, hitsNoLang, total, float64(hitsNoLang)/float64(total))
	if share < 0.9 {
		t.Errorf("English-press canonical for %.3f of %d people, want ≥ 0.9", share, total)
	}
}

// TestClusterVariantsEnglishPress clusters the mentions of every person
// in testdata/press.tsv together, each with its source's language, and
// checks that each person is one cluster named as the English press
// writes the name.
func TestClusterVariantsEnglishPress(t *testing.T) {
	var mentions []Variant
	var want []string
	for _, row := range readPress(t) {
		for _, v := range row.mentions {
			mentions = append(mentions, Variant{Text: v.Text, Lang: v.Lang})
			want = append(want, row.want)
		}
	}
	out, err := (&Clusterer{Matcher: New()}).ClusterVariants(t.Context(), mentions)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{} // person → cluster name
	people, right := 0, 0
	for i, a := range out {
		if c, ok := named[want[i]]; ok {
			if c != a.Canonical {
				t.Errorf("%s: mention %q in cluster %q, another in %q", want[i], mentions[i].Text, a.Canonical, c)
			}
			continue
		}
		named[want[i]] = a.Canonical
		people++
		if a.Canonical == want[i] {
			right++
		} else {
			t.Logf("%s: cluster named %q", want[i], a.Canonical)
		}
	}
	t.Logf("clusters named as the English press writes them: %d/%d", right, people)
	if float64(right) < 0.9*float64(people) {
		t.Errorf("English-press cluster names for %d of %d people, want ≥ 90%%", right, people)
	}
}

// A pressRow is one person of testdata/press.tsv: the English press
// spelling and the mentions, each with its source's language.
type pressRow struct {
	want     string
	mentions []Variant // one per mention, Count 1, Source one article each
}

// readPress reads testdata/press.tsv: "want<TAB>lang:count:spelling…".
func readPress(t *testing.T) []pressRow {
	t.Helper()
	f, err := os.Open("testdata/press.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []pressRow
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		row := pressRow{want: cols[0]}
		for i, c := range cols[1:] {
			lang, rest, ok1 := strings.Cut(c, ":")
			n, spelling, ok2 := strings.Cut(rest, ":")
			count, err := strconv.Atoi(n)
			if !ok1 || !ok2 || err != nil {
				t.Fatalf("press.tsv:%d: want lang:count:spelling, got %q", line, c)
			}
			for k := 0; k < count; k++ {
				src := fmt.Sprintf("%d-%d", i, k) // one article per mention
				row.mentions = append(row.mentions, Variant{Text: spelling, Count: 1, Source: src, Lang: lang})
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}
