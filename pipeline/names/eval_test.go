package names

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/langid"
)

// A goldMention is one line of a gold TSV: a (file, entity, surface form)
// the names stage should find, once per distinct surface form.
type goldMention struct{ file, entity, surface string }

func readGold(t testing.TB, path string) []goldMention {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldMention
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", path, n, len(fs))
		}
		out = append(out, goldMention{file: filepath.Base(fs[0]), entity: fs[1], surface: fs[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// loadArticle builds a document from a text file, one paragraph a line,
// dropping the lines furniture lists for it.
func loadArticle(t testing.TB, path, lang string, furniture map[string]bool) *pipeline.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(path)
	d := &pipeline.Document{Meta: pipeline.Meta{Source: name, Language: lang}}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || furniture[name+"\t"+line] {
			continue
		}
		d.Blocks = append(d.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: line})
	}
	return d
}

func readFurniture(t testing.TB) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("testdata/furniture.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	return out
}

// langOfFile reads the language from a sample's name: "az-…", "ru-…";
// the rest are English.
func langOfFile(name string) string {
	if i := strings.IndexByte(name, '-'); i == 2 {
		return name[:2]
	}
	return "en"
}

// scores are the figures of one evaluation.
type scores struct {
	precision, recall, linkP, linkR, linkF1 float64
	found, correct, gold                    int
	missed, spurious                        []string
	backRefs, unresolved                    int
}

func (s scores) String() string {
	return fmt.Sprintf("mentions: precision %.3f (%d/%d), recall %.3f (%d/%d); linking pairwise P %.3f R %.3f F1 %.3f; %d in-article back-references and %d unresolved not counted",
		s.precision, s.correct, s.found, s.recall, s.correct, s.gold, s.linkP, s.linkR, s.linkF1, s.backRefs, s.unresolved)
}

