package translatebench

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
	"github.com/dossier-news/dossier/pipeline/translate/exonym"
)

var (
	pagesFile   = flag.String("pages", "", "ground-truth.json of scrapinghub/article-extraction-benchmark: news pages for TestNamesThroughApertium")
	maxPages    = flag.Int("max-pages", 0, "at most this many English pages per split; 0: all")
	showMissing = flag.Bool("show-missing", false, "print each protected person name the translation lacks")
	showCase    = flag.Bool("show-case", false, "print each name whose next word's case differs")
	spansOut    = flag.String("spans-out", "", "write a sample of protected spans to this TSV, to label by hand")
	spansOnly   = flag.Bool("spans-only", false, "measure only which spans are protected, without APy")
	leftOut     = flag.String("unprotected-out", "", "write the person spans left unprotected, with how often they came through whole, to this TSV")
)

// TestNamesThroughApertium measures names through a real Apertium APy
// (eng→spa) on real English news pages, each page translated twice: by
// the stage with names protected (as dossier does) and by Apertium alone
// with nothing protected. Pages are split by a hash of their id into dev
// and unseen halves; both are reported. It needs the pages, which are not
// in the repository (README, "Names through translation"):
//
//	go test ./bench/translate -run TestNamesThroughApertium -v -timeout 30m \
//	    -pages /work/data/xlat/ground-truth.json
func TestNamesThroughApertium(t *testing.T) {
	if *pagesFile == "" {
		t.Skip("pass -pages ground-truth.json (scrapinghub/article-extraction-benchmark) to measure")
	}
	var url string
	if !*spansOnly {
		url = apertiumtest.StartAPy(t)
	}
	splits := loadPages(t, *pagesFile)
	labels := readLabels(t, filepath.Join("testdata", "protected-spans.tsv"))
	damaged := readLabels(t, filepath.Join("testdata", "damaged-spans.tsv"))
	var sample, leftOutLines []string
	for _, name := range []string{"dev", "unseen"} {
		docs := splits[name]
		if *maxPages > 0 && len(docs) > *maxPages {
			docs = docs[:*maxPages]
		}
		if err := names.New(names.Options{}).ApplyBatch(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		spans := protectedSpans(docs)
		sample = append(sample, sampleSpans(name, spans, 100)...)
		names, judged := 0, 0
		for _, s := range sampleSpans(name, spans, 100) {
			if l, ok := labels[s]; ok {
				judged++
				if l {
					names++
				}
			}
		}
		t.Logf("%s: protected spans that are names (hand-labelled sample): %s of %d distinct spans", name, ratio{names, judged}.String(), len(spans))
		if *spansOnly {
			continue
		}
		protected := cloneDocs(docs)
		plain := cloneDocs(docs)
		for _, d := range plain {
			d.Mentions = nil
		}
		run := func(docs []*pipeline.Document) translate.Report {
			tr, err := apertium.New(translate.Config{URL: url}, nil)
			if err != nil {
				t.Fatal(err)
			}
			st, err := translate.NewStage(tr, translate.Options{To: "es", Concurrency: 2})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.ApplyBatch(context.Background(), docs); err != nil {
				t.Logf("%s: %v", name, err)
			}
			return st.Report()
		}
		rp := run(protected)
		run(plain)
		m := measure(docs, protected, plain)
		// Names left unprotected that the translation changed, by the
		// hand labels; an unlabelled one counts as a name.
		hurt, unlabelled := 0, 0
		for _, u := range m.unprotected {
			f := strings.Split(u, "\t")
			var got, n int
			fmt.Sscan(f[2], &got)
			fmt.Sscan(f[3], &n)
			if got == n {
				continue
			}
			l, ok := damaged[name+"\t"+f[0]+"\t"+f[1]]
			if !ok {
				unlabelled++
			}
			if l || !ok {
				hurt += n - got
			}
		}
		real := ratio{m.protectedPersons.n, m.protectedPersons.of + hurt}
		t.Logf("%s: %d pages, %d segments, %d requests, %d characters", name, len(docs), rp.Segments, rp.Requests, rp.Chars)
		t.Logf("%s: person-name occurrences whole: protected %s, Apertium alone %s", name, m.persons.String(), m.personsPlain.String())
		t.Logf("%s: protected person-name occurrences whole: %s", name, m.protectedPersons.String())
		t.Logf("%s: the same, with the unprotected occurrences of names (hand-labelled, %d spans unlabelled) the translation changed: %s", name, unlabelled, real.String())
		t.Logf("%s: places in their usual Spanish name (CLDR has one): protected %s, Apertium alone %s", name, m.places.String(), m.placesPlain.String())
		t.Logf("%s: word after a protected name has the case Apertium alone gives it, names Apertium knows: %s", name, m.nextCase.String())
		t.Logf("%s: the same, names Apertium does not know: %s; of the %d differences, %d are a lower-case word where Apertium alone put a capital after the unknown name", name, m.nextCaseUnknown.String(),
			m.nextCase.of-m.nextCase.n+m.nextCaseUnknown.of-m.nextCaseUnknown.n, m.lowerWhereAloneCapital)
		for _, u := range m.unprotected {
			leftOutLines = append(leftOutLines, name+"\t"+u)
		}
		t.Logf("%s: the same, counting a lower-case word as kept where the source has one after the name too: %s", name, m.nextCaseSource.String())
		t.Logf("%s: flagged names: %d lost of %d protected", name, m.lost, m.protectedPersons.of+m.protectedPlaces)
	}
	if *leftOut != "" {
		if err := os.WriteFile(*leftOut, []byte(strings.Join(leftOutLines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *spansOut != "" {
		if err := os.WriteFile(*spansOut, []byte(strings.Join(sample, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type ratio struct{ n, of int }

func (r ratio) String() string {
	if r.of == 0 {
		return "n/a (0)"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*float64(r.n)/float64(r.of), r.n, r.of)
}

type measures struct {
	persons, personsPlain, protectedPersons ratio
	places, placesPlain                     ratio
	nextCase, nextCaseUnknown               ratio
	protectedPlaces, lost                   int
	// lowerWhereAloneCapital counts the differences where the protected
	// translation has a lower-case word and Apertium alone a capital.
	lowerWhereAloneCapital int
	// nextCaseSource is nextCaseUnknown where a lower-case word after the
	// name also counts as kept when the source has a lower-case word
	// after it too: Apertium alone capitalises any word after a word it
	// does not know ("Neumann Había" for "Neumann had"), which is its
	// slip, not the grammar the protection must keep.
	nextCaseSource ratio
	// unprotected lists the person spans left to the engine: page, span,
	// occurrences whole, occurrences.
	unprotected []string
}

// measure compares each text unit of the source with its two
// translations. A person name counts as whole where the translation has
// it, verbatim or respelled safely, as often as the source unit does.
func measure(src, protected, plain []*pipeline.Document) measures {
	var m measures
	guard := translate.NewGuard(src, "es")
	for di, doc := range src {
		for _, p := range protected[di].Trail {
			for _, f := range p.Flags {
				if f.Code == pipeline.FlagNameLost {
					m.lost++
				}
			}
		}
		byRef := map[pipeline.Ref][]pipeline.Mention{}
		for _, mn := range doc.Mentions {
			byRef[mn.Ref] = append(byRef[mn.Ref], mn)
		}
		for ref, ms := range byRef {
			out, base := protected[di].Text(ref), plain[di].Text(ref)
			counted := map[string]bool{}
			for _, mn := range ms {
				if counted[mn.Text] {
					continue
				}
				counted[mn.Text] = true
				n := 0
				for _, o := range ms {
					if o.Text == mn.Text {
						n++
					}
				}
				switch mn.Kind {
				case "person":
					// Verbatim, or as the translation respelled it (the
					// mention's Found keeps the source's spelling).
					got := 0
					for form := range formsOf(protected[di], ref, mn.Text) {
						got = max(got, countName(out, form))
					}
					got = min(n, got)
					m.persons.n += got
					m.persons.of += n
					m.personsPlain.n += min(n, countName(base, mn.Text))
					m.personsPlain.of += n
					if guard.Protects(doc, mn) {
						m.protectedPersons.n += got
						m.protectedPersons.of += n
						if got < n && *showMissing {
							fmt.Printf("missing: %q %d of %d in %q\n", mn.Text, got, n, out)
						}
					} else {
						m.unprotected = append(m.unprotected, fmt.Sprintf("%s\t%s\t%d\t%d", doc.Meta.Source, mn.Text, got, n))
					}
				case "place":
					if guard.Protects(doc, mn) {
						m.protectedPlaces += n
					}
					local, ok := exonym.Name(mn.Text, "es")
					if !ok {
						continue
					}
					m.places.n += min(n, countName(out, local))
					m.places.of += n
					m.placesPlain.n += min(n, countName(base, local))
					m.placesPlain.of += n
				}
			}
			// The word after each protected name: paired occurrence by
			// occurrence where both translations have the name as often.
			for name := range counted {
				form := name
				for _, mn := range ms {
					if mn.Text == name && mn.Kind == "place" {
						if local, ok := exonym.Name(name, "es"); ok {
							form = local
						}
					}
				}
				a, b := nextWords(out, form), nextWords(base, name)
				if len(a) == 0 || len(a) != len(b) {
					continue
				}
				srcNext := nextWords(doc.Text(ref), name)
				for i := range a {
					// Only where both have the same word after the name:
					// elsewhere the sentences were built differently.
					if a[i] == "" || !strings.EqualFold(a[i], b[i]) {
						continue
					}
					same := isUpper(a[i]) == isUpper(b[i])
					r := &m.nextCaseUnknown
					if known(name) {
						r = &m.nextCase
					} else {
						m.nextCaseSource.of++
						lowerAsSource := len(srcNext) == len(a) && srcNext[i] != "" && !isUpper(srcNext[i]) && !isUpper(a[i])
						if same || lowerAsSource {
							m.nextCaseSource.n++
						}
					}
					r.of++
					if same {
						r.n++
					} else if !isUpper(a[i]) {
						m.lowerWhereAloneCapital++
					}
					if !same && *showCase {
						fmt.Printf("case: %s (known %v) | %q protected, %q alone\n", form, known(name), a[i], b[i])
					}
				}
			}
		}
	}
	return m
}

// known reports whether Apertium's English analyser knows every word of
// name: only then is the case it gives the word after the name its
// grammar's, not the capital it puts after any unknown word.
func known(name string) bool {
	if v, ok := knownNames[name]; ok {
		return v
	}
	cmd := exec.Command("lt-proc", filepath.Join(apertiumtest.ModesDir(), "..", "apertium-eng-spa", "eng-spa.automorf.bin"))
	cmd.Stdin = strings.NewReader(name + "\n")
	out, err := cmd.Output()
	v := err == nil && !strings.Contains(string(out), "/*")
	knownNames[name] = v
	return v
}

// knownNames remembers known's answers for one run of the measurement.
var knownNames = map[string]bool{}

// formsOf returns the spellings the translated doc gives, in unit ref, to
// the name the source spelled text: text itself, and each mention's new
// text where its Found is text.
func formsOf(doc *pipeline.Document, ref pipeline.Ref, text string) map[string]bool {
	forms := map[string]bool{text: true}
	for _, m := range doc.Mentions {
		if m.Ref == ref && m.Found == text {
			forms[m.Text] = true
		}
	}
	return forms
}

// countName counts name in text as a word of its own.
func countName(text, name string) int {
	n := 0
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return n
		}
		at, end := from+i, from+i+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isLetter(before) && !isLetter(after) {
			n++
		}
		from = end
	}
}

func isLetter(r rune) bool { return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// nextWords lists, for each occurrence of name in text, the word that
// follows it after a single space in the same sentence, or "".
func nextWords(text, name string) []string {
	var words []string
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return words
		}
		at, end := from+i, from+i+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		from = end
		if isLetter(before) || isLetter(after) {
			continue
		}
		w := ""
		if strings.HasPrefix(text[end:], " ") {
			rest := text[end+1:]
			j := strings.IndexFunc(rest, func(r rune) bool { return !isLetter(r) })
			if j < 0 {
				j = len(rest)
			}
			w = rest[:j]
		}
		words = append(words, w)
	}
}

func isUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// protectedSpans lists the spans the stage protects, one line each: the
// page, the span's text and kind.
func protectedSpans(docs []*pipeline.Document) []string {
	var out []string
	guard := translate.NewGuard(docs, "es")
	for _, d := range docs {
		for _, m := range d.Mentions {
			if guard.Protects(d, m) {
				out = append(out, d.Meta.Source+"\t"+m.Text+"\t"+m.Kind)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// sampleSpans draws the n spans whose hash (with the split) is lowest, so
// that the hand labels stay attached to the draw when the protected set
// changes: a span that stays protected stays drawn unless n spans of
// lower hash come in.
func sampleSpans(split string, spans []string, n int) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = split + "\t" + s
	}
	hash := func(s string) string { h := sha256.Sum256([]byte(s)); return string(h[:]) }
	sort.Slice(out, func(i, j int) bool { return hash(out[i]) < hash(out[j]) })
	return out[:min(n, len(out))]
}

// readLabels reads hand labels: a line of the sample, then a tab and y
// (a name of a person or place) or n.
func readLabels(t *testing.T, path string) map[string]bool {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("no labels: %v", err)
		return nil
	}
	labels := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		i := strings.LastIndexByte(line, '\t')
		if i < 0 || strings.HasPrefix(line, "#") {
			continue
		}
		labels[line[:i]] = line[i+1:] == "y"
	}
	return labels
}

func cloneDocs(docs []*pipeline.Document) []*pipeline.Document {
	out := make([]*pipeline.Document, len(docs))
	for i, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			panic(err)
		}
		var c pipeline.Document
		if err := json.Unmarshal(b, &c); err != nil {
			panic(err)
		}
		out[i] = &c
	}
	return out
}

// loadPages reads the benchmark's article bodies through ingest and
// clean, as dossier reads a text file, keeps those found to be English,
// and splits them by a hash of their id.
func loadPages(t *testing.T, path string) map[string][]*pipeline.Document {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages map[string]struct {
		URL  string `json:"url"`
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &pages); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(pages))
	for id := range pages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	dir := t.TempDir()
	in := &ingest.Ingester{Text: clean.Text, HTML: clean.HTML, MaxBytes: 1 << 20}
	splits := map[string][]*pipeline.Document{}
	for _, id := range ids {
		name := filepath.Join(dir, id[:16]+".txt")
		if err := os.WriteFile(name, []byte(pages[id].Body), 0o644); err != nil {
			t.Fatal(err)
		}
		srcs, errs := ingest.Expand([]string{name})
		if len(errs) > 0 {
			t.Fatal(errs[0])
		}
		doc, err := in.Load(context.Background(), srcs[0])
		if err != nil || doc.Meta.Language != "en" {
			continue
		}
		doc.Meta.Source = pages[id].URL
		split := "dev"
		if sha256.Sum256([]byte(id))[0]&1 == 1 {
			split = "unseen"
		}
		splits[split] = append(splits[split], doc)
	}
	return splits
}