// evaluate compares the mentions of docs with gold as sets of (file,
// surface form). A one-word mention whose entity the same article also
// names in full ("Askarov" after "Zahir Askarov") is a back-reference:
// the gold lists each entity's surface forms, and its full form already,
// so back-references are left out of precision; their linking is tested
// on their own. Linking is scored over the pairs of gold mentions found.
func evaluate(docs []*pipeline.Document, gold []goldMention) scores {
	type key struct{ file, surface string }
	goldEntity := map[key]string{}
	for _, g := range gold {
		goldEntity[key{g.file, g.surface}] = g.entity
	}
	found := map[key]string{} // → predicted entity, "?" when unresolved
	var s scores
	for _, d := range docs {
		full := map[string]bool{}
		for _, m := range d.Mentions {
			if m.Entity != "" && strings.ContainsAny(strings.TrimSpace(m.Text), " \u200c") {
				full[m.Entity] = true
			}
		}
		for _, m := range d.Mentions {
			if m.Unresolved {
				s.unresolved++
				continue // reported, not linked: checked on its own
			}
			k := key{d.Meta.Source, m.Text}
			if _, isGold := goldEntity[k]; !isGold && m.Entity != "" && full[m.Entity] && !strings.Contains(m.Text, " ") {
				s.backRefs++
				continue
			}
			if _, ok := found[k]; ok {
				continue
			}
			e := m.Entity
			if m.Unresolved {
				e = "?"
			}
			found[k] = e
		}
	}
	var goldFound []key
	for k := range found {
		if _, ok := goldEntity[k]; ok {
			s.correct++
			goldFound = append(goldFound, k)
		} else {
			s.spurious = append(s.spurious, k.file+": "+k.surface)
		}
	}
	for _, g := range gold {
		if _, ok := found[key{g.file, g.surface}]; !ok {
			s.missed = append(s.missed, g.file+": "+g.surface)
		}
	}
	sort.Strings(s.spurious)
	s.found, s.gold = len(found), len(gold)
	s.precision = ratio(s.correct, s.found)
	s.recall = ratio(s.correct, s.gold)
	var tp, fp, fn int
	for i := range goldFound {
		for j := i + 1; j < len(goldFound); j++ {
			a, b := goldFound[i], goldFound[j]
			same := goldEntity[a] == goldEntity[b]
			pred := found[a] == found[b] && found[a] != "?"
			switch {
			case same && pred:
				tp++
			case pred:
				fp++
			case same:
				fn++
			}
		}
	}
	s.linkP, s.linkR = ratio(tp, tp+fp), ratio(tp, tp+fn)
	if s.linkP+s.linkR > 0 {
		s.linkF1 = 2 * s.linkP * s.linkR / (s.linkP + s.linkR)
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// sampleBatch loads the project's sample articles as one batch.
func sampleBatch(t testing.TB) []*pipeline.Document {
	return globBatch(t, "../../testdata/articles/*.txt", readFurniture(t))
}

// globBatch loads the articles pattern matches as one batch, each in the
// language its file name gives, dropping the lines in furniture.
func globBatch(t testing.TB, pattern string, furniture map[string]bool) []*pipeline.Document {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no articles match %s: %v", pattern, err)
	}
	var docs []*pipeline.Document
	for _, p := range paths {
		docs = append(docs, loadArticle(t, p, langOfFile(filepath.Base(p)), furniture))
	}
	return docs
}

func TestCorpusGold(t *testing.T) {
	docs := sampleBatch(t)
	namesMeetGold(t, docs, "../../testdata/names/corpus.gold.tsv")
}

// namesMeetGold runs the names stage over docs as one batch and fails
// unless precision, recall and linking F1 against the gold file are all
// at least 0.95; it logs what was missed and what was spurious.
func namesMeetGold(t *testing.T, docs []*pipeline.Document, goldPath string) {
	t.Helper()
	applyNames(t, docs)
	s := evaluate(docs, readGold(t, goldPath))
	t.Log(s)
	checkScore(t, s, s.missed, "recall")
}

// applyNames runs the names stage over docs as one batch.
func applyNames(t *testing.T, docs []*pipeline.Document) {
	t.Helper()
	if err := New(Options{}).ApplyBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
}

// checkScore logs missed and what s found spuriously, and fails unless
// s's precision, recall (named so in the message) and linking F1 are all
// at least 0.95.
func checkScore(t *testing.T, s scores, missed []string, recall string) {
	t.Helper()
	for _, m := range missed {
		t.Log("missed:", m)
	}
	for _, m := range s.spurious {
		t.Log("spurious:", m)
	}
	if s.precision < 0.95 || s.recall < 0.95 || s.linkF1 < 0.95 {
		t.Errorf("want precision, %s and linking F1 ≥ 0.95; %s", recall, s)
	}
}

// peaceBatch loads the peace-talks articles written for these tests.
func peaceBatch(t testing.TB) []*pipeline.Document {
	return globBatch(t, "testdata/peace/*.txt", nil)
}

func TestPeaceGold(t *testing.T) {
	docs := peaceBatch(t)
	namesMeetGold(t, docs, "testdata/peace.gold.tsv")
	// Heydar and Ilham Aliyev share the English article: a bare "Aliyev"
	// there is ambiguous and must say so.
	var unresolved []string
	for _, d := range docs {
		for _, m := range d.Mentions {
			if m.Unresolved {
				unresolved = append(unresolved, d.Meta.Source+": "+m.Text)
			}
		}
	}
	if want := []string{"en-peace-talks.txt: Aliyev"}; fmt.Sprint(unresolved) != fmt.Sprint(want) {
		t.Errorf("unresolved = %q, want %q", unresolved, want)
	}
}

// cleanedBatch runs the real clean stage over the project's sample
// scrapes, as the pipeline does before the names stage.
func cleanedBatch(t testing.TB) []*pipeline.Document {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample articles: %v", err)
	}
	cl := clean.New(langid.New())
	var docs []*pipeline.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := cl.Text(context.Background(), string(data), filepath.Base(p))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		d.Meta.Source = filepath.Base(p)
		docs = append(docs, d)
	}
	return docs
}

// inText keeps the gold mentions whose surface form the documents still
// hold after cleaning: the clean stage drops related-article teasers by
// design, and the names in them with it.
func inText(docs []*pipeline.Document, gold []goldMention) []goldMention {
	texts := map[string]string{}
	for _, d := range docs {
		var sb strings.Builder
		d.MetaUnits(func(_ pipeline.Ref, t *string) { sb.WriteString(*t + "\n") })
		d.Units(func(_ pipeline.Ref, t *string) { sb.WriteString(*t + "\n") })
		texts[d.Meta.Source] = sb.String()
	}
	var out []goldMention
	for _, g := range gold {
		if strings.Contains(texts[g.file], g.surface) {
			out = append(out, g)
		}
	}
	return out
}

// TestCorpusGoldCleaned scores the names stage on the documents the clean
// stage makes of the sample scrapes: titles, standfirsts and bylines in
// Meta, furniture and teasers gone.
func TestCorpusGoldCleaned(t *testing.T) {
	docs := cleanedBatch(t)
	applyNames(t, docs)
	gold := readGold(t, "../../testdata/names/corpus.gold.tsv")
	present := inText(docs, gold)
	all := evaluate(docs, gold)
	s := evaluate(docs, present)
	t.Logf("over all %d gold mentions: recall %.3f (%d/%d)", len(gold), all.recall, all.correct, all.gold)
	t.Logf("over the %d in the cleaned text: %s", len(present), s)
	checkScore(t, s, all.missed, "recall (of mentions in the cleaned text)")
}
